import Foundation
import Logging
import NIOCore
import NIOPosix
import NIOSSL
import PostgresNIO
import RehabKit

/// The progress log on a PostgreSQL server, shared by several sites: the same guarantees as the
/// SQLite `ProgressStore`, through the same protocol.
///
/// - A database is judged before anything is written to it: ours (the `rehab_store` table with the
///   application marker and a layout this rehab knows), empty (the layout is made, in one
///   transaction, under an advisory lock so that sites opening it at once wait for each other), or
///   another application's (any other table: refused, untouched). A command that only reads never
///   creates or migrates anything.
/// - A batch is one transaction: on any error — a duplicate entry, a rule broken, a connection lost
///   mid-import — it is rolled back and nothing counts as stored.
/// - Every read goes to the server, so a red flag recorded at one site stops the patient's plans at
///   every site from the next command on.
///
/// The connection is blocking (a command is one short conversation): futures on NIO's own event
/// loop, waited for on the caller's thread, never on the event loop.
public final class PostgresProgressStore: ProgressLogStore {
    public let location: String
    public let readOnly: Bool
    let address: PostgresAddress
    let connection: PostgresConnection
    /// One conversation at a time on the one connection: a caller on another thread waits, so no
    /// statement of its lands inside another caller's transaction.
    let lock = NSRecursiveLock()
    let logger: Logger

    /// `rehab_store.application`: what marks a database as a rehab progress log.
    static let marker = "rehab progress log"
    /// The layout this rehab writes (as the SQLite store's: entries with voiding; 3 adds outcome measures).
    public static let schemaVersion = 3

    /// The store for a command: with `create`, for writing (making the layout in an empty database);
    /// without it, read-only, or nil when the database holds no log yet.
    public static func open(
        _ address: PostgresAddress, create: Bool,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws(StoreError) -> PostgresProgressStore? {
        let connection = try connect(address, environment: environment)
        do {
            guard try judge(connection, address: address, create: create) else {
                try? connection.close().wait()
                return nil
            }
        } catch {
            try? connection.close().wait()
            throw error
        }
        return PostgresProgressStore(connection: connection, address: address, readOnly: !create)
    }

    init(connection: PostgresConnection, address: PostgresAddress, readOnly: Bool) {
        self.connection = connection
        self.address = address
        self.location = address.description
        self.readOnly = readOnly
        self.logger = Self.quietLogger
    }

    deinit {
        let closing: EventLoopFuture<Void> = connection.close()
        if !connection.eventLoop.inEventLoop { try? closing.wait() }
    }

    static let quietLogger: Logger = {
        var l = Logger(label: "rehab.postgres")
        l.logLevel = .critical
        return l
    }()

    // MARK: Connecting

    static func connect(_ address: PostgresAddress, environment: [String: String]) throws(StoreError)
        -> PostgresConnection
    {
        let tls: PostgresConnection.Configuration.TLS
        switch address.tls {
        case .disable:
            tls = .disable
        case .prefer, .require, .verifyFull:
            var config = TLSConfiguration.makeClientConfiguration()
            if address.tls != .verifyFull { config.certificateVerification = .none }
            do {
                let context = try NIOSSLContext(configuration: config)
                tls = address.tls == .prefer ? .prefer(context) : .require(context)
            } catch {
                throw StoreError("cannot set up TLS for \(address): \(error)")
            }
        }
        var config = PostgresConnection.Configuration(
            host: address.host, port: address.port, username: address.user,
            password: address.password(environment: environment),
            database: address.database, tls: tls)
        config.options.connectTimeout = .seconds(15)
        let connection: PostgresConnection
        do {
            // The whole handshake (TCP, TLS, authentication) within the time limit, not only the TCP connect.
            let future = PostgresConnection.connect(
                on: MultiThreadedEventLoopGroup.singleton.any(), configuration: config,
                id: 1, logger: quietLogger)
            let promise = future.eventLoop.makePromise(of: PostgresConnection.self)
            future.cascade(to: promise)
            let timer = future.eventLoop.scheduleTask(in: .seconds(30)) {
                promise.fail(Timeout())
                // A connection that arrives after the time limit is closed, never used.
                future.whenSuccess { c in let _: EventLoopFuture<Void> = c.close() }
            }
            defer { timer.cancel() }
            connection = try promise.futureResult.wait()
        } catch {
            throw explain(error, address: address, doing: "connect to")
        }
        // The server gives up on a statement (and rolls it back) a little before this side does.
        do {
            _ = try waited(connection.query("SET statement_timeout = '110s'", logger: quietLogger), on: connection)
        } catch {
            let _: EventLoopFuture<Void> = connection.close()
            throw explain(error, address: address, doing: "connect to")
        }
        return connection
    }

    /// A server's failure as a message naming what to do; never the password.
    static func explain(_ error: any Error, address: PostgresAddress, doing: String) -> StoreError {
        if let e = error as? StoreError { return e }
        if error is ConnectionLost {
            return StoreError(
                "the connection to the PostgreSQL server at \(address) was lost; nothing was stored (the server rolls back what it had not committed). Check the server and the network, then run the command again"
            )
        }
        if error is Timeout {
            return StoreError(
                "the PostgreSQL server at \(address) did not answer in \(statementTimeout) s; nothing was stored. Check the server (a lock held by another session?) and run the command again"
            )
        }
        if let p = error as? PSQLError {
            if let state = p.serverInfo?[.sqlState] {
                let message = p.serverInfo?[.message] ?? "error \(state)"
                switch state {
                case "28P01", "28000":
                    // Wrong password, or no pg_hba line lets this user in from here.
                    return StoreError(
                        "the PostgreSQL server at \(address) refused user '\(address.user)' (\(message)): check the password in PGPASSWORD or the password file (~/.pgpass); it is never printed"
                    )
                case "42501":
                    return StoreError(
                        "user '\(address.user)' may not \(doing) the progress log in \(address) (\(message)): the database's owner must grant it SELECT, INSERT and UPDATE on rehab_store and rehab_entry, and USAGE on rehab_entry_id_seq. Nothing was stored"
                    )
                case "3D000":
                    return StoreError(
                        "the PostgreSQL server at \(address) has no database '\(address.database)': create it (createdb) or correct --db"
                    )
                case "25006":
                    return StoreError(
                        "the PostgreSQL server at \(address) is read-only (\(message)): nothing was stored; point --db at the primary server"
                    )
                case "57P01", "57P02", "57P03":
                    return StoreError(
                        "the PostgreSQL server at \(address) is shutting down or starting (\(message)): nothing was stored; try again when it is up"
                    )
                default:
                    return StoreError(
                        "the PostgreSQL server at \(address) could not \(doing) the progress log (\(message), SQLSTATE \(state))"
                    )
                }
            }
            switch p.code {
            case .connectionError:
                let cause = p.underlying.flatMap { $0 is PSQLError ? nil : " (\($0))" } ?? ""
                return StoreError(
                    "cannot \(doing) the PostgreSQL server at \(address)\(cause): is it running, and are the host and port right? Nothing was stored"
                )
            case .uncleanShutdown, .serverClosedConnection, .clientClosedConnection:
                return explain(ConnectionLost(), address: address, doing: doing)
            case .authMechanismRequiresPassword:
                return StoreError(
                    "the PostgreSQL server at \(address) asks for a password for user '\(address.user)' and none was found: set PGPASSWORD or add a line to the password file (~/.pgpass, or PGPASSFILE)"
                )
            case .sslUnsupported:
                return StoreError(
                    "the PostgreSQL server at \(address) does not offer TLS, which sslmode=\(address.tls.rawValue) asks for: turn TLS on at the server, or use sslmode=disable on a trusted network only"
                )
            default:
                return StoreError("cannot \(doing) the PostgreSQL server at \(address) (\(p.code)); nothing was stored")
            }
        }
        return StoreError(
            "cannot \(doing) the PostgreSQL server at \(address) (\(String(describing: error).prefix(200))); nothing was stored"
        )
    }

    // MARK: Judging the database

    static let layout = [
        "CREATE TABLE public.rehab_store (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
        """
        CREATE TABLE public.rehab_entry (
            id BIGSERIAL PRIMARY KEY,
            plan TEXT NOT NULL,
            date TEXT NOT NULL,
            kind TEXT NOT NULL CONSTRAINT rehab_entry_kind_check CHECK (kind IN ('session', 'pain', 'symptom', 'measure')),
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
        )
        """,
        "CREATE INDEX rehab_entry_plan_date ON public.rehab_entry (plan, date)",
        "CREATE UNIQUE INDEX rehab_entry_session ON public.rehab_entry (plan, date, item, session) WHERE kind = 'session' AND voided_at IS NULL",
        "CREATE UNIQUE INDEX rehab_entry_pain ON public.rehab_entry (plan, date) WHERE kind = 'pain' AND voided_at IS NULL",
        "CREATE UNIQUE INDEX rehab_entry_symptom ON public.rehab_entry (plan, date, symptom) WHERE kind = 'symptom' AND voided_at IS NULL",
        measureIndex,
    ]

    static let measureIndex =
        "CREATE UNIQUE INDEX rehab_entry_measure ON public.rehab_entry (plan, date, test, COALESCE(side, '')) WHERE kind = 'measure' AND voided_at IS NULL"

    /// Layout 2 to 3: outcome measures (the kind's CHECK widened, three columns, their unique index).
    static let migrationTo3 = [
        "ALTER TABLE public.rehab_entry DROP CONSTRAINT rehab_entry_kind_check",
        "ALTER TABLE public.rehab_entry ADD CONSTRAINT rehab_entry_kind_check CHECK (kind IN ('session', 'pain', 'symptom', 'measure'))",
        "ALTER TABLE public.rehab_entry ADD COLUMN test TEXT, ADD COLUMN value TEXT, ADD COLUMN side TEXT CHECK (side IN ('left', 'right'))",
        measureIndex,
        "UPDATE public.rehab_store SET value = '3' WHERE key = 'schema_version'",
    ]

    /// Whether the database holds a log (after making one, with `create`); throws for another
    /// application's database or a newer layout, leaving it untouched.
    static func judge(_ c: PostgresConnection, address: PostgresAddress, create: Bool) throws(StoreError) -> Bool {
        func look() throws(StoreError) -> (tables: [String], application: String?, version: Int?) {
            // pg_catalog, not information_schema: it lists every table whatever this login may read,
            // so a site without rights on the log is told so instead of seeing an empty database.
            let tables = try run(
                c, address,
                """
                SELECT CASE WHEN n.nspname = 'public' THEN c.relname ELSE n.nspname || '.' || c.relname END
                FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f') AND n.nspname NOT IN ('pg_catalog', 'information_schema')
                  AND n.nspname NOT LIKE 'pg_toast%' AND n.nspname NOT LIKE 'pg_temp%'
                ORDER BY 1
                """
            ).map { (try? $0.decode(String.self)) ?? "" }
            guard tables.contains("rehab_store") else { return (tables, nil, nil) }
            var application: String?
            var version: Int?
            for row in try run(c, address, "SELECT key, value FROM public.rehab_store") {
                guard let (key, value) = try? row.decode((String, String).self) else { continue }
                if key == "application" { application = value }
                if key == "schema_version" { version = Int(value) }
            }
            return (tables, application, version)
        }
        func check(_ state: (tables: [String], application: String?, version: Int?)) throws(StoreError) -> Bool {
            if state.application == nil, !state.tables.isEmpty {
                throw StoreError(
                    "the database \(address) belongs to another application (tables: \(state.tables.prefix(8).joined(separator: ", "))); it was left untouched. Give rehab a database of its own"
                )
            }
            if let application = state.application, application != marker {
                throw StoreError(
                    "the database \(address) is marked as '\(application)', not a rehab progress log; it was left untouched"
                )
            }
            if let version = state.version, version > schemaVersion {
                throw StoreError(
                    "the database \(address) was written by a newer rehab (store layout \(version); this rehab knows up to \(schemaVersion)); it was left untouched. Use the newer rehab"
                )
            }
            if state.application != nil, state.version == nil {
                throw StoreError(
                    "the database \(address) is marked as a rehab progress log but has no layout version; it was left untouched"
                )
            }
            return state.application != nil
        }
        let state = try look()
        if try check(state) {
            // An older layout is read as it is; a command that writes brings it up to date first.
            if create, let version = state.version, version < schemaVersion {
                try transaction(c, address, doing: "prepare") { () throws(StoreError) in
                    _ = try run(c, address, "SELECT pg_advisory_xact_lock(5248414200)")
                    let again = try look()
                    guard try check(again), let v = again.version, v < 3 else { return }
                    // The migration's own constant statements, no value from outside in them.
                    for statement in migrationTo3 { _ = try run(c, address, PostgresQuery(unsafeSQL: statement)) }
                }
            }
            return true
        }
        guard create else { return false }
        // Make the layout: one transaction, sites opening an empty database at once in turn.
        try transaction(c, address, doing: "prepare") { () throws(StoreError) in
            _ = try run(c, address, "SELECT pg_advisory_xact_lock(5248414200)")
            if try check(look()) { return }
            // The layout's own constant statements, no value from outside in them.
            for statement in layout { _ = try run(c, address, PostgresQuery(unsafeSQL: statement)) }
            _ = try run(
                c, address,
                "INSERT INTO public.rehab_store (key, value) VALUES ('application', \(marker)), ('schema_version', \(String(schemaVersion)))"
            )
        }
        return true
    }

    // MARK: Queries

    /// How long one statement may take before the store gives up on the server (a lost connection
    /// the network has not reported yet, a lock never released): the transaction is not committed.
    static let statementTimeout: Int64 = 120

    @discardableResult
    static func run(_ c: PostgresConnection, _ address: PostgresAddress, _ query: PostgresQuery, doing: String = "read")
        throws(StoreError) -> PostgresQueryResult
    {
        do {
            return try waited(c.query(query, logger: quietLogger), on: c)
        } catch {
            throw explain(error, address: address, doing: doing)
        }
    }

    struct Timeout: Error {}
    struct ConnectionLost: Error {}

    /// The future's value, waited for on this thread; a connection the server closed fails at once
    /// (a query sent on it would wait for ever), and a statement with no answer after
    /// `statementTimeout` fails and closes the connection (the server then rolls back on its own, and
    /// nothing is ever queued behind the hung statement).
    static func waited<T: Sendable>(_ future: EventLoopFuture<T>, on c: PostgresConnection) throws -> T {
        guard !c.isClosed else { throw ConnectionLost() }
        let promise = future.eventLoop.makePromise(of: T.self)
        future.cascade(to: promise)
        let timer = future.eventLoop.scheduleTask(in: .seconds(statementTimeout)) {
            let _: EventLoopFuture<Void> = c.close()
            promise.fail(Timeout())
        }
        // The server closing the connection fails the wait too, whatever the query's own state.
        c.closeFuture.whenComplete { _ in promise.fail(ConnectionLost()) }
        defer { timer.cancel() }
        return try promise.futureResult.wait()
    }

    /// `body` between BEGIN and COMMIT; any error rolls back (and, with the connection lost, the
    /// server rolls back itself).
    static func transaction(
        _ c: PostgresConnection, _ address: PostgresAddress, doing: String,
        _ body: () throws(StoreError) -> Void
    ) throws(StoreError) {
        try run(c, address, "BEGIN", doing: doing)
        do {
            try body()
        } catch {
            // On a connection that timed out or is gone this fails at once (`waited`); the server rolls
            // back on its own.
            _ = try? waited(c.query("ROLLBACK", logger: quietLogger), on: c)
            throw error
        }
        do {
            _ = try waited(c.query("COMMIT", logger: quietLogger), on: c)
        } catch {
            // The server may have committed before the answer was lost: say so, never "nothing was stored".
            let _: EventLoopFuture<Void> = c.close()
            throw StoreError(
                "the answer to COMMIT from the PostgreSQL server at \(address) was lost (\(explain(error, address: address, doing: doing).description)); the entries may or may not have been stored. Check with 'rehab log list PLAN' before entering them again"
            )
        }
    }

    @discardableResult
    func run(_ query: PostgresQuery, doing: String = "read") throws(StoreError) -> PostgresQueryResult {
        lock.lock()
        defer { lock.unlock() }
        return try Self.run(connection, address, query, doing: doing)
    }

    /// A transaction on this store's connection, holding the store's lock throughout.
    func transaction(doing: String, _ body: () throws(StoreError) -> Void) throws(StoreError) {
        lock.lock()
        defer { lock.unlock() }
        try Self.transaction(connection, address, doing: doing, body)
    }

    // MARK: Writing

    public func add(_ entries: [LogEntry], replace: Bool, voided: [Voiding?]) throws(StoreError) {
        guard !readOnly else { throw StoreError("the progress log \(location) was opened read-only") }
        try transaction(doing: "write to") { () throws(StoreError) in
            for (i, e) in entries.enumerated() {
                let v = i < voided.count ? voided[i] : nil
                if replace, v == nil { try delete(e) }
                do {
                    _ = try Self.waited(
                        connection.query(
                            """
                            INSERT INTO public.rehab_entry (plan, date, kind, item, session, outcome, pain, rpe, symptom, note, reason, voided_at, voided_by, void_reason,
                                                            test, value, side)
                            VALUES (\(e.plan), \(e.date.description), \(e.kind.rawValue), \(e.item), \(e.session), \(e.outcome?.rawValue), \(e.pain),
                                    \(e.rpe), \(e.symptom?.rawValue), \(e.note), \(e.reason), \(v?.at), \(v?.by), \(v?.reason),
                                    \(e.test), \(e.value.map(OutcomeTest.text)), \(e.side?.rawValue))
                            """, logger: logger), on: connection)
                } catch let error as PSQLError where error.serverInfo?[.sqlState] == "23505" {
                    throw StoreError(
                        "\(e.summary) is already in the log\(entries.count > 1 ? " (entry \(i + 1))" : ""); use --replace to change it"
                    )
                } catch let error as PSQLError where error.serverInfo?[.sqlState]?.hasPrefix("23") == true {
                    throw StoreError(
                        "\(e.summary) breaks the log's rules (\(error.serverInfo?[.message] ?? "a constraint")); nothing was stored"
                    )
                } catch {
                    throw Self.explain(error, address: address, doing: "write to")
                }
            }
        }
    }

    func delete(_ e: LogEntry) throws(StoreError) {
        switch e.kind {
        case .session:
            try run(
                "DELETE FROM public.rehab_entry WHERE kind = 'session' AND voided_at IS NULL AND plan = \(e.plan) AND date = \(e.date.description) AND item = \(e.item) AND session = \(e.session)",
                doing: "write to")
        case .pain:
            try run(
                "DELETE FROM public.rehab_entry WHERE kind = 'pain' AND voided_at IS NULL AND plan = \(e.plan) AND date = \(e.date.description)",
                doing: "write to")
        case .symptom:
            try run(
                "DELETE FROM public.rehab_entry WHERE kind = 'symptom' AND voided_at IS NULL AND plan = \(e.plan) AND date = \(e.date.description) AND symptom = \(e.symptom?.rawValue)",
                doing: "write to")
        case .measure:
            try run(
                "DELETE FROM public.rehab_entry WHERE kind = 'measure' AND voided_at IS NULL AND plan = \(e.plan) AND date = \(e.date.description) AND test = \(e.test) AND COALESCE(side, '') = \(e.side?.rawValue ?? "")",
                doing: "write to")
        }
    }

    public func void(id: Int64, voiding: Voiding) throws(StoreError) -> StoredEntry {
        guard !readOnly else { throw StoreError("the progress log \(location) was opened read-only") }
        guard !voiding.reason.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw StoreError("a void needs a reason (--reason)")
        }
        var result: StoredEntry?
        try transaction(doing: "write to") { () throws(StoreError) in
            guard let row = try run("SELECT * FROM public.rehab_entry WHERE id = \(id) FOR UPDATE").first else {
                throw StoreError("there is no entry \(id) in the log ('rehab log list PLAN' shows the ids)")
            }
            let e = try Self.stored(row)
            if let v = e.voided {
                throw StoreError("entry \(id) was already voided on \(v.at) by \(v.by): \(v.reason)")
            }
            try run(
                "UPDATE public.rehab_entry SET voided_at = \(voiding.at), voided_by = \(voiding.by), void_reason = \(voiding.reason) WHERE id = \(id)",
                doing: "write to")
            var voided = e
            voided.voided = voiding
            result = voided
        }
        guard let result else { throw StoreError("entry \(id) disappeared") }
        return result
    }

    // MARK: Reading

    public func stored(plans: [String]) throws(StoreError) -> [StoredEntry] {
        guard !plans.isEmpty else { return [] }
        let rows = try run(
            """
            SELECT * FROM public.rehab_entry WHERE plan = ANY(\(plans)) ORDER BY plan, date,
            CASE kind WHEN 'session' THEN 0 WHEN 'pain' THEN 1 WHEN 'symptom' THEN 2 ELSE 3 END, item, session, symptom, id
            """)
        var out: [StoredEntry] = []
        for row in rows {
            do {
                out.append(try Self.stored(row))
            } catch {
                throw StoreError(
                    "the progress log \(location) holds an entry that breaks the log's rules: \(error.description); it was not used. Correct or remove that row"
                )
            }
        }
        return out
    }

    public func allStored() throws(StoreError) -> [StoredEntry] {
        let plans = try run("SELECT DISTINCT plan FROM public.rehab_entry ORDER BY plan").compactMap {
            try? $0.decode(String.self)
        }
        return try stored(plans: plans)
    }

    public func count() throws(StoreError) -> Int {
        guard let row = try run("SELECT COUNT(*) FROM public.rehab_entry").first, let n = try? row.decode(Int64.self)
        else { return 0 }
        return Int(n)
    }

    public func reportedRedFlags(plans: [String]) throws(StoreError) -> [ReportedRedFlag] {
        guard !plans.isEmpty else { return [] }
        let rows = try run(
            "SELECT * FROM public.rehab_entry WHERE kind = 'symptom' AND voided_at IS NULL AND plan = ANY(\(plans)) ORDER BY date, id"
        )
        var out: [ReportedRedFlag] = []
        for row in rows {
            let e: LogEntry
            do {
                e = try Self.stored(row).entry
            } catch {
                throw StoreError(
                    "the progress log \(location) holds an entry that breaks the log's rules: \(error.description); it was not used. Correct or remove that row"
                )
            }
            if let s = e.symptom { out.append(ReportedRedFlag(s, on: e.date)) }
        }
        return out
    }

    static func stored(_ row: PostgresRow) throws(StoreError) -> StoredEntry {
        let cells = row.makeRandomAccess()
        let id = (try? cells["id"].decode(Int64.self)) ?? 0
        return try EntryRow(id: id, voiding: true) { column in
            guard cells.contains(column) else { return .null }
            let cell = cells[column]
            guard cell.bytes != nil else { return .null }
            if let n = try? cell.decode(Int64.self) { return .integer(n) }
            if let n = try? cell.decode(Int32.self) { return .integer(Int64(n)) }
            if let s = try? cell.decode(String.self) { return .text(s) }
            return .other("\(cell.dataType)")
        }.validated()
    }
}
