import ArgumentParser
import Foundation
import RehabKit
import RehabPrint
import RehabScan
import RehabTracking

/// `rehab log scan`: ticked paper sheets (PDF, PNG, JPEG) read back into the log. The policy (what
/// is stored, what waits, what is refused) is the library's `ScanImport`; this command reads the
/// flags, shows progress, asks (`--review`), prints the report and chooses the exit code.
struct LogScan: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scan",
        abstract: "Read scanned or photographed week sheets back into the log.",
        discussion: """
            Each sheet's QR code names its plan (a hash of the id), week and layout; its corner marks place \
            every box. A box is read as empty, ticked or uncertain; uncertain boxes are never guessed: confirm \
            them in an --accept file (lines 'PLAN BOX ticked|empty', as the output lists them) and scan again. \
            A ticked warning-sign box is a red flag: it is said first and stored at once, and it stops the plan \
            as 'rehab log --symptom warning-sign' does. A sheet is imported whole, through the checks of \
            'rehab log import', only when every box is known; a sheet of a week already logged, of another \
            plan or of another layout version is refused. --format html writes a preview of each scan with \
            what was read in each box.
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, html, json }

    @OptionGroup var workspace: WorkspaceOptions
    @OptionGroup var store: StoreOptions
    @OptionGroup var rulesOptions: RulesOptions
    @Flag(name: .customLong("dry-run"), help: "Read and report; store nothing.") var dryRun = false
    @Option(help: "text, html (a preview of each scan) or json.") var format: Format = .text
    @Option(help: "Confirmations of uncertain boxes: lines 'PLAN BOX ticked|empty'.") var accept: String?
    @Flag(
        help: "On a terminal, ask about each uncertain box in turn (y, n, or a pain number); for scripts, use --accept."
    ) var review = false
    @Option(
        name: .customLong("template"), help: "The template folder the sheets were printed with, if not the bundled one."
    )
    var templateDirectory: String?
    @Option(name: .shortAndLong, help: "Write the report to this file instead of standard output.") var output: String?
    @Argument(help: "Scans: PDF, PNG or JPEG files, any number of pages and sheets.") var files: [String]

    func run() throws {
        if review, isatty(0) != 1 || isatty(2) != 1 {
            Output.err(
                "error: --review asks about each uncertain box on a terminal; standard input is not one. In a script, confirm boxes with --accept"
            )
            throw ExitStatus.invalidInput
        }
        let rules = try rulesOptions.ruleSet()
        let tracking = try store.tracking(workspace, rules: rules, create: !dryRun)
        let printer = try RoutinePrinter.forCommand(templateDirectory)
        var confirmed = try accept.map(ScanAcceptFile.read) ?? [:]
        let protected = OutputTarget.protected(
            tracking, workspace: workspace, store: store,
            inputs: [rulesOptions.rules, templateDirectory, accept] + files)
        // The report's file is checked before anything is stored: a refused -o must not come after a
        // warning sign was stored and leave it unsaid.
        if let output { try OutputTarget.check(output, protected: protected) }
        var outcome = ScanOutcome(dryRun: dryRun)
        do {
            let today = Today.date
            // The layout each code names, built as `rehab print` built it on the day it was printed.
            let sheets = PrintedSheet(tracking: tracking, printer: printer, today: today)
            var importer = ScanImport(
                tracking: tracking, today: today, dryRun: dryRun, printed: sheets.find(_:plan:weekStart:))
            let scanned = SheetScanner.scan(
                files: files, preview: format == .html,
                limits: ScanLimits(environment: ProcessInfo.processInfo.environment),
                progress: Self.progress()
            ) { importer.layout(for: $0) }
            if review {
                for sheet in scanned.sheets {
                    guard let plan = importer.plan(of: sheet.code) else { continue }
                    ScanReview.ask(sheet, plan: plan.id, confirmed: &confirmed[plan.id, default: [:]])
                }
            }
            try storeCall { () throws(StoreError) in try importer.record(scanned, confirmed: confirmed, into: &outcome)
            }
            let text = try render(outcome.report, printer: printer)
            if let output {
                try OutputTarget.write(Array(text.utf8), to: output, protected: protected)
                // The warning signs reach the terminal even when the report goes to a file.
                for l in ScanReportText.warningLines(outcome.report) { Output.err(l) }
            } else {
                Output.out(text, terminator: "")
            }
        } catch {
            // Whatever failed, the warning signs read so far are said, and the exit is 3.
            for l in ScanReportText.warningLines(outcome.report) { Output.err(l) }
            guard !outcome.report.warnings.isEmpty else { throw error }
            if !(error is ExitCode) { Output.err(UserText.plain("error: \(error)")) }
            throw ExitStatus.blocked
        }
        let report = outcome.report
        if !outcome.stopped.isEmpty { try RedFlagStop.print(outcome.stopped) }
        if !report.warnings.isEmpty { throw ExitStatus.blocked }
        if !report.problems.isEmpty || report.sheets.isEmpty
            || report.sheets.contains(where: { $0.status == .pending || $0.status == .refused })
        {
            throw ExitStatus.invalidInput
        }
    }

    /// Progress on a terminal only (a page of a PDF takes about a second): silent in scripts.
    static func progress() -> ((String, Int, Int) -> Void)? {
        guard isatty(2) == 1 else { return nil }
        var found = 0
        return { file, page, sheets in
            found += sheets
            Output.err(
                UserText.plain("\(file) page \(page): \(sheets) sheet\(sheets == 1 ? "" : "s") found (\(found) so far)")
            )
        }
    }

    private func render(_ report: ScanReport, printer: RoutinePrinter) throws -> String {
        switch format {
        case .json:
            // Snake case, as the JSON of schedule and progress.
            return JSONText.encode(report, snakeCase: true)
        case .html:
            do { return try printer.renderPage(report, template: "scan-preview.html") } catch {
                Output.err(error.formatted)
                throw ExitStatus.invalidInput
            }
        case .text: return ScanReportText.text(report)
        }
    }
}
