import ArgumentParser

/// `rehab bench`: the benchmarks' commands, one file each in this folder.
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
