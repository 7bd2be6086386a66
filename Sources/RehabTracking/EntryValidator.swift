import Foundation
import RehabKit

/// Checks a log entry against its plan and the plan's schedule before anything is stored.
public struct EntryValidator: Sendable {
    public let workspace: Workspace
    public let engine: SafetyEngine

    public init(workspace: Workspace, engine: SafetyEngine) {
        self.workspace = workspace
        self.engine = engine
    }

    /// What is wrong with `e` (empty when it may be stored); `field` names the offending value
    /// ("item", "date", …) so CSV import can point at its column. `scheduler` is the one that prints
    /// the plan (with the steps the log earned); `plan` carries the red flags reported up to that day;
    /// an entry dated after `today` is refused.
    public func problems(_ e: LogEntry, plan: Plan, scheduler: WeekScheduler? = nil,
                         today: LocalDate? = nil) -> [(field: String, message: String)] {
        var out: [(String, String)] = []
        guard !plan.isTemplate, let start = plan.start else {
            return [("plan", "'\(plan.id)' is a template: log against a patient's plan")]
        }
        let end = start.adding(days: 7 * plan.weeks - 1)
        guard e.date >= start, e.date <= end else {
            return [("date", "\(e.date) is outside the plan, which runs from \(start) to \(end)")]
        }
        if let today, e.date > today {
            return [("date", "\(e.date) is in the future (today is \(today))")]
        }
        if let pain = e.pain, !(0...10).contains(pain) { out.append(("pain", "pain \(pain) is not on the 0–10 scale")) }
        if let rpe = e.rpe, !(6...20).contains(rpe) { out.append(("rpe", "RPE \(rpe) is not on the Borg 6–20 scale")) }
        switch e.kind {
        case .pain:
            if e.pain == nil { out.append(("pain", "a pain entry needs the pain (0–10)")) }
        case .symptom:
            if e.symptom == nil { out.append(("symptom", "a symptom entry needs the symptom")) }
        case .session:
            guard let item = e.item else {
                out.append(("item", "a session entry needs the exercise"))
                break
            }
            if e.outcome == nil { out.append(("outcome", "a session entry needs done, partial or skipped")) }
            if let problem = sessionProblem(item, session: e.session ?? 1, date: e.date, plan: plan, start: start,
                                            scheduler: scheduler ?? WeekScheduler(workspace: workspace, engine: engine)) {
                out.append(("item", problem))
            }
        }
        return out
    }

    private func sessionProblem(_ item: String, session: Int, date: LocalDate, plan: Plan, start: LocalDate,
                                scheduler: WeekScheduler) -> String? {
        let week = start.days(to: date) / 7 + 1
        guard let schedule = try? scheduler.schedule(plan, week: week) else {
            return "the plan cannot be scheduled for that week"
        }
        if schedule.safety.status == .blocked {
            return "the plan is stopped by the safety check on \(date) (\(schedule.safety.alerts.first { $0.level == .urgent }?.rule ?? "every item is blocked")): no session is on the home routine"
        }
        let decision = schedule.safety.items.first { $0.exercise == item || $0.replacement == item }
        guard let decision else {
            let ids = plan.items.map(\.exercise.value)
            return "'\(item)' is not in plan '\(plan.id)'" + (DidYouMean.note(for: item, in: ids).map { "; \($0)" } ?? "")
        }
        switch decision.decision {
        case .blocked: return "'\(item)' is blocked by the safety check: it is not on the home routine"
        case .supervised: return "'\(item)' is done only with the physiotherapist: it is not on the home routine"
        default: break
        }
        switch plan.items[decision.index].frequency {
        case .asNeeded: return nil
        case .allDay: return session == 1 ? nil : "'\(item)' is a daily habit: one entry a day (session 1)"
        default: break
        }
        let day = schedule.days.first { $0.date == date }!
        let count = day.sessions.filter { $0.item == decision.index }.count
        if count == 0 {
            let on = schedule.days.filter { d in d.sessions.contains { $0.item == decision.index } }
                .map { $0.weekday.rawValue.capitalized }
            return "'\(item)' is not on the schedule on \(date.weekday.rawValue.capitalized) \(date)"
                + (on.isEmpty ? "" : " (this week: \(on.joined(separator: ", ")))")
        }
        if session > count {
            return "'\(item)' has \(count) session\(count == 1 ? "" : "s") on \(date); there is no session \(session)"
        }
        return nil
    }
}

/// The CSV of the printed sheet: one row per tick, pain or symptom.
public enum LogCSV {
    public static let header = ["plan", "date", "entry", "item", "session", "outcome", "pain", "rpe", "symptom", "note", "reason"]

    public static func export(_ entries: [LogEntry]) -> String {
        var lines = [header.joined(separator: ",")]
        for e in entries {
            let fields: [String?] = [e.plan, e.date.description, e.kind.rawValue, e.item, e.session.map(String.init),
                                     e.outcome?.rawValue, e.pain.map(String.init), e.rpe.map(String.init), e.symptom?.rawValue,
                                     e.note, e.reason]
            lines.append(fields.map { quote($0 ?? "") }.joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func quote(_ s: String) -> String {
        guard s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return s }
        return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// A parse problem at a row (1-based, the header is row 1) and column (1-based field).
    public struct Problem: Error, Sendable, Equatable {
        public var row: Int
        public var column: Int
        public var message: String

        public init(row: Int, column: Int, message: String) {
            self.row = row
            self.column = column
            self.message = message
        }
    }

    /// Every problem of a file.
    public struct Problems: Error, Sendable {
        public var all: [Problem]
    }

    /// Rows of fields (RFC 4180: quoted fields may hold commas, quotes and newlines), with the
    /// line each row starts on.
    static func rows(_ text: String) -> Result<[(line: Int, fields: [String])], Problem> {
        var rows: [(Int, [String])] = []
        var field = "", fields: [String] = []
        var line = 1, rowLine = 1
        var quoted = false, wasQuoted = false
        var chars = Array(text.replacingOccurrences(of: "\r\n", with: "\n"))
        if chars.last != "\n" { chars.append("\n") }
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if quoted {
                if c == "\"" {
                    if i + 1 < chars.count, chars[i + 1] == "\"" { field.append("\""); i += 1 } else { quoted = false }
                } else {
                    if c == "\n" { line += 1 }
                    field.append(c)
                }
            } else if c == "\"" {
                if !field.isEmpty || wasQuoted {
                    return .failure(Problem(row: rowLine, column: fields.count + 1, message: "a quote inside an unquoted field"))
                }
                quoted = true
                wasQuoted = true
            } else if c == "," {
                fields.append(field); field = ""; wasQuoted = false
            } else if c == "\n" {
                fields.append(field); field = ""; wasQuoted = false
                if !(fields.count == 1 && fields[0].isEmpty) { rows.append((rowLine, fields)) }
                fields = []
                line += 1
                rowLine = line
            } else {
                field.append(c)
            }
            i += 1
        }
        if quoted { return .failure(Problem(row: rowLine, column: fields.count + 1, message: "a quoted field is never closed")) }
        return .success(rows)
    }

    /// Parsed rows, with the (1-based) column of each header name.
    public struct Parsed: Sendable {
        public var rows: [(row: Int, entry: LogEntry)]
        public var columns: [String: Int]
    }

    /// Parses the CSV into entries, or every problem found (each with its row and column).
    public static func parse(_ text: String) -> Result<Parsed, Problems> {
        let parsed: [(line: Int, fields: [String])]
        switch rows(text) {
        case .failure(let p): return .failure(Problems(all: [p]))
        case .success(let r): parsed = r
        }
        guard let head = parsed.first else { return .failure(Problems(all: [Problem(row: 1, column: 1, message: "the file is empty")])) }
        var columns: [String: Int] = [:]
        var problems: [Problem] = []
        for (i, name) in head.fields.enumerated() {
            let n = name.trimmingCharacters(in: .whitespaces).lowercased()
            if columns[n] != nil {
                problems.append(Problem(row: head.line, column: i + 1, message: "column '\(name)' is given twice"))
            } else if header.contains(n) { columns[n] = i } else {
                problems.append(Problem(row: head.line, column: i + 1, message: "unknown column '\(name)'"
                    + (DidYouMean.note(for: n, in: header).map { "; \($0)" } ?? "")))
            }
        }
        for required in ["plan", "date", "entry"] where columns[required] == nil {
            problems.append(Problem(row: head.line, column: 1, message: "the header has no '\(required)' column"))
        }
        if !problems.isEmpty { return .failure(Problems(all: problems)) }
        var out: [(Int, LogEntry)] = []
        for row in parsed.dropFirst() {
            func value(_ name: String) -> String? {
                guard let i = columns[name], i < row.fields.count else { return nil }
                let v = row.fields[i].trimmingCharacters(in: .whitespaces)
                return v.isEmpty ? nil : v
            }
            func col(_ name: String) -> Int { (columns[name] ?? 0) + 1 }
            func bad(_ name: String, _ message: String) { problems.append(Problem(row: row.line, column: col(name), message: message)) }
            if row.fields.count != head.fields.count {
                problems.append(Problem(row: row.line, column: min(row.fields.count, head.fields.count) + 1,
                                        message: "\(row.fields.count) fields where the header has \(head.fields.count)"))
                continue
            }
            guard let plan = value("plan") else { bad("plan", "no plan"); continue }
            guard let dateText = value("date"), let date = LocalDate(dateText) else {
                bad("date", "date '\(value("date") ?? "")' is not YYYY-MM-DD"); continue
            }
            guard let kindText = value("entry"), let kind = EntryKind(rawValue: kindText) else {
                bad("entry", "entry '\(value("entry") ?? "")' is not session, pain or symptom"); continue
            }
            var e = LogEntry(plan: plan, date: date, kind: kind, note: value("note"), reason: value("reason"))
            var ok = true
            func int(_ name: String) -> Int? {
                guard let v = value(name) else { return nil }
                guard let n = Int(v) else { bad(name, "\(name) '\(v)' is not a whole number"); ok = false; return nil }
                return n
            }
            e.item = value("item")
            e.session = int("session")
            e.pain = int("pain")
            e.rpe = int("rpe")
            if let o = value("outcome") {
                if let outcome = Outcome(rawValue: o) { e.outcome = outcome } else {
                    bad("outcome", "outcome '\(o)' is not done, partial or skipped"); ok = false
                }
            }
            if let s = value("symptom") {
                if let flag = RedFlag(rawValue: s) { e.symptom = flag } else {
                    bad("symptom", "unknown symptom '\(s)'" + (DidYouMean.note(for: s, in: RedFlag.allCases.map(\.rawValue)).map { "; \($0)" } ?? ""))
                    ok = false
                }
            }
            if kind == .session, e.session == nil { e.session = 1 }
            if ok { out.append((row.line, e)) }
        }
        return problems.isEmpty ? .success(Parsed(rows: out, columns: columns.mapValues { $0 + 1 })) : .failure(Problems(all: problems))
    }
}

extension Tracking {
    /// Reads a CSV of ticks and checks every row against its plan and schedule. Nothing is stored
    /// here: the caller stores all the entries in one transaction, or none when there are problems.
    public func entries(fromCSV text: String, today: LocalDate? = nil) -> Result<[LogEntry], LogCSV.Problems> {
        let parsed: LogCSV.Parsed
        switch LogCSV.parse(text) {
        case .failure(let p): return .failure(p)
        case .success(let r): parsed = r
        }
        var problems: [LogCSV.Problem] = []
        let validator = EntryValidator(workspace: open.workspace, engine: engine)
        let column = parsed.columns
        for (row, entry) in parsed.rows {
            guard case .success(let plan) = open.plan(entry.plan) else {
                problems.append(LogCSV.Problem(row: row, column: column["plan"] ?? 1, message: "no plan '\(entry.plan)' in the workspace"))
                continue
            }
            let checked = (try? tracked(plan, upTo: entry.date, today: today)) ?? plan
            let scheduler = (try? self.scheduler(for: checked)) ?? WeekScheduler(workspace: open.workspace, engine: engine)
            for p in validator.problems(entry, plan: checked, scheduler: scheduler, today: today) {
                problems.append(LogCSV.Problem(row: row, column: column[p.field] ?? 1, message: p.message))
            }
        }
        return problems.isEmpty ? .success(parsed.rows.map(\.entry)) : .failure(LogCSV.Problems(all: problems))
    }
}
