import Foundation
import RehabKit

/// Prints diagnostics as `path:line:col: error: message` with `note:` lines, coloured only when
/// the stream is a terminal.
struct DiagnosticPrinter {
    var colour: Bool

    static func forStandardError() -> DiagnosticPrinter {
        DiagnosticPrinter(colour: isatty(STDERR_FILENO) == 1 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil)
    }

    func format(_ d: Diagnostic) -> String {
        // Messages quote values from YAML: their control characters never reach the terminal.
        // A finding about an argument has no place in a file: "error: message" alone.
        let at = d.location.isCommandLine ? "" : bold(UserText.plain("\(d.location):")) + " "
        var lines = ["\(at)\(label(d.severity)) \(bold(UserText.plain(d.message)))"]
        for note in d.notes {
            lines.append("\(at)\(paint("note:", "36")) \(UserText.plain(note))")
        }
        return lines.joined(separator: "\n")
    }

    private func label(_ s: Severity) -> String {
        s == .error ? paint("error:", "31") : paint("warning:", "35")
    }

    private func bold(_ s: String) -> String { colour ? "\u{1B}[1m\(s)\u{1B}[0m" : s }

    private func paint(_ s: String, _ code: String) -> String { colour ? "\u{1B}[1;\(code)m\(s)\u{1B}[0m" : s }
}
