import ArgumentParser
import Foundation
import RehabKit
import RehabTracking

struct LogEntryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add",
        abstract: "Record one session, the day's pain, or a red-flag symptom.",
        discussion: """
            rehab log PLAN --date D --done|--partial|--skipped ITEM … [--session K] [--pain N] [--rpe N] [--note T] [--reason T]
            rehab log PLAN --date D --pain-today N
            rehab log PLAN --date D --symptom NAME
            Every --done, --partial and --skipped of one call is checked and stored together (one \
            transaction: all or none), and each is echoed. A symptom re-runs the safety check: when the plan now blocks, the urgent instructions are \
            printed and the exit code is 3; 'rehab print' then refuses a routine until a clinician \
            records a new assessment dated after the symptom.
            """
    )

    @OptionGroup var workspace: WorkspaceOptions
    @OptionGroup var store: StoreOptions
    @OptionGroup var rulesOptions: RulesOptions

    @Argument(help: "The plan file (or plan id).") var plan: String
    @Option(help: "The day, YYYY-MM-DD.") var date: LocalDate
    @Option(help: "An exercise done in full (repeat for several).") var done: [String] = []
    @Option(help: "An exercise done in part (repeat for several).") var partial: [String] = []
    @Option(help: "An exercise skipped (repeat for several).") var skipped: [String] = []
    @Option(help: "Which session of the day (1 = the first); an exercise given twice takes the next one.") var session:
        Int = 1
    @Option(help: "Pain during the session, 0–10.") var pain: Int?
    @Option(help: "Effort, Borg RPE 6–20.") var rpe: Int?
    @Option(help: "A note.") var note: String?
    @Option(help: "Why the session was partial or skipped.") var reason: String?
    @Option(name: .customLong("pain-today"), help: "The day's pain, 0–10.") var painToday: Int?
    @Option(
        name: .customLong("symptom"),
        help: ArgumentHelp("A red-flag symptom: \(RedFlag.allNames).", valueName: "symptom"))
    var symptomName: String?
    /// The symptom named (checked in `validate`: an unknown name never reaches `run`).
    var symptom: RedFlag? { symptomName.flatMap(RedFlag.init(rawValue:)) }
    @Flag(help: "Replace an entry already logged for the same session, day or symptom.") var replace = false

    func validate() throws {
        if let symptomName, RedFlag(rawValue: symptomName) == nil {
            // A red flag mistyped is a red flag all the same: the nearest name and every name.
            throw ValidationError(
                RedFlag.unknown(symptomName) + "\nthe symptoms are: \(RedFlag.allNames)"
                    + "\nnothing was logged: log it again with one of these names, and contact the care team today")
        }
        let given = [!(done + partial + skipped).isEmpty, painToday != nil, symptomName != nil].filter { $0 }.count
        guard given == 1 else {
            throw ValidationError("give one of --done, --partial, --skipped ITEM, --pain-today N or --symptom NAME")
        }
        if let pain, !(0...10).contains(pain) { throw ValidationError("--pain must be 0 to 10") }
        if let painToday, !(0...10).contains(painToday) { throw ValidationError("--pain-today must be 0 to 10") }
        if let rpe, !(6...20).contains(rpe) { throw ValidationError("--rpe must be 6 to 20 (Borg scale)") }
        if session < 1 { throw ValidationError("--session must be 1 or more") }
    }

    /// The entries this call asks for, in the order given (--done, then --partial, then --skipped).
    func entries(plan: String) -> [LogEntry] {
        if let painToday { return [LogEntry(plan: plan, date: date, kind: .pain, pain: painToday, note: note)] }
        if let symptom { return [LogEntry(plan: plan, date: date, kind: .symptom, symptom: symptom, note: note)] }
        var next: [String: Int] = [:]
        let ticks =
            done.map { ($0, Outcome.done) } + partial.map { ($0, Outcome.partial) }
            + skipped.map { ($0, Outcome.skipped) }
        return ticks.map { item, outcome in
            let n = next[item, default: session]
            next[item] = n + 1
            return LogEntry(
                plan: plan, date: date, kind: .session, item: item, session: n, outcome: outcome,
                pain: pain, rpe: rpe, note: note, reason: reason)
        }
    }

    func run() throws {
        let rules = try rulesOptions.ruleSet()
        let tracking = try store.tracking(workspace, rules: rules, create: true)
        let plan = try PlanArgument.resolve(self.plan, in: tracking.open)
        let entries = entries(plan: plan.id)
        let today = Today.date
        let rows = entries.enumerated().map { LogCSV.Row(row: $0.offset + 1, entry: $0.element) }
        let outcome = try storeCall { () throws(StoreError) in try tracking.record(rows, today: today, replace: replace)
        }
        let judgement = outcome.judgement
        if !judgement.isAccepted {
            if let symptom {
                // A refused red-flag report must not read like a typo: it comes first, on both streams.
                let lines = [
                    "URGENT: THE RED-FLAG SYMPTOM \(symptom.rawValue) (\(symptom.words)) ON \(date) WAS NOT LOGGED:",
                    "  correct the error below and log it again, and contact the care team today.", "",
                ]
                for l in lines { Output.err(l) }
                for l in lines { Output.out(l) }
            }
            for p in judgement.problems {
                let which = entries.count > 1 ? "\(entries[p.row - 1].summary): " : ""
                Output.err("error: \(which)\(p.message)")
            }
            if entries.count > 1 { Output.err("nothing was logged") }
            throw ExitStatus.invalidInput
        }
        for e in entries { Output.out("logged \(e.outcome.map { "\($0.rawValue) " } ?? "")\(e.summary)") }
        try RedFlagStop.print(outcome.stopped)
    }
}
