import Testing

@testable import RehabKit

/// Issue 25: `validate` and `check` lay out a plan's weeks for `ScheduleFit` in one pass that decides
/// once what the weeks share (`WeekScheduler.schedule(_:weeks:report:)`: the items on the routine, the
/// exercises done, their base doses). Every week of that pass must be the week a fresh schedule gives,
/// and the warnings those of fresh schedules.
struct ScheduleFitTests {
    let scheduler = WeekScheduler(workspace: Library.workspace, engine: SafetyEngine(rules: RuleSet.defaults.rules))

    /// A random plan of `WeekSchedulerTests`, now and then with a pause (a week partly or wholly
    /// paused changes the free days and holds the progression).
    static func randomPlan(_ seed: Int) -> Plan {
        var plan = WeekSchedulerTests.randomPlan(seed)
        var rng = SplitMix64(seed: UInt64(bitPattern: Int64(seed)) ^ 0x25)
        if rng.chance(0.3), let start = plan.start {
            let from = start.adding(days: rng.int(0...20))
            plan.pauses = [Pause(from: from, to: from.adding(days: rng.int(0...10)), reason: "admitted")]
        }
        return plan
    }

    /// `chooseDays` compares candidate masks by tables and bits, not by lists of days: the same
    /// answers for every pair of week masks of as many days.
    @Test func chooseDaysComparesMasksAsTheirListsOfDays() {
        var ties = 0
        for a in 1..<128 {
            #expect(WeekScheduler.unevennessOfMask[a] == WeekScheduler.unevenness(mask: a))
            for b in 1..<128 where a.nonzeroBitCount == b.nonzeroBitCount {
                let lists = WeekScheduler.days(a).lexicographicallyPrecedes(WeekScheduler.days(b))
                #expect(WeekScheduler.daysPrecede(a, b) == lists, "\(a) \(b)")
                if lists { ties += 1 }
            }
        }
        #expect(ties > 1000)
    }

    @Test func theSharedPassLaysOutEachWeekAsAFreshScheduleDoes() {
        var leftOut = 0
        var progressing = 0
        var paused = 0
        var blocked = 0
        for seed in 0..<400 {
            let plan = Self.randomPlan(seed)
            guard let report = scheduler.engine.check(plan, in: scheduler.workspace, asOf: plan.start) else {
                Issue.record("seed \(seed): no report")
                continue
            }
            let weeks = Array(1...plan.weeks)
            guard let shared = try? scheduler.schedule(plan, weeks: weeks, report: report),
                case let fresh = weeks.compactMap({ try? scheduler.schedule(plan, week: $0, report: report) }),
                fresh.count == weeks.count, shared.count == weeks.count
            else {
                Issue.record("seed \(seed): a week could not be scheduled")
                continue
            }
            for (a, b) in zip(shared, fresh) {
                #expect(a.week == b.week && a.start == b.start && a.end == b.end, "seed \(seed)")
                #expect(a.days == b.days, "seed \(seed) week \(a.week): days")
                #expect(a.unscheduled == b.unscheduled, "seed \(seed) week \(a.week): unscheduled")
                #expect(a.progress == b.progress, "seed \(seed) week \(a.week): progress")
                #expect(a.keptWhileStopped == b.keptWhileStopped, "seed \(seed) week \(a.week): kept")
                #expect(
                    a.blocked == b.blocked && a.supervised == b.supervised && a.asNeeded == b.asNeeded
                        && a.dailyMinutesLimit == b.dailyMinutesLimit, "seed \(seed) week \(a.week): lists")
            }
            let fit = ScheduleFit.warnings(
                plan, report: report, workspace: scheduler.workspace, engine: scheduler.engine)
            let reference =
                report.status == .blocked
                ? [] : ScheduleFit.warnings(plan, weeks: ScheduleFit.weeksLaidOut(plan).map { fresh[$0 - 1] })
            #expect(fit == reference, "seed \(seed): warnings")
            // The cases that matter: sessions left out in a plan that progresses over several weeks.
            if !fit.isEmpty, plan.weeks > 1, plan.items.contains(where: { $0.progression != nil }) { progressing += 1 }
            if fresh.contains(where: { !$0.unscheduled.isEmpty }) { leftOut += 1 }
            if !plan.pauses.isEmpty, fresh.contains(where: { $0.days.contains(where: \.isPaused) }) { paused += 1 }
            if report.status == .blocked { blocked += 1 }
        }
        #expect(progressing >= 20, "plans that progress and leave sessions out: \(progressing)")
        #expect(leftOut >= 50, "plans with sessions left out: \(leftOut)")
        #expect(paused >= 20, "plans with paused days: \(paused)")
        #expect(blocked >= 10, "blocked plans: \(blocked)")
    }
}
