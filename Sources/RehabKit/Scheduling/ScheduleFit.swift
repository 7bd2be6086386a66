/// What a plan's weeks leave out for want of room (the daily limit, rest days, days apart), as
/// warnings at the items: `rehab validate` and `rehab check` say what the scheduler would drop, so that
/// the physiotherapist hears of it before the patient reads "Not this week" on her sheet.
public enum ScheduleFit {
    /// Warnings for `plan` under `report` (nothing for a blocked plan: its stop page says why). Week 1 is
    /// scheduled, and every later week when an item progresses (the planned doses grow; without
    /// progression every week is laid out alike).
    public static func warnings(_ plan: Plan, report: SafetyReport, workspace: Workspace, engine: SafetyEngine)
        -> [Diagnostic]
    {
        guard !plan.isTemplate, report.status != .blocked else { return [] }
        let scheduler = WeekScheduler(workspace: workspace, engine: engine)
        // One pass over the weeks: what does not change from week to week is decided once
        // (`WeekScheduler.schedule(_:weeks:report:)`).
        return warnings(plan, weeks: (try? scheduler.schedule(plan, weeks: weeksLaidOut(plan), report: report)) ?? [])
    }

    /// The weeks whose layout is judged: week 1, and every week when an item progresses.
    static func weeksLaidOut(_ plan: Plan) -> [Int] {
        plan.items.contains(where: { $0.progression != nil }) ? Array(1...plan.weeks) : [1]
    }

    /// The warnings for the weeks of `plan` laid out (`weeksLaidOut`, in order).
    static func warnings(_ plan: Plan, weeks: [WeekSchedule]) -> [Diagnostic] {
        var byItem: [Int: [(week: Int, left: Unscheduled)]] = [:]
        for s in weeks {
            for u in s.unscheduled { byItem[u.item, default: []].append((s.week, u)) }
        }
        return byItem.keys.sorted().compactMap { index -> Diagnostic? in
            guard let found = byItem[index], let first = found.first, plan.items.indices.contains(index) else {
                return nil
            }
            let item = plan.items[index]
            let span =
                found.count == 1
                ? "week \(first.week)" : "weeks " + found.map { String($0.week) }.joined(separator: ", ")
            var message =
                "'\(first.left.exercise)' does not fit: \(sessions(first.left.sessions)) left out in \(span.count > 40 ? "weeks \(first.week)–\(found.last!.week)" : span) "
                + "(\(first.left.reason))"
            if let most = found.max(by: { $0.left.sessions < $1.left.sessions }),
                most.left.sessions != first.left.sessions
            {
                message += "; \(most.left.sessions) in week \(most.week), as the doses grow"
            }
            return .warning(
                message, at: item.location,
                notes: [advice(first.left.why), "the patient's sheet lists it under 'Not this week'"])
        }
    }

    static func sessions(_ n: Int) -> String { n == 1 ? "1 session" : "\(n) sessions" }

    static func advice(_ why: Unscheduled.Why) -> String {
        switch why {
        case .dailyLimit, .longerThanLimit, .noRoom:
            return
                "raise daily_minutes_limit, lower the dose or the frequency, or put the item earlier in the plan (earlier items keep their sessions)"
        case .notEnoughDays:
            return "lower the frequency, or take a day out of rest_days"
        case .notEnoughDaysApart:
            return "lower the frequency, or drop rest_day_between"
        case .planBlocked:
            return "run 'rehab check' on the plan"
        }
    }
}
