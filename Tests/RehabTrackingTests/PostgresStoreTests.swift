import Foundation
import RehabKit
import TestSupport
import Testing

@testable import RehabTracking

/// What only the PostgreSQL store has to prove: whose database it is, the server's failures as
/// messages naming what to do, and the password never shown.
struct PostgresStoreTests {
    static let enabled = TestPostgres.asked

    @Test(.enabled(if: enabled, "needs the server of 'make test'"))
    func anEmptyDatabaseIsMarkedAsOurs() throws {
        let address = try TestPostgres.freshDatabase()
        _ = try #require(try Tracking.openStore(address, create: true))
        #expect(
            try TestPostgres.sql(address, "SELECT value FROM rehab_store WHERE key = 'application'")
                == "rehab progress log")
        #expect(try TestPostgres.sql(address, "SELECT value FROM rehab_store WHERE key = 'schema_version'") == "3")
    }

    /// A database of layout 2 (no measures) is read as it is, and a writer upgrades it to 3 keeping its rows.
    @Test(.enabled(if: enabled, "needs the server of 'make test'"))
    func aLayoutTwoDatabaseIsUpgradedForMeasures() throws {
        let address = try TestPostgres.freshDatabase()
        let store = try #require(try Tracking.openStore(address, create: true))
        try store.add([LogEntry(plan: "p", date: LocalDate("2026-12-01")!, kind: .pain, pain: 3)])
        // Back to layout 2, as the previous rehab made it.
        for statement in [
            "DROP INDEX rehab_entry_measure",
            "ALTER TABLE rehab_entry DROP COLUMN test, DROP COLUMN value, DROP COLUMN side",
            "ALTER TABLE rehab_entry DROP CONSTRAINT rehab_entry_kind_check",
            "ALTER TABLE rehab_entry ADD CHECK (kind IN ('session', 'pain', 'symptom'))",
            "UPDATE rehab_store SET value = '2' WHERE key = 'schema_version'",
        ] {
            _ = try TestPostgres.sql(address, statement)
        }
        let reader = try #require(try Tracking.openStore(address, create: false))
        #expect(try reader.entries(plan: "p").map(\.pain) == [3])
        #expect(try TestPostgres.sql(address, "SELECT value FROM rehab_store WHERE key = 'schema_version'") == "2")
        let writer = try #require(try Tracking.openStore(address, create: true))
        #expect(try TestPostgres.sql(address, "SELECT value FROM rehab_store WHERE key = 'schema_version'") == "3")
        let measure = LogEntry(
            plan: "p", date: LocalDate("2026-12-01")!, kind: .measure, test: "grip-strength", value: 22.5, side: .left)
        try writer.add([measure])
        #expect(
            try writer.entries(plan: "p") == [
                LogEntry(plan: "p", date: LocalDate("2026-12-01")!, kind: .pain, pain: 3), measure,
            ])
        #expect(throws: StoreError.self, "one live value per test, side and day") { try writer.add([measure]) }
    }

    @Test(.enabled(if: enabled, "needs the server of 'make test'"))
    func aWrongPasswordSaysWhatToDoAndNeverShowsIt() throws {
        let address = try TestPostgres.freshDatabase()
        let wrong = address.replacingOccurrences(of: "postgres://rehab@", with: "postgres://rehab:Secret-Hunter2@")
        do {
            _ = try Tracking.openStore(wrong, create: true)
            Issue.record("a wrong password was accepted")
        } catch {
            #expect(error.description.contains("refused user 'rehab'"), "\(error)")
            #expect(error.description.contains("PGPASSWORD"))
            #expect(!error.description.contains("Secret-Hunter2"))
        }
    }

    @Test(.enabled(if: enabled, "needs the server of 'make test'"))
    func noPasswordAnywhereSaysWhereToPutIt() throws {
        let address = try TestPostgres.freshDatabase()
        do {
            _ = try PostgresProgressStore.open(
                PostgresAddress(url: address), create: true, environment: ["PGPASSFILE": "/dev/null"])
            Issue.record("connected without a password")
        } catch {
            #expect(
                error.description.contains("asks for a password for user 'rehab' and none was found: set PGPASSWORD"),
                "\(error)")
        }
    }

    @Test(.enabled(if: enabled, "needs the server of 'make test'"))
    func aServerThatIsNotThereIsNamed() throws {
        // A port nothing listens on: the test server's own port, plus one, is free for a moment at most;
        // port 1 on loopback is never a PostgreSQL server.
        do {
            _ = try Tracking.openStore("postgres://rehab@127.0.0.1:1/rehab_test", create: true)
            Issue.record("connected to nothing")
        } catch {
            #expect(
                error.description.contains(
                    "cannot connect to the PostgreSQL server at postgres://rehab@127.0.0.1:1/rehab_test"), "\(error)")
            #expect(error.description.contains("is it running"))
        }
    }

    static let entry = LogEntry(plan: "p1", date: LocalDate("2026-12-01")!, kind: .pain, pain: 2)

    @Test(.enabled(if: enabled, "needs the server of 'make test'"))
    func aReadOnlyServerStoresNothingAndSaysSo() throws {
        let address = try TestPostgres.freshDatabase()
        _ = try Tracking.openStore(address, create: true)
        let name = String(address[address.index(after: address.lastIndex(of: "/")!)...])
        _ = try TestPostgres.sql(address, "ALTER DATABASE \(name) SET default_transaction_read_only = on")
        let store = try #require(try Tracking.openStore(address, create: true))
        do {
            try store.add([Self.entry], replace: false, voided: [])
            Issue.record("stored on a read-only server")
        } catch {
            #expect(error.description.contains("is read-only"), "\(error)")
            #expect(error.description.contains("point --db at the primary server"))
        }
        #expect(try store.count() == 0)
    }

    @Test(.enabled(if: enabled, "needs the server of 'make test'"))
    func aLostConnectionStoresNothingAndSaysSo() throws {
        let address = try TestPostgres.freshDatabase()
        let store = try #require(try Tracking.openStore(address, create: true))
        let name = String(address[address.index(after: address.lastIndex(of: "/")!)...])
        // The server ends every other connection to the database: ours is lost.
        _ = try TestPostgres.sql(
            address,
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '\(name)' AND pid <> pg_backend_pid()"
        )
        do {
            try store.add([Self.entry], replace: false, voided: [])
            Issue.record("stored through a lost connection")
        } catch {
            #expect(error.description.contains("nothing was stored"), "\(error)")
        }
        let again = try #require(try Tracking.openStore(address, create: false))
        #expect(try again.count() == 0)
    }

    /// A site whose login has no rights on the log is told so: it never reads the log as empty (which
    /// would print a plan whose patient reported a red flag elsewhere), and never makes a second log.
    @Test(.enabled(if: enabled, "needs the server of 'make test'"))
    func aLoginWithoutRightsIsToldSoNeverShownAnEmptyLog() throws {
        let address = try TestPostgres.freshDatabase()
        let store = try #require(try Tracking.openStore(address, create: true))
        try store.add(
            [LogEntry(plan: "p1", date: LocalDate("2026-12-01")!, kind: .symptom, symptom: .numbness)], replace: false,
            voided: [])
        let role = "site_" + UUID().uuidString.prefix(8).lowercased().replacingOccurrences(of: "-", with: "")
        _ = try TestPostgres.sql(address, "CREATE ROLE \(role) LOGIN PASSWORD 'pw-\(role)'")
        let other = address.replacingOccurrences(of: "postgres://rehab@", with: "postgres://\(role):pw-\(role)@")
        for create in [false, true] {
            do {
                let opened = try Tracking.openStore(other, create: create)
                Issue.record(
                    "opened without rights (create: \(create)): \(opened == nil ? "as an empty log" : "as a log")")
            } catch {
                #expect(error.description.contains("must grant it SELECT, INSERT and UPDATE"), "\(error)")
                #expect(!error.description.contains("pw-\(role)"))
            }
        }
        #expect(
            try TestPostgres.sql(address, "SELECT COUNT(*) FROM pg_class WHERE relname = 'rehab_store'") == "1",
            "no second log")
    }

    /// The test server offers TLS with a self-signed certificate: sslmode=require encrypts (the server
    /// sees an SSL connection), verify-full refuses the certificate no authority signed, disable is plain.
    @Test(.enabled(if: enabled, "needs the server of 'make test'"))
    func tlsModesAgainstARealHandshake() throws {
        let address = try TestPostgres.freshDatabase()
        let name = String(address[address.index(after: address.lastIndex(of: "/")!)...])
        func sslConnections() throws -> String {
            try TestPostgres.sql(
                address,
                "SELECT COUNT(*) FROM pg_stat_ssl s JOIN pg_stat_activity a USING (pid) WHERE a.datname = '\(name)' AND s.ssl AND a.pid <> pg_backend_pid()"
            )
        }
        let encrypted = try #require(try Tracking.openStore(address + "?sslmode=require", create: true))
        #expect(try sslConnections() == "1", "sslmode=require: the server sees TLS")
        _ = encrypted
        do {
            _ = try Tracking.openStore(address + "?sslmode=verify-full", create: true)
            Issue.record("verify-full accepted a self-signed certificate")
        } catch {
            #expect(error.description.contains("cannot connect to the PostgreSQL server at"), "\(error)")
            #expect(
                error.description.contains("sslmode=verify-full"),
                "the message names the address with its mode: \(error)")
        }
        let plain = try #require(try Tracking.openStore(address + "?sslmode=disable", create: false))
        #expect(try plain.count() == 0)
    }

    @Test func anAddressAwayFromThisMachineMustSayHowItIsEncrypted() throws {
        #expect(throws: StoreError.self) { try PostgresAddress(url: "postgres://ann@db.hospital.example/rehab") }
        #expect(try PostgresAddress(url: "postgres://ann@db.hospital.example/rehab?sslmode=prefer").tls == .require)
        #expect(try PostgresAddress(url: "postgres://ann@db.hospital.example/rehab?sslmode=disable").tls == .disable)
        #expect(try PostgresAddress(url: "postgres://ann@127.0.0.1:5433/rehab").tls == .disable)
        do {
            _ = try PostgresAddress(url: "postgres://ann:p@ss@db.hospital.example:99999/x")
            Issue.record("a bad port was accepted")
        } catch {
            #expect(!error.description.contains("p@ss") && !error.description.contains("ss@db"), "\(error)")
        }
    }

    @Test func addressesParseAndHideTheirPassword() throws {
        let a = try PostgresAddress(url: "postgres://ann:s3cr%40t@db.example.org:6543/rehab?sslmode=require")
        #expect(
            a.user == "ann" && a.host == "db.example.org" && a.port == 6543 && a.database == "rehab"
                && a.tls == .require)
        #expect(a.password(environment: [:]) == "s3cr@t")
        #expect(a.description == "postgres://ann@db.example.org:6543/rehab?sslmode=require")
        #expect(!"\(a)".contains("s3cr"))
        for bad in [
            "postgres://db/rehab", "postgres://ann@db", "postgres://ann@db:99999/x",
            "postgres://ann:pw@db/x?sslmode=maybe",
            "postgres://ann:pw@db/x?application=y", "postgres://ann:pw@db/x",
        ] {
            do {
                _ = try PostgresAddress(url: bad)
                Issue.record("accepted \(bad)")
            } catch {
                #expect(!error.description.contains(":pw@"), "\(error)")
            }
        }
    }

    @Test func thePasswordComesFromTheEnvironmentOrThePasswordFile() throws {
        let a = try PostgresAddress(url: "postgres://ann@db:5432/rehab?sslmode=require")
        #expect(a.password(environment: ["PGPASSWORD": "env"]) == "env")
        let folder = try TemporaryWorkspace()
        let file = try folder.write(
            "pgpass", "# sites\nother:5432:*:ann:no\ndb:5432:rehab:ann:pa\\:ss\n*:*:*:*:fallback\n")
        chmod(file, 0o600)
        #expect(a.password(environment: ["PGPASSFILE": file]) == "pa:ss")
        chmod(file, 0o644)
        #expect(
            a.password(environment: ["PGPASSFILE": file]) == nil,
            "a password file others can read is ignored, as by psql")
    }
}
