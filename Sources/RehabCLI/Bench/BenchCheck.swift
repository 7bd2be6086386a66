import ArgumentParser
import RehabKit

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
