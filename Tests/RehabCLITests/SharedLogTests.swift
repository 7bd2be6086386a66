import Foundation
import TestSupport
import Testing

/// One progress log on the PostgreSQL server for several sites (issue 14): each site a workspace of
/// its own (the plans as they travel in a shared repository), every `rehab` process reaching the same
/// database through `--db` or `REHAB_DB`.
struct SharedLogTests {
    /// A site: a copy of the bundled plans, profiles and exercises.
    static func site() throws -> TemporaryWorkspace { try TemporaryWorkspace.clinicCopy() }

    /// Every session of the six weeks of the braced plan, as log rows (date, exercise, session of the day).
    static func sessions() throws -> [(date: String, item: String, session: Int)] {
        let run = try Run(["schedule", "Plans/braced-t10-metastasis.yaml", "--weeks", "1-6", "--format", "json"])
        let weeks = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [[String: Any]])
        var out: [(String, String, Int)] = []
        for week in weeks {
            for day in week["days"] as? [[String: Any]] ?? [] {
                let date = day["date"] as? String ?? ""
                var seen: [String: Int] = [:]
                for session in day["sessions"] as? [[String: Any]] ?? [] {
                    let item = session["exercise"] as? String ?? ""
                    seen[item, default: 0] += 1
                    out.append((date, item, seen[item]!))
                }
            }
        }
        return out
    }

    /// 4 processes, 2 sites, 100 entries each, at once: all 400 stored; then a red flag logged at one
    /// site stops the plan in the very next command at the other.
    @Test(.enabled(if: TestPostgres.asked, "needs the server of 'make test'"))
    func fourProcessesAtTwoSitesLoseNothingAndARedFlagStopsEverySite() throws {
        let db = try TestPostgres.freshDatabase()
        let sites = [try Self.site(), try Self.site()]
        let rows = try Self.sessions()
        try #require(rows.count >= 400, "\(rows.count) sessions")
        var files: [String] = []
        for p in 0..<4 {
            let lines = rows[(p * 100)..<(p * 100 + 100)].map {
                "braced-t10-metastasis,\($0.date),session,\($0.item),\($0.session),done,,,,,"
            }
            files.append(
                try sites[p % 2].write(
                    "import-\(p).csv",
                    "plan,date,entry,item,session,outcome,pain,rpe,symptom,note,reason\n"
                        + lines.joined(separator: "\n") + "\n"))
        }
        let results = Mutex4()
        let paths = files
        DispatchQueue.concurrentPerform(iterations: 4) { p in
            let run = Result { try Run(["log", "import", paths[p], "--db", db], in: sites[p % 2].root) }
            results.set(p, run)
        }
        for (p, result) in results.all.enumerated() {
            let run = try result.get()
            #expect(run.status == 0, "process \(p): \(run.stderr)")
        }
        #expect(try TestPostgres.sql(db, "SELECT COUNT(*) FROM rehab_entry") == "400")
        #expect(try TestPostgres.sql(db, "SELECT COUNT(DISTINCT (date, item, session)) FROM rehab_entry") == "400")

        let before = try Run(
            ["print", "Plans/braced-t10-metastasis.yaml", "--week", "6"], in: sites[1].root,
            environment: ["REHAB_DB": db])
        #expect(before.status == 0, "\(before.stderr)")
        // As of the day after the flag (the harness's today lies past the assessment's 90 days).
        let checkBefore = try Run(
            ["check", "Plans/braced-t10-metastasis.yaml", "--as-of", "2027-01-06", "--db", db], in: sites[1].root)
        #expect(checkBefore.status == 0, "\(checkBefore.stdout.prefix(400))")
        let flag = try Run(
            [
                "log", "Plans/braced-t10-metastasis.yaml", "--date", "2027-01-05", "--symptom", "leg-weakness", "--db",
                db,
            ],
            in: sites[0].root)
        #expect(flag.status == 3, "\(flag.stdout)\(flag.stderr)")
        let after = try Run(
            ["print", "Plans/braced-t10-metastasis.yaml", "--week", "6"], in: sites[1].root,
            environment: ["REHAB_DB": db])
        #expect(after.status == 3, "the other site's next print stops: \(after.stdout.prefix(300))")
        #expect(after.stdout.contains("STOP YOUR EXERCISES"))
        // And every other command at that site, through --db or REHAB_DB alike (check streams the
        // workspace only when there is no log: a server's log always counts).
        let check = try Run(
            ["check", "Plans/braced-t10-metastasis.yaml", "--as-of", "2027-01-06", "--db", db], in: sites[1].root)
        #expect(check.status == 3, "check at the other site: \(check.stdout.prefix(400))")
        #expect(
            check.stdout.contains("leg-weakness") || check.stdout.contains("weak or heavy legs"),
            "\(check.stdout.prefix(600))")
        let checkAll = try Run(
            ["check", "--all", "--as-of", "2027-01-06"], in: sites[1].root, environment: ["REHAB_DB": db])
        #expect(checkAll.status == 3, "check --all at the other site: \(checkAll.stdout.prefix(400))")
        let validate = try Run(["validate"], in: sites[1].root, environment: ["REHAB_DB": db])
        #expect(
            validate.stderr.contains("braced-t10-metastasis") || validate.stdout.contains("braced-t10-metastasis"),
            "validate names the stopped plan: \(validate.stdout.suffix(400))")
    }
}

extension SharedLogTests {
    /// An import killed mid-transaction (SIGKILL: no chance to roll back itself) leaves the server's
    /// log as it was. The import is held inside its transaction by a lock another session takes on the
    /// table, killed while it waits, and the lock released: the server rolls the transaction back.
    @Test(.enabled(if: TestPostgres.asked, "needs the server of 'make test'"))
    func anImportKilledMidTransactionStoresNothing() throws {
        let db = try TestPostgres.freshDatabase()
        let site = try Self.site()
        let rows = try Self.sessions().prefix(50)
        // The log exists, with one entry, before the import.
        let first = try Run(
            [
                "log", "import",
                try site.write(
                    "first.csv",
                    "plan,date,entry,item,session,outcome,pain,rpe,symptom,note,reason\n"
                        + "braced-t10-metastasis,\(rows[0].date),session,\(rows[0].item),\(rows[0].session),done,,,,,\n"
                ), "--db", db,
            ], in: site.root)
        try #require(first.status == 0, "\(first.stderr)")
        let csv = try site.write(
            "rest.csv",
            "plan,date,entry,item,session,outcome,pain,rpe,symptom,note,reason\n"
                + rows.dropFirst().map { "braced-t10-metastasis,\($0.date),session,\($0.item),\($0.session),done,,,,," }
                .joined(separator: "\n") + "\n")

        // Another session holds the table for 6 seconds.
        let holder = Process()
        holder.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        holder.arguments = [
            "psql", db, "-c", "BEGIN; LOCK TABLE rehab_entry IN EXCLUSIVE MODE; SELECT pg_sleep(6); COMMIT;",
        ]
        holder.environment = [
            "PATH": TestPostgres.environment["PATH"] ?? "/usr/bin:/bin",
            "PGPASSFILE": TestPostgres.environment["PGPASSFILE"] ?? "",
        ]
        holder.standardOutput = FileHandle.nullDevice
        try holder.run()
        defer { holder.waitUntilExit() }
        var waited = 0
        while try TestPostgres.sql(
            db,
            "SELECT COUNT(*) FROM pg_locks WHERE relation = 'rehab_entry'::regclass AND mode = 'ExclusiveLock' AND granted"
        ) != "1", waited < 100 {
            usleep(50_000)
            waited += 1
        }

        let importer = Process()
        importer.executableURL = URL(fileURLWithPath: Paths.rehabExecutable)
        importer.arguments = ["log", "import", csv, "--db", db]
        importer.currentDirectoryURL = URL(fileURLWithPath: site.root)
        var env = TestPostgres.environment
        env["REHAB_TODAY"] = "2027-03-01"
        importer.environment = env
        importer.standardOutput = FileHandle.nullDevice
        importer.standardError = FileHandle.nullDevice
        try importer.run()
        // Killed once its transaction is under way: its INSERT waits for the lock.
        waited = 0
        while try TestPostgres.sql(
            db,
            "SELECT COUNT(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE 'INSERT INTO %rehab_entry%'"
        ) != "1", waited < 100 {
            usleep(50_000)
            waited += 1
        }
        #expect(waited < 100, "the import never reached its INSERT")
        kill(importer.processIdentifier, SIGKILL)
        importer.waitUntilExit()
        holder.waitUntilExit()
        // The server notices the lost client and rolls back; the log is as it was.
        waited = 0
        while try TestPostgres.sql(
            db, "SELECT COUNT(*) FROM pg_stat_activity WHERE query LIKE 'INSERT INTO %rehab_entry%'") != "0",
            waited < 100
        {
            usleep(50_000)
            waited += 1
        }
        #expect(try TestPostgres.sql(db, "SELECT COUNT(*) FROM rehab_entry") == "1")
        let again = try Run(["log", "import", csv, "--db", db], in: site.root)
        #expect(again.status == 0, "the same file imports whole afterwards: \(again.stderr)")
        #expect(try TestPostgres.sql(db, "SELECT COUNT(*) FROM rehab_entry") == "50")
    }
}

extension SharedLogTests {
    /// A site's SQLite log into the shared server and back, through the command: counted, check-summed,
    /// repeatable, and a conflict is an error with nothing copied.
    @Test(.enabled(if: TestPostgres.asked, "needs the server of 'make test'"))
    func aSitesLogMovesToTheServerAndBack() throws {
        let db = try TestPostgres.freshDatabase()
        let site = try Self.site()
        let rows = try Self.sessions().prefix(30)
        let csv = try site.write(
            "log.csv",
            "plan,date,entry,item,session,outcome,pain,rpe,symptom,note,reason\n"
                + rows.map { "braced-t10-metastasis,\($0.date),session,\($0.item),\($0.session),done,,,,," }.joined(
                    separator: "\n") + "\n")
        let imported = try Run(["log", "import", csv], in: site.root)
        try #require(imported.status == 0, "\(imported.stderr)")

        let dry = try Run(
            ["store", "copy", "--from", ".rehab/progress.sqlite", "--to", db, "--dry-run"], in: site.root)
        #expect(dry.status == 0 && dry.stdout.contains("would copy 30 entries"), "\(dry.stdout)\(dry.stderr)")
        #expect(
            try TestPostgres.sql(db, "SELECT COUNT(*) FROM pg_class WHERE relname = 'rehab_entry'") == "0",
            "a dry run makes nothing")
        let copy = try Run(["store", "copy", "--from", ".rehab/progress.sqlite", "--to", db], in: site.root)
        #expect(copy.status == 0, "\(copy.stderr)")
        #expect(
            copy.stdout.contains("copied 30 entries")
                && copy.stdout.contains("all 30 of the source's entries, checksum"), "\(copy.stdout)")
        #expect(!copy.stdout.contains(":pw") && copy.stdout.contains("postgres://rehab@127.0.0.1"))
        let again = try Run(["store", "copy", "--from", ".rehab/progress.sqlite", "--to", db], in: site.root)
        #expect(
            again.stdout.contains("copied 0 entries") && again.stdout.contains("(30 already there)"), "\(again.stdout)")
        let back = try Run(["store", "copy", "--from", db, "--to", "back.sqlite"], in: site.root)
        #expect(back.status == 0 && back.stdout.contains("copied 30 entries"), "\(back.stdout)\(back.stderr)")

        // The server's log changes one entry: copying the site's log again is a conflict, nothing copied.
        _ = try TestPostgres.sql(
            db, "UPDATE rehab_entry SET outcome = 'skipped' WHERE id = (SELECT MIN(id) FROM rehab_entry)")
        let conflict = try Run(["store", "copy", "--from", ".rehab/progress.sqlite", "--to", db], in: site.root)
        #expect(conflict.status == 1)
        #expect(
            conflict.stderr.contains("conflict:") && conflict.stderr.contains("nothing was copied"),
            "\(conflict.stderr)")
        #expect(try TestPostgres.sql(db, "SELECT COUNT(*) FROM rehab_entry") == "30")
        let same = try Run(["store", "copy", "--from", "back.sqlite", "--to", "./back.sqlite"], in: site.root)
        #expect(same.status == 1 && same.stderr.contains("the same log"))
    }
}

/// Four results, set from four threads.
final class Mutex4: @unchecked Sendable {
    private let lock = NSLock()
    private var results: [Result<Run, any Error>?] = Array(repeating: nil, count: 4)

    func set(_ i: Int, _ r: Result<Run, any Error>) {
        lock.lock()
        results[i] = r
        lock.unlock()
    }

    var all: [Result<Run, any Error>] {
        lock.lock()
        defer { lock.unlock() }
        return results.map { $0 ?? .failure(CocoaError(.featureUnsupported)) }
    }
}
