import ArgumentParser
import Foundation
import RehabKit
import RehabTracking

struct ScheduleCommand: PlanListCommand {
    static let configuration = CommandConfiguration(
        commandName: "schedule",
        abstract: "Lay out a week of a plan: which exercise on which day, at what time and dose.",
        discussion: """
            Only what the safety check allows is scheduled; modified items appear as modified (easier \
            variant, in your brace). Daily minutes never exceed the plan's limit (as lowered by safety \
            rules); what does not fit is listed with the reason. Exit 0, 3 when a plan is blocked, 1 \
            for invalid input. Several plans (a folder stands for every plan file in it; --all for \
            every plan of the workspace) are laid out one after another; in JSON as one array of \
            weeks, each naming its plan.
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json, ics
    }

    @OptionGroup var workspace: WorkspaceOptions
    @OptionGroup var rulesOptions: RulesOptions
    @OptionGroup var weekOptions: WeekOptions
    @OptionGroup var store: StoreOptions

    @Option(help: "Output format: text, json or ics (an iCalendar file of the sessions for a phone).")
    var format: Format = .text

    @OptionGroup var clinic: ClinicOptions

    @Option(
        help:
            "With --format ics: the calendar sent before. Events whose content changed get the next SEQUENCE; its events of the same plans and days that are gone (a removed item, a blocked week) are written as cancelled."
    )
    var previous: String?

    @Option(
        name: .shortAndLong,
        help:
            "With --format ics: write the calendar to this file (0600, through a temporary file) instead of standard output. It may be the --previous file: that is read first, then replaced."
    )
    var output: String?

    @Flag(help: "Lay out every plan of the workspace.")
    var all = false

    @Argument(help: "Plan files, plan ids or folders of plans.")
    var plans: [String] = []

    var positionals: [String] {
        get { plans }
        set { plans = newValue }
    }

    func validate() throws {
        try PlanList.validate(plans, all: all)
        if previous != nil, format != .ics { throw ValidationError("--previous is for --format ics") }
        if output != nil, format != .ics { throw ValidationError("--output is for --format ics") }
    }

    func run() throws {
        let earlier = try previous.map(Self.readPrevious)
        let rules = try rulesOptions.ruleSet()
        let tracking = try store.tracking(workspace, rules: rules, create: false)
        let (names, selectionErrors) = PlanList.expand(plans, all: all, in: tracking.open)
        let several = names.count > 1
        var invalid = selectionErrors
        var blocked = false
        var printedText = false
        var jsonWeeks: [WeekSchedule] = []
        var icsWeeks: [(WeekSchedule, Plan)] = []
        for name in names {
            guard let named = PlanArgument.resolveOrPrint(name, in: tracking.open) else {
                invalid = true
                continue
            }
            let patient = try storeCall { () throws(StoreError) in try tracking.patientPlan(named, today: Today.date) }
            let plan = patient.plan
            let weeks: [WeekSchedule]
            do {
                // Each week as of its own first day: what that week will be.
                weeks = try patient.weeks(weekOptions.range!, checked: .weekStart)
            } catch {
                Output.err(several ? "\(plan.file): error: \(error.description)" : "error: \(error.description)")
                invalid = true
                continue
            }
            blocked = blocked || weeks.contains { $0.safety.status == .blocked }
            switch format {
            case .json:
                jsonWeeks += weeks
            case .ics:
                icsWeeks += weeks.map { ($0, plan) }
            case .text:
                // Each plan is written as soon as it is laid out.
                let text = weeks.map { ScheduleText.render($0, plan: plan) }.joined(separator: "\n")
                Output.out((printedText ? "\n" : "") + text, terminator: "")
                printedText = true
            }
        }
        if format == .json, !jsonWeeks.isEmpty || several {
            Output.out(ScheduleJSON.render(jsonWeeks, array: several), terminator: "")
        }
        if format == .ics {
            // One calendar: the sessions of every plan named (a patient's phone holds them together).
            let stamp = ISO8601DateFormatter.string(
                from: Date(), timeZone: TimeZone(identifier: "UTC")!,
                formatOptions: [.withYear, .withMonth, .withDay, .withTime, .withTimeZone]
            )
            .replacingOccurrences(of: "-", with: "").replacingOccurrences(of: ":", with: "")
            let calendar = ScheduleCalendar.render(
                icsWeeks, workspace: tracking.open.workspace, stamp: stamp,
                clinic: clinic.identity, previous: earlier, today: Today.date)
            // The --previous file was read above, so it may be replaced; the workspace's inputs,
            // the store and a rules file may not.
            try OutputTarget.emit(calendar, to: output) {
                OutputTarget.protected(tracking, workspace: workspace, store: store, inputs: [rulesOptions.rules])
            }
        }
        if invalid { throw ExitStatus.invalidInput }
        if blocked { throw ExitStatus.blocked }
    }
}

extension ScheduleCommand {
    /// The calendar of `--previous`, or its problem printed and exit 1.
    static func readPrevious(_ path: String) throws -> PreviousCalendar {
        guard let data = FileManager.default.contents(atPath: path) else {
            Output.err("error: \(path): cannot read the previous calendar")
            throw ExitStatus.invalidInput
        }
        do {
            return try PreviousCalendar(text: String(decoding: data, as: UTF8.self))
        } catch {
            Output.err(
                UserText.plain(
                    "\(path):\(error.line): error: \(error.message); give the calendar this command wrote before"))
            throw ExitStatus.invalidInput
        }
    }
}
