import Foundation
import GRDB
import RehabKit

/// The progress log in SQLite (through GRDB, system SQLite).
///
/// A careful database: a file at the path is read (its header, then through a read-only
/// connection) and judged — ours, empty, another application's, a newer layout — before anything
/// is written to it, so a file that is not ours is never checkpointed, rolled back or migrated, and
/// a command that only reads never changes the file. The store is created with mode 0600 (its
/// `.rehab/` folder 0700), and an adopted file with a looser mode is tightened. Rows that break the
/// model are refused with the row and what is wrong, never crashed on.
public final class ProgressStore: ProgressLogStore {
    /// `PRAGMA application_id` of rehab stores ('RHAB').
    static let applicationID: Int32 = 0x5248_4142
    /// `PRAGMA user_version` of the layout this rehab writes. 0 with an `entry` table is the first
    /// release (GRDB migration `v1`); 2 adds voiding; 3 adds outcome measures (kind `measure`, columns
    /// `test`, `value`, `side`).
    public static let schemaVersion = 3

    let queue: DatabaseQueue
    public let path: String
    public var location: String { path }
    /// Opened by a command that only reads: nothing is ever written, migrated or checkpointed.
    public let readOnly: Bool
    /// The layout of the file as opened (1: no voiding columns yet, read-only only).
    let layout: Int
    /// The file opened for writing (device, inode), to notice a store deleted or replaced meanwhile.
    let identity: FileIdentity?
    /// A test seam: called inside the write transaction after each inserted entry (1-based).
    let afterInsert: (@Sendable (Int) throws -> Void)?

    struct FileIdentity: Equatable, Sendable {
        var device: UInt64
        var inode: UInt64
    }

    /// The default store of a workspace: `.rehab/progress.sqlite` under its root.
    public static func defaultPath(root: String) -> String {
        (root as NSString).appendingPathComponent(".rehab/progress.sqlite")
    }

    /// Whether a store exists at `path` (commands that only read do not create one).
    public static func exists(at path: String) -> Bool {
        FileManager.default.fileExists(atPath: path)
    }

    /// The store for a command: with `create`, opened for writing (and made when missing); without
    /// it, opened read-only, or nil when there is no store yet (no file, an empty file or an empty
    /// SQLite database): such commands work as if the log were empty and leave the file alone.
    public static func open(path: String, create: Bool) throws(StoreError) -> ProgressStore? {
        do {
            return try ProgressStore(checking: path, create: create, afterInsert: nil)
        } catch is NoStoreYet {
            return nil
        } catch let e as StoreError {
            throw e
        } catch {
            throw StoreError("\(error)")
        }
    }

    struct NoStoreYet: Error {}

    /// Opens the store at `path`; `create`: for writing, creating it (and its folder) when missing.
    /// Without `create` there must be a store already. `afterInsert` is for tests only.
    public convenience init(
        path: String, create: Bool = true,
        afterInsert: (@Sendable (Int) throws -> Void)? = nil
    ) throws(StoreError) {
        do {
            try self.init(checking: path, create: create, afterInsert: afterInsert)
        } catch let e as StoreError {
            throw e
        } catch is NoStoreYet {
            throw StoreError("no progress log at '\(path)' yet: 'rehab log' creates it")
        } catch {
            throw StoreError("\(error)")
        }
    }

    private init(checking path: String, create: Bool, afterInsert: (@Sendable (Int) throws -> Void)?) throws {
        self.path = path
        self.afterInsert = afterInsert
        self.readOnly = !create
        try Self.refuseLinks(path)
        switch try Self.inspect(path) {
        case .missing:
            guard create else { throw NoStoreYet() }
            try Self.makeFolder(of: path)
            // Created here with mode 0600 before SQLite opens it: patient data is for its owner only.
            let fd = Foundation.open(path, O_CREAT | O_EXCL | O_WRONLY | O_NOFOLLOW, 0o600)
            if fd >= 0 {
                close(fd)
            } else if errno != EEXIST {
                throw StoreError("cannot create '\(path)': \(String(cString: strerror(errno)))")
            } else {
                // Another rehab made it meanwhile — or a link appeared there: judged again.
                try Self.refuseLinks(path)
            }
        case .empty:
            // A journal beside an empty file is not hot (SQLite ignores it; it may be another process
            // of ours creating the store right now); a WAL beside it may hold a whole database.
            try Self.refuseUnfinished(path, what: "an empty file", suffixes: ["-wal"])
            guard create else { throw NoStoreYet() }
        case .sqlite(let appID, let userVersion):
            if appID != Self.applicationID {
                if appID != 0 {
                    throw StoreError(
                        "'\(path)' is an SQLite database of another application (application id \(appID)); it was left untouched. Pass --db with another path"
                    )
                }
                try Self.refuseUnfinished(path, what: "an SQLite database without rehab's application id")
                let tables = try Self.readOnlyLook(path) { db in try Self.tables(db) }
                if !tables.isEmpty {
                    throw StoreError(
                        "'\(path)' is an SQLite database of another application (tables: \(tables.joined(separator: ", "))); it was left untouched. Pass --db with another path"
                    )
                }
                guard create else { throw NoStoreYet() }
            } else {
                if Int(userVersion) > Self.schemaVersion { throw Self.newer(path, Int(userVersion)) }
                // Read-only first (the WAL may hold a newer layout than the header): a connection
                // that could write would checkpoint that WAL on closing.
                let (ro, layout) = try Self.openReadOnly(path)
                if !create {
                    guard layout > 0 else { throw NoStoreYet() }
                    queue = ro
                    self.layout = layout
                    identity = nil
                    return
                }
                try? ro.close()
            }
        }
        // From here on the file is ours (or empty), and the command writes.
        try Self.tighten(path)
        var config = Configuration()
        config.busyMode = .timeout(30)
        do {
            queue = try DatabaseQueue(path: path, configuration: config)
        } catch {
            throw StoreError("cannot open '\(path)' as a progress log: \(error)")
        }
        do {
            try Self.prepare(queue, path: path)
        } catch let e as StoreError {
            throw e
        } catch {
            throw StoreError("cannot prepare the progress log '\(path)': \(error)")
        }
        layout = Self.schemaVersion
        guard let id = Self.identity(path) else { throw StoreError("'\(path)' disappeared while it was opened") }
        identity = id
    }

    // MARK: Judging a file before SQLite writes to it

    /// SQLite follows a symbolic link and creates what it points to (with the default mode, wherever
    /// that is), so a store that is a link — to a file or to nothing yet, as one committed to a plans
    /// repository could be — is refused, as is a `.rehab` folder that is a link, and a `-wal`,
    /// `-journal` or `-shm` beside the store that is one. Checked with `lstat`, before SQLite sees the path.
    static func refuseLinks(_ path: String) throws(StoreError) {
        func isLink(_ p: String) -> Bool {
            var st = stat()
            return lstat(p, &st) == 0 && (st.st_mode & S_IFMT) == S_IFLNK
        }
        let folder = (path as NSString).deletingLastPathComponent
        if (folder as NSString).lastPathComponent == ".rehab", isLink(folder) {
            throw StoreError(
                "the folder '\(folder)' of the progress log is a symbolic link: rehab does not follow it (the log would go wherever it points, readable by others). Remove the link; 'rehab log' makes the folder itself"
            )
        }
        if isLink(path) {
            throw StoreError(
                "the progress log '\(path)' is a symbolic link: rehab does not follow it (the log would go wherever it points, readable by others). Remove the link, or pass --db with the real file's path"
            )
        }
        for suffix in ["-wal", "-journal", "-shm"] where isLink(path + suffix) {
            throw StoreError(
                "'\(path + suffix)', beside the progress log, is a symbolic link: SQLite would write through it. Remove the link"
            )
        }
    }

    enum FileState {
        case missing, empty
        case sqlite(applicationID: Int32, userVersion: Int32)
    }

    /// What is at `path`, from its bytes alone (SQLite has not seen it yet).
    static func inspect(_ path: String) throws(StoreError) -> FileState {
        var st = stat()
        if stat(path, &st) != 0 {
            if errno == ENOENT { return .missing }
            throw StoreError("cannot read '\(path)': \(String(cString: strerror(errno)))")
        }
        guard (st.st_mode & S_IFMT) == S_IFREG else {
            throw StoreError(
                "'\(path)' is not a regular file, so it is not a rehab progress log; it was left untouched. Pass --db with another path"
            )
        }
        if st.st_size == 0 { return .empty }
        guard let handle = FileHandle(forReadingAtPath: path) else { throw StoreError("cannot read '\(path)'") }
        defer { try? handle.close() }
        let header = [UInt8]((try? handle.read(upToCount: 100)) ?? Data())
        guard header.count == 100, header.prefix(16).elementsEqual("SQLite format 3\0".utf8) else {
            throw StoreError(
                "'\(path)' is not a rehab progress log (it is not an SQLite database); it was left untouched. Move it away or pass --db with another path"
            )
        }
        func int32(_ at: Int) -> Int32 {
            Int32(
                bitPattern: UInt32(header[at]) << 24 | UInt32(header[at + 1]) << 16 | UInt32(header[at + 2]) << 8
                    | UInt32(header[at + 3]))
        }
        return .sqlite(applicationID: int32(68), userVersion: int32(60))
    }

    /// A file whose last changes sit in a `-wal` or hot `-journal` beside it cannot be judged without
    /// SQLite applying them: unless its header says it is ours, it is refused and left as it is.
    static func refuseUnfinished(_ path: String, what: String, suffixes: [String] = ["-wal", "-journal"])
        throws(StoreError)
    {
        for suffix in suffixes {
            var st = stat()
            if stat(path + suffix, &st) == 0, st.st_size > 0 {
                throw StoreError(
                    "'\(path)' is \(what) with unfinished changes in '\(path + suffix)': it is not known to be a rehab progress log, and opening it would change it; it was left untouched. Pass --db with another path"
                )
            }
        }
    }

    static func newer(_ path: String, _ version: Int) -> StoreError {
        StoreError(
            "'\(path)' was written by a newer rehab (store layout \(version); this rehab knows up to \(schemaVersion)); it was left untouched. Use the newer rehab"
        )
    }

    static func tables(_ db: Database) throws -> [String] {
        try String.fetchAll(
            db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    }

    /// Runs `body` on a read-only connection that is closed at once.
    static func readOnlyLook<T>(_ path: String, _ body: (Database) throws -> T) throws(StoreError) -> T {
        var config = Configuration()
        config.readonly = true
        config.busyMode = .timeout(30)
        do {
            let q = try DatabaseQueue(path: path, configuration: config)
            defer { try? q.close() }
            return try q.read(body)
        } catch {
            throw StoreError("'\(path)' cannot be read as a progress log (\(error)); it was left untouched")
        }
    }

    /// A read-only connection to one of our stores, with its layout (0: nothing in it yet).
    static func openReadOnly(_ path: String) throws(StoreError) -> (DatabaseQueue, Int) {
        var config = Configuration()
        config.readonly = true
        config.busyMode = .timeout(30)
        let q: DatabaseQueue
        do {
            q = try DatabaseQueue(path: path, configuration: config)
        } catch {
            throw StoreError("'\(path)' cannot be read as a progress log (\(error)); it was left untouched")
        }
        let (id, version, tables): (Int32, Int, [String])
        do {
            (id, version, tables) = try q.read { db in
                (
                    try Int32.fetchOne(db, sql: "PRAGMA application_id") ?? 0,
                    try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0,
                    try Self.tables(db)
                )
            }
        } catch {
            throw StoreError("'\(path)' cannot be read as a progress log (\(error)); it was left untouched")
        }
        if id != applicationID {
            throw StoreError("'\(path)' is an SQLite database of another application; it was left untouched")
        }
        if version > schemaVersion { throw newer(path, version) }
        if version >= 2 { return (q, version) }
        return (q, tables.contains("entry") ? 1 : 0)
    }

    /// `.rehab/` is made 0700; an existing `.rehab/` and an adopted store with a looser mode are tightened.
    static func makeFolder(of path: String) throws(StoreError) {
        let folder = (path as NSString).deletingLastPathComponent
        if folder.isEmpty || FileManager.default.fileExists(atPath: folder) { return }
        do {
            try FileManager.default.createDirectory(
                atPath: folder, withIntermediateDirectories: true,
                attributes: [.posixPermissions: 0o700])
        } catch {
            throw StoreError("cannot create the folder of '\(path)': \(error.localizedDescription)")
        }
    }

    /// The store (and its `-wal`, `-shm`) 0600, and the `.rehab/` folder it lives in 0700.
    static func tighten(_ path: String) throws(StoreError) {
        let folder = (path as NSString).deletingLastPathComponent
        if (folder as NSString).lastPathComponent == ".rehab" { try tighten(folder, to: 0o700) }
        for file in [path, path + "-wal", path + "-shm"] where FileManager.default.fileExists(atPath: file) {
            try tighten(file, to: 0o600)
        }
    }

    static func tighten(_ file: String, to mode: mode_t) throws(StoreError) {
        var st = stat()
        guard stat(file, &st) == 0 else { return }
        guard st.st_mode & 0o077 != 0 else { return }
        if chmod(file, (st.st_mode & 0o7777) & mode) != 0 {
            throw StoreError(
                "'\(file)' can be read by others (mode \(String(st.st_mode & 0o777, radix: 8))) and could not be made private: \(String(cString: strerror(errno))); it was left as it is"
            )
        }
    }

    static func identity(_ path: String) -> FileIdentity? {
        var st = stat()
        guard stat(path, &st) == 0 else { return nil }
        return FileIdentity(device: UInt64(st.st_dev), inode: UInt64(st.st_ino))
    }

    // MARK: Layout

    /// The entry table of layout 3 (`name`: the table made, `entry` or the copy of a migration).
    static func entryTable(_ name: String) -> String {
        """
        CREATE TABLE \(name) (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            plan TEXT NOT NULL,
            date TEXT NOT NULL,
            kind TEXT NOT NULL CHECK (kind IN ('session', 'pain', 'symptom', 'measure')),
            item TEXT,
            session INTEGER CHECK (session >= 1),
            outcome TEXT CHECK (outcome IN ('done', 'partial', 'skipped')),
            pain INTEGER CHECK (pain BETWEEN 0 AND 10),
            rpe INTEGER CHECK (rpe BETWEEN 6 AND 20),
            symptom TEXT,
            note TEXT,
            reason TEXT,
            voided_at TEXT,
            voided_by TEXT,
            void_reason TEXT,
            test TEXT,
            value TEXT,
            side TEXT CHECK (side IN ('left', 'right'))
        );
        """
    }

    static let entryIndex = "CREATE INDEX entry_plan_date ON entry(plan, date);"

    /// The columns of layout 2, copied as they are when layout 3 rebuilds the table.
    static let layout2Columns =
        "id, plan, date, kind, item, session, outcome, pain, rpe, symptom, note, reason, voided_at, voided_by, void_reason"

    /// One live measure per plan, day, test and side (a test without sides has none).
    static let measureIndex =
        "CREATE UNIQUE INDEX entry_measure ON entry(plan, date, test, COALESCE(side, '')) WHERE kind = 'measure' AND voided_at IS NULL;"

    /// The unique indexes of layout 2: one live (not voided) entry per session, day's pain and symptom a day.
    static let liveIndexes = """
        CREATE UNIQUE INDEX entry_session ON entry(plan, date, item, session) WHERE kind = 'session' AND voided_at IS NULL;
        CREATE UNIQUE INDEX entry_pain ON entry(plan, date) WHERE kind = 'pain' AND voided_at IS NULL;
        CREATE UNIQUE INDEX entry_symptom ON entry(plan, date, symptom) WHERE kind = 'symptom' AND voided_at IS NULL;
        """

    static let voidColumns = """
        ALTER TABLE entry ADD COLUMN voided_at TEXT;
        ALTER TABLE entry ADD COLUMN voided_by TEXT;
        ALTER TABLE entry ADD COLUMN void_reason TEXT;
        """

    /// Creates or upgrades the layout in one immediate transaction (processes opening a new store at
    /// once wait for each other on SQLite's own lock), then turns on WAL. The application id is
    /// committed before WAL, so it is in the main file's header from the first commit on.
    static func prepare(_ queue: DatabaseQueue, path: String) throws {
        try queue.inTransaction(.immediate) { db in
            let id = try Int32.fetchOne(db, sql: "PRAGMA application_id") ?? 0
            let version = try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0
            let tables = try Self.tables(db)
            if id != applicationID {
                guard id == 0, tables.isEmpty else {
                    throw StoreError("'\(path)' is an SQLite database of another application; it was left untouched")
                }
                try db.execute(sql: "PRAGMA application_id = \(applicationID)")
                try db.execute(sql: entryTable("entry"))
                try db.execute(sql: entryIndex)
                try db.execute(sql: liveIndexes)
                try db.execute(sql: measureIndex)
                try db.execute(sql: "PRAGMA user_version = \(schemaVersion)")
                return .commit
            }
            if version > schemaVersion { throw newer(path, version) }
            if version < 2 {
                // The first release (GRDB migration v1): add voiding, and let a voided entry free its slot.
                guard tables.contains("entry") else {
                    throw StoreError("'\(path)' has rehab's application id but no entry table; it was left untouched")
                }
                if tables.contains("grdb_migrations") {
                    let applied = try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations")
                    if applied.contains(where: { $0 != "v1" }) { throw newer(path, 99) }
                }
                try db.execute(sql: voidColumns)
            }
            if version < 3 {
                // Outcome measures: SQLite cannot widen a CHECK, so the table is rebuilt in this same
                // transaction (ids kept; AUTOINCREMENT carries on from the highest), then its indexes.
                try db.execute(sql: entryTable("entry_v3"))
                try db.execute(sql: "INSERT INTO entry_v3 (\(layout2Columns)) SELECT \(layout2Columns) FROM entry")
                try db.execute(sql: "DROP TABLE entry")
                try db.execute(sql: "ALTER TABLE entry_v3 RENAME TO entry")
                try db.execute(sql: entryIndex)
                try db.execute(sql: liveIndexes)
                try db.execute(sql: measureIndex)
                try db.execute(sql: "PRAGMA user_version = \(schemaVersion)")
            }
            return .commit
        }
        var attempts = 0
        while true {
            do {
                try queue.writeWithoutTransaction { db in
                    if try String.fetchOne(db, sql: "PRAGMA journal_mode") != "wal" {
                        try db.execute(sql: "PRAGMA journal_mode = WAL")
                    }
                }
                break
            } catch let error as DatabaseError where error.resultCode == .SQLITE_BUSY && attempts < 300 {
                attempts += 1
                usleep(100_000)
            }
        }
    }

    // MARK: Writing

    /// Adds entries in one transaction: all are stored, or (on any error) none.
    /// With `replace`, an entry for the same session, day's pain or symptom replaces the stored one;
    /// without it, that is an error that names the entry. A store deleted or replaced by another
    /// file while the entries were written is an error, and nothing counts as stored.
    /// `voided`: for each entry (when given), its voiding — history brought back by import.
    public func add(_ entries: [LogEntry], replace: Bool, voided: [Voiding?]) throws(StoreError) {
        guard !readOnly else { throw StoreError("the progress log '\(path)' was opened read-only") }
        do {
            try queue.inTransaction { db in
                let insert = try db.makeStatement(
                    sql: """
                        INSERT INTO entry (plan, date, kind, item, session, outcome, pain, rpe, symptom, note, reason, voided_at, voided_by, void_reason,
                                           test, value, side)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        """)
                for (i, e) in entries.enumerated() {
                    let v = i < voided.count ? voided[i] : nil
                    if replace, v == nil { try Self.delete(e, db) }
                    do {
                        try insert.execute(arguments: [
                            e.plan, e.date.description, e.kind.rawValue, e.item, e.session, e.outcome?.rawValue,
                            e.pain, e.rpe, e.symptom?.rawValue, e.note, e.reason, v?.at, v?.by, v?.reason,
                            e.test, e.value.map(OutcomeTest.text), e.side?.rawValue,
                        ])
                    } catch let error as DatabaseError where error.extendedResultCode == .SQLITE_CONSTRAINT_UNIQUE {
                        throw StoreError(
                            "\(e.summary) is already in the log\(entries.count > 1 ? " (entry \(i + 1))" : ""); use --replace to change it"
                        )
                    } catch let error as DatabaseError where error.resultCode == .SQLITE_CONSTRAINT {
                        throw StoreError(
                            "\(e.summary) breaks the log's rules (\(error.message ?? "a constraint")); nothing was stored"
                        )
                    }
                    try afterInsert?(i + 1)
                }
                try self.checkStillThere()
                return .commit
            }
            try checkStillThere()
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError("the progress log '\(path)' could not be written (\(error)); nothing was stored")
        }
    }

    /// The file at `path` is still the one opened: not deleted, not replaced.
    func checkStillThere() throws(StoreError) {
        guard let identity else { return }
        guard let now = Self.identity(path) else {
            throw StoreError("the progress log '\(path)' was deleted while it was being written; nothing was stored")
        }
        if now != identity {
            throw StoreError(
                "the progress log '\(path)' was replaced by another file while it was being written; nothing was stored in it"
            )
        }
    }

    static func delete(_ e: LogEntry, _ db: Database) throws {
        switch e.kind {
        case .session:
            try db.execute(
                sql:
                    "DELETE FROM entry WHERE kind = 'session' AND voided_at IS NULL AND plan = ? AND date = ? AND item = ? AND session = ?",
                arguments: [e.plan, e.date.description, e.item, e.session])
        case .pain:
            try db.execute(
                sql: "DELETE FROM entry WHERE kind = 'pain' AND voided_at IS NULL AND plan = ? AND date = ?",
                arguments: [e.plan, e.date.description])
        case .symptom:
            try db.execute(
                sql:
                    "DELETE FROM entry WHERE kind = 'symptom' AND voided_at IS NULL AND plan = ? AND date = ? AND symptom = ?",
                arguments: [e.plan, e.date.description, e.symptom?.rawValue])
        case .measure:
            try db.execute(
                sql:
                    "DELETE FROM entry WHERE kind = 'measure' AND voided_at IS NULL AND plan = ? AND date = ? AND test = ? AND COALESCE(side, '') = ?",
                arguments: [e.plan, e.date.description, e.test, e.side?.rawValue ?? ""])
        }
    }

    /// Withdraws an entry: it stays in the log with who, when and why, and stops counting.
    /// Returns the entry as it now stands.
    public func void(id: Int64, voiding: Voiding) throws(StoreError) -> StoredEntry {
        guard !readOnly else { throw StoreError("the progress log '\(path)' was opened read-only") }
        guard !voiding.reason.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw StoreError("a void needs a reason (--reason)")
        }
        do {
            try queue.inTransaction { db -> Database.TransactionCompletion in
                guard let row = try Row.fetchOne(db, sql: "SELECT * FROM entry WHERE id = ?", arguments: [id]) else {
                    throw StoreError("there is no entry \(id) in the log ('rehab log list PLAN' shows the ids)")
                }
                let e = try Self.stored(row, layout: Self.schemaVersion)
                if let v = e.voided {
                    throw StoreError("entry \(id) was already voided on \(v.at) by \(v.by): \(v.reason)")
                }
                try db.execute(
                    sql: "UPDATE entry SET voided_at = ?, voided_by = ?, void_reason = ? WHERE id = ?",
                    arguments: [voiding.at, voiding.by, voiding.reason, id])
                try self.checkStillThere()
                return .commit
            }
            guard
                let e = try queue.read({ db in
                    try Row.fetchOne(db, sql: "SELECT * FROM entry WHERE id = ?", arguments: [id])
                })
            else { throw StoreError("entry \(id) disappeared") }
            return try Self.stored(e, layout: Self.schemaVersion)
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError("the progress log '\(path)' could not be written (\(error)); nothing was changed")
        }
    }

    // MARK: Reading

    public func stored(plans: [String]) throws(StoreError) -> [StoredEntry] {
        guard !plans.isEmpty else { return [] }
        do {
            return try queue.read { db in
                let marks = Array(repeating: "?", count: plans.count).joined(separator: ", ")
                let rows = try Row.fetchCursor(
                    db,
                    sql: """
                        SELECT * FROM entry WHERE plan IN (\(marks)) ORDER BY plan, date,
                        CASE kind WHEN 'session' THEN 0 WHEN 'pain' THEN 1 WHEN 'symptom' THEN 2 ELSE 3 END, item, session, symptom, id
                        """, arguments: StatementArguments(plans))
                var out: [StoredEntry] = []
                while let row = try rows.next() { out.append(try Self.stored(row, layout: layout)) }
                return out
            }
        } catch let error as StoreError {
            throw StoreError(
                "the progress log '\(path)' holds an entry that breaks the log's rules: \(error.description); it was not used. Correct or remove that row"
            )
        } catch {
            throw StoreError("the progress log '\(path)' could not be read (\(error))")
        }
    }

    /// All entries, every plan (for counting in tests and tools).
    public func allStored() throws(StoreError) -> [StoredEntry] {
        let plans: [String]
        do {
            plans = try queue.read { try String.fetchAll($0, sql: "SELECT DISTINCT plan FROM entry ORDER BY plan") }
        } catch {
            throw StoreError("the progress log '\(path)' could not be read (\(error))")
        }
        return try stored(plans: plans)
    }

    public func count() throws(StoreError) -> Int {
        do {
            return try queue.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM entry") ?? 0 }
        } catch {
            throw StoreError("the progress log '\(path)' could not be read (\(error))")
        }
    }

    /// One row as an entry, or what is wrong with it (the store may have been written by another tool).
    static func stored(_ row: Row, layout: Int) throws(StoreError) -> StoredEntry {
        try EntryRow(id: row["id"] ?? 0, voiding: layout >= 2) { column in
            let value: DatabaseValue = row[column] ?? .null
            switch value.storage {
            case .null: return .null
            case .string(let s): return .text(s)
            case .int64(let n): return .integer(n)
            default: return .other("\(value)")
            }
        }.validated()
    }

    public func reportedRedFlags(plans: [String]) throws(StoreError) -> [ReportedRedFlag] {
        guard !plans.isEmpty else { return [] }
        do {
            return try queue.read { db in
                let marks = Array(repeating: "?", count: plans.count).joined(separator: ", ")
                let live = layout >= 2 ? " AND voided_at IS NULL" : ""
                let rows = try Row.fetchCursor(
                    db,
                    sql: "SELECT * FROM entry WHERE kind = 'symptom'\(live) AND plan IN (\(marks)) ORDER BY date, id",
                    arguments: StatementArguments(plans))
                var out: [ReportedRedFlag] = []
                while let row = try rows.next() {
                    let e = try Self.stored(row, layout: layout).entry
                    if let s = e.symptom { out.append(ReportedRedFlag(s, on: e.date)) }
                }
                return out
            }
        } catch let error as StoreError {
            throw StoreError(
                "the progress log '\(path)' holds an entry that breaks the log's rules: \(error.description); it was not used. Correct or remove that row"
            )
        } catch {
            throw StoreError("the progress log '\(path)' could not be read (\(error))")
        }
    }
}
