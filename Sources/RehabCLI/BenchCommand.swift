import ArgumentParser
import Foundation
import RehabBench
import RehabKit
import RehabTracking

struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure the toolkit against a baseline taken in the same run.",
        subcommands: [
            BenchLoad.self, BenchCheck.self, BenchSchedule.self, BenchGenerate.self, BenchTicks.self, BenchParse.self,
            BenchScan.self,
        ]
    )
}

struct BenchGenerate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Write a synthetic clinic (Exercises/ and Plans/) for measurements."
    )

    @Argument(help: "The folder to write into (created if missing).")
    var directory: String

    @Option(help: "Number of exercises.") var exercises = 2000
    @Option(help: "Number of plans.") var plans = 1000
    @Option(help: "Random seed; the same seed writes the same files.") var seed: UInt64 = 7

    func run() throws {
        let count = try Corpus.write(CorpusGenerator(exercises: exercises, plans: plans, seed: seed), to: directory)
        Output.out("wrote \(count) files to \(directory)")
    }
}

/// `rehab bench parse DIR`: libyaml's bare event parse of the workspace's files, once, and nothing
/// else: the baseline of `scripts/bench-scale.sh`, which times whole processes.
struct BenchParse: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parse",
        abstract:
            "Run libyaml's bare event parse over every file of a workspace once (a baseline for timing whole processes)."
    )

    @Argument(help: "The workspace (with Exercises/ and Plans/).") var directory: String

    func run() throws {
        let root = URL(fileURLWithPath: directory).standardizedFileURL.path
        let files = LoadBenchmark.files(root: root)
        let events = LoadBenchmark.bareParse(files)
        Output.out("\(files.count) files, \(events) libyaml events")
    }
}

/// `rehab bench ticks DIR --rows N [--skip M]`: a CSV of valid ticks of a workspace's plans, to
/// measure `rehab log import` (see docs/TRACKING.md).
struct BenchTicks: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ticks",
        abstract: "Write a CSV of valid ticks of a workspace's plans, for measuring 'rehab log import'."
    )

    @Argument(help: "The workspace (e.g. one written by 'rehab bench generate').") var directory: String
    @Option(help: "Number of ticks.") var rows = 100_000
    @Option(help: "Ticks to leave out first (to write a second, different batch).") var skip = 0
    @Option(name: .shortAndLong, help: "Write to this file (default: standard output).") var output: String?

    func run() throws {
        let cwd = FileManager.default.currentDirectoryPath
        let open = OpenWorkspace(root: directory, displayBase: cwd)
        let generator = TickGenerator(open: open, engine: SafetyEngine(rules: RuleSet.defaults.rules))
        var ticks: [LogEntry] = []
        var seen = 0
        generator.generate { e in
            seen += 1
            if seen > skip { ticks.append(e) }
            return ticks.count < rows
        }
        if ticks.count < rows { Output.err("only \(ticks.count) ticks after skipping \(skip)") }
        let text = LogCSV.export(ticks)
        if let output {
            try Data(text.utf8).write(to: URL(fileURLWithPath: output))
        } else {
            Output.out(text, terminator: "")
        }
    }
}

enum Corpus {
    static func write(_ generator: CorpusGenerator, to directory: String) throws -> Int {
        let fm = FileManager.default
        let files = generator.files()
        for sub in Set(files.map { ($0.path as NSString).deletingLastPathComponent }) {
            try fm.createDirectory(atPath: directory + "/" + sub, withIntermediateDirectories: true)
        }
        for file in files {
            try Data(file.contents.utf8).write(to: URL(fileURLWithPath: directory + "/" + file.path))
        }
        return files.count
    }
}

/// The workspace a benchmark runs on: DIR, or a generated one in a temporary folder.
struct BenchWorkspace: ParsableArguments {
    @Argument(
        help: "A workspace (with Exercises/ and Plans/); without it a 2,000-exercise, 1,000-plan one is generated.")
    var directory: String?

    @Option(help: "Runs of each workload; the best is reported.") var runs: Int = 5

    func validate() throws {
        guard runs >= 1 else { throw ValidationError("--runs must be 1 or more") }
    }

    /// Calls `body` with the absolute root and its YAML files; removes a generated workspace after.
    func with(_ body: (String, [String]) throws -> Void) throws {
        var root = directory ?? ""
        var temporary: String?
        if directory == nil {
            root = FileManager.default.temporaryDirectory.appendingPathComponent("rehab-bench-\(getpid())").path
            temporary = root
            _ = try Corpus.write(CorpusGenerator(), to: root)
        }
        defer { if let temporary { try? FileManager.default.removeItem(atPath: temporary) } }
        root = URL(fileURLWithPath: root).standardizedFileURL.path
        let files = LoadBenchmark.files(root: root)
        guard !files.isEmpty else { throw ValidationError("no YAML files under \(root)/Exercises or \(root)/Plans") }
        // Warm the page cache once so that neither side pays for the first read from disk.
        _ = LoadBenchmark.bareParse(files)
        try body(root, files)
    }

    /// Times each workload `runs` times, interleaved, and returns the timings per workload.
    func measure(_ workloads: [() -> Void]) -> [[Double]] {
        var times = Array(repeating: [Double](), count: workloads.count)
        let clock = ContinuousClock()
        for _ in 0..<runs {
            for (i, w) in workloads.enumerated() {
                let t = clock.now
                w()
                let d = (clock.now - t).components
                times[i].append(Double(d.seconds) + Double(d.attoseconds) / 1e18)
            }
        }
        return times
    }

    func header(_ root: String, _ files: [String], events: Int) -> String {
        let bytes = files.reduce(0) {
            $0 + ((try? FileManager.default.attributesOfItem(atPath: $1)[.size] as? Int) ?? 0)
        }
        return
            "workspace: \(root) (\(files.count) files, \(String(format: "%.1f", Double(bytes) / 1_048_576)) MiB, \(events) libyaml events)"
    }

    func line(_ label: String, _ times: [Double], _ note: String = "") -> String {
        let best = times.min()!
        let median = times.sorted()[times.count / 2]
        return label.padding(toLength: 27, withPad: " ", startingAt: 0)
            + String(format: "%.4f s  (best of %d; median %.4f s", best, times.count, median) + note + ")"
    }

    var coresLine: String {
        "cores:                     \(ProcessInfo.processInfo.activeProcessorCount) (loading parses files in parallel; the bare parse runs on one core)"
    }
}

struct BenchLoad: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "load",
        abstract: "Time libyaml's bare event parse of every file against the full load + validate."
    )

    @OptionGroup var bench: BenchWorkspace

    func run() throws {
        try bench.with { root, files in
            var events = 0
            var report: ValidationReport?
            let t = bench.measure([
                { events = LoadBenchmark.bareParse(files) },
                { _ = LoadBenchmark.nodeTrees(files) },
                { report = LoadBenchmark.fullLoad(root: root) },
            ])
            Output.out(
                """
                \(bench.header(root, files, events: events))
                \(bench.line("bare libyaml event parse:", t[0]))
                \(bench.line("located node trees:", t[1], "; one core: read + parse + build nodes, no models"))
                \(bench.line("full load + validate:", t[2], "; \(report!.errorCount) errors, \(report!.warningCount) warnings"))
                ratio full / bare:         \(String(format: "%.2f", t[2].min()! / t[0].min()!))×
                \(bench.coresLine)
                """)
        }
    }
}

extension BenchWorkspace {
    /// Times `work` against the bare parse of the workspace's files and prints both and the ratio;
    /// `work` returns the words that say what it did.
    func compare(_ label: String, ratio: String, _ work: @escaping (String, [String]) -> String) throws {
        try with { root, files in
            var events = 0
            var said = ""
            let t = measure([
                { events = LoadBenchmark.bareParse(files) },
                { said = work(root, files) },
            ])
            Output.out(
                """
                \(header(root, files, events: events))
                \(line("bare libyaml event parse:", t[0]))
                \(line(label, t[1], "; " + said))
                \("ratio \(ratio) / bare:".padding(toLength: 27, withPad: " ", startingAt: 0))\(String(format: "%.2f", t[1].min()! / t[0].min()!))×
                \(coresLine)
                """)
        }
    }
}

struct BenchCheck: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Time 'rehab check' of every plan against libyaml's bare event parse of the same files."
    )

    @OptionGroup var bench: BenchWorkspace

    func run() throws {
        try bench.compare("check every plan:", ratio: "check") { root, files in
            let plans = files.filter { $0.hasPrefix(root + "/Plans/") }
            let result = SafetyCheck.run(
                root: root, displayBase: root, plans: plans, rules: .defaults, asOf: LocalDate("2026-11-30"))
            let statuses = Dictionary(grouping: result.reports, by: \.status).mapValues(\.count)
            let summary = ["clear", "restricted", "blocked"].map { "\(statuses[PlanStatus(rawValue: $0)!] ?? 0) \($0)" }
            return "\(plans.count) plans: \(summary.joined(separator: ", ")); \(result.diagnostics.count) not checked"
        }
    }
}

struct BenchSchedule: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schedule",
        abstract: "Time scheduling every week of every plan against libyaml's bare event parse of the same files."
    )

    @OptionGroup var bench: BenchWorkspace

    func run() throws {
        try bench.compare("schedule every week:", ratio: "schedule") { root, _ in
            let c = LoadBenchmark.scheduleAll(root: root)
            return "load + check + \(c.weeks) weeks, \(c.sessions) sessions, \(c.unscheduled) not fitted"
        }
    }
}
