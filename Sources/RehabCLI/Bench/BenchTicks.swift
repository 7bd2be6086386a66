import ArgumentParser
import Foundation
import RehabBench
import RehabKit
import RehabTracking

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
        try OutputTarget.emit(text, to: output) { ProtectedPaths.workspace(open.workspace, store: nil, inputs: []) }
    }
}
