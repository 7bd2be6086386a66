import Foundation

/// Month names and short weekday names for the sheets (English; templates may translate).
public enum CalendarWords {
    public static let months = [
        "January", "February", "March", "April", "May", "June", "July", "August", "September",
        "October", "November", "December",
    ]

    /// "Mon".
    public static func short(_ w: Weekday) -> String { String(w.rawValue.prefix(3)).capitalized }

    /// "Nov".
    public static func shortMonth(_ d: LocalDate) -> String { String(months[d.month - 1].prefix(3)) }

    /// "Monday 30 November 2026".
    public static func long(_ d: LocalDate) -> String {
        "\(d.weekday.rawValue.capitalized) \(d.day) \(months[d.month - 1]) \(d.year)"
    }

    /// "30 Nov – 6 Dec 2026".
    public static func range(_ a: LocalDate, _ b: LocalDate) -> String {
        let left = a.year == b.year ? "\(a.day) \(shortMonth(a))" : "\(a.day) \(shortMonth(a)) \(a.year)"
        return "\(left) – \(b.day) \(shortMonth(b)) \(b.year)"
    }
}

/// A row of the week grid: one exercise at one time of day, with its sessions per day.
public struct WeekRow: Sendable, Equatable {
    public var item: Int
    public var exercise: String
    public var replaces: String?
    public var time: TimeOfDay
    public var dose: Dose
    public var minutes: Int
    public var inBrace: Bool
    /// Sessions on each of the 7 days.
    public var counts: [Int]

    /// The rows of a week: sessions grouped by item, exercise and time, in time-of-day then plan order.
    public static func rows(_ s: WeekSchedule) -> [WeekRow] {
        var rows: [WeekRow] = []
        for (i, day) in s.days.enumerated() {
            for session in day.sessions {
                if let r = rows.firstIndex(where: {
                    $0.item == session.item && $0.time == session.time && $0.exercise == session.exercise
                }) {
                    rows[r].counts[i] += 1
                } else {
                    var counts = Array(repeating: 0, count: 7)
                    counts[i] = 1
                    rows.append(
                        WeekRow(
                            item: session.item, exercise: session.exercise, replaces: session.replaces,
                            time: session.time, dose: session.dose, minutes: session.minutes,
                            inBrace: session.inBrace, counts: counts))
                }
            }
        }
        return rows.sorted { (WeekScheduler.order($0.time), $0.item) < (WeekScheduler.order($1.time), $1.item) }
    }
}

/// `rehab schedule` in a terminal: a calendar of the week, then what is not on it and why.
public enum ScheduleText {
    public static func render(_ s: WeekSchedule, plan: Plan) -> String {
        var out: [String] = []
        let who = plan.patient.map { " — \($0.name)" } ?? ""
        out.append("\(plan.title)\(who)")
        var line =
            "Week \(s.week) of \(s.weeks): \(CalendarWords.range(s.start, s.end))   safety: \(s.safety.status.rawValue)"
        if let limit = s.dailyMinutesLimit { line += "   daily limit: \(limit) min" }
        out.append(line)
        out.append("")

        let rows = WeekRow.rows(s)
        let labels = rows.map { r -> String in
            let brace = r.inBrace ? ", in brace" : ""
            return "\(r.exercise) (\(DoseWords.text(r.dose))\(brace))"
        }
        let width = max(24, (labels.map(\.count).max() ?? 0) + 11)
        func pad(_ s: String, _ n: Int) -> String { s.count >= n ? s : s + String(repeating: " ", count: n - s.count) }
        func cell(_ s: String) -> String { String(repeating: " ", count: max(0, 5 - s.count)) + s }
        out.append(pad("", width) + s.days.map { cell(CalendarWords.short($0.weekday)) }.joined())
        out.append(pad("", width) + s.days.map { cell(String($0.date.day)) }.joined())
        var lastTime: TimeOfDay?
        for (r, label) in zip(rows, labels) {
            let time = r.time == lastTime ? "" : r.time.rawValue
            lastTime = r.time
            let cells = s.days.enumerated().map { i, day -> String in
                // Brace care is done on rest days too: its boxes show there.
                if day.isRestDay, r.counts[i] == 0 { return cell("rest") }
                return cell(r.counts[i] == 0 ? "·" : String(repeating: "■", count: r.counts[i]))
            }
            out.append(pad(pad(time, 11) + label, width) + cells.joined())
        }
        if rows.isEmpty { out.append("  (nothing scheduled this week)") }
        // Exercise minutes, against the limit (brace care, education and precautions do not count).
        out.append(
            pad("minutes", width)
                + s.days.map { cell($0.isRestDay && $0.minutes == 0 ? "-" : String($0.minutes)) }.joined())

        let habits = s.days.first?.habits ?? []
        var notes: [String] = []
        if !habits.isEmpty { notes.append("Every day: " + habits.joined(separator: ", ")) }
        if !s.asNeeded.isEmpty { notes.append("When you need it: " + s.asNeeded.joined(separator: ", ")) }
        if !s.supervised.isEmpty {
            notes.append("With your physiotherapist only: " + s.supervised.joined(separator: ", "))
        }
        for p in s.progress where p.status != .none {
            notes.append("Progression: \(p.exercise) at \(DoseWords.text(p.dose)) — \(p.note)")
        }
        for u in s.unscheduled {
            notes.append(
                "Not scheduled: \(u.exercise), \(u.sessions) session\(u.sessions == 1 ? "" : "s") — \(u.reason)")
        }
        for id in s.blocked {
            let rules = s.safety.items.filter { $0.exercise.rawValue == id && $0.decision == .blocked }.flatMap(\.rules)
                .uniqued()
            notes.append(
                "Blocked by the safety check: \(id)\(rules.isEmpty ? "" : " (" + rules.map(\.rawValue).joined(separator: ", ") + ")")"
            )
        }
        for alert in s.safety.alerts where alert.level <= .within24h {
            notes.append("\(alert.level.heading): \(alert.message)")
        }
        if !notes.isEmpty {
            out.append("")
            out += notes
        }
        // The title and the patient's name come from YAML: no terminal escape, CR or bidi override
        // of theirs may hide or rewrite a line (such as "safety: blocked").
        return UserText.plain(out.joined(separator: "\n") + "\n")
    }
}

/// The JSON of `rehab schedule --format json` (FORMAT.md §6), with a few added keys.
public enum ScheduleJSON {
    struct Session: Encodable {
        var exercise: String
        var time: String
        var dose: Dose
        var minutes: Int
        var in_brace: Bool
        var replaces: String?
        /// Care, not exercise: not counted in the day's `minutes`.
        var care: Bool
    }

    struct Day: Encodable {
        var date: String
        var weekday: String
        var rest_day: Bool
        var minutes: Int
        var sessions: [Session]
        var habits: [String]
    }

    struct Missing: Encodable {
        var exercise: String
        var sessions: Int
        var reason: String
    }

    struct Step: Encodable {
        var exercise: String
        var dose: Dose
        var step: Int
        var status: String
        var note: String
    }

    struct Week: Encodable {
        var plan: String
        var week: Int
        var weeks: Int
        var start: String
        var end: String
        var status: String
        var daily_minutes_limit: Int?
        var days: [Day]
        var blocked: [String]
        var supervised: [String]
        var as_needed: [String]
        var unscheduled: [Missing]
        var progression: [Step]
    }

    static func week(_ s: WeekSchedule) -> Week {
        Week(
            plan: s.plan, week: s.week, weeks: s.weeks, start: s.start.description, end: s.end.description,
            status: s.safety.status.rawValue, daily_minutes_limit: s.dailyMinutesLimit,
            days: s.days.map { d in
                Day(
                    date: d.date.description, weekday: d.weekday.rawValue, rest_day: d.isRestDay, minutes: d.minutes,
                    sessions: d.sessions.map {
                        Session(
                            exercise: $0.exercise, time: $0.time.rawValue, dose: $0.dose, minutes: $0.minutes,
                            in_brace: $0.inBrace, replaces: $0.replaces, care: $0.care)
                    }, habits: d.habits)
            },
            blocked: s.blocked, supervised: s.supervised, as_needed: s.asNeeded,
            unscheduled: s.unscheduled.map { Missing(exercise: $0.exercise, sessions: $0.sessions, reason: $0.reason) },
            progression: s.progress.map {
                Step(exercise: $0.exercise, dose: $0.dose, step: $0.step, status: $0.status.rawValue, note: $0.note)
            })
    }

    /// One week as an object; several as an array.
    /// One week as an object; several weeks (or `array`) as an array of week objects, each naming its plan.
    public static func render(_ weeks: [WeekSchedule], array: Bool = false) -> String {
        weeks.count == 1 && !array ? JSONText.encode(week(weeks[0])) : JSONText.encode(weeks.map(week))
    }
}
