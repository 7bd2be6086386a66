import ArgumentParser
import Foundation
import RehabKit
import RehabPrint
import RehabTracking

struct ProgressCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "progress",
        abstract: "Adherence, pain and effort by week and item; flags; next week's progress, hold or regress."
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, md, html, pdf, json }

    @OptionGroup var workspace: WorkspaceOptions
    @OptionGroup var store: StoreOptions
    @OptionGroup var rulesOptions: RulesOptions
    @Option(
        help: "text, md, html, pdf (A4, through headless Chromium; -o FILE, default progress-PLAN-DATE.pdf) or json.")
    var format: Format = .text
    @Option(name: .customLong("as-of"), help: "Report up to the week of this date (default: today).") var asOf:
        LocalDate?
    @Option(name: .shortAndLong, help: "Write to this file (default: standard output).") var output: String?
    @Argument(help: "The plan file (or plan id).") var plan: String

    func run() throws {
        let rules = try rulesOptions.ruleSet()
        let tracking = try store.tracking(workspace, rules: rules, create: false)
        let plan = try PlanArgument.resolve(self.plan, in: tracking.open)
        let entries = try storeCall { () throws(StoreError) in try tracking.entries(plan) }
        let report: ProgressReport
        let reports = try storeCall { () throws(StoreError) in try tracking.reports(for: plan) }
        do throws(ScheduleError) {
            report = try ProgressReport.build(
                plan: plan, entries: entries, workspace: tracking.open.workspace,
                engine: tracking.engine, asOf: asOf ?? Today.date, reports: reports,
                tests: tracking.tests)
        } catch {
            Output.err("error: \(error.description)")
            throw ExitStatus.invalidInput
        }
        let text: String
        switch format {
        case .text: text = ProgressFormat.text(report)
        case .md: text = ProgressFormat.markdown(report)
        case .html, .pdf:
            do { text = try RoutinePrinter().renderPage(ProgressFormat.view(report), template: "progress.html") } catch
            {
                Output.err(error.formatted)
                throw ExitStatus.invalidInput
            }
        case .json: text = ProgressFormat.json(report)
        }
        try OutputTarget.emit(
            text, pdf: format == .pdf, to: output, defaultPDF: "progress-\(plan.id)-\(report.asOf).pdf"
        ) {
            OutputTarget.protected(tracking, workspace: workspace, store: store, inputs: [rulesOptions.rules])
        }
    }
}
