import Foundation
import RehabKit

/// The CSV of the printed sheet: one row per tick, pain or symptom (RFC 4180 quoting).
///
/// Reading streams the bytes (a file is read in 64 KiB chunks) with a limit per field and per row,
/// so a 50 MB field is an error at its row and column, never 50 MB in memory. Writing neutralises
/// cells a spreadsheet would take for a formula (OWASP's advice: a leading `'`), and reading takes
/// that quote off again, so export → import → export gives the same bytes.
public enum LogCSV {
    /// The columns of the sheet, in order.
    public static let header = [
        "plan", "date", "entry", "item", "session", "outcome", "pain", "rpe", "symptom", "note", "reason",
    ]
    /// The columns export adds: a voided entry's when, who and why (empty for live entries).
    public static let voidColumns = ["voided_at", "voided_by", "void_reason"]
    /// The columns of an outcome measure (`entry` `measure`): the test's id, the value in the test's
    /// unit, and the side (left or right) for a test measured on each side.
    public static let measureColumns = ["test", "value", "side"]
    /// Every column export writes (the measure's last, so the older layout is a prefix of this one).
    public static var exportHeader: [String] { header + voidColumns + measureColumns }
    /// The longest field read, in bytes (UTF-8).
    public static let maxFieldBytes = 4096
    /// The longest row read, in bytes.
    public static let maxRowBytes = 16 * 1024
    /// The most fields a row may have.
    public static let maxFields = 32

    // MARK: Writing

    /// The live entries, as `export(_: [StoredEntry])` writes them.
    public static func export(_ entries: [LogEntry]) -> String {
        export(entries.enumerated().map { StoredEntry(id: Int64($0.offset + 1), entry: $0.element) })
    }

    /// The entries (voided ones with when, who and why) in the sheet's layout.
    public static func export(_ entries: [StoredEntry]) -> String {
        var out = exportHeader.joined(separator: ",") + "\n"
        for s in entries {
            let e = s.entry
            let fields: [String?] = [
                e.plan, e.date.description, e.kind.rawValue, e.item, e.session.map(String.init),
                e.outcome?.rawValue, e.pain.map(String.init), e.rpe.map(String.init), e.symptom?.rawValue,
                e.note, e.reason, s.voided?.at, s.voided?.by, s.voided?.reason,
                e.test, e.value.map(OutcomeTest.text), e.side?.rawValue,
            ]
            out += fields.map { cell($0 ?? "") }.joined(separator: ",")
            out += "\n"
        }
        return out
    }

    /// Characters a spreadsheet reads as the start of a formula (OWASP, "CSV Injection").
    static let formulaLeaders: Set<Unicode.Scalar> = ["=", "+", "-", "@", "\t", "\r"]

    /// A cell that would start a formula gets a leading `'`. So that reading can take it off again
    /// without guessing, a cell that already starts with quotes before such a character gets one more:
    /// `=1+1` → `'=1+1`, `'=1+1` → `''=1+1`; `'hello` stays as it is.
    static func neutralised(_ s: String) -> String {
        let first = s.unicodeScalars.first { $0 != "'" }
        guard let first, formulaLeaders.contains(first) else { return s }
        return "'" + s
    }

    /// The reverse of `neutralised`: one leading `'` off a cell of quotes then a formula character.
    static func restored(_ s: String) -> String {
        guard s.unicodeScalars.first == "'" else { return s }
        let first = s.unicodeScalars.first { $0 != "'" }
        guard let first, formulaLeaders.contains(first) else { return s }
        return String(s.unicodeScalars.dropFirst())
    }

    /// A field as written: neutralised, and quoted when it holds a comma, a quote, CR or LF, or
    /// starts or ends with a space or tab (which reading trims from unquoted fields).
    static func cell(_ value: String) -> String {
        let s = neutralised(value)
        let scalars = s.unicodeScalars
        let needsQuotes =
            scalars.contains { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }
            || [scalars.first, scalars.last].contains { (c: Unicode.Scalar?) in
                c == Unicode.Scalar(" ") || c == Unicode.Scalar("\t")
            }
        guard needsQuotes else { return s }
        // Scalar by scalar: a quote followed by a combining mark is still a quote to double.
        var out = String.UnicodeScalarView()
        out.append("\"")
        for c in scalars {
            out.append(c)
            if c == "\"" { out.append("\"") }
        }
        out.append("\"")
        return String(out)
    }

    // MARK: Reading

    /// A problem at a row (the 1-based line it starts on; the header is row 1) and column (1-based field).
    public struct Problem: Error, Sendable, Equatable {
        public var row: Int
        public var column: Int
        public var message: String

        public init(row: Int, column: Int, message: String) {
            self.row = row
            self.column = column
            self.message = message
        }
    }

    /// Every problem of a file.
    public struct Problems: Error, Sendable {
        public var all: [Problem]

        public init(all: [Problem]) {
            self.all = all
        }
    }

    /// A red-flag symptom written anywhere in the file (also in a row that has other problems).
    public struct ReportedSymptom: Sendable, Equatable {
        public var row: Int
        public var plan: String
        public var date: String
        public var symptom: RedFlag
    }

    /// One row read into an entry.
    public struct Row: Sendable {
        public var row: Int
        public var entry: LogEntry
        /// A voided entry exported by `log export` (kept voided on import).
        public var voided: Voiding?

        public init(row: Int, entry: LogEntry, voided: Voiding? = nil) {
            self.row = row
            self.entry = entry
            self.voided = voided
        }
    }

    /// A file read: the rows that make entries, and every problem of the others.
    public struct Parsed: Sendable {
        public var rows: [Row] = []
        /// The 1-based column of each header name.
        public var columns: [String: Int] = [:]
        public var problems: [Problem] = []
        public var symptoms: [ReportedSymptom] = []
    }

    /// Reads CSV text (see `read(file:)`).
    public static func parse(_ text: String) -> Parsed {
        var reader = Reader()
        var scanner = CSVScanner()
        let bytes = Array(text.utf8)
        bytes.withUnsafeBufferPointer { buffer in
            scanner.feed(buffer) { reader.take($0) }
        }
        scanner.finish { reader.take($0) }
        return reader.finished()
    }

    /// Reads bytes as a file's are read: fed to the scanner `chunkSize` bytes at a time (tests and
    /// the fuzz target check that where the chunks end changes nothing).
    static func parse(bytes: [UInt8], chunkSize: Int) -> Parsed {
        var reader = Reader()
        var scanner = CSVScanner()
        let size = max(1, chunkSize)
        bytes.withUnsafeBufferPointer { all in
            var start = 0
            while start < all.count {
                let end = min(all.count, start + size)
                scanner.feed(UnsafeBufferPointer(rebasing: all[start..<end])) { reader.take($0) }
                start = end
            }
        }
        scanner.finish { reader.take($0) }
        return reader.finished()
    }

    /// Reads a file in chunks; never holds more than one row (within the limits) of it.
    public static func read(file: String) throws(Problems) -> Parsed {
        // Only a regular file: opening a named pipe or a device would block or never end.
        guard FileSystem.kind(file) == .file else {
            throw Problems(all: [
                Problem(
                    row: 1, column: 1,
                    message: "not a regular file (a pipe, a device or a folder): rehab reads only regular files")
            ])
        }
        guard let handle = FileHandle(forReadingAtPath: file) else {
            throw Problems(all: [Problem(row: 1, column: 1, message: "cannot read the file")])
        }
        defer { try? handle.close() }
        var reader = Reader()
        var scanner = CSVScanner()
        while true {
            let chunk: Data
            do {
                guard let c = try handle.read(upToCount: 64 * 1024), !c.isEmpty else { break }
                chunk = c
            } catch {
                throw Problems(all: [
                    Problem(
                        row: scanner.line, column: 1, message: "cannot read the file: \(error.localizedDescription)")
                ])
            }
            chunk.withUnsafeBytes { raw in
                scanner.feed(raw.bindMemory(to: UInt8.self)) { reader.take($0) }
            }
        }
        scanner.finish { reader.take($0) }
        return reader.finished()
    }

    /// Turns scanned rows into entries: the header first, then one entry per row.
    struct Reader {
        var parsed = Parsed()
        var headerCount: Int?
        var headerBroken = false

        mutating func take(_ row: CSVScanner.ScannedRow) {
            if let problem = row.problem {
                parsed.problems.append(problem)
                if headerCount == nil {
                    headerBroken = true
                    headerCount = 0
                }
                return
            }
            var fields: [(text: String, quoted: Bool)] = []
            for (i, f) in row.fields.enumerated() {
                guard var s = String(validating: f.bytes, as: UTF8.self) else {
                    parsed.problems.append(
                        Problem(row: row.line, column: i + 1, message: "the field is not UTF-8 text"))
                    if headerCount == nil {
                        headerBroken = true
                        headerCount = 0
                    }
                    return
                }
                if f.bytes.contains(0) {
                    parsed.problems.append(
                        Problem(row: row.line, column: i + 1, message: "the field holds a NUL character"))
                    if headerCount == nil {
                        headerBroken = true
                        headerCount = 0
                    }
                    return
                }
                if !f.quoted { s = s.trimmingCharacters(in: CharacterSet(charactersIn: " \t")) }
                fields.append((restored(s), f.quoted))
            }
            if headerCount == nil {
                header(fields.map(\.text), line: row.line)
            } else if !headerBroken {
                entry(fields, line: row.line)
            }
        }

        /// The result; a file without even a header is an error.
        func finished() -> Parsed {
            var p = parsed
            if headerCount == nil {
                p.problems.append(
                    Problem(row: 1, column: 1, message: "the file is empty (it needs at least the header row)"))
            }
            return p
        }

        mutating func header(_ names: [String], line: Int) {
            headerCount = names.count
            let known = LogCSV.exportHeader
            for (i, name) in names.enumerated() {
                let n = name.trimmingCharacters(in: .whitespaces).lowercased()
                if parsed.columns[n] != nil {
                    parsed.problems.append(
                        Problem(row: line, column: i + 1, message: "column '\(name)' is given twice"))
                } else if known.contains(n) {
                    parsed.columns[n] = i + 1
                } else {
                    parsed.problems.append(
                        Problem(
                            row: line, column: i + 1,
                            message: "unknown column '\(name)'"
                                + (DidYouMean.note(for: n, in: known).map { "; \($0)" } ?? "")))
                }
            }
            for required in ["plan", "date", "entry"] where parsed.columns[required] == nil {
                parsed.problems.append(Problem(row: line, column: 1, message: "the header has no '\(required)' column"))
            }
            if !parsed.problems.isEmpty { headerBroken = true }
        }

        mutating func entry(_ fields: [(text: String, quoted: Bool)], line: Int) {
            let columns = parsed.columns
            let count = headerCount ?? 0
            if fields.count != count {
                parsed.problems.append(
                    Problem(
                        row: line, column: min(fields.count, count) + 1,
                        message: "\(fields.count) fields where the header has \(count)"))
                return
            }
            func value(_ name: String) -> String? {
                guard let i = columns[name] else { return nil }
                let v = fields[i - 1].text
                return v.isEmpty ? nil : v
            }
            var problems: [Problem] = []
            func bad(_ name: String, _ message: String) {
                problems.append(Problem(row: line, column: columns[name] ?? 1, message: message))
            }
            func int(_ name: String) -> Int? {
                guard let v = value(name) else { return nil }
                guard let n = Int(v) else {
                    bad(name, "\(name) '\(v)' is not a whole number")
                    return nil
                }
                return n
            }
            let plan = value("plan")
            if plan == nil { bad("plan", "no plan") }
            let date = value("date").flatMap(LocalDate.init)
            if date == nil { bad("date", "date '\(value("date") ?? "")' is not YYYY-MM-DD") }
            let kind = value("entry").flatMap(EntryKind.init)
            if kind == nil { bad("entry", "entry '\(value("entry") ?? "")' is not session, pain, symptom or measure") }
            let session = int("session")
            let pain = int("pain")
            let rpe = int("rpe")
            var outcome: Outcome?
            if let o = value("outcome") {
                outcome = Outcome(rawValue: o)
                if outcome == nil { bad("outcome", "outcome '\(o)' is not done, partial or skipped") }
            }
            var symptom: RedFlag?
            if let s = value("symptom") {
                symptom = RedFlag(rawValue: s)
                if let symptom {
                    // A report withdrawn before the export is history, not news.
                    if value("voided_at") == nil {
                        parsed.symptoms.append(
                            ReportedSymptom(row: line, plan: plan ?? "", date: value("date") ?? "", symptom: symptom))
                    }
                } else {
                    bad("symptom", RedFlag.unknown(s))
                }
            }
            if let kind {
                if kind != .symptom, value("symptom") != nil {
                    bad("symptom", "a symptom belongs on its own row (entry 'symptom'), not on a \(kind.rawValue) row")
                }
                if kind == .session, let session, session < 1 {
                    bad("session", "session \(session): the sessions of a day are numbered from 1")
                }
            }
            var measured: Double?
            if let v = value("value") {
                if v.unicodeScalars.allSatisfy({ "0123456789.-+eE".unicodeScalars.contains($0) }), let x = Double(v),
                    x.isFinite
                {
                    measured = x
                } else {
                    bad("value", "value '\(v)' is not a number (write it with a point: 1.05)")
                }
            }
            var side: MeasureSide?
            if let s = value("side") {
                side = MeasureSide(rawValue: s)
                if side == nil { bad("side", "side '\(s)' is not left or right") }
            }
            if let kind, kind != .measure {
                for column in LogCSV.measureColumns where value(column) != nil {
                    bad(column, "\(column) belongs to a measure row (entry 'measure'), not to a \(kind.rawValue) row")
                }
            }
            var voided: Voiding?
            if let at = value("voided_at") {
                guard let reason = value("void_reason") else {
                    bad("void_reason", "a voided entry needs the reason it was voided")
                    parsed.problems += problems
                    return
                }
                voided = Voiding(at: at, by: value("voided_by") ?? "", reason: reason)
            } else if value("voided_by") != nil || value("void_reason") != nil {
                bad("voided_at", "a void reason or author without the time it was voided")
            }
            guard problems.isEmpty, let plan, let date, let kind else {
                parsed.problems += problems
                return
            }
            var e = LogEntry(
                plan: plan, date: date, kind: kind, item: value("item"), session: session, outcome: outcome,
                pain: pain, rpe: rpe, symptom: symptom, note: value("note"), reason: value("reason"),
                test: value("test"), value: measured, side: side)
            if kind == .session, e.session == nil { e.session = 1 }
            parsed.rows.append(Row(row: line, entry: e, voided: voided))
        }
    }
}
