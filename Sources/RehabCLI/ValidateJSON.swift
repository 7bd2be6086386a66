import RehabKit

/// A diagnostic as `rehab validate --format json` gives it.
enum JSONOutput {
    struct Entry: Encodable {
        var file: String
        var line: Int
        var column: Int
        var severity: String
        var message: String
        var notes: [String]
    }

    static func entry(_ d: Diagnostic) -> Entry {
        Entry(
            file: d.location.file, line: d.location.line, column: d.location.column,
            severity: d.severity.rawValue, message: d.message, notes: d.notes)
    }
}
