import ArgumentParser
import Foundation
import RehabKit
import RehabTracking

struct ValidateCommand: PlanListCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check exercises, plans and profiles; report every problem with its file, line and column.",
        discussion: "With no PATH, checks the workspace's Exercises/ and Plans/ (and the profiles plans name). Exit 0 when there is no error, 1 otherwise."
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    @OptionGroup var workspace: WorkspaceOptions
    @OptionGroup var rulesOptions: RulesOptions
    @OptionGroup var store: StoreOptions

    @Option(help: "Output format: text or json.")
    var format: Format = .text

    @Argument(help: "Files or folders to report on (default: the whole workspace).")
    var paths: [String] = []

    var positionals: [String] {
        get { paths }
        set { paths = newValue }
    }

    func run() throws {
        let cwd = FileManager.default.currentDirectoryPath
        var report = Validation.run(root: workspace.root, displayBase: cwd, paths: paths, rules: try rulesOptions.ruleSet(),
                                    today: Today.date, readability: true)
        if paths.isEmpty {
            // The rules' words for the patient are printed on the sheet too: judged like the exercises'.
            report.diagnostics = (report.diagnostics + ReadabilityPass.rules(clinicFile: rulesOptions.rules, displayBase: cwd)
                                  + (try stoppedPlans())).sortedForReport()
        }
        switch format {
        case .json:
            Output.out(JSONOutput.validation(report), terminator: "")
        case .text:
            let printer = DiagnosticPrinter.forStandardError()
            for d in report.diagnostics { Output.err(printer.format(d)) }
            let e = report.errorCount, w = report.warningCount
            Output.out("checked \(report.filesRead) files: \(e) error\(e == 1 ? "" : "s"), \(w) warning\(w == 1 ? "" : "s")")
        }
        if report.errorCount > 0 { throw ExitStatus.invalidInput }
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
            let tracked = try storeCall { () throws(StoreError) in try tracking.tracked(plan, today: Today.date) }
            guard let open = tracked.safety?.openRedFlags, !open.isEmpty else { continue }
            let what = open.map { "\($0.flag.rawValue) on \($0.date)" }.joined(separator: ", ")
            out.append(.warning("plan '\(plan.id)' is stopped by a red flag in the progress log (\(what)): it cannot be printed",
                                at: plan.location, notes: open.map { SafetyProfile.howToAddress($0) }))
        }
        return out
    }
}

enum JSONOutput {
    static func validation(_ report: ValidationReport) -> String {
        struct Entry: Encodable {
            var file: String
            var line: Int
            var column: Int
            var severity: String
            var message: String
            var notes: [String]
        }
        struct Body: Encodable {
            var files: Int
            var errors: Int
            var warnings: Int
            var diagnostics: [Entry]
        }
        let body = Body(files: report.filesRead, errors: report.errorCount, warnings: report.warningCount,
                        diagnostics: report.diagnostics.map {
                            Entry(file: $0.location.file, line: $0.location.line, column: $0.location.column,
                                  severity: $0.severity.rawValue, message: $0.message, notes: $0.notes)
                        })
        return JSONText.encode(body)
    }
}
