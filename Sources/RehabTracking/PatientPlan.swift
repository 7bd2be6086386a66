import RehabKit

/// A plan as its patient has it: with the red flags they reported (`Tracking.tracked`), its weeks
/// laid out by a scheduler that takes the progression steps the log earned (`Tracking.scheduler(for:)`).
/// Every command that shows a patient's week — `schedule`, `print`, `export fhir`, a scanned sheet
/// rebuilt, `bench scan` — gets it here, and says which day each week is checked as of.
public struct PatientPlan: Sendable {
    /// The plan with the red flags its patient reported.
    public let plan: Plan
    /// Judges progression on the log (planned steps where there is none).
    public let scheduler: WeekScheduler

    /// The day a week's safety check is for.
    public enum CheckDay: Sendable, Equatable {
        /// Each week as of its own first day: what that week will be (`rehab schedule`, the
        /// calendar, `export fhir`).
        case weekStart
        /// Every week as of one day: what a sheet printed that day carries, whatever the week, so
        /// that it agrees with `rehab check --as-of DAY` (`rehab print`, a scanned sheet rebuilt).
        case printedOn(LocalDate)
    }

    /// Weeks `range`, each checked as `checked` says. One week out of range (or a template) throws.
    public func weeks(_ range: ClosedRange<Int>, checked: CheckDay) throws(ScheduleError) -> [WeekSchedule] {
        switch checked {
        case .weekStart:
            var out: [WeekSchedule] = []
            // Each week reuses the decisions of the one before when the same rules fire.
            for week in range { out.append(try scheduler.schedule(plan, week: week, previous: out.last)) }
            return out
        case .printedOn(let day):
            return try scheduler.weeks(plan, range, printedOn: day)
        }
    }

    /// Week `week`, checked as `checked` says.
    public func week(_ week: Int, checked: CheckDay) throws(ScheduleError) -> WeekSchedule {
        try weeks(week...week, checked: checked)[0]
    }
}

extension Tracking {
    /// The plan as its patient has it today: every red flag they reported (an assessment dated after
    /// `today` closes none), its weeks judged on the log.
    public func patientPlan(_ plan: Plan, today: LocalDate) throws(StoreError) -> PatientPlan {
        let tracked = try tracked(plan, today: today)
        return PatientPlan(plan: tracked, scheduler: try scheduler(for: tracked))
    }

    /// The plan as its patient had it on each of `days` (`tracked(_:forEachOf:)`), the log read
    /// once: the sheets a scanned page may have been printed on.
    public func patientPlans(_ plan: Plan, forEachOf days: [(upTo: LocalDate, today: LocalDate)]) throws(StoreError)
        -> [PatientPlan]
    {
        let plans = try tracked(plan, forEachOf: days)
        guard let first = plans.first else { return [] }
        // The log's entries are the plan's whatever the day: one scheduler judges them all.
        let scheduler = try scheduler(for: first)
        return plans.map { PatientPlan(plan: $0, scheduler: scheduler) }
    }
}
