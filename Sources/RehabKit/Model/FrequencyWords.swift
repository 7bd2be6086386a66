/// A frequency written in words, for the did-you-mean note of an unknown frequency: "twice daily"
/// → `2/day`, "three times a week" → `3/week`, "once a day" → `daily`, "weekly" → `1/week`.
extension Frequency {
    /// The frequency the words say, or nil when they say none (or one outside 1–12/day, 1–7/week).
    /// "every 2 days" and "every other day" say no frequency of the grammar: nil.
    public init?(words text: String) {
        var count: Int?
        var period: String?
        var every = false
        let tokens = text.lowercased().split { !$0.isLetter && !$0.isNumber }.map(String.init)
        for token in tokens {
            if let n = Self.counts[token] ?? Int(token) ?? Self.timesSuffixed(token) {
                guard count == nil else { return nil }
                count = n
            } else if let p = Self.periods[token] {
                guard period == nil || period == p else { return nil }
                period = p
            } else if token == "every" || token == "each" {
                every = true
            } else if !Self.filler.contains(token) {
                return nil
            }
        }
        guard let period, !(every && count != nil) else { return nil }
        switch (period, count ?? 1) {
        case ("day", 1): self = .daily
        case ("day", let n) where (1...12).contains(n): self = .perDay(n)
        case ("week", let n) where (1...7).contains(n): self = .perWeek(n)
        default: return nil
        }
    }

    static let counts = [
        "once": 1, "twice": 2, "thrice": 3, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5,
        "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    ]
    static let periods = [
        "day": "day", "days": "day", "daily": "day", "week": "week", "weeks": "week", "weekly": "week",
    ]
    static let filler: Set<String> = ["a", "an", "per", "times", "time", "x", "sessions", "session", "in"]

    /// "3x" → 3.
    static func timesSuffixed(_ token: String) -> Int? {
        token.count > 1 && token.hasSuffix("x") ? Int(token.dropLast()) : nil
    }
}
