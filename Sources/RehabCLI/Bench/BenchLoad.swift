import ArgumentParser
import RehabBench
import RehabKit

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
