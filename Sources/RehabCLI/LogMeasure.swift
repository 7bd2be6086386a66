import ArgumentParser
import Foundation
import RehabKit
import RehabTracking

/// `rehab log measure PLAN --date D --test TEST --value V [--side left|right] [--note TEXT]`: an
/// outcome measure taken by the physiotherapist, checked against the test's plausible range.
struct LogMeasure: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "measure",
        abstract:
            "Record an outcome measure (chair stand, timed up-and-go, six-minute walk, gait speed, grip strength, ECOG, BPI worst pain).",
        discussion: """
            The tests, their units and plausible ranges are in docs/TRACKING.md ('outcome-tests.yaml' at the \
            workspace's root adds a clinic's own). A value outside the plausible range is refused. \
            One live value per test, side and day; --replace changes it, 'rehab log void' withdraws it.
            """
    )

    @OptionGroup var workspace: WorkspaceOptions
    @OptionGroup var store: StoreOptions
    @OptionGroup var rulesOptions: RulesOptions

    @Argument(help: "The plan file (or plan id).") var plan: String
    @Option(help: "The day, YYYY-MM-DD.") var date: LocalDate
    @Option(help: "The test's id, such as chair-stand-30s.") var test: String
    @Option(help: "The value, in the test's unit (a point for decimals: 1.05).") var value: String
    @Option(help: "left or right, for a test measured on each side (grip-strength).") var side: String?
    @Option(help: "A note.") var note: String?
    @Flag(help: "Replace the value already logged for the same test, side and day.") var replace = false

    /// Each field's 1-based place, so that a problem names the option it is about.
    static let columns = Dictionary(uniqueKeysWithValues: LogCSV.exportHeader.enumerated().map { ($1, $0 + 1) })

    func validate() throws {
        guard let x = Double(value), x.isFinite,
            value.unicodeScalars.allSatisfy({ "0123456789.-+eE".unicodeScalars.contains($0) })
        else {
            throw ValidationError("--value '\(value)' is not a number (write decimals with a point: 1.05)")
        }
        if let side, MeasureSide(rawValue: side) == nil {
            throw ValidationError("--side '\(side)' is not left or right")
        }
    }

    func run() throws {
        let rules = try rulesOptions.ruleSet()
        let tracking = try store.tracking(workspace, rules: rules, create: true)
        if !tracking.tests.problems.isEmpty {
            let printer = DiagnosticPrinter.forStandardError()
            for d in tracking.tests.problems { Output.err(printer.format(d)) }
            if tracking.tests.problems.hasErrors { throw ExitStatus.invalidInput }
        }
        let plan = try PlanArgument.resolve(self.plan, in: tracking.open)
        let entry = LogEntry(
            plan: plan.id, date: date, kind: .measure, note: note, test: test, value: Double(value),
            side: side.flatMap(MeasureSide.init(rawValue:)))
        let outcome = try storeCall { () throws(StoreError) in
            try tracking.record(
                [LogCSV.Row(row: 1, entry: entry)], columns: Self.columns, today: Today.date, replace: replace)
        }
        guard outcome.judgement.isAccepted else {
            // Each problem names its option, as a located diagnostic names its column.
            for p in outcome.judgement.problems {
                let field = LogCSV.exportHeader[p.column - 1]
                Output.err("error: \(field == "plan" ? "PLAN" : "--" + field): \(p.message)")
            }
            throw ExitStatus.invalidInput
        }
        let test = tracking.tests.test(test)
        Output.out("logged \(entry.summary): \(OutcomeTest.text(entry.value ?? 0))\(test.map { " \($0.unit)" } ?? "")")
    }
}
