import ArgumentParser
import Foundation
import RehabKit
import RehabTracking

/// `--week N` or `--weeks A-B`.
struct WeekOptions: ParsableArguments {
    @Option(help: "The week to show (1 = the week starting on the plan's start date).")
    var week: Int?

    @Option(help: "A range of weeks, such as 1-6.")
    var weeks: String?

    func validate() throws {
        if week != nil, weeks != nil { throw ValidationError("give --week or --weeks, not both") }
        if week == nil, weeks == nil { throw ValidationError("give --week N (or --weeks A-B)") }
        if let week, week < 1 { throw ValidationError("--week must be 1 or more") }
        if weeks != nil, range == nil { throw ValidationError("--weeks takes a range such as 1-6") }
    }

    var range: ClosedRange<Int>? {
        if let week { return week...week }
        guard let weeks else { return nil }
        let parts = weeks.split(separator: "-").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
        if parts.count == 1, parts[0] >= 1 { return parts[0]...parts[0] }
        guard parts.count == 2, parts[0] >= 1, parts[0] <= parts[1] else { return nil }
        return parts[0]...parts[1]
    }
}

struct ScheduleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schedule",
        abstract: "Lay out a week of a plan: which exercise on which day, at what time and dose.",
        discussion: """
            Only what the safety check allows is scheduled; modified items appear as modified (easier \
            variant, in your brace). Daily minutes never exceed the plan's limit (as lowered by safety \
            rules); what does not fit is listed with the reason. Exit 0, 3 when the plan is blocked, 1 \
            for invalid input.
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

    @Argument(help: "The plan file (or plan id).")
    var plan: String

    func run() throws {
        let rules = try rulesOptions.ruleSet()
        let tracking = try store.tracking(workspace, rules: rules, create: false)
        let named = try PlanArgument.resolve(self.plan, in: tracking.open)
        let plan = try storeCall { () throws(StoreError) in try tracking.tracked(named, today: Today.date) }
        let scheduler = try storeCall { () throws(StoreError) in try tracking.scheduler(for: plan) }
        var weeks: [WeekSchedule] = []
        for week in weekOptions.range! {
            do {
                weeks.append(try scheduler.schedule(plan, week: week, previous: weeks.last))
            } catch {
                Output.err("error: \(error.description)")
                throw ExitStatus.invalidInput
            }
        }
        switch format {
        case .json: Output.out(ScheduleJSON.render(weeks), terminator: "")
        case .text: Output.out(weeks.map { ScheduleText.render($0, plan: plan) }.joined(separator: "\n"), terminator: "")
        case .ics:
            let stamp = ISO8601DateFormatter.string(from: Date(), timeZone: TimeZone(identifier: "UTC")!,
                                                    formatOptions: [.withYear, .withMonth, .withDay, .withTime, .withTimeZone])
                .replacingOccurrences(of: "-", with: "").replacingOccurrences(of: ":", with: "")
            Output.out(ScheduleCalendar.render(weeks, plan: plan, workspace: tracking.open.workspace, stamp: stamp), terminator: "")
        }
        if weeks.contains(where: { $0.safety.status == .blocked }) { throw ExitStatus.blocked }
    }
}

enum PlanArgument {

    /// The plan named on the command line, or its errors printed and exit 1.
    static func resolve(_ name: String, in open: OpenWorkspace) throws -> Plan {
        switch open.plan(name) {
        case .success(let plan): return plan
        case .failure(let e):
            let printer = DiagnosticPrinter.forStandardError()
            for d in e.diagnostics.sortedForReport() { Output.err(printer.format(d)) }
            throw ExitStatus.invalidInput
        }
    }
}
