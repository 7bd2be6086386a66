import ArgumentParser
import Foundation
import RehabKit
import RehabPrint
import RehabTracking

/// `rehab overview [--format text|html|json] [--as-of DATE] [-o FILE]`: every patient's plan on one page.
struct OverviewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "overview",
        abstract:
            "Every plan of the workspace on one page, most urgent first: status, alerts, red flags, assessments, last week.",
        discussion:
            "Red flags in the log and urgent alerts come first, then blocked plans, 24-hour alerts, stale or expired assessments, restricted and clear plans. Exit 0 (the overview itself is not a verdict), 1 for invalid input."
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, html, pdf, json }

    @OptionGroup var workspace: WorkspaceOptions
    @OptionGroup var rulesOptions: RulesOptions
    @OptionGroup var store: StoreOptions
    @Option(help: "Output format: text, html, pdf (A4 landscape, through headless Chromium) or json.") var format:
        Format = .text
    @Option(name: .customLong("as-of"), help: "The date of the overview, YYYY-MM-DD (default: today).") var asOf:
        LocalDate?
    @Option(name: .shortAndLong, help: "Write to this file (0600) instead of standard output.") var output: String?

    func run() throws {
        let rules = try rulesOptions.ruleSet()
        let tracking = try store.tracking(workspace, rules: rules, create: false)
        let day = asOf ?? Today.date
        let rows = try storeCall { () throws(StoreError) in try Overview.rows(tracking, asOf: day) }
        let text: String
        switch format {
        case .text: text = Overview.text(rows, asOf: day) + "\n"
        case .json: text = JSONText.encode(rows)
        case .html, .pdf:
            do { text = try RoutinePrinter().renderOverview(OverviewPage(rows, asOf: day)) } catch {
                Output.err(error.formatted)
                throw ExitStatus.invalidInput
            }
        }
        try OutputTarget.emit(text, pdf: format == .pdf, to: output, defaultPDF: "overview-\(day).pdf") {
            OutputTarget.protected(tracking, workspace: workspace, store: store, inputs: [rulesOptions.rules])
        }
    }
}
