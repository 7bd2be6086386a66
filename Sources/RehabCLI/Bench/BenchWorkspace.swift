import ArgumentParser
import Foundation
import RehabBench

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
