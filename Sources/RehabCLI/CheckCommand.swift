import ArgumentParser
import Foundation
import RehabKit
import RehabTracking

struct CheckCommand: PlanListCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check plans against their patients' safety profiles.",
        discussion: """
            For each item: allowed, modified, supervised or blocked, with every rule that decided, \
            the change made and the rule's source; alerts by urgency; profile fields whose absence \
            forced a fail-closed decision; the plan's status. Exit 0 clear or restricted, 3 if any \
            plan is blocked, 1 for invalid input. A folder stands for every plan file in it; --all \
            checks every plan of the workspace.
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    @OptionGroup var workspace: WorkspaceOptions
    @OptionGroup var rulesOptions: RulesOptions
    @OptionGroup var store: StoreOptions

    @Option(help: "Output format: text or json.")
    var format: Format = .text

    @Option(name: .customLong("as-of"), help: "The date to check for, YYYY-MM-DD (default: today).")
    var asOf: LocalDate?

    @Flag(help: "Check every plan of the workspace.")
    var all = false

    @Argument(help: "Plan files, plan ids or folders of plans.")
    var plans: [String] = []

    var positionals: [String] {
        get { plans }
        set { plans = newValue }
    }

    func validate() throws {
        try PlanList.validate(plans, all: all)
    }

    func run() throws {
        let rules = try rulesOptions.ruleSet()
        // Without a progress log (whose red flags and voided reports join plans across the
        // workspace), plans named in file order are checked and printed a window at a time.
        if !store.exists(workspace) {
            let stream = CheckStream(
                root: workspace.root, displayBase: FileManager.default.currentDirectoryPath,
                names: plans, all: all)
            if stream.canStream { return try runStreaming(stream, rules: rules) }
        }
        let tracking = try store.tracking(workspace, rules: rules, create: false)
        let (plans, selectionErrors) = PlanList.expand(self.plans, all: all, in: tracking.open)
        // The red flags of the patients of the plans named (the workspace is read once, here).
        var reported: [String: [ReportedRedFlag]] = [:]
        for name in plans {
            guard case .success(let plan) = tracking.open.plan(name) else { continue }
            reported[plan.id] = try storeCall { () throws(StoreError) in try tracking.reports(for: plan) }
        }
        let result = SafetyCheck.run(
            open: tracking.open, plans: plans, rules: rules, asOf: asOf ?? Today.date, reported: reported)
        let printer = DiagnosticPrinter.forStandardError()
        for d in result.diagnostics { Output.err(printer.format(d)) }
        for t in result.templates {
            Output.err(
                "\(t.file): note: '\(t.id)' is a template (no patient): apply it to a patient's plan to check it")
        }
        switch format {
        case .json:
            Output.out(SafetyReportJSON.render(result.reports), terminator: "")
        case .text:
            // Titles, notes and messages come from YAML: no terminal escape of theirs reaches the screen.
            Output.out(
                UserText.plain(result.reports.map { SafetyReportText.render($0) }.joined(separator: "\n")),
                terminator: "")
        }
        try LegFunctionNotes.print(plans: plans, tracking: tracking, json: format == .json)
        try VoidedReportNotes.print(plans: plans, tracking: tracking, today: asOf ?? Today.date)
        if result.hasErrors || selectionErrors { throw ExitStatus.invalidInput }
        if result.anyBlocked { throw ExitStatus.blocked }
    }
}

extension CheckCommand {
    /// Each window's diagnostics and template notes (standard error), then its reports (standard
    /// output), before the next window is read; JSON as one array written element by element.
    func runStreaming(_ stream: CheckStream, rules: RuleSet) throws {
        let printer = DiagnosticPrinter.forStandardError()
        for d in stream.selectionDiagnostics.sortedForReport() { Output.err(printer.format(d)) }
        var hasErrors = stream.selectionDiagnostics.hasErrors
        var anyBlocked = false
        var array = JSONArrayStream(depth: 0)
        var reportsWritten = 0
        if format == .json { Output.out("[", terminator: "") }
        stream.run(rules: rules, asOf: asOf ?? Today.date, window: StreamWindow.size) { result in
            hasErrors = hasErrors || result.hasErrors
            anyBlocked = anyBlocked || result.anyBlocked
            var err = result.diagnostics.map { printer.format($0) }
            for t in result.templates {
                err.append(
                    "\(t.file): note: '\(t.id)' is a template (no patient): apply it to a patient's plan to check it")
            }
            if !err.isEmpty { Output.err(err.joined(separator: "\n")) }
            // Rendered on all cores; printed in order.
            var text = ""
            switch format {
            case .json:
                text = SafetyReportJSON.elements(result.reports, in: &array)
            case .text:
                for rendered in SafetyReportText.renderEach(result.reports) {
                    // Titles, notes and messages come from YAML: no terminal escape of theirs reaches the screen.
                    text += (reportsWritten == 0 ? "" : "\n") + UserText.plain(rendered)
                    reportsWritten += 1
                }
            }
            if !text.isEmpty { Output.out(text, terminator: "") }
        }
        if format == .json { Output.out(array.close()) }
        if hasErrors { throw ExitStatus.invalidInput }
        if anyBlocked { throw ExitStatus.blocked }
    }
}
