import ArgumentParser
import Foundation
import RehabKit
import RehabTracking

extension Outcome: ExpressibleByArgument {}
extension RedFlag: ExpressibleByArgument {}

/// `--db PATH`: the progress log (default `.rehab/progress.sqlite` under the workspace, or REHAB_DB).
struct StoreOptions: ParsableArguments {
    @Option(help: "The progress log (default: REHAB_DB, else .rehab/progress.sqlite in the workspace).")
    var db: String?

    func tracking(_ workspace: WorkspaceOptions, rules: RuleSet, create: Bool) throws -> Tracking {
        let cwd = FileManager.default.currentDirectoryPath
        let open = OpenWorkspace(root: workspace.root, displayBase: cwd)
        let path = Tracking.storePath(db: db, environment: ProcessInfo.processInfo.environment, root: workspace.root, displayBase: cwd)
        do {
            return try Tracking(open: open, rules: rules, storePath: path, create: create, today: Today.date)
        } catch {
            Output.err("error: \(error.description)")
            throw ExitStatus.invalidInput
        }
    }
}

func storeCall<T>(_ body: () throws(StoreError) -> T) throws -> T {
    do {
        return try body()
    } catch {
        Output.err("error: \(error.description)")
        throw ExitStatus.invalidInput
    }
}

struct LogCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "log",
        abstract: "Record sessions, daily pain and red-flag symptoms in the progress log.",
        subcommands: [LogEntryCommand.self, LogImport.self, LogExport.self],
        defaultSubcommand: LogEntryCommand.self
    )
}

struct LogEntryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add",
        abstract: "Record one session, the day's pain, or a red-flag symptom.",
        discussion: """
            rehab log PLAN --date D --done|--partial|--skipped ITEM [--session K] [--pain N] [--rpe N] [--note T] [--reason T]
            rehab log PLAN --date D --pain-today N
            rehab log PLAN --date D --symptom NAME
            A symptom re-runs the safety check: when the plan now blocks, the urgent instructions are \
            printed and the exit code is 3; 'rehab print' then refuses a routine until a clinician \
            records a new assessment dated after the symptom.
            """
    )

    @OptionGroup var workspace: WorkspaceOptions
    @OptionGroup var store: StoreOptions
    @OptionGroup var rulesOptions: RulesOptions

    @Argument(help: "The plan file (or plan id).") var plan: String
    @Option(help: "The day, YYYY-MM-DD.") var date: LocalDate
    @Option(help: "An exercise done in full.") var done: String?
    @Option(help: "An exercise done in part.") var partial: String?
    @Option(help: "An exercise skipped.") var skipped: String?
    @Option(help: "Which session of the day (1 = the first).") var session: Int = 1
    @Option(help: "Pain during the session, 0–10.") var pain: Int?
    @Option(help: "Effort, Borg RPE 6–20.") var rpe: Int?
    @Option(help: "A note.") var note: String?
    @Option(help: "Why the session was partial or skipped.") var reason: String?
    @Option(name: .customLong("pain-today"), help: "The day's pain, 0–10.") var painToday: Int?
    @Option(help: "A red-flag symptom: \(RedFlag.allCases.map(\.rawValue).joined(separator: ", ")).") var symptom: RedFlag?
    @Flag(help: "Replace an entry already logged for the same session, day or symptom.") var replace = false

    func validate() throws {
        let given = [done != nil || partial != nil || skipped != nil, painToday != nil, symptom != nil].filter { $0 }.count
        guard given == 1, [done, partial, skipped].compactMap({ $0 }).count <= 1 else {
            throw ValidationError("give one of --done, --partial, --skipped ITEM, --pain-today N or --symptom NAME")
        }
        if let pain, !(0...10).contains(pain) { throw ValidationError("--pain must be 0 to 10") }
        if let painToday, !(0...10).contains(painToday) { throw ValidationError("--pain-today must be 0 to 10") }
        if let rpe, !(6...20).contains(rpe) { throw ValidationError("--rpe must be 6 to 20 (Borg scale)") }
        if session < 1 { throw ValidationError("--session must be 1 or more") }
    }

    func run() throws {
        let rules = try rulesOptions.ruleSet()
        let tracking = try store.tracking(workspace, rules: rules, create: true)
        let plan = try PlanArgument.resolve(self.plan, in: tracking.open)
        var entry: LogEntry
        if let painToday {
            entry = LogEntry(plan: plan.id, date: date, kind: .pain, pain: painToday, note: note)
        } else if let symptom {
            entry = LogEntry(plan: plan.id, date: date, kind: .symptom, symptom: symptom, note: note)
        } else {
            let (item, outcome): (String, Outcome) = done.map { ($0, .done) } ?? partial.map { ($0, .partial) } ?? (skipped!, .skipped)
            entry = LogEntry(plan: plan.id, date: date, kind: .session, item: item, session: session, outcome: outcome,
                             pain: pain, rpe: rpe, note: note, reason: reason)
        }
        let validator = EntryValidator(workspace: tracking.open.workspace, engine: tracking.engine)
        let today = Today.date
        let asThen = try storeCall { () throws(StoreError) in try tracking.tracked(plan, upTo: date, today: today) }
        let scheduler = try storeCall { () throws(StoreError) in try tracking.scheduler(for: asThen) }
        let problems = validator.problems(entry, plan: asThen, scheduler: scheduler, today: today)
        if !problems.isEmpty {
            for p in problems { Output.err("error: \(p.message)") }
            throw ExitStatus.invalidInput
        }
        try storeCall { () throws(StoreError) in try tracking.store!.add([entry], replace: replace) }
        Output.out("logged \(entry.summary)")
        if entry.kind == .symptom { try RedFlagStop.check([plan], tracking: tracking, today: today) }
    }
}

/// After a symptom is stored: when the plan (or another plan of the patient) now blocks, print the
/// urgent instructions and exit 3.
enum RedFlagStop {
    static func check(_ plans: [Plan], tracking: Tracking, today: LocalDate) throws {
        var stopped = false
        for plan in plans {
            let tracked = try storeCall { () throws(StoreError) in try tracking.tracked(plan, today: today) }
            guard let report = tracking.engine.check(tracked, in: tracking.open.workspace, asOf: today), report.status == .blocked,
                  let latest = try storeCall({ () throws(StoreError) in try tracking.reports(for: plan) }).map(\.date).max() else { continue }
            Output.out("")
            Output.out("STOP THE EXERCISE PROGRAMME (\(plan.id))")
            for alert in report.alerts where alert.level == .urgent { Output.out("  \(alert.message)") }
            if let contact = plan.careTeam?.contact { Output.out("  Call: \(contact)") }
            Output.out("No routine will print for this plan until a clinician records a new assessment dated after \(latest).")
            stopped = true
        }
        if stopped { throw ExitStatus.blocked }
    }
}

struct LogImport: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import a CSV of ticks (the printed sheet's layout) in one transaction.",
        discussion: "Columns: \(LogCSV.header.joined(separator: ",")). Any bad row rejects the whole file with FILE:row:col errors; nothing is stored."
    )

    @OptionGroup var workspace: WorkspaceOptions
    @OptionGroup var store: StoreOptions
    @OptionGroup var rulesOptions: RulesOptions
    @Flag(help: "Replace entries already logged for the same session, day or symptom.") var replace = false
    @Argument(help: "The CSV file.") var file: String

    func run() throws {
        guard let text = try? String(contentsOfFile: file, encoding: .utf8) else {
            Output.err("\(file): error: cannot read the file as UTF-8 text")
            throw ExitStatus.invalidInput
        }
        let rules = try rulesOptions.ruleSet()
        let tracking = try store.tracking(workspace, rules: rules, create: true)
        var problems: [LogCSV.Problem] = []
        var entries: [LogEntry] = []
        let today = Today.date
        switch tracking.entries(fromCSV: text, today: today) {
        case .failure(let p): problems = p.all
        case .success(let e): entries = e
        }
        if !problems.isEmpty {
            for p in problems { Output.err("\(file):\(p.row):\(p.column): error: \(p.message)") }
            Output.err("nothing was imported")
            throw ExitStatus.invalidInput
        }
        try storeCall { () throws(StoreError) in try tracking.store!.add(entries, replace: replace) }
        Output.out("imported \(entries.count) entries from \(file)")
        // Symptoms in the file stop their plans just as 'rehab log --symptom' does.
        let withSymptoms = Set(entries.filter { $0.kind == .symptom }.map(\.plan))
        let plans = tracking.open.workspace.plans.filter { withSymptoms.contains($0.id) }
        try RedFlagStop.check(plans, tracking: tracking, today: today)
    }
}

struct LogExport: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "export", abstract: "Export a plan's log as CSV or JSON.")

    enum Format: String, ExpressibleByArgument, CaseIterable { case csv, json }

    @OptionGroup var workspace: WorkspaceOptions
    @OptionGroup var store: StoreOptions
    @Option(help: "csv or json.") var format: Format = .csv
    @Option(name: .shortAndLong, help: "Write to this file (default: standard output).") var output: String?
    @Argument(help: "The plan file (or plan id).") var plan: String

    func run() throws {
        let tracking = try store.tracking(workspace, rules: .defaults, create: false)
        let plan = try PlanArgument.resolve(self.plan, in: tracking.open)
        let entries = try storeCall { () throws(StoreError) in try tracking.entries(plan) }
        let text: String
        switch format {
        case .csv: text = LogCSV.export(entries)
        case .json: text = JSONText.encode(entries)
        }
        if let output { try Data(text.utf8).write(to: URL(fileURLWithPath: output)) } else { Output.out(text, terminator: "") }
    }
}

struct ProgressCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "progress",
        abstract: "Adherence, pain and effort by week and item; flags; next week's progress, hold or regress."
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, md, html, json }

    @OptionGroup var workspace: WorkspaceOptions
    @OptionGroup var store: StoreOptions
    @OptionGroup var rulesOptions: RulesOptions
    @Option(help: "text, md, html or json.") var format: Format = .text
    @Option(name: .customLong("as-of"), help: "Report up to the week of this date (default: today).") var asOf: LocalDate?
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
            report = try ProgressReport.build(plan: plan, entries: entries, workspace: tracking.open.workspace,
                                              engine: tracking.engine, asOf: asOf ?? Today.date, reports: reports)
        } catch {
            Output.err("error: \(error.description)")
            throw ExitStatus.invalidInput
        }
        let text: String
        switch format {
        case .text: text = ProgressFormat.text(report)
        case .md: text = ProgressFormat.markdown(report)
        case .html: text = ProgressFormat.html(report)
        case .json: text = ProgressFormat.json(report)
        }
        if let output { try Data(text.utf8).write(to: URL(fileURLWithPath: output)) } else { Output.out(text, terminator: "") }
    }
}
