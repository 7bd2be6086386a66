import Foundation
import RehabKit

/// What the log makes of a batch of entries (a CSV file, or the ticks of one `rehab log` call)
/// before anything is stored: the rows it accepts, every problem with its row and column, and the
/// red-flag symptoms the batch reports.
///
/// Rows are judged in date order against the plan as it stands after every earlier row — the
/// log's entries plus the batch's accepted rows, with the red flags reported up to that day — so a
/// session dated after a symptom in the same file is refused, as `rehab log` would refuse it. The
/// log is read once and each plan's week is scheduled once per state of its red flags, so the cost
/// grows with the rows, not with rows × log.
public struct LogJudgement: Sendable {
    /// The rows to store, in batch order, with the plan column resolved to the plan's id.
    public var accepted: [LogCSV.Row]
    /// Every problem, by row then column.
    public var problems: [LogCSV.Problem]
    /// The red-flag symptoms of the batch (accepted or not).
    public var symptoms: [LogCSV.ReportedSymptom]

    /// Nothing wrong: the batch may be stored.
    public var isAccepted: Bool { problems.isEmpty }

    /// The problems as diagnostics of `file` (line = row, column = field), for the diagnostic printer.
    public func diagnostics(file: String) -> [Diagnostic] {
        problems.map { .error($0.message, at: SourceLocation(file: file, line: $0.row, column: $0.column)) }
    }
}

extension Tracking {
    /// Reads and judges a CSV text (see `judge(_:today:replace:)`).
    public func entries(fromCSV text: String, today: LocalDate? = nil, replace: Bool = false) -> Result<
        [LogEntry], LogCSV.Problems
    > {
        do {
            let j = try judge(LogCSV.parse(text), today: today, replace: replace)
            return j.isAccepted ? .success(j.accepted.map(\.entry)) : .failure(LogCSV.Problems(all: j.problems))
        } catch {
            return .failure(LogCSV.Problems(all: [LogCSV.Problem(row: 1, column: 1, message: error.description)]))
        }
    }

    /// Judges a file read by `LogCSV`: its reading problems and those of its rows, in one pass.
    public func judge(_ parsed: LogCSV.Parsed, today: LocalDate?, replace: Bool) throws(StoreError) -> LogJudgement {
        var j = try judge(parsed.rows, columns: parsed.columns, today: today, replace: replace)
        j.problems = (parsed.problems + j.problems).sorted { ($0.row, $0.column) < ($1.row, $1.column) }
        j.symptoms = parsed.symptoms
        return j
    }

    /// Judges rows: the plan column may name a plan file or a plan id (the id is stored); no
    /// duplicates within the rows; none already in the log unless `replace`; each entry checked
    /// against its plan and schedule as they stand after the earlier rows. `columns` places the
    /// problems (1-based columns by header name; row numbers are the rows' own).
    public func judge(_ rows: [LogCSV.Row], columns: [String: Int], today: LocalDate?, replace: Bool) throws(StoreError)
        -> LogJudgement
    {
        var problems: [LogCSV.Problem] = []
        func problem(_ row: Int, _ field: String, _ message: String) {
            problems.append(LogCSV.Problem(row: row, column: columns[field] ?? 1, message: message))
        }

        // The plan of each row, by file or id, looked up once per name.
        var plans: [String: Plan] = [:]
        var planOfName: [String: Result<Plan, PlanErrors>] = [:]
        var rows = rows
        var resolved: [Bool] = Array(repeating: false, count: rows.count)
        for i in rows.indices {
            let name = rows[i].entry.plan
            let result = planOfName[name] ?? open.plan(name)
            planOfName[name] = result
            switch result {
            case .success(let plan):
                rows[i].entry.plan = plan.id
                plans[plan.id] = plan
                resolved[i] = true
            case .failure(let errors):
                let exists = !errors.diagnostics.allSatisfy { $0.message.hasPrefix("no plan '") }
                problem(
                    rows[i].row, "plan",
                    exists
                        ? "plan '\(name)' has errors ('rehab validate' shows them): no entry can be checked against it"
                        : "no plan '\(name)' in the workspace (give a plan id or a plan file)")
            }
        }

        // The log, read once: the entries of the plans named, and the red flags of their patients.
        let stored = try store?.entries(plans: Array(plans.keys)) ?? [:]
        var reportsOfPatient: [String: [ReportedRedFlag]] = [:]
        for plan in plans.values {
            let key = Self.patientKey(plan, displayBase: open.displayBase)
            if reportsOfPatient[key] == nil {
                reportsOfPatient[key] = try store?.reportedRedFlags(plans: plansOfPatient(plan)) ?? []
            }
        }
        var inLog = Set<EntryKey>()
        if !replace {
            for entries in stored.values { for e in entries { inLog.insert(EntryKey(e)) } }
        }

        // Duplicates within the batch: the first row of each key.
        var firstRow: [EntryKey: Int] = [:]
        let validator = EntryValidator(workspace: open.workspace, engine: engine, tests: tests)
        var added: [String: [LogEntry]] = [:]
        // Each plan's week, scheduled once per state of its red flags; dropped once the rows (in date
        // order) have passed the week, so memory follows the weeks under way, not the whole file.
        var schedules: [String: (end: LocalDate, schedule: WeekSchedule?)] = [:]
        var evictedBefore: LocalDate?
        var acceptedIndex: [Int] = []
        let order = rows.indices.filter { resolved[$0] }.sorted {
            (rows[$0].entry.date, rows[$0].row) < (rows[$1].entry.date, rows[$1].row)
        }
        for i in order {
            let r = rows[i]
            let e = r.entry
            guard let plan = plans[e.plan] else { continue }
            if r.voided != nil {
                // Exported history: kept as voided, it counts for nothing, so it is not judged.
                acceptedIndex.append(i)
                continue
            }
            let key = EntryKey(e)
            let field = e.kind == .session ? "item" : e.kind == .pain ? "pain" : e.kind == .measure ? "test" : "symptom"
            if let first = firstRow[key] {
                problem(r.row, field, "\(e.summary) is also in row \(first): one entry each")
                continue
            }
            firstRow[key] = r.row
            if inLog.contains(key) {
                problem(r.row, field, "\(e.summary) is already in the log; use --replace to change it")
                continue
            }
            if evictedBefore.map({ $0 < e.date }) ?? true {
                schedules = schedules.filter { $0.value.end >= e.date }
                evictedBefore = e.date
            }
            let patient = Self.patientKey(plan, displayBase: open.displayBase)
            let reports = ReportedRedFlag.known(reportsOfPatient[patient] ?? [], on: e.date)
            let asThen = plan.withReported(reports, upTo: e.date, today: today)
            let found = validator.problems(e, plan: asThen, today: today) { week in
                let cacheKey = "\(plan.id)\u{1}\(week)\u{1}\(reports.count)"
                if let s = schedules[cacheKey] { return s.schedule }
                let entries = (stored[plan.id] ?? []) + (added[plan.id] ?? [])
                let judge =
                    entries.isEmpty
                    ? nil
                    : LogJudge(
                        log: ProgressLog(plan: asThen, entries: entries, workspace: open.workspace, engine: engine))
                let s = try? WeekScheduler(workspace: open.workspace, engine: engine, judge: judge).schedule(
                    asThen, week: week)
                let end = plan.firstDay(ofWeek: week + 1)?.adding(days: -1) ?? e.date
                schedules[cacheKey] = (end, s)
                return s
            }
            if !found.isEmpty {
                for p in found { problem(r.row, p.field, p.message) }
                continue
            }
            acceptedIndex.append(i)
            added[plan.id, default: []].append(e)
            if let s = e.symptom { reportsOfPatient[patient, default: []].append(ReportedRedFlag(s, on: e.date)) }
        }
        let accepted = acceptedIndex.sorted().map { rows[$0] }
        return LogJudgement(
            accepted: accepted, problems: problems.sorted { ($0.row, $0.column) < ($1.row, $1.column) },
            symptoms: [])
    }
}

/// What the log holds one of: a session (plan, date, exercise, session number), a day's pain, a
/// symptom on a day.
struct EntryKey: Hashable {
    var plan: String
    var date: LocalDate
    var kind: EntryKind
    var item: String?
    var session: Int?
    var symptom: RedFlag?
    var test: String?
    var side: MeasureSide?

    init(_ e: LogEntry) {
        plan = e.plan
        date = e.date
        kind = e.kind
        switch e.kind {
        case .session:
            item = e.item
            session = e.session
        case .pain: break
        case .symptom: symptom = e.symptom
        case .measure:
            test = e.test
            side = e.side
        }
    }
}
