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
    /// Care, not exercise (brace care, education, spinal precautions; `WeekScheduler.isCare`): its
    /// minutes do not count against the daily limit.
    public var care: Bool = false
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

    /// Scheduled exercise minutes: what counts against the daily limit (care sessions left out).
    public var minutes: Int { sessions.reduce(0) { $0 + ($1.care ? 0 : $1.minutes) } }
}

/// Sessions of an item that did not fit, and why: never dropped in silence. The schedule, `check`,
/// `validate` and the printed sheet ("Not this week") all say so.
public struct Unscheduled: Sendable, Equatable {
    public var item: Int
    public var exercise: String
    public var sessions: Int
    public var why: Why

    public init(item: Int, exercise: String, sessions: Int, why: Why) {
        self.item = item
        self.exercise = exercise
        self.sessions = sessions
        self.why = why
    }

    /// Why sessions did not fit.
    public enum Why: Sendable, Equatable {
        /// The day's exercise minutes reached the limit (`planned`: the plan's own limit, which a safety
        /// rule may have lowered; nil when the limit is a safety rule's alone).
        case dailyLimit(limit: Int, planned: Int?)
        /// One session is longer than the daily limit.
        case longerThanLimit(minutes: Int, limit: Int, planned: Int?)
        /// N/week needs more days than the week has without rest days.
        case notEnoughDays(needed: Int, free: Int)
        /// N/week with a rest day between needs more days apart than the week has.
        case notEnoughDaysApart(needed: Int, room: Int)
        /// The safety check blocks the plan (its reason).
        case planBlocked(String)
        case noRoom
    }

    /// The reason for the care team, in the words of `rehab schedule` and `check`.
    public var reason: String {
        func lowered(_ limit: Int, _ planned: Int?) -> String {
            guard let planned else { return " (set by the safety check)" }
            return planned != limit ? " (lowered from \(planned) by the safety check)" : ""
        }
        switch why {
        case .dailyLimit(let limit, let planned):
            return "the daily limit of \(limit) minutes\(lowered(limit, planned)) is reached on those days"
        case .longerThanLimit(let minutes, let limit, let planned):
            return
                "one session (\(minutes) minutes) is longer than the daily limit of \(limit) minutes\(lowered(limit, planned))"
        case .notEnoughDays(let n, let free):
            return "\(n)/week needs \(n) days, but only \(free) days this week are not rest days"
        case .notEnoughDaysApart(let n, let room):
            return
                "\(n)/week with a rest day between needs \(n) days that are not next to each other; this week has room for \(room)"
        case .planBlocked(let why):
            return "the safety check blocks this plan (\(why)); nothing is scheduled until the care team reviews it"
        case .noRoom:
            return "no room"
        }
    }
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
    /// A step of this dose was planned, not earned: the week it depends on is not logged yet, so the
    /// printed dose is provisional.
    public var provisional: Bool = false
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
    /// A blocked week's spinal precautions, laid out as they would be (sessions and habits; `days`
    /// is empty then): kept while exercise is stopped, for the calendar's "keep doing these".
    public var keptWhileStopped: [ScheduledDay] = []
}
