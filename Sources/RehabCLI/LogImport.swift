import ArgumentParser
import Foundation
import RehabKit
import RehabTracking

struct LogImport: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import a CSV of ticks (the printed sheet's layout) in one transaction.",
        discussion: """
            Columns: \(LogCSV.header.joined(separator: ",")) (and voided_at,voided_by,void_reason as export writes them). \
            The plan column takes a plan id or a plan file. Every problem of the file is listed as FILE:row:col; \
            any problem rejects the whole file and nothing is stored.
            """
    )

    @OptionGroup var workspace: WorkspaceOptions
    @OptionGroup var store: StoreOptions
    @OptionGroup var rulesOptions: RulesOptions
    @Flag(help: "Replace entries already logged for the same session, day or symptom.") var replace = false
    @Argument(help: "The CSV file.") var file: String

    func run() throws {
        let parsed: LogCSV.Parsed
        do {
            parsed = try LogCSV.read(file: file)
        } catch {
            for p in error.all { Output.err("\(file):\(p.row):\(p.column): error: \(p.message)") }
            throw ExitStatus.invalidInput
        }
        let rules = try rulesOptions.ruleSet()
        let tracking = try store.tracking(workspace, rules: rules, create: true)
        let today = Today.date
        let outcome = try storeCall { () throws(StoreError) in
            try tracking.record(parsed, today: today, replace: replace)
        }
        let judgement = outcome.judgement
        if !judgement.isAccepted {
            // An urgent symptom must not be lost in a list of errors: it comes first, on both streams.
            if !judgement.symptoms.isEmpty {
                var lines = ["", "URGENT: THIS FILE REPORTS A RED-FLAG SYMPTOM, AND IT WAS NOT IMPORTED:"]
                for s in judgement.symptoms {
                    lines.append(
                        "  \(file):\(s.row): \(s.symptom.rawValue) (\(s.symptom.words)) on \(s.date.isEmpty ? "an unreadable date" : s.date), plan \(s.plan.isEmpty ? "?" : s.plan)"
                    )
                }
                lines.append(
                    "  The symptom is NOT in the log yet. Contact the care team today, then correct the file and import it again."
                )
                lines.append("")
                for l in lines { Output.err(l) }
                for l in lines { Output.out(l) }
            }
            let printer = DiagnosticPrinter.forStandardError()
            for d in judgement.diagnostics(file: file) { Output.err(printer.format(d)) }
            Output.err("nothing was imported")
            throw ExitStatus.invalidInput
        }
        Output.out("imported \(outcome.stored) entries from \(file)")
        // Symptoms in the file stop their plans just as 'rehab log --symptom' does.
        try RedFlagStop.print(outcome.stopped)
    }
}
