/// How often an item is done (FORMAT.md §2).
public enum Frequency: Hashable, Sendable, CustomStringConvertible {
    /// Once on every day that is not a rest day.
    case daily
    /// N sessions on every scheduled day, spread over the day.
    case perDay(Int)
    /// N days a week (1…7), spread as evenly as the week allows.
    case perWeek(Int)
    /// A habit or brace regimen with no session time: one daily check box.
    case allDay
    /// Printed, not scheduled.
    case asNeeded

    public var description: String {
        switch self {
        case .daily: return "daily"
        case .perDay(let n): return "\(n)/day"
        case .perWeek(let n): return "\(n)/week"
        case .allDay: return "all-day"
        case .asNeeded: return "as-needed"
        }
    }

    /// Parses the grammar; nil when the text is not a frequency.
    public init?(_ text: String) {
        switch text {
        case "daily": self = .daily
        case "all-day": self = .allDay
        case "as-needed": self = .asNeeded
        default:
            let parts = text.split(separator: "/", omittingEmptySubsequences: false)
            guard parts.count == 2, let n = Int(parts[0].trimmingCharacters(in: " ")) else { return nil }
            switch parts[1].trimmingCharacters(in: " ") {
            case "day": self = .perDay(n)
            case "week": self = .perWeek(n)
            default: return nil
            }
        }
    }
}

extension StringProtocol {
    func trimmingCharacters(in set: Character) -> String {
        var s = Substring(self)
        while s.first == set { s.removeFirst() }
        while s.last == set { s.removeLast() }
        return String(s)
    }
}

/// When a progression step is earned, judged on the previous week's log.
public struct ProgressionCondition: Hashable, Sendable {
    /// Highest pain (NRS 0–10) that still allows the step.
    public var painAtMost: Int?
    /// Lowest adherence (0–1, done ÷ scheduled) that allows the step.
    public var adherenceAtLeast: Double?

    public init(painAtMost: Int? = nil, adherenceAtLeast: Double? = nil) {
        self.painAtMost = painAtMost
        self.adherenceAtLeast = adherenceAtLeast
    }
}

public enum ProgressionFallback: String, CaseIterable, Sendable {
    case hold, regress
}

/// How an item's dose grows over the weeks.
public struct Progression: Hashable, Sendable {
    public var everyWeeks: Int
    public var add: Dose
    public var upTo: Dose?
    public var when: ProgressionCondition?
    public var otherwise: ProgressionFallback

    public init(
        everyWeeks: Int = 1, add: Dose, upTo: Dose? = nil, when: ProgressionCondition? = nil,
        otherwise: ProgressionFallback = .hold
    ) {
        self.everyWeeks = everyWeeks
        self.add = add
        self.upTo = upTo
        self.when = when
        self.otherwise = otherwise
    }
}

/// One line of a plan: an exercise of the library, how often, when and how much.
public struct PlanItem: Sendable {
    public var exercise: Located<String>
    public var frequency: Frequency
    public var time: TimeOfDay
    /// Overrides the exercise's default dose, key by key.
    public var dose: Dose?
    public var restDayBetween: Bool
    public var notes: String?
    public var progression: Progression?
    /// Where the item starts (its `-`).
    public var location: SourceLocation

    public init(
        exercise: Located<String>, frequency: Frequency, time: TimeOfDay = .any, dose: Dose? = nil,
        restDayBetween: Bool = false, notes: String? = nil, progression: Progression? = nil,
        location: SourceLocation
    ) {
        self.exercise = exercise
        self.frequency = frequency
        self.time = time
        self.dose = dose
        self.restDayBetween = restDayBetween
        self.notes = notes
        self.progression = progression
        self.location = location
    }
}

public struct Patient: Hashable, Sendable {
    public var name: String
    public var ref: String?
    /// The year of birth (`born:`), for the age bands of the outcome measures' norms.
    public var born: Int?
    /// `sex: female|male`, for the norms that differ by sex.
    public var sex: Sex?

    public init(name: String, ref: String? = nil, born: Int? = nil, sex: Sex? = nil) {
        self.name = name
        self.ref = ref
        self.born = born
        self.sex = sex
    }
}

public struct CareTeam: Hashable, Sendable {
    /// The team's own line, in the words printed on the sheet: the number of "call today" and "tell us
    /// at your next visit".
    public var contact: String?
    /// The 24-hour urgent line (acute oncology, the cord-compression pathway): the number of "stop and
    /// call now" and of the stop page. Required in a patient's plan.
    public var urgent: String?
    public var clinician: String?

    public init(contact: String? = nil, urgent: String? = nil, clinician: String? = nil) {
        self.contact = contact
        self.urgent = urgent
        self.clinician = clinician
    }

    /// What `rehab new plan` writes for a number still to fill in; `validate` refuses it.
    public static let placeholderPrefix = "FILL IN"
}

/// A plan (`Plans/*.yaml`).
public struct Plan: Sendable {
    public var id: String
    public var title: String
    public var isTemplate: Bool
    public var patient: Patient?
    public var careTeam: CareTeam?
    /// Week 1 starts here.
    public var start: LocalDate?
    /// 1…52.
    public var weeks: Int
    public var restDays: [Weekday]
    /// Scheduled session minutes per day (energy conservation).
    public var dailyMinutesLimit: Int?
    /// The profile, inline or loaded from `safety_profile`.
    public var safety: SafetyProfile?
    /// The `safety_profile` path as written, relative to the plan file.
    public var safetyProfilePath: Located<String>?
    public var items: [PlanItem]
    /// The plan file as the user named it, and where `id` was written.
    public var file: String
    public var location: SourceLocation
    /// Times the plan is paused, in date order (see `Pause`).
    public var pauses: [Pause] = []
}

extension Plan {
    /// The week of the plan (1-based) a date falls in, or nil before the start, after the last
    /// week, or for a template. The one place the toolkit works out week-of-date.
    public func week(of date: LocalDate) -> Int? {
        guard let start else { return nil }
        let d = start.days(to: date)
        guard d >= 0 else { return nil }
        let w = d / 7 + 1
        return w <= weeks ? w : nil
    }

    /// The first day of a week of the plan (which may lie outside it), or nil for a template.
    public func firstDay(ofWeek week: Int) -> LocalDate? {
        start?.adding(days: 7 * (week - 1))
    }
}
