import Foundation
import GRDB
import RehabKit

/// How a session went.
public enum Outcome: String, CaseIterable, Sendable, Codable {
    case done, partial, skipped

    /// What a session counts for in adherence: done 1, partial ½, skipped 0.
    public var credit: Double {
        switch self {
        case .done: return 1
        case .partial: return 0.5
        case .skipped: return 0
        }
    }
}

public enum EntryKind: String, CaseIterable, Sendable, Codable {
    /// One session of one item: done, partial or skipped.
    case session
    /// The day's pain (NRS 0–10), from the sheet's pain row.
    case pain
    /// A red-flag symptom.
    case symptom
}

/// One line of the progress log (FORMAT.md §5).
public struct LogEntry: Sendable, Equatable, Codable {
    public var plan: String
    public var date: LocalDate
    public var kind: EntryKind
    /// The exercise id (sessions).
    public var item: String?
    /// Which session of the day, from 1 (sessions).
    public var session: Int?
    public var outcome: Outcome?
    /// NRS 0–10.
    public var pain: Int?
    /// Borg RPE 6–20.
    public var rpe: Int?
    public var symptom: RedFlag?
    public var note: String?
    /// Why a session was partial or skipped.
    public var reason: String?

    public init(plan: String, date: LocalDate, kind: EntryKind, item: String? = nil, session: Int? = nil,
                outcome: Outcome? = nil, pain: Int? = nil, rpe: Int? = nil, symptom: RedFlag? = nil,
                note: String? = nil, reason: String? = nil) {
        self.plan = plan
        self.date = date
        self.kind = kind
        self.item = item
        self.session = session
        self.outcome = outcome
        self.pain = pain
        self.rpe = rpe
        self.symptom = symptom
        self.note = note
        self.reason = reason
    }

    /// In words, for errors: "done 'walking-gentle' session 1 on 2026-11-30".
    public var summary: String {
        switch kind {
        case .session: return "'\(item ?? "?")' session \(session ?? 1) on \(date)"
        case .pain: return "the pain of \(date)"
        case .symptom: return "'\(symptom?.rawValue ?? "?")' on \(date)"
        }
    }
}

public struct StoreError: Error, Sendable, CustomStringConvertible, Equatable {
    public var description: String

    public init(_ description: String) {
        self.description = description
    }
}

/// The progress log in SQLite (through GRDB, system SQLite): created with mode 0600, WAL,
/// migrations from the first release on. A file at the path that is not a rehab store is never
/// written to.
public final class ProgressStore: Sendable {
    /// `PRAGMA application_id` of rehab stores ('RHAB').
    static let applicationID: Int32 = 0x5248_4142

    let queue: DatabaseQueue
    public let path: String

    /// The default store of a workspace: `.rehab/progress.sqlite` under its root.
    public static func defaultPath(root: String) -> String {
        (root as NSString).appendingPathComponent(".rehab/progress.sqlite")
    }

    /// Whether a store exists at `path` (commands that only read do not create one).
    public static func exists(at path: String) -> Bool {
        FileManager.default.fileExists(atPath: path)
    }

    /// Opens the store at `path`, creating it (and its folder) when `create` and it does not exist.
    public init(path: String, create: Bool = true) throws(StoreError) {
        self.path = path
        let fm = FileManager.default
        if create {
            do {
                try fm.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            } catch {
                throw StoreError("cannot create the folder of '\(path)': \(error.localizedDescription)")
            }
        }
        // Several processes may open a new store at once: one creates and migrates it, the others wait.
        let lock = open(path + ".lock", O_CREAT | O_RDWR, 0o600)
        if lock >= 0 { flock(lock, LOCK_EX) }
        defer {
            if lock >= 0 {
                flock(lock, LOCK_UN)
                close(lock)
            }
        }
        let isNew = !fm.fileExists(atPath: path) || ((try? fm.attributesOfItem(atPath: path)[.size] as? Int) ?? 0) == 0
        if !isNew { try Self.checkHeader(path) }
        if isNew {
            guard create else { throw StoreError("no progress log at '\(path)' yet: 'rehab log' creates it") }
            // Created here with mode 0600 before SQLite opens it: patient data is for its owner only.
            let fd = open(path, O_CREAT | O_WRONLY, 0o600)
            guard fd >= 0 else { throw StoreError("cannot create '\(path)': \(String(cString: strerror(errno)))") }
            close(fd)
        }
        var config = Configuration()
        config.busyMode = .timeout(30)
        do {
            queue = try DatabaseQueue(path: path, configuration: config)
        } catch {
            throw StoreError("cannot open '\(path)' as a progress log: \(error)")
        }
        // Nothing is written before the file is known to be ours.
        try checkOwnership()
        do {
            try queue.writeWithoutTransaction { db in
                if try String.fetchOne(db, sql: "PRAGMA journal_mode") != "wal" {
                    try db.execute(sql: "PRAGMA journal_mode = WAL")
                }
            }
            try Self.migrator.migrate(queue)
        } catch {
            throw StoreError("cannot prepare the progress log '\(path)': \(error)")
        }
    }

    /// A file that is not SQLite is refused before SQLite sees it.
    static func checkHeader(_ path: String) throws(StoreError) {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw StoreError("cannot read '\(path)'")
        }
        defer { try? handle.close() }
        let header = (try? handle.read(upToCount: 16)) ?? Data()
        if header != Data("SQLite format 3\0".utf8) {
            throw StoreError("'\(path)' is not a rehab progress log (it is not an SQLite database); it was left untouched. Move it away or pass --db with another path")
        }
    }

    /// An SQLite file of another application (a different application id, or tables of its own) is refused.
    func checkOwnership() throws(StoreError) {
        do {
            let (id, tables) = try queue.read { db in
                (try Int32.fetchOne(db, sql: "PRAGMA application_id") ?? 0,
                 try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"))
            }
            let ours = id == Self.applicationID || (id == 0 && tables.isEmpty)
            if !ours {
                throw StoreError("'\(path)' is an SQLite database of another application (tables: \(tables.joined(separator: ", "))); it was left untouched. Pass --db with another path")
            }
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError("'\(path)' cannot be read as a progress log (\(error)); it was left untouched")
        }
    }

    static var migrator: DatabaseMigrator {
        var m = DatabaseMigrator()
        m.registerMigration("v1") { db in
            try db.execute(sql: "PRAGMA application_id = \(applicationID)")
            try db.execute(sql: """
                CREATE TABLE entry (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    plan TEXT NOT NULL,
                    date TEXT NOT NULL,
                    kind TEXT NOT NULL CHECK (kind IN ('session', 'pain', 'symptom')),
                    item TEXT,
                    session INTEGER CHECK (session >= 1),
                    outcome TEXT CHECK (outcome IN ('done', 'partial', 'skipped')),
                    pain INTEGER CHECK (pain BETWEEN 0 AND 10),
                    rpe INTEGER CHECK (rpe BETWEEN 6 AND 20),
                    symptom TEXT,
                    note TEXT,
                    reason TEXT
                );
                CREATE UNIQUE INDEX entry_session ON entry(plan, date, item, session) WHERE kind = 'session';
                CREATE UNIQUE INDEX entry_pain ON entry(plan, date) WHERE kind = 'pain';
                CREATE UNIQUE INDEX entry_symptom ON entry(plan, date, symptom) WHERE kind = 'symptom';
                CREATE INDEX entry_plan_date ON entry(plan, date);
                """)
        }
        return m
    }

    // MARK: Writing

    /// Adds entries in one transaction: all are stored, or (on any error) none.
    /// With `replace`, an entry for the same session, day's pain or symptom replaces the stored one;
    /// without it, that is an error that names the entry.
    public func add(_ entries: [LogEntry], replace: Bool = false) throws(StoreError) {
        do {
            try queue.inTransaction { db in
                for (i, e) in entries.enumerated() {
                    if replace { try Self.delete(e, db) }
                    do {
                        try db.execute(sql: """
                            INSERT INTO entry (plan, date, kind, item, session, outcome, pain, rpe, symptom, note, reason)
                            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                            """, arguments: [e.plan, e.date.description, e.kind.rawValue, e.item, e.session, e.outcome?.rawValue,
                                             e.pain, e.rpe, e.symptom?.rawValue, e.note, e.reason])
                    } catch let error as DatabaseError where error.extendedResultCode == .SQLITE_CONSTRAINT_UNIQUE {
                        throw StoreError("\(e.summary) is already in the log\(entries.count > 1 ? " (entry \(i + 1))" : ""); use --replace to change it")
                    }
                    TestHooks.pauseIfAsked(after: i + 1)
                }
                return .commit
            }
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError("the progress log '\(path)' could not be written (\(error)); nothing was stored")
        }
    }

    static func delete(_ e: LogEntry, _ db: Database) throws {
        switch e.kind {
        case .session:
            try db.execute(sql: "DELETE FROM entry WHERE kind = 'session' AND plan = ? AND date = ? AND item = ? AND session = ?",
                           arguments: [e.plan, e.date.description, e.item, e.session])
        case .pain:
            try db.execute(sql: "DELETE FROM entry WHERE kind = 'pain' AND plan = ? AND date = ?", arguments: [e.plan, e.date.description])
        case .symptom:
            try db.execute(sql: "DELETE FROM entry WHERE kind = 'symptom' AND plan = ? AND date = ? AND symptom = ?",
                           arguments: [e.plan, e.date.description, e.symptom?.rawValue])
        }
    }

    // MARK: Reading

    /// Every entry of a plan, by date, kind, item and session (the order of export).
    public func entries(plan: String) throws(StoreError) -> [LogEntry] {
        do {
            return try queue.read { db in
                try Row.fetchAll(db, sql: """
                    SELECT * FROM entry WHERE plan = ? ORDER BY date, CASE kind WHEN 'session' THEN 0 WHEN 'pain' THEN 1 ELSE 2 END,
                    item, session, symptom, id
                    """, arguments: [plan]).map(Self.entry)
            }
        } catch {
            throw StoreError("the progress log '\(path)' could not be read (\(error))")
        }
    }

    /// All entries, every plan (for counting in tests and tools).
    public func count() throws(StoreError) -> Int {
        do {
            return try queue.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM entry") ?? 0 }
        } catch {
            throw StoreError("the progress log '\(path)' could not be read (\(error))")
        }
    }

    static func entry(_ row: Row) -> LogEntry {
        LogEntry(plan: row["plan"], date: LocalDate(row["date"] as String)!, kind: EntryKind(rawValue: row["kind"])!,
                 item: row["item"], session: row["session"], outcome: (row["outcome"] as String?).flatMap(Outcome.init),
                 pain: row["pain"], rpe: row["rpe"], symptom: (row["symptom"] as String?).flatMap(RedFlag.init),
                 note: row["note"], reason: row["reason"])
    }

    /// The red flags a plan's patient reported.
    public func reportedRedFlags(plan: String) throws(StoreError) -> [ReportedRedFlag] {
        try entries(plan: plan).compactMap { e in e.symptom.map { ReportedRedFlag($0, on: e.date) } }
    }
}

/// A test knob, off unless the environment sets it: `REHAB_TEST_PAUSE_AFTER=N` makes a write
/// say "paused" on standard error and wait after its N-th entry, inside the transaction, so a test
/// can kill the process mid-import and check that nothing was stored.
enum TestHooks {
    static let pauseAfter: Int? = ProcessInfo.processInfo.environment["REHAB_TEST_PAUSE_AFTER"].flatMap { Int($0) }

    static func pauseIfAsked(after n: Int) {
        guard let pauseAfter, n == pauseAfter else { return }
        FileHandle.standardError.write(Data("paused\n".utf8))
        sleep(60)
    }
}
