import Foundation
import RehabKit
import RehabTracking
import TestSupport
import Testing

/// Runs the sqlite3 shell on a database (another program writing the file).
@discardableResult
func sqlite(_ path: String, _ sql: String) throws -> String {
    let p = try Subprocess("/usr/bin/sqlite3", [path, sql])
    try #require(p.status == 0, "\(p.errors)")
    return p.output
}

/// Starts sqlite3 on `path`, runs `sql`, and kills it before it can finish (no checkpoint, no
/// rollback): what another program leaves when it dies half way.
func sqliteKilled(_ path: String, _ sql: String) throws {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
    p.arguments = [path]
    let input = Pipe()
    let out = Pipe()
    p.standardInput = input
    p.standardOutput = out
    try p.run()
    input.fileHandleForWriting.write(Data((sql + "\nSELECT 'ready';\n").utf8))
    var said = ""
    while !said.contains("ready") {
        let chunk = out.fileHandleForReading.availableData
        if chunk.isEmpty { break }
        said += String(decoding: chunk, as: UTF8.self)
    }
    kill(p.processIdentifier, SIGKILL)
    p.waitUntilExit()
}

func bytes(_ path: String) -> Data? {
    FileManager.default.contents(atPath: path)
}

func mode(_ path: String) throws -> Int {
    try #require(try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int)
}

struct StoreSafetyTests {
    @Test(arguments: [
        ("date", "'2026-13-45'", "date '2026-13-45' is not a real YYYY-MM-DD date"),
        ("symptom", "'tingling-toes'", "symptom 'tingling-toes' is not a red flag rehab knows"),
    ])
    func aRowThatBreaksTheModelIsRefusedWithItsRow(_ column: String, _ value: String, _ message: String) throws {
        let c = try Clinic()
        let t = try c.tracking()
        try t.store!.add([
            LogEntry(plan: "braced-t10-metastasis", date: day("2026-12-02"), kind: .symptom, symptom: .numbness)
        ])
        // Another tool edits the row.
        try sqlite(c.dbPath, "UPDATE entry SET \(column) = \(value) WHERE id = 1;")
        let again = try c.tracking(create: false)
        let plan = try c.plan("braced-t10-metastasis", again)
        do {
            _ = try again.tracked(plan)
            Issue.record("the row was accepted")
        } catch {
            #expect(String(describing: error).contains("row 1: \(message)"), "\(error)")
        }
        #expect(throws: StoreError.self) { try again.entries(plan) }
    }

    @Test func aNewerLayoutIsRefusedAndLeftAlone() throws {
        let c = try Clinic()
        _ = try c.tracking()
        try sqlite(c.dbPath, "PRAGMA user_version = 7;")
        let before = bytes(c.dbPath)
        for create in [true, false] {
            do {
                _ = try c.tracking(create: create)
                Issue.record("a newer store was opened")
            } catch {
                #expect(String(describing: error).contains("was written by a newer rehab (store layout 7"))
            }
        }
        #expect(bytes(c.dbPath) == before)
    }

    /// A newer layout that only the WAL knows of yet (a newer rehab killed before its checkpoint):
    /// refused by the read-only look, for writing too, and the WAL is not checkpointed.
    @Test func aNewerLayoutInTheWALIsRefusedWithoutACheckpoint() throws {
        let c = try Clinic()
        _ = try c.tracking()
        try sqliteKilled(c.dbPath, "PRAGMA user_version = 9;")
        let wal = try #require(bytes(c.dbPath + "-wal"))
        try #require(!wal.isEmpty)
        let main = bytes(c.dbPath)
        for create in [true, false] {
            do {
                _ = try c.tracking(create: create)
                Issue.record("a newer store was opened")
            } catch {
                #expect(String(describing: error).contains("store layout 9"))
            }
        }
        #expect(bytes(c.dbPath) == main)
        #expect(bytes(c.dbPath + "-wal") == wal)
    }

    @Test func aForeignDatabaseWithAnUncheckpointedWALStaysByteIdentical() throws {
        let c = try Clinic()
        try FileManager.default.createDirectory(atPath: c.ws.root + "/.rehab", withIntermediateDirectories: true)
        try sqliteKilled(
            c.dbPath, "PRAGMA journal_mode=WAL; CREATE TABLE invoices (id INTEGER); INSERT INTO invoices VALUES (1);")
        let wal = try #require(bytes(c.dbPath + "-wal"))
        try #require(!wal.isEmpty, "sqlite3 left its WAL")
        let main = bytes(c.dbPath)
        for create in [true, false] {
            #expect(throws: StoreError.self) { _ = try c.tracking(create: create) }
        }
        #expect(bytes(c.dbPath) == main)
        #expect(bytes(c.dbPath + "-wal") == wal)
    }

    @Test func aForeignDatabaseWithAHotJournalStaysByteIdentical() throws {
        let c = try Clinic()
        try FileManager.default.createDirectory(atPath: c.ws.root + "/.rehab", withIntermediateDirectories: true)
        try sqlite(
            c.dbPath, "CREATE TABLE t (x TEXT); INSERT INTO t SELECT hex(randomblob(500)) FROM generate_series(1, 400);"
        )
        try sqliteKilled(c.dbPath, "PRAGMA cache_size = 2; BEGIN; UPDATE t SET x = 'changed'; ")
        let journal = try #require(bytes(c.dbPath + "-journal"))
        try #require(!journal.isEmpty)
        let main = bytes(c.dbPath)
        for create in [true, false] {
            #expect(throws: StoreError.self) { _ = try c.tracking(create: create) }
        }
        #expect(bytes(c.dbPath) == main)
        #expect(bytes(c.dbPath + "-journal") == journal)
    }

    /// Our own store with a writer's uncheckpointed WAL: a read-only command reads the WAL's rows and
    /// leaves the database and its WAL as they were (no checkpoint on close).
    @Test func aReadOnlyCommandNeverCheckpoints() throws {
        let c = try Clinic()
        _ = try c.tracking()
        try sqliteKilled(
            c.dbPath,
            "INSERT INTO entry (plan, date, kind, pain) VALUES ('gentle-start-osteopenia', '2026-11-30', 'pain', 4);")
        let wal = try #require(bytes(c.dbPath + "-wal"))
        try #require(!wal.isEmpty)
        let main = bytes(c.dbPath)
        func readAndClose() throws -> [Int?] {
            let t = try c.tracking(create: false)
            return try t.entries(try c.plan("gentle-start-osteopenia", t)).map(\.pain)
        }
        #expect(try readAndClose() == [4])
        #expect(bytes(c.dbPath) == main)
        #expect(bytes(c.dbPath + "-wal") == wal)
    }

    @Test func theFolderIsPrivateAndNoLockFileIsMade() throws {
        let c = try Clinic()
        _ = try c.tracking()
        #expect(try mode(c.ws.root + "/.rehab") == 0o700)
        #expect(try mode(c.dbPath) == 0o600)
        let other = c.ws.root + "/elsewhere/log.sqlite"
        _ = try ProgressStore(path: other, create: true)
        let files = try FileManager.default.contentsOfDirectory(atPath: c.ws.root + "/elsewhere")
        #expect(!files.contains { $0.hasSuffix(".lock") }, "\(files)")
        #expect(
            !(try FileManager.default.contentsOfDirectory(atPath: c.ws.root + "/.rehab")).contains {
                $0.hasSuffix(".lock")
            })
    }

    @Test func anAdoptedLooseStoreIsTightened() throws {
        let c = try Clinic()
        try FileManager.default.createDirectory(
            atPath: c.ws.root + "/.rehab", withIntermediateDirectories: true,
            attributes: [.posixPermissions: 0o755])
        _ = FileManager.default.createFile(atPath: c.dbPath, contents: Data(), attributes: [.posixPermissions: 0o644])
        _ = try c.tracking()
        #expect(try mode(c.dbPath) == 0o600)
        #expect(try mode(c.ws.root + "/.rehab") == 0o700)
    }

    @Test func aReadOnlyCommandNeverMigratesAnEmptySQLiteFile() throws {
        let c = try Clinic()
        try FileManager.default.createDirectory(atPath: c.ws.root + "/.rehab", withIntermediateDirectories: true)
        try sqlite(c.dbPath, "CREATE TABLE t (x); DROP TABLE t;")
        let before = bytes(c.dbPath)
        let t = try c.tracking(create: false)
        #expect(t.store == nil)
        #expect(try t.entries(try c.plan("gentle-start-osteopenia", t)).isEmpty)
        #expect(bytes(c.dbPath) == before)
        #expect(!FileManager.default.fileExists(atPath: c.dbPath + "-wal"))
    }

    /// A store of the first release (GRDB migration v1, no voiding) is read as it is by commands
    /// that only read, and upgraded by the first command that writes.
    @Test func aFirstReleaseStoreIsReadUnchangedThenUpgradedByAWriter() throws {
        let c = try Clinic()
        try FileManager.default.createDirectory(atPath: c.ws.root + "/.rehab", withIntermediateDirectories: true)
        try sqlite(
            c.dbPath,
            """
            PRAGMA application_id = \(0x5248_4142);
            CREATE TABLE grdb_migrations (identifier TEXT NOT NULL PRIMARY KEY);
            INSERT INTO grdb_migrations VALUES ('v1');
            CREATE TABLE entry (id INTEGER PRIMARY KEY AUTOINCREMENT, plan TEXT NOT NULL, date TEXT NOT NULL,
              kind TEXT NOT NULL CHECK (kind IN ('session', 'pain', 'symptom')), item TEXT, session INTEGER CHECK (session >= 1),
              outcome TEXT CHECK (outcome IN ('done', 'partial', 'skipped')), pain INTEGER CHECK (pain BETWEEN 0 AND 10),
              rpe INTEGER CHECK (rpe BETWEEN 6 AND 20), symptom TEXT, note TEXT, reason TEXT);
            CREATE UNIQUE INDEX entry_pain ON entry(plan, date) WHERE kind = 'pain';
            INSERT INTO entry (plan, date, kind, pain) VALUES ('gentle-start-osteopenia', '2026-11-30', 'pain', 3);
            """)
        let before = bytes(c.dbPath)
        let reader = try c.tracking(create: false)
        #expect(try reader.entries(try c.plan("gentle-start-osteopenia", reader)).map(\.pain) == [3])
        #expect(bytes(c.dbPath) == before)
        let writer = try c.tracking(create: true)
        #expect(try sqlite(c.dbPath, "PRAGMA user_version;") == "3\n")
        let voided = try writer.store!.void(
            id: 1, voiding: Voiding(at: "2026-12-01T10:00:00Z", by: "ana", reason: "typed on the wrong day"))
        #expect(voided.voided?.by == "ana")
    }

    @Test func aStoreDeletedMidImportIsReported() throws {
        let c = try Clinic()
        _ = try c.tracking()
        let path = c.dbPath
        let store = try ProgressStore(path: path, create: true) { n in
            if n == 2 { try FileManager.default.removeItem(atPath: path) }
        }
        let entries = (0..<3).map {
            LogEntry(plan: "p", date: day("2026-11-30").adding(days: $0), kind: .pain, pain: 1)
        }
        #expect(
            throws: StoreError("the progress log '\(path)' was deleted while it was being written; nothing was stored")
        ) {
            try store.add(entries)
        }
    }

    @Test func aStoreReplacedMidImportIsReported() throws {
        let c = try Clinic()
        _ = try c.tracking()
        let path = c.dbPath
        let store = try ProgressStore(path: path, create: true) { n in
            if n == 2 {
                try Data("other".utf8).write(to: URL(fileURLWithPath: path + ".new"))
                _ = rename(path + ".new", path)
            }
        }
        let entries = (0..<3).map {
            LogEntry(plan: "p", date: day("2026-11-30").adding(days: $0), kind: .pain, pain: 1)
        }
        #expect(throws: StoreError.self) { try store.add(entries) }
    }

    @Test func aVoidedEntryLeavesAdherenceAndSafetyButStaysInTheExport() throws {
        let c = try Clinic()
        let t = try c.tracking()
        let plan = try c.plan("braced-t10-metastasis", t)
        try t.store!.add([LogEntry(plan: plan.id, date: day("2026-12-02"), kind: .symptom, symptom: .legWeakness)])
        #expect(t.engine.check(try t.tracked(plan), in: t.open.workspace, asOf: day("2026-12-02"))?.status == .blocked)
        let id = try #require(try t.store!.allEntries(plan: plan.id).first?.id)
        #expect(throws: StoreError("a void needs a reason (--reason)")) {
            _ = try t.store!.void(id: id, voiding: Voiding(at: "2026-12-03T09:00:00Z", by: "ana", reason: " "))
        }
        _ = try t.store!.void(
            id: id, voiding: Voiding(at: "2026-12-03T09:00:00Z", by: "ana", reason: "logged for the wrong patient"))
        #expect(
            t.engine.check(try t.tracked(plan), in: t.open.workspace, asOf: day("2026-12-02"))?.status == .restricted)
        #expect(try t.entries(plan).isEmpty)
        let csv = LogCSV.export(try t.store!.allEntries(plan: plan.id))
        #expect(csv.hasSuffix(",leg-weakness,,,2026-12-03T09:00:00Z,ana,logged for the wrong patient,,,\n"))
        #expect(throws: StoreError.self, "voided twice") {
            _ = try t.store!.void(id: id, voiding: Voiding(at: "x", by: "ana", reason: "again"))
        }
        // The slot is free again, and export → import → export keeps the voided entry.
        try t.store!.add([LogEntry(plan: plan.id, date: day("2026-12-02"), kind: .symptom, symptom: .legWeakness)])
        let other = try Clinic()
        let t2 = try other.tracking()
        let j = try t2.judge(LogCSV.parse(csv), today: day("2027-03-01"), replace: false)
        #expect(j.isAccepted)
        try t2.store!.add(j.accepted.map(\.entry), replace: false, voided: j.accepted.map(\.voided))
        #expect(LogCSV.export(try t2.store!.allEntries(plan: plan.id)) == csv)
    }
}
