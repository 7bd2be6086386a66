/// How much of an exercise: any of sets, reps, hold (seconds), minutes, rest (seconds), and a side.
/// Every number is a positive whole number.
public struct Dose: Hashable, Sendable, Codable {
    public var sets: Int?
    public var reps: Int?
    /// Seconds each hold lasts.
    public var holdSeconds: Int?
    /// Minutes of the session.
    public var minutes: Int?
    /// Seconds of rest between holds or sets.
    public var restSeconds: Int?
    public var side: Side?

    public init(
        sets: Int? = nil, reps: Int? = nil, holdSeconds: Int? = nil, minutes: Int? = nil,
        restSeconds: Int? = nil, side: Side? = nil
    ) {
        self.sets = sets
        self.reps = reps
        self.holdSeconds = holdSeconds
        self.minutes = minutes
        self.restSeconds = restSeconds
        self.side = side
    }

    enum CodingKeys: String, CodingKey {
        case sets, reps, minutes, side
        case holdSeconds = "hold_seconds"
        case restSeconds = "rest_seconds"
    }

    /// The keys of the file format, in print order.
    public static let keys = ["sets", "reps", "hold_seconds", "minutes", "rest_seconds", "side"]
    public static let numericKeys = ["sets", "reps", "hold_seconds", "minutes", "rest_seconds"]

    public subscript(key: String) -> Int? {
        get {
            switch key {
            case "sets": return sets
            case "reps": return reps
            case "hold_seconds": return holdSeconds
            case "minutes": return minutes
            case "rest_seconds": return restSeconds
            default: return nil
            }
        }
        set {
            switch key {
            case "sets": sets = newValue
            case "reps": reps = newValue
            case "hold_seconds": holdSeconds = newValue
            case "minutes": minutes = newValue
            case "rest_seconds": restSeconds = newValue
            default: break
            }
        }
    }

    /// A dose must say how long or how many: `minutes`, `reps` or `hold_seconds`.
    public var isComplete: Bool { minutes != nil || reps != nil || holdSeconds != nil }

    public var isEmpty: Bool { self == Dose() }

    /// `other`'s values replace these, key by key.
    public func overridden(by other: Dose?) -> Dose {
        guard let other else { return self }
        var d = self
        for key in Dose.numericKeys where other[key] != nil { d[key] = other[key] }
        if let side = other.side { d.side = side }
        return d
    }

    /// Session time in whole minutes, for scheduling, exactly as FORMAT.md §1 gives it:
    /// `minutes` when given, else sets × hold × (1 + rest) seconds for holds, else
    /// sets × reps × 4 seconds — sets default to 1; rounded up, at least 1.
    public var sessionMinutes: Int {
        if let minutes { return minutes }
        let sets = self.sets ?? 1
        var seconds = 0
        if let hold = holdSeconds {
            seconds = sets * hold * (1 + (restSeconds ?? 0))
        } else if let reps {
            seconds = sets * reps * 4
        }
        return max(1, (seconds + 59) / 60)
    }
}
