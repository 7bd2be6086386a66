import Foundation
import RehabKit

/// `rehab log scan --accept FILE`: the clinician's confirmations of uncertain boxes.
enum ScanAcceptFile {
    /// An --accept file: `PLAN BOX ticked|empty` a line; a line starting with `#` is a comment.
    static func read(_ file: String) throws -> [String: [String: Bool]] {
        let text: String
        do {
            text = String(decoding: try FileSystem.read(file, limit: 4 * 1024 * 1024), as: UTF8.self)
        } catch {
            Output.err("\(file): error: cannot read the confirmations: \(error)")
            throw ExitStatus.invalidInput
        }
        var out: [String: [String: Bool]] = [:]
        var bad = false
        for (i, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            // Box ids hold '#' (walking#1@…): only a line that starts with '#' is a comment.
            let line = String(raw)
            if line.trimmingCharacters(in: .whitespaces).hasPrefix("#") { continue }
            let words = line.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" }).map(String.init)
            if words.isEmpty { continue }
            guard words.count == 3, words[2] == "ticked" || words[2] == "empty" else {
                let check = words.count == 3 && words[2] == "CHECK"
                Output.err(
                    UserText.plain(
                        check
                            ? "\(file):\(i + 1):\(line.range(of: "CHECK").map { line.distance(from: line.startIndex, to: $0.lowerBound) + 1 } ?? 1): error: look at this box on the sheet, then write 'ticked' or 'empty' in place of CHECK"
                            : "\(file):\(i + 1):1: error: expected 'PLAN BOX ticked' or 'PLAN BOX empty' (as 'rehab log scan' lists uncertain boxes)"
                    ))
                bad = true
                continue
            }
            out[words[0], default: [:]][words[1]] = words[2] == "ticked"
        }
        if bad { throw ExitStatus.invalidInput }
        return out
    }
}
