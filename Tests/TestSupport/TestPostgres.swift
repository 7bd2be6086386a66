import Foundation

/// The throw-away PostgreSQL server `make test` starts (scripts/pg-test-server.sh), as the tests
/// reach it: `asked` when the suite runs under it (the tests that need it are skipped otherwise), its
/// address, psql, and a fresh database per test.
public enum TestPostgres {
    public static let environment = ProcessInfo.processInfo.environment
    /// Under `make test`: the server was started, or the script said why it could not.
    public static let asked = environment["REHAB_TEST_PG_URL"] != nil || environment["REHAB_TEST_PG_ERROR"] != nil

    public struct Unavailable: Error, CustomStringConvertible {
        public var description: String
    }

    /// The server's test database; throws with the script's reason when it did not start.
    public static func url() throws -> String {
        if let error = environment["REHAB_TEST_PG_ERROR"] {
            throw Unavailable(description: "the test PostgreSQL server did not start: \(error)")
        }
        guard let url = environment["REHAB_TEST_PG_URL"] else {
            throw Unavailable(description: "no test PostgreSQL server: run the suite with 'make test'")
        }
        return url
    }

    /// psql on `url` with the password file `passfile` (none: /dev/null), running `sql`.
    public static func psql(_ url: String, passfile: String? = environment["PGPASSFILE"], _ sql: String) throws
        -> Subprocess
    {
        var env = ["PATH": environment["PATH"] ?? "/usr/bin:/bin"]
        env["PGPASSFILE"] = passfile ?? "/dev/null"
        env["PGCONNECT_TIMEOUT"] = "10"
        return try Subprocess("/usr/bin/env", ["psql", url, "-tAc", sql], environment: env)
    }

    /// A new, empty database on the test server; its address.
    public static func freshDatabase() throws -> String {
        let url = try url()
        let name = "rehab_t_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(16)
        _ = try sql(url, "CREATE DATABASE \(name)")
        return String(url[..<url.index(after: url.lastIndex(of: "/") ?? url.startIndex)]) + name
    }

    /// Runs SQL (as the server's owner) and returns its output, trimmed; throws with psql's errors.
    public static func sql(_ address: String, _ statement: String) throws -> String {
        let run = try psql(address, statement)
        guard run.status == 0 else { throw Unavailable(description: "\(statement): \(run.errors)") }
        return run.output.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
