import ArgumentParser
import Foundation
import RehabKit
import RehabTracking

/// `rehab export fhir PLAN [--week N]`: the plan and its log as a FHIR R4 Bundle.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export a plan for other systems.",
        subcommands: [FHIRExportCommand.self]
    )
}

struct FHIRExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fhir",
        abstract: "A FHIR R4 Bundle: a CarePlan with a ServiceRequest per item, and Observations from the progress log.",
        discussion: "Follows the pattern of the HL7 Physical Activity Implementation Guide; see docs/FORMAT.md for what a receiving system gets and what it does not. Exit 3 when the plan is blocked (the CarePlan is then on-hold)."
    )

    @OptionGroup var workspace: WorkspaceOptions
    @OptionGroup var rulesOptions: RulesOptions
    @OptionGroup var store: StoreOptions
    @Option(help: "The week whose doses and safety decisions to export (default 1).") var week: Int = 1
    @Argument(help: "The plan file (or plan id).") var plan: String

    func run() throws {
        let rules = try rulesOptions.ruleSet()
        let tracking = try store.tracking(workspace, rules: rules, create: false)
        let named = try PlanArgument.resolve(self.plan, in: tracking.open)
        guard !named.isTemplate, named.start != nil else {
            Output.err("error: '\(named.id)' is a template: apply it to a patient's plan to export it")
            throw ExitStatus.invalidInput
        }
        let plan = try storeCall { () throws(StoreError) in try tracking.tracked(named, today: Today.date) }
        let scheduler = try storeCall { () throws(StoreError) in try tracking.scheduler(for: plan) }
        let entries = try storeCall { () throws(StoreError) in try tracking.entries(plan) }
        let schedule: WeekSchedule
        do { schedule = try scheduler.schedule(plan, week: week) } catch {
            Output.err("error: \(error.description)")
            throw ExitStatus.invalidInput
        }
        // Minutes of the sessions logged, from the schedule of their week.
        var minutesOf: [String: Int] = [:]
        let weeks = Set(entries.compactMap { plan.week(of: $0.date) })
        for w in weeks.sorted() {
            guard let s = try? scheduler.schedule(plan, week: w) else { continue }
            for day in s.days {
                var k: [String: Int] = [:]
                for session in day.sessions {
                    k[session.exercise, default: 0] += 1
                    minutesOf["\(day.date)|\(session.exercise)|\(k[session.exercise]!)"] = session.minutes
                }
            }
        }
        var days: [LocalDate: FHIRExport.Day] = [:]
        for e in entries {
            var d = days[e.date] ?? FHIRExport.Day(date: e.date, pain: nil, minutes: 0)
            switch e.kind {
            case .pain: d.pain = e.pain ?? d.pain
            case .session:
                if let item = e.item, let outcome = e.outcome {
                    d.minutes += Double(minutesOf["\(e.date)|\(item)|\(e.session ?? 1)"] ?? 0) * outcome.credit
                }
                if let pain = e.pain { d.pain = max(d.pain ?? 0, pain) }
            case .symptom: break
            }
            days[e.date] = d
        }
        let stamp = ISO8601DateFormatter().string(from: Date())
        Output.out(FHIRExport.bundle(plan: plan, week: schedule, workspace: tracking.open.workspace,
                                     log: days.values.sorted { $0.date < $1.date }, generated: stamp), terminator: "")
        if schedule.safety.status == .blocked { throw ExitStatus.blocked }
    }
}
