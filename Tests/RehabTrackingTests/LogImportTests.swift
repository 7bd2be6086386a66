import Foundation
import RehabKit
import RehabTracking
import TestSupport
import Testing

/// The import attack cases of issue 10, each a fixture under Tests/Fixtures/log/.
struct LogImportTests {
    static func fixture(_ name: String) throws -> String {
        try Paths.read(Paths.fixtures + "/log/" + name)
    }

    func judge(_ c: Clinic, _ t: Tracking, _ name: String, replace: Bool = false) throws -> LogJudgement {
        try t.judge(LogCSV.read(file: Paths.fixtures + "/log/" + name), today: day("2027-03-01"), replace: replace)
    }

    func lines(_ j: LogJudgement) -> [String] {
        j.problems.map { "\($0.row):\($0.column): \($0.message)" }
    }

    @Test func aPlanColumnGivenAsAPathStoresThePlanID() throws {
        let c = try Clinic()
        let t = try c.tracking()
        let j = try judge(c, t, "plan-path.csv")
        #expect(j.isAccepted, "\(lines(j))")
        #expect(j.accepted.map(\.entry.plan) == ["braced-t10-metastasis", "braced-t10-metastasis"])
        try t.store!.add(j.accepted.map(\.entry))
        // The symptom is seen by the safety check of the plan.
        let plan = try c.plan("braced-t10-metastasis", t)
        #expect(t.engine.check(try t.tracked(plan), in: t.open.workspace, asOf: day("2026-12-02"))?.status == .blocked)
    }

    @Test func aSymptomInAPainRowIsAnErrorAndStillReported() throws {
        let c = try Clinic()
        let t = try c.tracking()
        let j = try judge(c, t, "symptom-in-pain-row.csv")
        #expect(lines(j) == ["3:9: a symptom belongs on its own row (entry 'symptom'), not on a pain row"])
        #expect(j.symptoms.map(\.symptom) == [.legWeakness])
        #expect(j.symptoms.first?.row == 3)
    }

    @Test func sessionsAfterASymptomInTheSameFileAreRefused() throws {
        let c = try Clinic()
        let t = try c.tracking()
        let j = try judge(c, t, "sessions-after-symptom.csv")
        // Row 2 is dated after the symptom of row 3; row 4 is before it and fine.
        #expect(j.problems.map(\.row) == [2])
        #expect(j.problems.first?.message.hasPrefix("the plan is stopped by the safety check on 2026-12-08") == true)
    }

    @Test func aDuplicateWithinTheFileIsAnErrorEvenWithReplace() throws {
        let c = try Clinic()
        let t = try c.tracking()
        for replace in [false, true] {
            let j = try judge(c, t, "duplicate-pain.csv", replace: replace)
            #expect(lines(j) == ["3:7: the pain of 2026-11-30 is also in row 2: one entry each"])
        }
    }

    @Test func sessionZeroIsALocatedError() throws {
        let c = try Clinic()
        let t = try c.tracking()
        let j = try judge(c, t, "session-zero.csv")
        #expect(lines(j) == ["2:5: session 0: the sessions of a day are numbered from 1"])
    }

    @Test func everyProblemInOnePassWithRowNumbers() throws {
        let c = try Clinic()
        let t = try c.tracking()
        try t.store!.add([LogEntry(plan: "gentle-start-osteopenia", date: day("2026-11-30"), kind: .pain, pain: 2)])
        let csv = """
            \(CSVTests.header)
            gentle-start-osteopenia,2026-11-30,pain,,,,4,,,,
            gentle-start-osteopenia,2026-11-3O,session,walking-gentle,1,done,,,,,
            no-such-plan,2026-12-01,session,walking-gentle,1,done,,,,,
            gentle-start-osteopenia,2026-12-01,session,walking-gentel,1,done,,,,,
            "unclosed,
            """
        let j = try t.judge(LogCSV.parse(csv), today: day("2027-03-01"), replace: false)
        #expect(
            lines(j) == [
                "2:7: the pain of 2026-11-30 is already in the log; use --replace to change it",
                "3:2: date '2026-11-3O' is not YYYY-MM-DD",
                "4:1: no plan 'no-such-plan' in the workspace (give a plan id or a plan file)",
                "5:4: 'walking-gentel' is not in plan 'gentle-start-osteopenia'; did you mean 'walking-gentle'?",
                "6:1: a quoted field is never closed",
            ])
    }

    @Test func aHugeFieldIsAnErrorAtItsRowAndColumn() throws {
        let ws = try TemporaryWorkspace()
        let path = ws.root + "/big.csv"
        _ = FileManager.default.createFile(
            atPath: path, contents: Data("\(CSVTests.header)\ngentle-start-osteopenia,2026-11-30,pain,,,,3,,,\"".utf8))
        let h = try #require(FileHandle(forWritingAtPath: path))
        h.seekToEndOfFile()
        // 50 MB of note, never held whole: the reader keeps only the limit.
        let block = Data(repeating: UInt8(ascii: "x"), count: 1 << 20)
        for _ in 0..<50 { h.write(block) }
        h.write(Data("\",\ngentle-start-osteopenia,2026-12-01,pain,,,,2,,,,\n".utf8))
        try h.close()
        let parsed = try LogCSV.read(file: path)
        #expect(
            parsed.problems.map { "\($0.row):\($0.column): \($0.message)" } == [
                "2:10: the field is longer than 4096 bytes (the limit); the rest of it was not read"
            ])
        #expect(parsed.rows.map(\.row) == [3], "the rows after it are still read")
    }

    @Test func tooManyFieldsIsAnError() throws {
        let parsed = LogCSV.parse(CSVTests.header + "\n" + String(repeating: "a,", count: 40) + "\n")
        #expect(parsed.problems.first?.message == "more than 32 fields in the row")
    }

    /// 2,000 rows into a log holding 2,000: the log is read once per plan, not once per row.
    @Test func importCostGrowsWithTheRows() throws {
        let c = try Clinic()
        let t = try c.tracking()
        let plan = try c.plan("gentle-start-osteopenia", t)
        let scheduler = WeekScheduler(workspace: t.open.workspace, engine: t.engine)
        var ticks: [LogEntry] = []
        for w in 1...plan.weeks {
            for d in try scheduler.schedule(plan, week: w).days {
                var seen: [Int: Int] = [:]
                for s in d.sessions {
                    seen[s.item, default: 0] += 1
                    ticks.append(
                        LogEntry(
                            plan: plan.id, date: d.date, kind: .session, item: plan.items[s.item].exercise.value,
                            session: seen[s.item]!, outcome: .done))
                }
            }
        }
        let half = ticks.count / 2
        try t.store!.add(Array(ticks.prefix(half)))
        let csv = LogCSV.export(Array(ticks.suffix(from: half)))
        let start = Date()
        let j = try t.judge(LogCSV.parse(csv), today: day("2027-03-01"), replace: false)
        #expect(j.isAccepted, "\(lines(j).prefix(3))")
        #expect(j.accepted.count == ticks.count - half)
        #expect(Date().timeIntervalSince(start) < 20)
    }

    /// A crash half way through an import (the disk as it is at that moment) leaves the log as before.
    @Test func aCrashMidImportLeavesTheStoreAsBefore() throws {
        let c = try Clinic()
        _ = try c.tracking()
        let store = try ProgressStore(path: c.dbPath, create: true)
        try store.add([LogEntry(plan: "gentle-start-osteopenia", date: day("2026-11-30"), kind: .pain, pain: 2)])
        let snapshot = c.ws.root + "/snapshot"
        try FileManager.default.createDirectory(atPath: snapshot, withIntermediateDirectories: true)
        let dbPath = c.dbPath
        let hooked = try ProgressStore(path: c.dbPath, create: true) { n in
            guard n == 50 else { return }
            // What a process killed now leaves on disk: the database and its WAL as they are.
            for suffix in ["", "-wal"] where FileManager.default.fileExists(atPath: dbPath + suffix) {
                try FileManager.default.copyItem(
                    atPath: dbPath + suffix, toPath: snapshot + "/progress.sqlite" + suffix)
            }
        }
        let entries = (1...100).map {
            LogEntry(
                plan: "gentle-start-osteopenia", date: day("2026-11-30").adding(days: $0), kind: .pain, pain: $0 % 10)
        }
        try hooked.add(entries)
        #expect(try hooked.count() == 101)
        let after = try ProgressStore(path: snapshot + "/progress.sqlite", create: false)
        #expect(
            try after.entries(plan: "gentle-start-osteopenia") == [
                LogEntry(plan: "gentle-start-osteopenia", date: day("2026-11-30"), kind: .pain, pain: 2)
            ])
    }
}
