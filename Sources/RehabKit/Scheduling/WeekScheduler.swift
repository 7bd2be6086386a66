/// Judges a progression step from a progress log (the tracking module provides one).
public protocol ProgressionJudge: Sendable {
    /// Whether the step at the start of `week` was earned, judged on the log of `week - 1`;
    /// nil when there is no log for that week.
    func judge(item: PlanItem, index: Int, plan: Plan, week: Int) -> StepJudgement?
}

public enum StepJudgement: Sendable, Equatable {
    case earned
    /// With the reason in words ("pain 5 was above 3").
    case notEarned(String)
}

public enum ScheduleError: Error, Sendable, Equatable, CustomStringConvertible {
    case template(String)
    case weekOutOfRange(week: Int, weeks: Int)
    case noProfile(String)

    public var description: String {
        switch self {
        case .template(let id):
            return "plan '\(id)' is a template: it has no start date or patient; apply it to a patient's plan first"
        case .weekOutOfRange(let week, let weeks):
            return "week \(week) is outside the plan, which runs for \(weeks) week\(weeks == 1 ? "" : "s") (1–\(weeks))"
        case .noProfile(let id):
            return "plan '\(id)' has no usable safety profile, so it cannot be scheduled"
        }
    }
}

/// Turns what the safety check allows into a concrete week. Deterministic: the same plan,
/// library, rules and log give the same week.
public struct WeekScheduler: Sendable {
    /// The daily habit of a prescribed brace when the plan has no bracing item of its own: an id no
    /// exercise has, which the printer knows by this function (never by a prefix) and prints as the
    /// brace regimen.
    public static func braceHabit(_ brace: Brace) -> String { "brace-\(Identifier.suggest(brace.type))" }

    public var workspace: Workspace
    public var engine: SafetyEngine
    public var judge: (any ProgressionJudge)?

    public init(workspace: Workspace, engine: SafetyEngine, judge: (any ProgressionJudge)? = nil) {
        self.workspace = workspace
        self.engine = engine
        self.judge = judge
    }

    /// Week `week` of `plan`. The safety check runs as of the week's first day unless `report` is given.
    /// `previous`: the plan's schedule of another week, whose safety decisions are reused when the
    /// same rules fire (scheduling many weeks then checks the plan once).
    public func schedule(
        _ plan: Plan, week: Int, report given: SafetyReport? = nil,
        previous: WeekSchedule? = nil
    ) throws(ScheduleError) -> WeekSchedule {
        let first = try firstDay(plan, week: week)
        guard let report = given ?? engine.check(plan, in: workspace, asOf: first, reusing: previous?.safety) else {
            throw .noProfile(plan.id)
        }
        return try layOut(plan, week: week, first: first, report: report, routine: routine(plan, report))
    }

    /// Weeks `weeks` of `plan` under one safety check (`report`): what every week shares — the
    /// items on the routine with the exercises done, looked up once — is decided once (`Routine`),
    /// then each week is laid out. The same weeks as `schedule(_:week:report:)` of each.
    public func schedule(_ plan: Plan, weeks: [Int], report: SafetyReport) throws(ScheduleError) -> [WeekSchedule] {
        let routine = routine(plan, report)
        var out: [WeekSchedule] = []
        out.reserveCapacity(weeks.count)
        for week in weeks {
            out.append(
                try layOut(plan, week: week, first: firstDay(plan, week: week), report: report, routine: routine))
        }
        return out
    }

    /// The first day of week `week`: the plan must be a patient's, and the week one of its weeks.
    private func firstDay(_ plan: Plan, week: Int) throws(ScheduleError) -> LocalDate {
        guard !plan.isTemplate, let first = plan.firstDay(ofWeek: week) else { throw .template(plan.id) }
        guard (1...plan.weeks).contains(week) else { throw .weekOutOfRange(week: week, weeks: plan.weeks) }
        return first
    }

    /// What the weeks of one plan under one safety report share.
    struct Routine {
        /// An item the check leaves on the routine whose exercise done is in the library.
        struct Item {
            var decision: ItemDecision
            var item: PlanItem
            var performed: Exercise
            /// The exercise's dose with the item's own over it: week 1 before the rules' limits.
            var base: Dose
            var isCare: Bool
            var isEveryDay: Bool
        }
        var items: [Item]
        /// A brace is prescribed and the plan has an all-day bracing item for it (else the brace is a
        /// habit of its own, `braceHabit`).
        var hasBraceItem: Bool
    }

    func routine(_ plan: Plan, _ report: SafetyReport) -> Routine {
        let items = report.items.filter { $0.decision.isOnRoutine }.compactMap { d -> Routine.Item? in
            let item = plan.items[d.index]
            guard let performed = workspace.exercise(d.performed) else { return nil }
            return Routine.Item(
                decision: d, item: item, performed: performed,
                base: (performed.dose ?? Dose()).overridden(by: item.dose), isCare: Self.isCare(performed),
                isEveryDay: Self.isEveryDay(performed))
        }
        let hasBraceItem =
            report.braceRegimen != nil
            && plan.items.contains {
                $0.frequency == .allDay && workspace.exercise($0.exercise.value)?.kind == .bracing
            }
        return Routine(items: items, hasBraceItem: hasBraceItem)
    }

    /// Week `week` of `plan`, which begins on `first`, under `report`.
    private func layOut(_ plan: Plan, week: Int, first: LocalDate, report: SafetyReport, routine: Routine)
        throws(ScheduleError) -> WeekSchedule
    {
        let last = first.adding(days: 6)

        var days = (0..<7).map { i -> ScheduledDay in
            let date = first.adding(days: i)
            return ScheduledDay(
                date: date, weekday: date.weekday, isRestDay: plan.restDays.contains(date.weekday),
                sessions: [], habits: [], isPaused: plan.isPaused(date))
        }
        let free = days.indices.filter { !days[$0].isRestDay && !days[$0].isPaused }
        var limit = report.dailyMinutesLimit
        if limit == nil, report.dailyMinutesFactor < 1 {
            // A rule lowers a limit the plan does not set (severe fatigue halves the daily time): the
            // busiest day the plan asks for, lowered.
            var unlimited = report
            unlimited.dailyMinutesFactor = 1
            let busiest =
                try layOut(plan, week: week, first: first, report: unlimited, routine: routine).days.map(\.minutes)
                .max() ?? 0
            limit = max(1, Int(Double(busiest) * report.dailyMinutesFactor))
        }
        var out = WeekSchedule(
            plan: plan.id, week: week, weeks: plan.weeks, start: first, end: last, days: [],
            blocked: [], supervised: [], asNeeded: [], unscheduled: [], progress: [],
            dailyMinutesLimit: limit, safety: report)

        for d in report.items {
            if d.decision == .blocked { out.blocked.append(d.exercise.rawValue) }
            if d.decision == .supervised { out.supervised.append(d.exercise.rawValue) }
        }
        out.blocked = out.blocked.uniqued()
        out.supervised = out.supervised.uniqued()

        if report.status == .blocked {
            let usable = report.items.filter { $0.decision.isOnRoutine }
            // A blocked plan schedules nothing; what would have been done is listed with the reason.
            let why = report.blockedReason ?? "blocked"
            // Spinal precautions are not exercise: they stay, on the stop page.
            for d in usable where d.decision != .precaution {
                out.unscheduled.append(
                    Unscheduled(
                        item: d.index, exercise: d.exercise.rawValue,
                        sessions: demanded(plan.items[d.index].frequency, freeDays: free.count),
                        why: .planBlocked(why)))
            }
            out.days = days
            // The precautions as they would be laid out (brace wear, log rolling): kept, not stopped.
            var kept = report
            kept.status = .restricted
            kept.items = report.items.filter { $0.decision == .precaution }
            if !kept.items.isEmpty || kept.braceRegimen != nil {
                out.keptWhileStopped = try schedule(plan, week: week, report: kept).days
            }
            return out
        }

        // Exercise minutes per day, against the limit; care items (`isCare`) add none.
        var load = Array(repeating: 0, count: 7)
        var weekly: [(Routine.Item, Int, Dose)] = []
        for r in routine.items {
            let (d, item, performed, isCare) = (r.decision, r.item, r.performed, r.isCare)
            var progress = progression(
                item, index: d.index, plan: plan, base: r.base, week: week, exercise: performed.id.rawValue,
                everyWeeksAtLeast: d.doseLimit.everyWeeksAtLeast)
            // The rules' dose limits, whatever kind of effect set them (`DoseLimit`).
            progress.dose = d.doseLimit.capping(progress.dose)
            if item.progression != nil { out.progress.append(progress) }
            let dose = progress.dose
            let minutes = dose.sessionMinutes
            // Brace care is every day, rest days too: the brace is worn on a rest day as on any other.
            let itemDays = r.isEveryDay ? Array(days.indices) : free
            switch item.frequency {
            case .asNeeded:
                out.asNeeded.append(performed.id.rawValue)
            case .allDay:
                for i in days.indices { days[i].habits.append(performed.id.rawValue) }
            case .daily, .perDay:
                let n: Int
                if case .perDay(let k) = item.frequency { n = k } else { n = 1 }
                var missed = 0
                for day in itemDays {
                    for k in 0..<n {
                        if !isCare, let limit, load[day] + minutes > limit {
                            missed += 1
                            continue
                        }
                        if !isCare { load[day] += minutes }
                        days[day].sessions.append(
                            session(d, performed, item, dose, minutes, time: Self.spread(k, of: n, item.time)))
                    }
                }
                if missed > 0 {
                    out.unscheduled.append(
                        Unscheduled(
                            item: d.index, exercise: d.exercise.rawValue, sessions: missed,
                            why: limitReason(minutes, limit: limit, planned: plan.dailyMinutesLimit)))
                }
            case .perWeek(let n):
                // Sessions a pause leaves no day for are not missed: no more than the days left.
                weekly.append((r, days.contains(where: \.isPaused) ? min(n, free.count) : n, dose))
            }
        }

        // N/week items after the fixed ones, in plan order: each takes the days that
        // keep the busiest day lightest, then are spread most evenly, then come first.
        for (r, n, dose) in weekly {
            let (d, item, performed, isCare) = (r.decision, r.item, r.performed, r.isCare)
            let minutes = dose.sessionMinutes
            let itemDays = r.isEveryDay ? Array(days.indices) : free
            let chosen = chooseDays(
                n, free: itemDays, load: load, minutes: isCare ? 0 : minutes, limit: isCare ? nil : limit,
                apart: item.restDayBetween)
            for day in chosen {
                if !isCare { load[day] += minutes }
                days[day].sessions.append(session(d, performed, item, dose, minutes, time: item.time))
            }
            if chosen.count < n {
                out.unscheduled.append(
                    Unscheduled(
                        item: d.index, exercise: d.exercise.rawValue, sessions: n - chosen.count,
                        why: weeklyReason(
                            n, placed: chosen.count, free: itemDays, apart: item.restDayBetween,
                            minutes: minutes, limit: isCare ? nil : limit, planned: plan.dailyMinutesLimit)))
            }
        }
        out.unscheduled.sort { $0.item < $1.item }

        // A prescribed brace is a daily habit even when the plan has no wear-regimen item (`braceHabit`).
        if let brace = report.braceRegimen, !routine.hasBraceItem {
            for i in days.indices { days[i].habits.append(Self.braceHabit(brace)) }
        }
        // Paused days ask for nothing, habits and brace care included (`pauses:`).
        for i in days.indices where days[i].isPaused {
            days[i].sessions = []
            days[i].habits = []
        }
        for i in days.indices {
            days[i].sessions.sort { (Self.order($0.time), $0.item) < (Self.order($1.time), $1.item) }
            days[i].habits = days[i].habits.uniqued()
        }
        out.days = days
        out.asNeeded = out.asNeeded.uniqued()
        return out
    }

    /// Weeks `range` as printed on `today`: one safety check as of `today` for every week (none of them
    /// as of its own first day), so that a sheet printed today, for any week, carries exactly the alerts
    /// `rehab check --as-of TODAY` files as open — never one the check files as acknowledged — and
    /// the decisions known today.
    public func weeks(_ plan: Plan, _ range: ClosedRange<Int>, printedOn today: LocalDate) throws(ScheduleError)
        -> [WeekSchedule]
    {
        guard !plan.isTemplate else { throw .template(plan.id) }
        let report = engine.check(plan, in: workspace, asOf: today)
        var out: [WeekSchedule] = []
        for week in range { out.append(try schedule(plan, week: week, report: report, previous: out.last)) }
        return out
    }

    /// Sessions an item asks for in a week with `freeDays` days that are not rest days.
    public func demanded(_ f: Frequency, freeDays: Int) -> Int {
        switch f {
        case .daily: return freeDays
        case .perDay(let n): return n * freeDays
        case .perWeek(let n): return n
        case .allDay, .asNeeded: return 0
        }
    }

    /// Care, not exercise: brace care, education (the warning signs) and spinal precautions. Never left
    /// out for the daily minutes, and their minutes do not count against the limit (docs/SCHEDULER.md).
    public static func isCare(_ e: Exercise) -> Bool {
        e.kind == .bracing || e.judgedKind == .education || e.precaution
    }

    /// Brace care (on and off, the skin check) is done every day, rest days too.
    public static func isEveryDay(_ e: Exercise) -> Bool { e.kind == .bracing }

    private func session(
        _ d: ItemDecision, _ e: Exercise, _ item: PlanItem, _ dose: Dose, _ minutes: Int,
        time: TimeOfDay
    ) -> ScheduledSession {
        ScheduledSession(
            item: d.index, exercise: e.id.rawValue, replaces: d.replacement == nil ? nil : d.exercise.rawValue,
            time: time,
            dose: dose, minutes: minutes, inBrace: d.inBrace, care: Self.isCare(e))
    }

    /// N sessions a day spread from morning to evening: 2 → morning, evening; 3 → morning,
    /// afternoon, evening; 4 → all four. One session keeps the item's own time.
    static func spread(_ k: Int, of n: Int, _ time: TimeOfDay) -> TimeOfDay {
        let slots: [TimeOfDay] = [.morning, .midday, .afternoon, .evening]
        if n == 1 { return time }
        if n <= 4 { return slots[Int((Double(k) * 3 / Double(n - 1)).rounded())] }
        return slots[k * 4 / n]
    }

    static func order(_ t: TimeOfDay) -> Int {
        [TimeOfDay.morning, .midday, .afternoon, .evening, .any].firstIndex(of: t)!
    }

    /// The best set of at most `n` days: as many as fit (room under the limit, and no two next to
    /// each other — across the week's edge too — when `apart`), then the lightest busiest day,
    /// then the most even spread, then the earliest days.
    func chooseDays(_ n: Int, free: [Int], load: [Int], minutes: Int, limit: Int?, apart: Bool) -> [Int] {
        // Days as bits of a week mask (bit i = day i): at most 2⁷ sets, scored without allocating.
        var candidates = 0
        for day in free where limit == nil || load[day] + minutes <= limit! { candidates |= 1 << day }
        for size in stride(from: min(n, candidates.nonzeroBitCount), through: 1, by: -1) {
            var best: (mask: Int, busiest: Int, uneven: Double)?
            // Ascending masks meet earlier days first within a size only by the lexicographic tie-break below.
            for mask in 1..<128 where mask & ~candidates == 0 && mask.nonzeroBitCount == size {
                if apart, !Self.apart(mask: mask) { continue }
                var busiest = 0
                for day in 0..<7 where mask & (1 << day) != 0 { busiest = max(busiest, load[day] + minutes) }
                let uneven = Self.unevennessOfMask[mask]
                if let b = best {
                    if busiest != b.busiest {
                        if busiest > b.busiest { continue }
                    } else if abs(uneven - b.uneven) > 1e-9 {
                        if uneven > b.uneven { continue }
                    } else if !Self.daysPrecede(mask, b.mask) {
                        continue
                    }
                }
                best = (mask, busiest, uneven)
            }
            if let best { return Self.days(best.mask) }
        }
        return []
    }

    static func days(_ mask: Int) -> [Int] { (0..<7).filter { mask & (1 << $0) != 0 } }

    /// `days(a).lexicographicallyPrecedes(days(b))` for two masks of as many days, without the lists:
    /// the lists agree up to the first day only one mask has, and the mask that has it comes first.
    static func daysPrecede(_ a: Int, _ b: Int) -> Bool {
        let differ = a ^ b
        return a & differ & -differ != 0
    }

    /// No two days of the mask next to each other, Sunday-to-Monday across the week's edge included.
    static func apart(mask: Int) -> Bool {
        let rotated = ((mask << 1) | (mask >> 6)) & 0x7F
        return mask.nonzeroBitCount < 2 || mask & rotated == 0
    }

    /// `unevenness(mask:)` of every week mask, worked out once: `chooseDays` asks for it per candidate.
    static let unevennessOfMask: [Double] = (0..<128).map { unevenness(mask: $0) }

    static func unevenness(mask: Int) -> Double {
        let count = mask.nonzeroBitCount
        guard count > 1 else { return 0 }
        let ideal = 7.0 / Double(count)
        var first = -1
        var previous = -1
        var total = 0.0
        for day in 0..<7 where mask & (1 << day) != 0 {
            if first < 0 {
                first = day
            } else {
                total += (Double(day - previous) - ideal) * (Double(day - previous) - ideal)
            }
            previous = day
        }
        let wrap = Double(first + 7 - previous)
        return total + (wrap - ideal) * (wrap - ideal)
    }

    /// The most days of `free` that can be used with a rest day between each.
    static func mostApart(_ free: [Int]) -> Int {
        let allowed = free.reduce(0) { $0 | 1 << $1 }
        return (1..<128).filter { $0 & ~allowed == 0 && apart(mask: $0) }.map(\.nonzeroBitCount).max() ?? 0
    }

    private func limitReason(_ minutes: Int, limit: Int?, planned: Int?) -> Unscheduled.Why {
        guard let limit else { return .noRoom }
        if minutes > limit { return .longerThanLimit(minutes: minutes, limit: limit, planned: planned) }
        return .dailyLimit(limit: limit, planned: planned)
    }

    private func weeklyReason(_ n: Int, placed: Int, free: [Int], apart: Bool, minutes: Int, limit: Int?, planned: Int?)
        -> Unscheduled.Why
    {
        if free.count < n { return .notEnoughDays(needed: n, free: free.count) }
        if apart, Self.mostApart(free) < n { return .notEnoughDaysApart(needed: n, room: Self.mostApart(free)) }
        return limitReason(minutes, limit: limit, planned: planned)
    }

    // MARK: Progression

    /// The dose of week `week`: each `every_weeks` a step of `add`, up to `up_to`. With a judge,
    /// a step is taken only when the previous week's log earned it, else held or regressed.
    /// `everyWeeksAtLeast`: a slower pace the safety check asks for (lymphoedema).
    func progression(
        _ item: PlanItem, index: Int, plan: Plan, base: Dose, week: Int, exercise: String,
        everyWeeksAtLeast: Int = 1
    ) -> ItemProgress {
        guard var p = item.progression else {
            return ItemProgress(item: index, exercise: exercise, dose: base, step: 0, status: .none, note: "")
        }
        p.everyWeeks = max(p.everyWeeks, everyWeeksAtLeast)
        let maxStep = Self.maxStep(p, base: base)
        var step = 0
        var status = ProgressionStatus.none
        var note = "week 1 dose"
        var provisional = false
        if week > 1 {
            // Weeks wholly paused take no step, nor does the week after one: the programme resumes
            // at the dose it stopped at, and steps count the weeks of the programme.
            for w in 2...week
            where !plan.isWhollyPaused(week: w) && !plan.isWhollyPaused(week: w - 1)
                && (plan.programmeWeek(w) - 1) % p.everyWeeks == 0
            {
                switch judge?.judge(item: item, index: index, plan: plan, week: w) {
                case .earned?:
                    step = min(step + 1, maxStep)
                    status = .earned
                    note = "step earned in week \(w - 1)"
                case .notEarned(let why)?:
                    if p.otherwise == .regress {
                        step = max(0, step - 1)
                        status = .regressed
                        note = "one step back: \(why)"
                    } else {
                        status = .held
                        note = "dose held: \(why)"
                    }
                case nil:
                    step = min(step + 1, maxStep)
                    provisional = true
                    status = .planned
                    note = "planned step, not yet earned (no progress log for week \(w - 1))"
                }
            }
        }
        if step == maxStep, maxStep > 0, status == .planned || status == .earned {
            status = .capped
            note = "at the ceiling of the progression"
        }
        return ItemProgress(
            item: index, exercise: exercise, dose: Self.dose(base, p, step: step), step: step,
            status: status, note: note, provisional: provisional)
    }

    /// The dose after `step` steps, each key capped at `up_to`.
    static func dose(_ base: Dose, _ p: Progression, step: Int) -> Dose {
        var d = base
        for key in Dose.numericKeys {
            guard let add = p.add[key], base[key] != nil || step > 0 else { continue }
            var value = (base[key] ?? 0) + add * step
            if let ceiling = p.upTo?[key] { value = min(value, max(ceiling, base[key] ?? 0)) }
            d[key] = value
        }
        return d
    }

    /// Steps after which no key can grow any more (Int.max without a ceiling).
    static func maxStep(_ p: Progression, base: Dose) -> Int {
        var most = 0
        var bounded = true
        for key in Dose.numericKeys {
            guard let add = p.add[key], add > 0 else { continue }
            guard let ceiling = p.upTo?[key] else {
                bounded = false
                continue
            }
            let room = max(0, ceiling - (base[key] ?? 0))
            most = max(most, (room + add - 1) / add)
        }
        return bounded ? most : Int.max
    }
}
