import ArgumentParser
import Foundation
import RehabKit
import RehabPrint
import RehabTracking
import SheetGeometry

extension PrintFormat: ExpressibleByArgument {}
extension Paper: ExpressibleByArgument {}
extension CardPolicy: ExpressibleByArgument {}

struct PrintCommand: PlanListCommand {
    static let configuration = CommandConfiguration(
        commandName: "print",
        abstract: "Print a week of a plan for the patient: one page per week, then the exercise cards.",
        discussion: """
            A plan the safety check blocks prints one page that says not to start and whom to call \
            (exit 3). PDF needs headless Chromium (apt-get install chromium-headless-shell). A clinic \
            replaces any of the bundled templates with files of the same name in --template DIR. \
            Several plans (a folder stands for every plan file in it; --all for every plan of the \
            workspace) print one after another, or as one PDF each (PLAN-week-N.pdf); -o names one \
            plan's file.
            """
    )

    @OptionGroup var workspace: WorkspaceOptions
    @OptionGroup var rulesOptions: RulesOptions
    @OptionGroup var weekOptions: WeekOptions
    @OptionGroup var store: StoreOptions

    @Option(help: "Output format: text, md, html or pdf.")
    var format: PrintFormat = .text

    @Option(help: "Paper size: a4 or letter.")
    var paper: Paper = .a4

    @Option(name: .shortAndLong, help: "Write to this file (default: standard output; for pdf, PLAN-week-N.pdf).")
    var output: String?

    @Option(
        help: "Instruction cards: all, new (only new or changed since the week before; all in the first week) or none.")
    var cards: CardPolicy = .new

    @Flag(
        name: .customLong("large-print"), help: "Large print (16–18 pt, bigger tick boxes) for people with low vision.")
    var largePrint = false

    @Option(name: .customLong("template"), help: "A folder of templates that replace the bundled ones.")
    var templateDirectory: String?

    @Flag(help: "Print every plan of the workspace.")
    var all = false

    @Argument(help: "Plan files, plan ids or folders of plans.")
    var plans: [String] = []

    var positionals: [String] {
        get { plans }
        set { plans = newValue }
    }

    func validate() throws {
        try PlanList.validate(plans, all: all)
        if output != nil, all || plans.count > 1 {
            throw ValidationError(
                "-o names one file: give one plan, or leave -o out (PDFs are then written one per plan)")
        }
    }

    func run() throws {
        let rules = try rulesOptions.ruleSet()
        let tracking = try store.tracking(workspace, rules: rules, create: false)
        let (names, selectionErrors) = PlanList.expand(plans, all: all, in: tracking.open)
        if output != nil, names.count > 1 {
            throw ValidationError("-o names one file, but '\(plans.joined(separator: " "))' holds \(names.count) plans")
        }
        let printer = try RoutinePrinter.forCommand(templateDirectory)
        var invalid = selectionErrors
        var blocked = false
        for (i, name) in names.enumerated() {
            guard let named = PlanArgument.resolveOrPrint(name, in: tracking.open) else {
                invalid = true
                continue
            }
            switch try printOne(named, tracking: tracking, printer: printer, separated: i > 0) {
            case .invalid: invalid = true
            case .blocked: blocked = true
            case .printed: break
            }
        }
        if invalid { throw ExitStatus.invalidInput }
        if blocked { throw ExitStatus.blocked }
    }

    enum Outcome { case printed, blocked, invalid }

    private func printOne(_ named: Plan, tracking: Tracking, printer: RoutinePrinter, separated: Bool) throws -> Outcome
    {
        let cwd = FileManager.default.currentDirectoryPath
        let today = Today.date
        let patient = try storeCall { () throws(StoreError) in try tracking.patientPlan(named, today: today) }
        let plan = patient.plan
        // Checked as of today, whatever the week: the sheet and `rehab check` agree on the day printed.
        let checked = PatientPlan.CheckDay.printedOn(today)
        let weeks: [WeekSchedule]
        do {
            weeks = try patient.weeks(weekOptions.range!, checked: checked)
        } catch {
            Output.err(
                separated || plans.count > 1 || all
                    ? "\(plan.file): error: \(error.description)" : "error: \(error.description)")
            return .invalid
        }
        let protected = OutputTarget.protected(
            tracking, workspace: workspace, store: store,
            inputs: [rulesOptions.rules, templateDirectory])
        let range = weekOptions.range!
        let pdfTarget =
            output
            ?? "\(plan.id)-week-\(range.count == 1 ? "\(range.lowerBound)" : "\(range.lowerBound)-\(range.upperBound)").pdf"
        if format == .pdf || output != nil {
            try OutputTarget.check(format == .pdf ? pdfTarget : output!, protected: protected)
        }
        do {
            // The week before the first one printed, to tell which cards are new.
            let previous = range.lowerBound > 1 ? try? patient.week(range.lowerBound - 1, checked: checked) : nil
            if format == .pdf {
                // Printed, then read back: a PDF that does not show the stop box is refused unwritten.
                let pdf = try printer.renderPDF(
                    weeks, plan: plan, workspace: tracking.open.workspace, paper: paper,
                    imageBase: cwd, cards: cards, previous: previous, largePrint: largePrint)
                try OutputTarget.write(pdf, to: pdfTarget, protected: protected)
                Output.err("wrote \(pdfTarget)")
                return weeks.contains(where: { $0.safety.status == .blocked }) ? .blocked : .printed
            }
            let text = try printer.render(
                weeks, plan: plan, workspace: tracking.open.workspace, format: format, paper: paper,
                imageBase: cwd, cards: cards, previous: previous, largePrint: largePrint)
            if let output {
                try OutputTarget.write(Array(text.utf8), to: output, protected: protected)
            } else {
                Output.out((separated ? "\n" : "") + text, terminator: "")
            }
        } catch let error as PrintError {
            Output.err(error.formatted)
            return .invalid
        }
        return weeks.contains(where: { $0.safety.status == .blocked }) ? .blocked : .printed
    }
}
