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
        abstract:
            "A FHIR R4 transaction Bundle: a CarePlan with a ServiceRequest per item, Flags for urgent alerts, and Observations from the progress log.",
        discussion:
            "Follows the HL7 Physical Activity Implementation Guide's profiles; ids are name-based UUIDs of the clinic's record-number system (--mrn-system), the record number, the plan id and each item's exercise, so loading it again updates the same resources. See docs/FORMAT.md for what a receiving system gets and what it does not. Exit 3 when the plan is blocked (the CarePlan is then on-hold)."
    )

    @OptionGroup var workspace: WorkspaceOptions
    @OptionGroup var rulesOptions: RulesOptions
    @OptionGroup var store: StoreOptions
    @OptionGroup var clinic: ClinicOptions
    @Option(help: "The week whose doses and safety decisions to export (default 1).") var week: Int = 1
    @Option(
        name: .shortAndLong,
        help: "Write the bundle to this file (0600, through a temporary file) instead of standard output.")
    var output: String?
    @Argument(help: "The plan file (or plan id).") var plan: String

    func run() throws {
        if clinic.isDefault {
            Output.err(
                "warning: no clinic identity set (--clinic-domain / REHAB_CLINIC_DOMAIN, --mrn-system / REHAB_MRN_SYSTEM): "
                    + "the ids use rehab.invalid, which every unconfigured clinic shares, so two clinics' patients with the same record number collide"
            )
        }
        let rules = try rulesOptions.ruleSet()
        let tracking = try store.tracking(workspace, rules: rules, create: false)
        let named = try PlanArgument.resolve(self.plan, in: tracking.open)
        guard !named.isTemplate, named.start != nil else {
            Output.err("error: '\(named.id)' is a template: apply it to a patient's plan to export it")
            throw ExitStatus.invalidInput
        }
        let patient = try storeCall { () throws(StoreError) in try tracking.patientPlan(named, today: Today.date) }
        let plan = patient.plan
        let stored = try storeCall { () throws(StoreError) in try tracking.store?.stored(plans: [plan.id]) ?? [] }
        let schedule: WeekSchedule
        // Each week as of its own first day, as `rehab schedule` lays it out.
        do { schedule = try patient.week(week, checked: .weekStart) } catch {
            Output.err("error: \(error.description)")
            throw ExitStatus.invalidInput
        }
        // Minutes of the sessions logged, from the schedule of their week.
        var minutesOf: [String: Int] = [:]
        let weeks = Set(stored.compactMap { plan.week(of: $0.entry.date) })
        for w in weeks.sorted() {
            guard let s = try? patient.week(w, checked: .weekStart) else { continue }
            for day in s.days {
                var k: [String: Int] = [:]
                for session in day.sessions {
                    k[session.exercise, default: 0] += 1
                    minutesOf["\(day.date)|\(session.exercise)|\(k[session.exercise]!)"] = session.minutes
                }
            }
        }
        // Voided entries too: the Observations they fed are amended or entered in error.
        var log: [FHIRExport.Logged] = []
        for s in stored {
            let e = s.entry
            switch e.kind {
            case .pain:
                if let pain = e.pain { log.append(.init(date: e.date, what: .pain(pain), voided: s.voided != nil)) }
            case .session:
                guard let item = e.item, let outcome = e.outcome else { continue }
                let minutes = Double(minutesOf["\(e.date)|\(item)|\(e.session ?? 1)"] ?? 0) * outcome.credit
                log.append(
                    .init(
                        date: e.date, what: .session(exercise: item, minutes: minutes, pain: e.pain),
                        voided: s.voided != nil))
            case .symptom:
                if let flag = e.symptom {
                    log.append(.init(date: e.date, what: .symptom(flag), voided: s.voided != nil))
                }
            case .measure:
                guard let test = e.test.flatMap(tracking.tests.test), let value = e.value else { continue }
                log.append(
                    .init(
                        date: e.date, what: .measure(test, value: value, side: e.side?.rawValue),
                        voided: s.voided != nil))
            }
        }
        let stamp = ISO8601DateFormatter().string(from: Date())
        let bundle = FHIRExport.bundle(
            plan: plan, week: schedule, workspace: tracking.open.workspace, log: log,
            clinic: clinic.identity, generated: stamp, today: Today.date)
        try OutputTarget.emit(bundle, to: output) {
            OutputTarget.protected(tracking, workspace: workspace, store: store, inputs: [rulesOptions.rules])
        }
        if schedule.safety.status == .blocked { throw ExitStatus.blocked }
    }
}
