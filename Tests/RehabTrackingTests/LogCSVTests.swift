import Foundation
import PropertyBased
import RehabKit
import RehabTracking
import TestSupport
import Testing

struct LogCSVTests {
    static let plan = "gentle-start-osteopenia"

    static func entries(note: String?, reason: String?) -> [LogEntry] {
        [
            LogEntry(
                plan: plan, date: day("2026-11-30"), kind: .session, item: "walking-gentle", session: 1,
                outcome: .partial,
                pain: 2, note: note, reason: reason)
        ]
    }

    @Test(arguments: ["=1+1", "+33 1 23", "-2 better", "@SUM(A1)", "\tTAB", "\rCR", "'=already quoted", "''@x"])
    func formulaLeadingCellsAreNeutralisedAndRestored(_ note: String) throws {
        let csv = LogCSV.export(Self.entries(note: note, reason: nil))
        let cell = String(
            csv.split(separator: "\n", omittingEmptySubsequences: false)[1].split(
                separator: ",", omittingEmptySubsequences: false)[9])
        #expect(cell.hasPrefix("'") || cell.hasPrefix("\"'"), "\(cell)")
        let back = LogCSV.parse(csv)
        #expect(back.problems.isEmpty)
        #expect(back.rows.first?.entry.note == note)
    }

    @Test func ordinaryApostrophesAreLeftAlone() throws {
        let csv = LogCSV.export(Self.entries(note: "'tis fine", reason: "it's raining"))
        #expect(csv.contains(",'tis fine,it's raining,"))
        #expect(LogCSV.parse(csv).rows.first?.entry.note == "'tis fine")
    }

    @Test func crAndLFAreQuoted() throws {
        for note in ["a\r\nb", "a\rb", "a\nb", " leading", "trailing\t"] {
            let csv = LogCSV.export(Self.entries(note: note, reason: nil))
            #expect(csv.contains("\"\(note)\"") || csv.contains("\"'\(note)\""), "\(note.debugDescription)")
            #expect(LogCSV.parse(csv).rows.first?.entry.note == note)
        }
    }

    /// The fixture of a clinic's CRLF file with formulas and a two-line note reads, and exports
    /// back into the same entries.
    @Test func aCRLFFileWithFormulaCellsReads() throws {
        let parsed = try LogCSV.read(file: Paths.fixtures + "/log/crlf-formula-notes.csv")
        #expect(parsed.problems.isEmpty, "\(parsed.problems)")
        #expect(
            parsed.rows.map(\.entry.note) == [
                "first line\r\nsecond line, with a comma", "=HYPERLINK(\"http://x\")", "-2 better",
            ])
        #expect(parsed.rows.map(\.entry.reason) == [nil, "@SUM(A1)", "+1"])
        let again = LogCSV.export(parsed.rows.map(\.entry))
        #expect(LogCSV.parse(again).rows.map(\.entry) == parsed.rows.map(\.entry))
    }

    /// Arbitrary Unicode (control characters, quotes, commas, CR, LF, formula leaders, combining
    /// marks, astral planes; not NUL, which SQLite text cannot hold) survives export → import → export.
    @Test func exportImportExportIsByteIdenticalForArbitraryNotes() async {
        let specials: [Unicode.Scalar] = [
            ",", "\"", "\r", "\n", "\t", " ", "'", "=", "+", "-", "@", "\u{301}", "\u{FEFF}", "\u{2028}",
        ]
        let scalar = Gen<UInt32>.value(in: 1...0x10FFFF).map { v -> Unicode.Scalar in
            if v % 3 == 0 { return specials[Int(v / 3) % specials.count] }
            if v % 3 == 1 { return Unicode.Scalar(UInt8(v % 127) | 1) }
            return Unicode.Scalar(v) ?? "\u{FFFD}"
        }
        let text = scalar.array(of: 0...24).map { s -> String in
            var view = String.UnicodeScalarView()
            view.append(contentsOf: s)
            return String(view)
        }
        await propertyCheck(input: text, text) { note, reason in
            let csv = LogCSV.export(Self.entries(note: note, reason: reason))
            let parsed = LogCSV.parse(csv)
            #expect(parsed.problems.isEmpty, "\(note.debugDescription) \(reason.debugDescription): \(parsed.problems)")
            let again = LogCSV.export(parsed.rows.map(\.entry))
            #expect(Array(again.utf8) == Array(csv.utf8), "\(note.debugDescription) \(reason.debugDescription)")
        }
    }

    /// The same through the store: what SQLite keeps comes back byte for byte.
    @Test func throughTheStoreTooForAwkwardNotes() throws {
        let c = try Clinic()
        let t = try c.tracking()
        let notes = ["=cmd|' /C calc'!A0", "a\r\nb", "\u{1F600}\u{301}", "\"quoted\", yes", "\r", "'-x", " x "]
        var entries: [LogEntry] = []
        for (i, n) in notes.enumerated() {
            entries.append(
                LogEntry(plan: Self.plan, date: day("2026-11-30").adding(days: i), kind: .pain, pain: 1, note: n))
        }
        try t.store!.add(entries)
        let csv = LogCSV.export(try t.store!.allEntries(plan: Self.plan))
        let other = try Clinic()
        let t2 = try other.tracking()
        let j = try t2.judge(LogCSV.parse(csv), today: day("2027-03-01"), replace: false)
        #expect(j.isAccepted, "\(j.problems)")
        try t2.store!.add(j.accepted.map(\.entry))
        #expect(LogCSV.export(try t2.store!.allEntries(plan: Self.plan)) == csv)
        #expect(try t2.store!.entries(plan: Self.plan).map(\.note) == notes)
    }
}

struct CSVReadingTests {
    static let header = LogCSV.header.joined(separator: ",")

    func problems(_ bytes: [UInt8]) throws -> [String] {
        let ws = try TemporaryWorkspace()
        let path = try ws.write("f.csv", Data(bytes))
        return try LogCSV.read(file: path).problems.map { "\($0.row):\($0.column): \($0.message)" }
    }

    @Test func malformedFieldsAreLocated() throws {
        let rows = [
            "gentle-start-osteopenia,2026-11-30,pain,,,,3,,,\"a\"b,",
            "gentle-start-osteopenia,2026-11-30,pain,,,,3,,,a\"b,",
        ]
        #expect(
            try problems(Array((Self.header + "\n" + rows.joined(separator: "\n") + "\n").utf8)) == [
                "2:10: characters after the closing quote of a field",
                "3:10: a quote inside an unquoted field (quote the whole field and double the quote)",
            ])
    }

    @Test func notUTF8AndNULAreErrors() throws {
        var bytes =
            Array((Self.header + "\ngentle-start-osteopenia,2026-11-30,pain,,,,3,,,").utf8) + [0xC3, 0x28]
            + Array(",\n".utf8)
        bytes += Array("gentle-start-osteopenia,2026-12-01,pain,,,,3,,,a".utf8) + [0] + Array("b,\n".utf8)
        #expect(try problems(bytes) == ["2:10: the field is not UTF-8 text", "3:10: the field holds a NUL character"])
    }

    @Test func aByteOrderMarkAndOldMacLineEndsAreRead() throws {
        let text = "\u{FEFF}" + Self.header + "\rgentle-start-osteopenia,2026-11-30,pain,,,,3,,,,\r"
        let parsed = LogCSV.parse(text)
        #expect(parsed.problems.isEmpty, "\(parsed.problems)")
        #expect(parsed.rows.map(\.entry.pain) == [3])
        #expect(parsed.rows.map(\.row) == [2])
    }
}

struct StoreAdoptionTests {
    /// An empty file with a WAL beside it may be a whole database in the WAL: refused, untouched.
    @Test func anEmptyFileWithAWALIsRefused() throws {
        let c = try Clinic()
        try c.ws.write(".rehab/progress.sqlite", Data())
        try c.ws.write(".rehab/progress.sqlite-wal", Data("not ours".utf8))
        #expect(throws: StoreError.self) { _ = try c.tracking() }
        #expect(FileManager.default.contents(atPath: c.dbPath + "-wal") == Data("not ours".utf8))
        #expect(FileManager.default.contents(atPath: c.dbPath) == Data())
    }
}

struct CSVEdgeTests {
    @Test func anEmptyFileIsAnError() {
        #expect(LogCSV.parse("").problems.map(\.message) == ["the file is empty (it needs at least the header row)"])
        #expect(LogCSV.parse("\n\n").problems.count == 1)
    }

    @Test func aVoidedSymptomIsNotReportedAsNews() {
        let csv =
            LogCSV.exportHeader.joined(separator: ",")
            + "\nbraced-t10-metastasis,2026-12-02,symptom,,,,,,numbness,,,2026-12-03T09:00:00Z,ana,wrong patient,,,\n"
        let parsed = LogCSV.parse(csv)
        #expect(parsed.problems.isEmpty)
        #expect(parsed.symptoms.isEmpty)
        #expect(parsed.rows.first?.voided?.reason == "wrong patient")
    }
}
