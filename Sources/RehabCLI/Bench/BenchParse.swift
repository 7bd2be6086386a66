import ArgumentParser
import Foundation
import RehabBench

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
