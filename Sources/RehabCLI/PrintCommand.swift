import ArgumentParser
import Foundation
import RehabKit
import RehabTracking
import RehabPrint

extension PrintFormat: ExpressibleByArgument {}
extension Paper: ExpressibleByArgument {}
extension CardPolicy: ExpressibleByArgument {}

struct PrintCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "print",
        abstract: "Print a week of a plan for the patient: one page per week, then the exercise cards.",
        discussion: """
            A plan the safety check blocks prints one page that says not to start and whom to call \
            (exit 3). PDF needs headless Chromium (apt-get install chromium-headless-shell). A clinic \
            replaces any of the bundled templates with files of the same name in --template DIR.
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

    @Option(help: "Instruction cards: all, new (only new or changed since the week before; all in the first week) or none.")
    var cards: CardPolicy = .new

    @Flag(name: .customLong("large-print"), help: "Large print (16–18 pt, bigger tick boxes) for people with low vision.")
    var largePrint = false

    @Option(name: .customLong("template"), help: "A folder of templates that replace the bundled ones.")
    var templateDirectory: String?

    @Argument(help: "The plan file (or plan id).")
    var plan: String

    func run() throws {
        let rules = try rulesOptions.ruleSet()
        let cwd = FileManager.default.currentDirectoryPath
        let tracking = try store.tracking(workspace, rules: rules, create: false)
        let open = tracking.open
        let named = try PlanArgument.resolve(self.plan, in: open)
        let plan = try storeCall { () throws(StoreError) in try tracking.tracked(named, today: Today.date) }
        let scheduler = try storeCall { () throws(StoreError) in try tracking.scheduler(for: plan) }
        var weeks: [WeekSchedule] = []
        do {
            for week in weekOptions.range! {
                weeks.append(try scheduler.schedule(plan, week: week, previous: weeks.last))
            }
        } catch {
            Output.err("error: \(error.description)")
            throw ExitStatus.invalidInput
        }
        let protected = OutputTarget.protected(tracking, workspace: workspace, store: store,
                                               inputs: [rulesOptions.rules, templateDirectory])
        let range = weekOptions.range!
        let pdfTarget = output ?? "\(plan.id)-week-\(range.count == 1 ? "\(range.lowerBound)" : "\(range.lowerBound)-\(range.upperBound)").pdf"
        if format == .pdf || output != nil { try OutputTarget.check(format == .pdf ? pdfTarget : output!, protected: protected) }
        do {
            let printer = try RoutinePrinter(overrides: templateDirectory)
            // The week before the first one printed, to tell which cards are new.
            let first = weekOptions.range!.lowerBound
            let previous = first > 1 ? try? scheduler.schedule(plan, week: first - 1) : nil
            let text = try printer.render(weeks, plan: plan, workspace: open.workspace, format: format, paper: paper, imageBase: cwd,
                                          cards: cards, previous: previous, largePrint: largePrint)
            if format == .pdf {
                let pdf = try PDFPrinter.render(html: text)
                try OutputTarget.write(pdf, to: pdfTarget, protected: protected)
                Output.err("wrote \(pdfTarget)")
            } else if let output {
                try OutputTarget.write(Array(text.utf8), to: output, protected: protected)
            } else {
                Output.out(text, terminator: "")
            }
        } catch let error as PrintError {
            Output.err(error.formatted)
            throw ExitStatus.invalidInput
        }
        if weeks.contains(where: { $0.safety.status == .blocked }) { throw ExitStatus.blocked }
    }
}
