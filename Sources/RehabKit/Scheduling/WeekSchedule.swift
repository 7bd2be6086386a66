/// One session on one day.
public struct ScheduledSession: Sendable, Equatable {
    /// Position of the plan item.
    public var item: Int
    /// The exercise done (an easier variant when the safety check replaced the planned one).
    public var exercise: String
    /// The exercise the plan names, when another replaced it.
    public var replaces: String?
    public var time: TimeOfDay
    public var dose: Dose
    /// Session time, minutes.
    public var minutes: Int
    public var inBrace: Bool
}

public struct ScheduledDay: Sendable, Equatable {
    public var date: LocalDate
    public var weekday: Weekday
    public var isRestDay: Bool
    /// In time-of-day order, then plan order.
    public var sessions: [ScheduledSession]
    /// Exercise ids of all-day habits (brace regimens, posture habits): one check box a day.
    public var habits: [String]
    /// The plan is paused on this day (`pauses:`): nothing is scheduled or asked for.
    public var isPaused: Bool = false

    /// Scheduled session minutes.
    public var minutes: Int { sessions.reduce(0) { $0 + $1.minutes } }
}

/// Sessions of an item that did not fit, and why: never dropped in silence.
public struct Unscheduled: Sendable, Equatable {
    public var item: Int
    public var exercise: String
    public var sessions: Int
    public var reason: String
}

/// Whether an item's dose this week follows its progression as planned or as earned.
public enum ProgressionStatus: String, Sendable, Codable {
    /// No progression, or week 1.
    case none
    /// No log to judge by: the step is planned, not earned.
    case planned
    /// The previous week's log met the `when` conditions.
    case earned
    /// The conditions were not met: the dose stays.
    case held
    /// The conditions were not met and the plan says regress: one step back.
    case regressed
    /// The dose reached `up_to`.
    case capped
}

public struct ItemProgress: Sendable, Equatable {
    public var item: Int
    public var exercise: String
    /// The dose this week.
    public var dose: Dose
    /// Steps taken so far (0 in week 1).
    public var step: Int
    public var status: ProgressionStatus
    /// In words, for the sheet and the care team.
    public var note: String
}

/// Week N of a plan: what is done on which day, at what time and dose.
public struct WeekSchedule: Sendable {
    public var plan: String
    public var week: Int
    public var weeks: Int
    public var start: LocalDate
    public var end: LocalDate
    public var days: [ScheduledDay]
    /// Exercise ids the safety check blocked.
    public var blocked: [String]
    /// Exercise ids moved to "with your physiotherapist".
    public var supervised: [String]
    /// Exercise ids printed as "when you need it", not scheduled.
    public var asNeeded: [String]
    public var unscheduled: [Unscheduled]
    public var progress: [ItemProgress]
    /// The daily limit in force (as lowered by safety rules), minutes.
    public var dailyMinutesLimit: Int?
    /// The safety check behind this schedule.
    public var safety: SafetyReport
}
