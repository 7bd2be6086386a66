import ArgumentParser
import Foundation
import RehabKit

struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure the toolkit against a baseline taken in the same run.",
        subcommands: [BenchLoad.self, BenchGenerate.self]
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

struct BenchLoad: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "load",
        abstract: "Time libyaml's bare event parse of every file against the full load + validate.",
        discussion: "Without DIR, generates a 2,000-exercise, 1,000-plan workspace in a temporary folder first."
    )

    @Argument(help: "A workspace (with Exercises/ and Plans/).")
    var directory: String?

    @Option(help: "Runs of each workload; the best is reported.") var runs: Int = 5

    func validate() throws {
        guard runs >= 1 else { throw ValidationError("--runs must be 1 or more") }
    }

    func run() throws {
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
        guard !files.isEmpty else {
            throw ValidationError("no YAML files under \(root)/Exercises or \(root)/Plans")
        }
        let bytes = files.reduce(0) { $0 + ((try? FileManager.default.attributesOfItem(atPath: $1)[.size] as? Int) ?? 0) }
        // Warm the page cache once so that neither side pays for the first read from disk.
        _ = LoadBenchmark.bareParse(files)

        var bare: [Double] = [], trees: [Double] = [], full: [Double] = []
        var events = 0
        var report: ValidationReport?
        let clock = ContinuousClock()
        for _ in 0..<runs {
            var t = clock.now
            events = LoadBenchmark.bareParse(files)
            bare.append(seconds(clock.now - t))
            t = clock.now
            _ = LoadBenchmark.nodeTrees(files)
            trees.append(seconds(clock.now - t))
            t = clock.now
            report = LoadBenchmark.fullLoad(root: root)
            full.append(seconds(clock.now - t))
        }
        let b = bare.min()!, f = full.min()!
        Output.out("""
            workspace: \(root) (\(files.count) files, \(String(format: "%.1f", Double(bytes) / 1_048_576)) MiB, \(events) libyaml events)
            bare libyaml event parse:  \(String(format: "%.4f", b)) s  (best of \(runs); median \(String(format: "%.4f", median(bare))) s)
            located node trees:        \(String(format: "%.4f", trees.min()!)) s  (one core: read + parse + build nodes, no models)
            full load + validate:      \(String(format: "%.4f", f)) s  (best of \(runs); median \(String(format: "%.4f", median(full))) s; \(report!.errorCount) errors, \(report!.warningCount) warnings)
            ratio full / bare:         \(String(format: "%.2f", f / b))×
            cores:                     \(ProcessInfo.processInfo.activeProcessorCount) (the full load parses files in parallel; the bare parse runs on one core)
            """)
    }

    private func seconds(_ d: Duration) -> Double {
        Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
    }

    private func median(_ xs: [Double]) -> Double { xs.sorted()[xs.count / 2] }
}
