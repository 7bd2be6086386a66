import ArgumentParser
import RehabBench

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
