import Foundation
import RehabKit

/// The log of one plan, read once, with what the schedule asked for: adherence, pain, judgements.
public struct ProgressLog: Sendable {
    public let plan: Plan
    public let entries: [LogEntry]
    /// The entries of each week (1-based), grouped once: judging a step asks for a week many times.
    let byWeek: [Int: [LogEntry]]
    /// The entries of each day.
    let byDay: [LocalDate: [LogEntry]]
    /// The planned schedule (no judge), to count the sessions asked for.
    let planned: WeekScheduler

    public init(plan: Plan, entries: [LogEntry], workspace: Workspace, engine: SafetyEngine) {
        self.plan = plan
        self.entries = entries
        var byWeek: [Int: [LogEntry]] = [:]
        for e in entries {
            if let w = plan.week(of: e.date) { byWeek[w, default: []].append(e) }
        }
        self.byWeek = byWeek
        self.byDay = Dictionary(grouping: entries, by: \.date)
        self.planned = WeekScheduler(workspace: workspace, engine: engine)
    }

    /// The week (1-based) a date falls in, or nil outside the plan.
    public func week(of date: LocalDate) -> Int? { plan.week(of: date) }

    func entries(week: Int) -> [LogEntry] {
        byWeek[week] ?? []
    }

    /// The plan item an entry's exercise belongs to: the planned exercise, or the easier variant
    /// the check put in its place.
    func itemIndex(_ exercise: String, in schedule: WeekSchedule) -> Int? {
        if let i = plan.items.firstIndex(where: { $0.exercise.value == exercise }) { return i }
        return schedule.safety.items.first { $0.replacement?.rawValue == exercise }?.index
    }

    /// Sessions of each item the schedule of `week` asked for (planned doses), on the days `counted`
    /// (default: all; paused days ask for none); an all-day habit counts one a day.
    func scheduledCounts(_ s: WeekSchedule, counted: (LocalDate) -> Bool = { _ in true }) -> [Int: Int] {
        var counts: [Int: Int] = [:]
        for day in s.days where counted(day.date) {
            for session in day.sessions { counts[session.item, default: 0] += 1 }
            // An all-day habit (brace wear) asks for one tick a day.
            for habit in day.habits {
                if let i = itemIndex(habit, in: s) { counts[i, default: 0] += 1 }
            }
        }
        return counts
    }

    /// Adherence of an item in a week: done 1, partial ½, skipped 0, over the sessions scheduled
    /// (on the days `counted`: the days so far of a week still under way, not those a red flag
    /// stopped). Nil when nothing was scheduled.
    public func adherence(item: Int, week: Int, schedule: WeekSchedule, counted: (LocalDate) -> Bool = { _ in true })
        -> Double?
    {
        guard let scheduled = scheduledCounts(schedule, counted: counted)[item], scheduled > 0 else { return nil }
        let credit = entries(week: week).filter {
            $0.kind == .session && $0.item.flatMap { itemIndex($0, in: schedule) } == item
        }
        .reduce(0.0) { $0 + ($1.outcome?.credit ?? 0) }
        return min(1, credit / Double(scheduled))
    }

    /// Pain of each day of a week (the day's pain entry, else the highest pain logged with a session).
    public func painByDay(week: Int) -> [Int?] {
        guard let first = plan.firstDay(ofWeek: week) else { return [] }
        return (0..<7).map { i in
            let date = first.adding(days: i)
            let day = byDay[date] ?? []
            if let pain = day.first(where: { $0.kind == .pain })?.pain { return pain }
            return day.compactMap(\.pain).max()
        }
    }
}

/// Judges progression steps from the log (the scheduler's earned progression).
public struct LogJudge: ProgressionJudge {
    public let log: ProgressLog

    public init(log: ProgressLog) {
        self.log = log
    }

    /// The step at the start of `week`, judged on week − 1: nil when that week has no entries at all.
    public func judge(item: PlanItem, index: Int, plan: Plan, week: Int) -> StepJudgement? {
        let previous = week - 1
        guard previous >= 1, !log.entries(week: previous).isEmpty,
            let schedule = try? log.planned.schedule(plan, week: previous)
        else { return nil }
        guard let condition = item.progression?.when else { return .earned }
        var reasons: [String] = []
        if let most = condition.painAtMost {
            let pains = log.painByDay(week: previous).compactMap { $0 }
            if let worst = pains.max() {
                if worst > most { reasons.append("pain reached \(worst), above \(most)") }
            } else {
                reasons.append("no pain was recorded in week \(previous)")
            }
        }
        if let least = condition.adherenceAtLeast {
            let a = log.adherence(item: index, week: previous, schedule: schedule) ?? 0
            if a < least { reasons.append("done \(Self.percent(a)) of sessions, below \(Self.percent(least))") }
        }
        return reasons.isEmpty ? .earned : .notEarned(reasons.joined(separator: "; "))
    }

    static func percent(_ x: Double) -> String { "\(Int((x * 100).rounded()))%" }
}
