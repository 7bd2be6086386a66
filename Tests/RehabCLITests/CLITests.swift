import Foundation
import TestSupport
import Testing

/// Runs the built `rehab` binary and captures what a user would see.
struct Run {
    var status: Int32
    var stdout: String
    var stderr: String

    init(_ arguments: [String], in directory: String = Paths.packageRoot, environment: [String: String] = [:]) throws {
        var env = ProcessInfo.processInfo.environment
        env["NO_COLOR"] = "1"
        env["COLUMNS"] = "100"
        // A fixed "today" the day after the bundled plans' six weeks, so logging their weeks is not "in the
        // future", and within 90 days of their assessments, so `print` (checked as of today) prints them.
        env["REHAB_TODAY"] = "2027-01-11"
        for (k, v) in environment { env[k] = v }
        let run = try Subprocess(Paths.rehabExecutable, arguments, in: directory, environment: env)
        status = run.status
        stdout = run.output
        stderr = run.errors
    }
}

struct CLITests {
    static let golden = Paths.packageRoot + "/Tests/RehabCLITests/Golden/"

    @Test func version() throws {
        let run = try Run(["--version"])
        #expect(run.status == 0)
        #expect(run.stdout == "0.1.0\n")
    }

    @Test(arguments: [
        ["--help"], ["validate", "--help"], ["check", "--help"], ["schedule", "--help"], ["print", "--help"],
        ["log", "add", "--help"], ["progress", "--help"], ["bench", "load", "--help"],
    ])
    func helpMatchesGolden(_ arguments: [String]) throws {
        let run = try Run(arguments)
        #expect(run.status == 0)
        let name = arguments.filter { $0 != "--help" }.joined(separator: "-")
        let problem = Golden.check(run.stdout, file: Self.golden + "help\(name.isEmpty ? "" : "-" + name).txt")
        #expect(problem == nil, "\(problem ?? "")")
    }

    @Test func validateBundledWorkspace() throws {
        // Judged as of a day the bundled assessments are current (validate judges plans as of today).
        let run = try Run(["validate", "--as-of", "2026-12-08"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(
            run.stderr.hasPrefix(
                "Plans/suspected-cord-compression.yaml:2:5: warning: plan 'suspected-cord-compression' is blocked by the safety check (urgent: suspected-cord-compression): it cannot be printed\n"
            ))
        #expect(run.stdout.hasPrefix("checked "))
        // Only that one: every patient_message of the default rules reads at grade 6 or below (Readability).
        #expect(run.stdout.hasSuffix(": 0 errors, 1 warning\n"), "\(run.stdout)")
        #expect(!run.stderr.contains("default-rules.yaml"), "\(run.stderr)")
    }

    @Test func validateReportsFileLineColumnAndHint() throws {
        let ws = try TemporaryWorkspace()
        try ws.copy(folder: Paths.fixtures + "/valid/Exercises", to: "Exercises")
        try ws.copy(folder: Paths.fixtures + "/valid/Patients", to: "Patients")
        try ws.write(
            "Plans/maria.yaml",
            try Paths.read(Paths.fixtures + "/valid/Plans/maria.yaml")
                .replacingOccurrences(of: "exercise: sit-to-stand", with: "exercise: sqaut"))
        let run = try Run(["validate"], in: ws.root)
        #expect(run.status == 1)
        #expect(
            run.stderr == """
                Plans/maria.yaml:19:15: error: unknown exercise 'sqaut'
                Plans/maria.yaml:19:15: note: did you mean 'squat'?

                """)
        #expect(run.stdout == "checked 7 files: 1 error, 0 warnings\n")
    }

    @Test func validateJSON() throws {
        let ws = try TemporaryWorkspace()
        try ws.write("Exercises/x.yaml", "id: x\nname: X\nkind: postur\nsummary: S\nsteps: [a]\nmovements: []\n")
        let run = try Run(["validate", "--root", ws.root, "--format", "json"], in: ws.root)
        #expect(run.status == 1)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        #expect(json["errors"] as? Int == 1)
        let first = try #require((json["diagnostics"] as? [[String: Any]])?.first)
        #expect(first["file"] as? String == "Exercises/x.yaml")
        #expect(first["line"] as? Int == 3)
        #expect(first["column"] as? Int == 7)
        #expect(first["message"] as? String == "unknown kind 'postur'")
        #expect(
            first["notes"] as? [String] == [
                "did you mean 'posture'?",
                "expected one of: activity, posture, bracing, breathing, mobility, strength, relaxation, education",
            ])
    }

    @Test func usageErrorsExit64() throws {
        let run = try Run(["validate", "--format", "xml"])
        #expect(run.status == 64)
        #expect(run.stderr.contains("--format"))
    }

    @Test func benchGeneratesAndMeasures() throws {
        let ws = try TemporaryWorkspace()
        let gen = try Run(["bench", "generate", ws.root, "--exercises", "40", "--plans", "20"])
        #expect(gen.status == 0)
        #expect(gen.stdout == "wrote 60 files to \(ws.root)\n")
        let bench = try Run(["bench", "load", ws.root, "--runs", "1"])
        #expect(bench.status == 0, "\(bench.stderr)")
        #expect(bench.stdout.contains("bare libyaml event parse:"))
        #expect(bench.stdout.contains("; 0 errors, "))
        #expect(bench.stdout.contains("ratio full / bare:"))
    }
}
