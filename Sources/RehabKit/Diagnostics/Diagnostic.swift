import YAMLReader

/// Where something stands: a file (as the user named it) and a 1-based line and column.
public struct SourceLocation: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int

    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    public init(file: String, mark: Mark) {
        self.init(file: file, line: mark.line, column: mark.column)
    }

    public static func < (a: SourceLocation, b: SourceLocation) -> Bool {
        (a.file, a.line, a.column) < (b.file, b.line, b.column)
    }

    public var description: String { isCommandLine ? "command line" : "\(file):\(line):\(column)" }

    /// A finding about a command's argument, not about a file (a plan id that names nothing): it
    /// has no file, line or column to show.
    public static let commandLine = SourceLocation(file: "", line: 0, column: 0)

    public var isCommandLine: Bool { self == Self.commandLine }
}

public enum Severity: String, Sendable, Codable, Comparable {
    case error, warning

    public static func < (a: Severity, b: Severity) -> Bool { a == .error && b == .warning }
}

/// One finding about an author's file. Messages start lower-case, quote values in '…' and end
/// without a full stop; notes say what to do or where a related thing stands.
public struct Diagnostic: Hashable, Sendable, CustomStringConvertible {
    public var severity: Severity
    public var location: SourceLocation
    public var message: String
    public var notes: [String]

    public init(_ severity: Severity, _ message: String, at location: SourceLocation, notes: [String] = []) {
        self.severity = severity
        self.location = location
        self.message = message
        self.notes = notes
    }

    public static func error(_ message: String, at location: SourceLocation, notes: [String] = []) -> Diagnostic {
        Diagnostic(.error, message, at: location, notes: notes)
    }

    public static func warning(_ message: String, at location: SourceLocation, notes: [String] = []) -> Diagnostic {
        Diagnostic(.warning, message, at: location, notes: notes)
    }

    /// `path:line:col: error: message` and one `note:` line per note.
    public var description: String {
        (["\(location): \(severity.rawValue): \(message)"] + notes.map { "\(location): note: \($0)" })
            .joined(separator: "\n")
    }
}

extension Array where Element == Diagnostic {
    /// By file, line, column; errors before warnings at one place; the same finding once.
    public func sortedForReport() -> [Diagnostic] {
        var seen = Set<Diagnostic>()
        return filter { seen.insert($0).inserted }
            .sorted { ($0.location, $0.severity, $0.message) < ($1.location, $1.severity, $1.message) }
    }

    public var hasErrors: Bool { contains { $0.severity == .error } }
}
