import Foundation
import RehabPrint
import RehabScan
import TestSupport
import Testing

/// Every benchmark the Makefile runs (`make bench`, `bench-scale`, `bench-import`, `bench-scan`),
/// run at a small size with the debug build, so that none can break unseen: `bench-import` had
/// failed for weeks ("'ex-00145' is not on the schedule on Saturday": a generated plan holds one
/// exercise in two items, and the import checked a tick against the first item only), and exited 1
/// without a figure. The sizes and figures here mean nothing; that each runs to its end and prints
/// its table does.
@Suite(.serialized) struct BenchmarkScriptTests {
    static var environment: [String: String] {
        var env = ProcessInfo.processInfo.environment
        env["REHAB_DB"] = nil
        return env
    }

    static func bash(_ script: String, _ arguments: [String], environment extra: [String: String]) throws -> Subprocess
    {
        try Subprocess(
            "/bin/bash", [Paths.packageRoot + "/" + script] + arguments, in: Paths.packageRoot,
            environment: Self.environment.merging(extra) { $1 })
    }

    /// `make bench`: a generated workspace, `rehab bench load` against the bare parse, and PyYAML's
    /// C loader over the same files when python3 has it.
    @Test func makeBench() throws {
        let ws = try TemporaryWorkspace()
        let dir = ws.root + "/bench"
        let generate = try Subprocess(
            Paths.rehabExecutable, ["bench", "generate", dir, "--exercises", "60", "--plans", "30"])
        try #require(generate.status == 0, "\(generate.errors)")
        let load = try Subprocess(Paths.rehabExecutable, ["bench", "load", dir, "--runs", "1"])
        #expect(load.status == 0, "\(load.errors)")
        #expect(load.output.contains("ratio full / bare:"), "\(load.output)")
        let yaml = try Subprocess.tool(
            "python3", ["-c", "import yaml, sys; sys.exit(0 if yaml.__with_libyaml__ else 1)"])
        if yaml.status == 0 {
            let py = try Subprocess.tool("python3", [Paths.packageRoot + "/Benchmarks/pyyaml_load.py", dir])
            #expect(py.status == 0, "\(py.errors)")
        }
    }

    /// `make bench-scale` (scripts/bench-scale.sh) at 20 plans, one run.
    @Test func makeBenchScale() throws {
        let ws = try TemporaryWorkspace()
        let run = try Self.bash(
            "scripts/bench-scale.sh", ["20"],
            environment: [
                "REHAB": Paths.rehabExecutable, "RUNS": "1", "SCALE_DIR": ws.root + "/scale", "SKIP_PYYAML": "1",
            ])
        #expect(run.status == 0, "\(run.output)\n\(run.errors)")
        #expect(run.output.contains("| 20 "), "\(run.output)")
    }

    /// `make bench-import` (scripts/bench-import.sh) at 40 plans of 60 exercises (so that plans hold
    /// one exercise in two items, as the full size's do) and 400 ticks a batch: both batches import
    /// every tick.
    @Test func makeBenchImport() throws {
        let run = try Self.bash(
            "scripts/bench-import.sh", [Paths.rehabExecutable],
            environment: ["PLANS": "40", "EXERCISES": "60", "ROWS": "400"])
        #expect(run.status == 0, "\(run.output)\n\(run.errors)")
        let lines = run.output.split(separator: "\n")
        let first = try #require(lines.first { $0.hasPrefix("first: ") }, "\(run.output)")
        #expect(first.contains("400 rows, imported 400 entries"), "\(first)")
        let second = try #require(lines.first { $0.hasPrefix("second: ") }, "\(run.output)")
        #expect(second.contains("imported"), "\(second)")
    }

    /// `make bench-scan`: two synthetic scans of a printed week, read back and scored.
    @Test func makeBenchScan() throws {
        try #require(
            PDFPrinter.browser() != nil, "the scan bench needs Chromium: make test installs chromium-headless-shell")
        try #require(PDFRaster.tool() != nil, "the scan bench needs pdftoppm: make test installs poppler-utils")
        let ws = try TemporaryWorkspace.clinicCopy()
        var env = Self.environment
        env["REHAB_DB"] = ws.root + "/bench-scan.sqlite"
        let run = try Subprocess(
            Paths.rehabExecutable, ["bench", "scan", "--count", "2", "--seed", "11"], in: ws.root, environment: env)
        #expect(run.status == 0, "\(run.output)\n\(run.errors)")
        #expect(
            run.output.contains("scans 2 (sheet not found: 0)") && run.output.contains("false ticks 0"), "\(run.output)"
        )
    }
}
