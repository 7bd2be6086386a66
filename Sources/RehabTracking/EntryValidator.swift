import Foundation
import RehabKit

/// Checks a log entry against its plan and the plan's schedule before anything is stored.
public struct EntryValidator: Sendable {
    public let workspace: Workspace
    public let engine: SafetyEngine
    /// The outcome tests a measure may name.
    public let tests: OutcomeTests

    public init(workspace: Workspace, engine: SafetyEngine, tests: OutcomeTests = .bundled) {
        self.workspace = workspace
        self.engine = engine
        self.tests = tests
    }

    /// What is wrong with `e` (empty when it may be stored); `field` names the offending value
    /// ("item", "date", …) so CSV import can point at its column. `scheduler` is the one that prints
    /// the plan (with the steps the log earned); `plan` carries the red flags reported up to that day;
    /// an entry dated after `today` is refused.
    public func problems(
        _ e: LogEntry, plan: Plan, scheduler: WeekScheduler? = nil,
        today: LocalDate? = nil
    ) -> [(field: String, message: String)] {
        let scheduler = scheduler ?? WeekScheduler(workspace: workspace, engine: engine)
        return problems(e, plan: plan, today: today) { week in try? scheduler.schedule(plan, week: week) }
    }

    /// The same, with the week's schedule given by `schedule` (import keeps one per plan and week
    /// instead of scheduling the week again for every row).
    public func problems(
        _ e: LogEntry, plan: Plan, today: LocalDate?,
        schedule: (Int) -> WeekSchedule?
    ) -> [(field: String, message: String)] {
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
        case .measure:
            out += measureProblems(e)
        case .session:
            guard let item = e.item else {
                out.append(("item", "a session entry needs the exercise"))
                break
            }
            if e.outcome == nil { out.append(("outcome", "a session entry needs done, partial or skipped")) }
            if let session = e.session, session < 1 {
                out.append(("session", "session \(session): the sessions of a day are numbered from 1"))
                break
            }
            if let problem = sessionProblem(
                item, session: e.session ?? 1, date: e.date, plan: plan, start: start,
                schedule: schedule)
            {
                out.append(("item", problem))
            }
        }
        return out
    }

    /// A measure names a known test, a value within its plausible range, and a side exactly when the
    /// test is measured on each side.
    func measureProblems(_ e: LogEntry) -> [(String, String)] {
        guard let id = e.test else {
            return [("test", "a measure entry needs the test (\(tests.ids.joined(separator: ", ")))")]
        }
        guard let test = tests.test(id) else { return [("test", tests.unknown(id))] }
        var out: [(String, String)] = []
        if let value = e.value {
            if let problem = OutcomeTests.valueProblem(value, for: test) { out.append(("value", problem)) }
        } else {
            out.append(("value", "a measure entry needs the value (\(test.unit))"))
        }
        if test.sides, e.side == nil {
            out.append(("side", "\(test.id) is measured on each side: give the side (left or right)"))
        } else if !test.sides, let side = e.side {
            out.append(("side", "\(test.id) has no sides: leave out the side (\(side.rawValue))"))
        }
        return out
    }

    private func sessionProblem(
        _ item: String, session: Int, date: LocalDate, plan: Plan, start: LocalDate,
        schedule: (Int) -> WeekSchedule?
    ) -> String? {
        guard let week = plan.week(of: date), let schedule = schedule(week) else {
            return "the plan cannot be scheduled for that week"
        }
        if schedule.safety.status == .blocked {
            return
                "the plan is stopped by the safety check on \(date) (\(schedule.safety.alerts.first { $0.level == .urgent }?.rule ?? "every item is blocked")): no session is on the home routine"
        }
        // The items the exercise is logged for: those that plan it (a plan may hold one exercise in two
        // items, say short walks on weekdays and a longer one at the weekend: a tick counts on a day
        // any of them is on), else the item it stands in for as the easier variant. A variant that is
        // also an item of its own is that item (the sessions it stands in for are logged by the
        // replaced item's id): matching the first item either way checked the item's own ticks
        // against the days of the one it replaces.
        let own = schedule.safety.items.filter { $0.exercise.rawValue == item }
        let decisions = own.isEmpty ? schedule.safety.items.filter { $0.replacement?.rawValue == item } : own
        guard let first = decisions.first else {
            let ids = plan.items.map(\.exercise.value)
            return "'\(item)' is not in plan '\(plan.id)'"
                + (DidYouMean.note(for: item, in: ids).map { "; \($0)" } ?? "")
        }
        let home = decisions.filter { $0.decision != .blocked && $0.decision != .supervised }
        guard !home.isEmpty else {
            return first.decision == .blocked
                ? "'\(item)' is blocked by the safety check: it is not on the home routine"
                : "'\(item)' is done only with the physiotherapist: it is not on the home routine"
        }
        let frequencies = home.map { plan.items[$0.index].frequency }
        if frequencies.contains(.asNeeded) { return nil }
        if frequencies.allSatisfy({ $0 == .allDay }) {
            return session == 1 ? nil : "'\(item)' is a daily habit: one entry a day (session 1)"
        }
        let indices = Set(home.map(\.index))
        guard let day = schedule.days.first(where: { $0.date == date }) else {
            return "\(date) is not in week \(week) of the plan"
        }
        let count = day.sessions.filter { indices.contains($0.item) }.count
        if count == 0 {
            let on = schedule.days.filter { d in d.sessions.contains { indices.contains($0.item) } }
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
