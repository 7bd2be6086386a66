import ArgumentParser
import Foundation
import RehabKit

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
        let report = Validation.run(root: workspace.root, displayBase: cwd, paths: paths, rules: try rulesOptions.ruleSet())
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
