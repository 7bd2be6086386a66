import Foundation
import TestSupport
import Testing

/// The throw-away PostgreSQL server `make test` starts for the tests (scripts/pg-test-server.sh): up,
/// on loopback, with password authentication. Run outside `make test` (no server was asked for),
/// these tests are skipped; under it, a server that could not start fails them with the reason.
struct PostgresTestServerTests {
    static let asked = TestPostgres.asked

    @Test(.enabled(if: asked, "needs the server of 'make test'"))
    func theServerAnswersOnLoopback() throws {
        let url = try TestPostgres.url()
        #expect(url.hasPrefix("postgres://rehab@127.0.0.1:"))
        let run = try TestPostgres.psql(url, "SELECT current_database(), inet_server_addr()")
        #expect(run.status == 0, "\(run.errors)")
        #expect(run.output.trimmingCharacters(in: .whitespacesAndNewlines) == "rehab_test|127.0.0.1")
    }

    @Test(.enabled(if: asked, "needs the server of 'make test'"))
    func aWrongPasswordIsRefused() throws {
        let url = try TestPostgres.url()
        let folder = try TemporaryWorkspace()
        let port = url.split(separator: ":").last.flatMap { $0.split(separator: "/").first } ?? ""
        let passfile = try folder.write("pgpass", "127.0.0.1:\(port):*:rehab:not-the-password\n")
        chmod(passfile, 0o600)
        let run = try TestPostgres.psql(url, passfile: passfile, "SELECT 1")
        #expect(run.status != 0)
        #expect(run.errors.contains("password authentication failed"), "\(run.errors)")
    }
}
