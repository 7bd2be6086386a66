import Foundation
import RehabKit
import RehabTracking

/// Valid ticks of a workspace's plans, for measuring import: every session each plan's schedule
/// asks for, marked done, week by week as the log then judges them (so each one imports).
public struct TickGenerator: Sendable {
    public let open: OpenWorkspace
    public let engine: SafetyEngine

    public init(open: OpenWorkspace, engine: SafetyEngine) {
        self.open = open
        self.engine = engine
    }

    /// Calls `body` with each tick, plan by plan (by id), until it returns false.
    public func generate(while body: (LogEntry) -> Bool) {
        for plan in open.workspace.plans.sorted(by: { $0.id < $1.id }) where !plan.isTemplate {
            guard case .success = open.plan(plan.id),
                engine.check(plan, in: open.workspace, asOf: plan.start)?.status != .blocked
            else { continue }
            var entries: [LogEntry] = []
            for week in 1...max(1, plan.weeks) {
                let judge =
                    entries.isEmpty
                    ? nil
                    : LogJudge(
                        log: ProgressLog(plan: plan, entries: entries, workspace: open.workspace, engine: engine))
                guard
                    let schedule = try? WeekScheduler(workspace: open.workspace, engine: engine, judge: judge).schedule(
                        plan, week: week),
                    schedule.safety.status != .blocked
                else { break }
                for day in schedule.days {
                    // Sessions are numbered per exercise and day, as they are logged (one exercise in
                    // two items of a plan numbers on from the first item's sessions).
                    var seen: [String: Int] = [:]
                    for session in day.sessions {
                        let item = plan.items[session.item]
                        switch item.frequency {
                        case .asNeeded: continue
                        default: break
                        }
                        seen[item.exercise.value, default: 0] += 1
                        let n = seen[item.exercise.value]!
                        if case .allDay = item.frequency, n > 1 { continue }
                        let e = LogEntry(
                            plan: plan.id, date: day.date, kind: .session, item: item.exercise.value, session: n,
                            outcome: .done)
                        entries.append(e)
                        if !body(e) { return }
                    }
                }
            }
        }
    }
}
