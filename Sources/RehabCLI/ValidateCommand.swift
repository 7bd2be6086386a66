import ArgumentParser
import Foundation
import RehabKit
import RehabTracking

struct ValidateCommand: PlanListCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check exercises, plans and profiles; report every problem with its file, line and column.",
        discussion:
            "With no PATH, checks the workspace's Exercises/ and Plans/ (and the profiles plans name). Plans are judged as of today (or --as-of), as 'rehab check' judges them. Exit 0 when there is no error, 1 otherwise."
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    @OptionGroup var workspace: WorkspaceOptions
    @OptionGroup var rulesOptions: RulesOptions
    @OptionGroup var store: StoreOptions

    @Option(help: "Output format: text or json.")
    var format: Format = .text

    @Option(
        name: .customLong("as-of"), help: "The date to judge plans for, YYYY-MM-DD (default: today), as 'check' does.")
    var asOf: LocalDate?

    /// The day plans are judged for: `--as-of`, else today.
    var day: LocalDate { asOf ?? Today.date }

    @Argument(help: "Files or folders to report on (default: the whole workspace).")
    var paths: [String] = []

    var positionals: [String] {
        get { paths }
        set { paths = newValue }
    }

    func run() throws {
        let cwd = FileManager.default.currentDirectoryPath
        let rules = try rulesOptions.ruleSet()
        // A progress log links plans across the workspace (the red flags that stop a plan): with
        // one, the workspace is read whole; without, plans are read and reported a window at a time.
        if paths.isEmpty, store.exists(workspace) {
            return try runWhole(rules: rules, cwd: cwd)
        }
        let extra = paths.isEmpty ? ReadabilityPass.rules(clinicFile: rulesOptions.rules, displayBase: cwd) : []
        var writer = Writer(format: format)
        let summary = Validation.stream(
            root: workspace.root, displayBase: cwd, paths: paths, rules: rules, today: day,
            readability: true, extra: extra, window: StreamWindow.size
        ) { writer.write($0) }
        writer.finish(files: summary.filesRead, errors: summary.errors, warnings: summary.warnings)
        if summary.errors > 0 { throw ExitStatus.invalidInput }
    }

    /// Every diagnostic, sorted, after the whole workspace is read (with a progress log).
    func runWhole(rules: RuleSet, cwd: String) throws {
        var report = Validation.run(
            root: workspace.root, displayBase: cwd, paths: paths, rules: rules,
            today: day, readability: true)
        // The rules' words for the patient are printed on the sheet too: judged like the exercises'.
        report.diagnostics =
            (report.diagnostics + ReadabilityPass.rules(clinicFile: rulesOptions.rules, displayBase: cwd)
            + (try stoppedPlans())).sortedForReport()
        var writer = Writer(format: format)
        writer.write(report.diagnostics)
        writer.finish(files: report.filesRead, errors: report.errorCount, warnings: report.warningCount)
        if report.errorCount > 0 { throw ExitStatus.invalidInput }
    }

    /// Prints diagnostics as they come (text: on standard error; JSON: the `diagnostics` array, its
    /// counts after it, as `JSONText` orders the keys), then the summary.
    struct Writer {
        let format: Format
        let printer = DiagnosticPrinter.forStandardError()
        var array = JSONArrayStream(depth: 1)

        init(format: Format) {
            self.format = format
            if format == .json { Output.out("{\n  \"diagnostics\" : [", terminator: "") }
        }

        mutating func write(_ diagnostics: [Diagnostic]) {
            guard !diagnostics.isEmpty else { return }
            switch format {
            case .text:
                Output.err(diagnostics.map { printer.format($0) }.joined(separator: "\n"))
            case .json:
                var text = ""
                for d in diagnostics { text += array.element(JSONOutput.entry(d)) }
                Output.out(text, terminator: "")
            }
        }

        func finish(files: Int, errors e: Int, warnings w: Int) {
            switch format {
            case .json:
                Output.out(array.close() + ",\n  \"errors\" : \(e),\n  \"files\" : \(files),\n  \"warnings\" : \(w)\n}")
            case .text:
                Output.out("checked \(files) files: \(e) error\(e == 1 ? "" : "s"), \(w) warning\(w == 1 ? "" : "s")")
            }
        }
    }
}

extension ValidateCommand {
    /// A warning for every plan a red flag in the progress log keeps stopped (read-only: a missing
    /// store means an empty log), with what would reopen it.
    func stoppedPlans() throws -> [Diagnostic] {
        let tracking = try store.tracking(workspace, rules: try rulesOptions.ruleSet(), create: false)
        guard tracking.store != nil else { return [] }
        var out: [Diagnostic] = []
        for plan in tracking.open.workspace.plans where !plan.isTemplate && plan.safety != nil {
            let tracked = try storeCall { () throws(StoreError) in try tracking.tracked(plan, upTo: day, today: day) }
            guard let open = tracked.safety?.openRedFlags, !open.isEmpty else { continue }
            let what = open.map { "\($0.flag.rawValue) on \($0.date)" }.joined(separator: ", ")
            out.append(
                .warning(
                    "plan '\(plan.id)' is stopped by a red flag in the progress log (\(what)): it cannot be printed",
                    at: plan.location, notes: open.map { SafetyProfile.howToAddress($0) }))
        }
        return out
    }
}
