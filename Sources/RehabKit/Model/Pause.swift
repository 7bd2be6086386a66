/// A time the plan is paused (`pauses: [{from, to, reason}]`): an admission, a course of
/// radiotherapy. Paused days schedule and print nothing and are not missed sessions; a week with
/// no day left takes no progression step, so the programme resumes at the dose it stopped at
/// (docs/FORMAT.md, Pauses). Week numbers stay tied to dates: a pause does not move them.
public struct Pause: Hashable, Sendable {
    /// The first paused day.
    public var from: LocalDate
    /// The last paused day; nil while the plan is still paused (until `rehab plan resume`).
    public var to: LocalDate?
    /// Why, in the care team's words ("admitted", "radiotherapy").
    public var reason: String?
    /// Where the entry starts (its `-`).
    public var location: SourceLocation?

    public init(from: LocalDate, to: LocalDate? = nil, reason: String? = nil, location: SourceLocation? = nil) {
        self.from = from
        self.to = to
        self.reason = reason
        self.location = location
    }

    /// Whether `date` is a paused day.
    public func contains(_ date: LocalDate) -> Bool {
        date >= from && to.map { date <= $0 } ?? true
    }
}

extension Plan {
    /// The pause `date` falls in, if any.
    public func pause(on date: LocalDate) -> Pause? {
        pauses.first { $0.contains(date) }
    }

    /// Whether `date` is a paused day: nothing is scheduled or asked for on it.
    public func isPaused(_ date: LocalDate) -> Bool { pause(on: date) != nil }

    /// Whether every day of week `week` is paused: such a week takes no progression step.
    public func isWhollyPaused(week: Int) -> Bool {
        guard !pauses.isEmpty, let first = firstDay(ofWeek: week) else { return false }
        return (0..<7).allSatisfy { isPaused(first.adding(days: $0)) }
    }

    /// The week of the programme that week `week` of the calendar is: the calendar week less the
    /// wholly paused weeks before it (progression counts these).
    public func programmeWeek(_ week: Int) -> Int {
        guard !pauses.isEmpty, week > 1 else { return week }
        return week - (1..<week).filter { isWhollyPaused(week: $0) }.count
    }
}
