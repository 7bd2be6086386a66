import Foundation
import Testing
import TestSupport

/// The throw-away PostgreSQL server `make test` starts for the tests (scripts/pg-test-server.sh): up,
/// on loopback, with password authentication. Run outside `make test` (no server was asked for),
/// these tests are skipped; under it, a server that could not start fails them with the reason.
struct PostgresTestServerTests {
    static let environment = ProcessInfo.processInfo.environment
    static let asked = environment["REHAB_TEST_PG_URL"] != nil || environment["REHAB_TEST_PG_ERROR"] != nil

    static func url() throws -> String {
        if let error = environment["REHAB_TEST_PG_ERROR"] { Issue.record("the test PostgreSQL server did not start: \(error)") }
        return try #require(environment["REHAB_TEST_PG_URL"])
    }

    static func psql(_ url: String, passfile: String?, _ sql: String) throws -> Subprocess {
        var env = ["PATH": environment["PATH"] ?? "/usr/bin:/bin"]
        env["PGPASSFILE"] = passfile ?? "/dev/null"
        env["PGCONNECT_TIMEOUT"] = "10"
        return try Subprocess("/usr/bin/env", ["psql", url, "-tAc", sql], environment: env)
    }

    @Test(.enabled(if: asked, "needs the server of 'make test'"))
    func theServerAnswersOnLoopback() throws {
        let url = try Self.url()
        #expect(url.hasPrefix("postgres://rehab@127.0.0.1:"))
        let run = try Self.psql(url, passfile: Self.environment["PGPASSFILE"], "SELECT current_database(), inet_server_addr()")
        #expect(run.status == 0, "\(run.errors)")
        #expect(run.output.trimmingCharacters(in: .whitespacesAndNewlines) == "rehab_test|127.0.0.1")
    }

    @Test(.enabled(if: asked, "needs the server of 'make test'"))
    func aWrongPasswordIsRefused() throws {
        let url = try Self.url()
        let folder = try TemporaryWorkspace()
        let port = url.split(separator: ":").last.flatMap { $0.split(separator: "/").first } ?? ""
        let passfile = try folder.write("pgpass", "127.0.0.1:\(port):*:rehab:not-the-password\n")
        chmod(passfile, 0o600)
        let run = try Self.psql(url, passfile: passfile, "SELECT 1")
        #expect(run.status != 0)
        #expect(run.errors.contains("password authentication failed"), "\(run.errors)")
    }
}
