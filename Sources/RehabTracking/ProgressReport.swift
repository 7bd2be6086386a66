import Foundation
import RehabKit

/// `rehab progress`: per week and item, adherence, pain and effort; flags; next week's steps.
public struct ProgressReport: Sendable {
    public struct ItemWeek: Sendable {
        public var item: Int
        public var exercise: String
        public var name: String
        public var scheduled: Int
        public var done: Int
        public var partial: Int
        public var skipped: Int
        /// Done 1, partial ½, skipped 0 over scheduled (nil when nothing was scheduled).
        public var adherence: Double?
        /// Mean Borg RPE of the sessions that recorded one.
        public var rpe: Double?
    }

    public struct Week: Sendable {
        public var week: Int
        public var start: LocalDate
        public var end: LocalDate
        public var items: [ItemWeek]
        /// All items together.
        public var adherence: Double?
        /// NRS 0–10 for each day (nil: nothing recorded).
        public var painByDay: [Int?]
        public var painMean: Double?
        public var painMax: Int?
        /// The red flag that stopped the plan on or before the week's end: the sessions from that day
        /// on are not asked for (nor counted as missed).
        public var stopped: ReportedRedFlag?
        /// The day the plan reopened after `stopped` (the assessment that addressed it), when it has.
        public var reopened: LocalDate?
        /// The pause that covers days of the week (`pauses:`): they ask for nothing.
        public var paused: Pause?
        /// The patient's notes and the reasons for partial or skipped sessions, by date.
        public var notes: [Note]
    }

    /// A note or a reason from the log.
    public struct Note: Sendable {
        public var date: LocalDate
        /// What the entry was: "walking-gentle skipped", "pain 6", "symptom leg-weakness".
        public var entry: String
        public var note: String?
        public var reason: String?
    }

    public enum FlagLevel: String, Sendable {
        case urgent, review
        /// A red flag that a later assessment addressed (the flag says how): history, not an alarm.
        case addressed
    }

    public struct Flag: Sendable {
        public var level: FlagLevel
        public var message: String
    }

    public enum Decision: String, Sendable {
        case progress, hold, regress
        /// No log for the week that decides: the step is planned, not earned.
        case planned
    }

    public struct NextStep: Sendable {
        public var exercise: String
        public var name: String
        public var decision: Decision
        public var reason: String
        /// The dose next week.
        public var dose: Dose
    }

    public var plan: Plan
    /// The date the report is made for (`--as-of`, else today).
    public var asOf: LocalDate
    /// The patient's reference (MRN) from the plan.
    public var mrn: String? { plan.patient?.ref }
    public var weeks: [Week]
    public var flags: [Flag]
    /// For the week after the last reported one (nil when the plan has ended).
    public var nextWeek: Int?
    public var next: [NextStep]
    /// Why next week has no step at all (a red flag stopped the plan; the plan is paused), or nil.
    public var nextHeld: String?
    public var symptoms: [ReportedRedFlag]
    /// The safety status now, with the reported red flags.
    public var status: PlanStatus
    /// The outcome measures up to the report date, by test and side.
    public var measures: [MeasureSeries] = []

    /// Builds the report for weeks 1 to the week of `asOf` (the whole plan once it has ended).
    /// `reports`: the red flags of the patient (all their plans); by default those in `entries`. Only
    /// those known on `asOf` count (`ReportedRedFlag.known`).
    public static func build(
        plan: Plan, entries: [LogEntry], workspace: Workspace, engine: SafetyEngine,
        asOf: LocalDate, reports given: [ReportedRedFlag]? = nil,
        tests: OutcomeTests = .bundled
    ) throws(ScheduleError) -> ProgressReport {
        guard !plan.isTemplate, let start = plan.start else { throw .template(plan.id) }
        let log = ProgressLog(plan: plan, entries: entries, workspace: workspace, engine: engine)
        // The red flags known on `asOf`: a report after it had not happened yet.
        let reports = ReportedRedFlag.known(
            given ?? entries.compactMap { e in e.symptom.map { ReportedRedFlag($0, on: e.date) } }, on: asOf)
        let tracked = plan.withReported(reports, upTo: asOf, today: asOf)
        let current = start.days(to: asOf) < 0 ? 0 : plan.week(of: asOf) ?? plan.weeks
        let stops = Self.stops(reports, profile: plan.safety, asOf: asOf)
        // Days that ask for nothing: after the report date, those a red flag stopped (from its day
        // until the assessment that reopened the plan); paused days the schedule leaves empty.
        let counted: (LocalDate) -> Bool = { d in d <= asOf && !stops.contains { $0.covers(d) } }
        var weeks: [Week] = []
        for w in stride(from: 1, through: current, by: 1) {
            let schedule = try log.planned.schedule(plan, week: w)
            // A week still under way counts the sessions of the days so far; a stopped plan asks for
            // no session from the day of the red flag until it is reopened.
            let stop = stops.first { $0.report.date <= schedule.end && ($0.until.map { $0 > schedule.start } ?? true) }
            let counts = log.scheduledCounts(schedule, counted: counted)
            let inWeek = log.entries(week: w)
            var items: [ItemWeek] = []
            for (index, item) in plan.items.enumerated() {
                guard let scheduled = counts[index], scheduled > 0 else { continue }
                let mine = inWeek.filter {
                    $0.kind == .session && $0.item.flatMap { log.itemIndex($0, in: schedule) } == index
                }
                let rpes = mine.compactMap(\.rpe)
                items.append(
                    ItemWeek(
                        item: index, exercise: item.exercise.value,
                        name: workspace.exercise(item.exercise.value)?.name ?? item.exercise.value,
                        scheduled: scheduled,
                        done: mine.filter { $0.outcome == .done }.count,
                        partial: mine.filter { $0.outcome == .partial }.count,
                        skipped: mine.filter { $0.outcome == .skipped }.count,
                        adherence: log.adherence(item: index, week: w, schedule: schedule, counted: counted),
                        rpe: rpes.isEmpty ? nil : Double(rpes.reduce(0, +)) / Double(rpes.count)))
            }
            let total = items.reduce(0) { $0 + $1.scheduled }
            let credit = items.reduce(0.0) { $0 + ($1.adherence ?? 0) * Double($1.scheduled) }
            let pains = log.painByDay(week: w)
            let known = pains.compactMap { $0 }
            let notes = inWeek.filter { $0.note != nil || $0.reason != nil }.sorted { $0.date < $1.date }.map { e in
                Note(date: e.date, entry: Self.words(e), note: e.note, reason: e.reason)
            }
            weeks.append(
                Week(
                    week: w, start: schedule.start, end: schedule.end, items: items,
                    adherence: total == 0 ? nil : credit / Double(total), painByDay: pains,
                    painMean: known.isEmpty ? nil : Double(known.reduce(0, +)) / Double(known.count),
                    painMax: known.max(), stopped: stop?.report, reopened: stop?.until,
                    paused: (0..<7).lazy.compactMap { plan.pause(on: schedule.start.adding(days: $0)) }.first,
                    notes: notes))
        }

        var flags: [Flag] = []
        for stop in stops {
            let r = stop.report
            if stop.until != nil, let how = plan.safety?.howAddressed(r) {
                flags.append(
                    Flag(
                        level: .addressed,
                        message: "red flag reported on \(r.date): \(r.flag.words) — addressed: \(how)"))
            } else {
                flags.append(
                    Flag(
                        level: .urgent,
                        message: "red flag reported on \(r.date): \(r.flag.words)"
                            + " — the programme is stopped until a new assessment addresses it"))
            }
        }
        for w in weeks {
            if let a = w.adherence, a < 0.5 {
                flags.append(
                    Flag(level: .review, message: "week \(w.week): \(LogJudge.percent(a)) of sessions done (under 50%)")
                )
            }
        }
        for w in weeks {
            // Day-level pain: a bad day, and a rise within the week that a weekly mean hides.
            for (i, p) in w.painByDay.enumerated() {
                if let p, p >= 7 {
                    flags.append(
                        Flag(
                            level: .review,
                            message: "week \(w.week): pain \(p) on \(w.start.adding(days: i)) (7 or more)"))
                }
            }
            var rise: (from: Int, to: Int, i: Int, j: Int)?
            for (i, a) in w.painByDay.enumerated() {
                guard let a else { continue }
                for j in (i + 1)..<w.painByDay.count {
                    guard let b = w.painByDay[j], b - a >= 2 else { continue }
                    if rise == nil || b - a > rise!.to - rise!.from { rise = (a, b, i, j) }
                }
            }
            if let rise {
                flags.append(
                    Flag(
                        level: .review,
                        message:
                            "week \(w.week): pain rose from \(rise.from) on \(w.start.adding(days: rise.i)) to \(rise.to) on \(w.start.adding(days: rise.j))"
                    ))
            }
        }
        for (a, b) in zip(weeks, weeks.dropFirst()) {
            if let x = a.painMean, let y = b.painMean, y - x >= 2 {
                flags.append(
                    Flag(
                        level: .review,
                        message: String(
                            format: "pain rose from %.1f in week %d to %.1f in week %d", x, a.week, y, b.week)))
            }
        }

        // Outcome measures: a fall in leg function is for the team to review, never a stop by itself.
        let measures = Measures.series(entries.filter { $0.date <= asOf }, tests: tests, patient: plan.patient)
        for decline in Measures.legDeclines(measures) { flags.append(Flag(level: .review, message: decline.message)) }

        let nextWeek = current + 1 <= plan.weeks ? current + 1 : nil
        var next: [NextStep] = []
        // No step is planned for a plan a red flag keeps stopped, nor for one paused.
        var nextHeld: String?
        if let open = stops.first(where: { $0.until == nil }) {
            nextHeld =
                "none: the programme is stopped since \(open.report.date) (\(open.report.flag.words)) until a new assessment addresses it"
        } else if let pause = plan.pause(on: asOf)
            ?? nextWeek.flatMap({ plan.isWhollyPaused(week: $0) ? plan.pause(on: plan.firstDay(ofWeek: $0)!) : nil })
        {
            nextHeld =
                "none: the plan is paused since \(pause.from)\(pause.to.map { " until \($0)" } ?? "")\(pause.reason.map { " (\($0))" } ?? "")"
        }
        if let nextWeek, nextHeld == nil {
            let judged = WeekScheduler(workspace: workspace, engine: engine, judge: LogJudge(log: log))
            let schedule = try judged.schedule(tracked, week: nextWeek)
            let judge = LogJudge(log: log)
            for p in schedule.progress {
                let item = plan.items[p.item]
                let every = item.progression?.everyWeeks ?? 1
                let name = workspace.exercise(p.exercise)?.name ?? p.exercise
                guard (nextWeek - 1) % every == 0, nextWeek > 1 else {
                    let stepWeek = ((nextWeek - 1) / every + 1) * every + 1
                    next.append(
                        NextStep(
                            exercise: p.exercise, name: name, decision: .hold,
                            reason: "the next step is due in week \(stepWeek) (every \(every) weeks)", dose: p.dose))
                    continue
                }
                switch judge.judge(item: item, index: p.item, plan: plan, week: nextWeek) {
                case .earned?:
                    next.append(
                        NextStep(
                            exercise: p.exercise, name: name, decision: p.status == .capped ? .hold : .progress,
                            reason: p.status == .capped
                                ? "at the ceiling of the progression"
                                : "week \(nextWeek - 1) met the plan's conditions",
                            dose: p.dose))
                case .notEarned(let why)?:
                    let regress = item.progression?.otherwise == .regress
                    next.append(
                        NextStep(
                            exercise: p.exercise, name: name, decision: regress ? .regress : .hold, reason: why,
                            dose: p.dose))
                case nil:
                    next.append(
                        NextStep(
                            exercise: p.exercise, name: name, decision: .planned,
                            reason: "no log for week \(nextWeek - 1): the step is planned, not earned", dose: p.dose))
                }
            }
        }
        let status = engine.check(tracked, in: workspace, asOf: asOf)?.status ?? .blocked
        return ProgressReport(
            plan: plan, asOf: asOf, weeks: weeks, flags: flags, nextWeek: nextWeek, next: next,
            nextHeld: nextHeld, symptoms: reports, status: status, measures: measures)
    }

    /// A red flag that stopped the plan: from its day until the assessment that addressed it
    /// (`until`, the day the plan reopened; nil while it is still open).
    struct Stop {
        var report: ReportedRedFlag
        var until: LocalDate?

        func covers(_ date: LocalDate) -> Bool { date >= report.date && until.map { date < $0 } ?? true }
    }

    /// The stops of `reports`, by date: a report is open until an assessment dated after it addresses
    /// it (`SafetyProfile.openReports`, as the safety check judges); one dated after `asOf` is a typo
    /// and closes nothing.
    static func stops(_ reports: [ReportedRedFlag], profile: SafetyProfile?, asOf: LocalDate) -> [Stop] {
        reports.sorted { $0.date < $1.date }.map { r in
            guard let profile, let assessed = profile.assessed, profile.openReports([r], today: asOf).isEmpty else {
                return Stop(report: r, until: nil)
            }
            return Stop(report: r, until: assessed)
        }
    }

    /// An entry in a few words, for the notes.
    static func words(_ e: LogEntry) -> String {
        switch e.kind {
        case .session:
            return "\(e.item ?? "?") \(e.outcome?.rawValue ?? "")"
                + ((e.session ?? 1) > 1 ? " (session \(e.session!))" : "")
        case .pain: return "pain \(e.pain.map(String.init) ?? "?")"
        case .symptom: return "symptom \(e.symptom?.rawValue ?? "?")"
        case .measure:
            return "\(e.test ?? "?")\(e.side.map { " \($0.rawValue)" } ?? "") \(e.value.map(OutcomeTest.text) ?? "?")"
        }
    }
}
