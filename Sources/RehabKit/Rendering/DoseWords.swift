import Foundation

/// Doses in plain words for patients: "10 minutes", "2 sets of 8", "5 times, hold 10 seconds, each side".
/// Which parts a dose has, and their order, are decided here; the words of each part come from a
/// `Phrasing` — English by default, or a clinic's strings table for the printed sheet (RehabPrint).
public enum DoseWords {
    /// The words of each part of a dose, by key: `sets` ({sets}, {reps}), `once`, `times` ({n}),
    /// `hold` ({n} seconds), `minutes` ({n}), `also-minutes` (minutes after a count, "(5 minutes)"),
    /// `rest` ({n} seconds), `side.each|left|right|both`; and the separator between parts.
    public struct Phrasing: Sendable {
        public var separator: String
        public var phrase: @Sendable (_ key: String, _ values: [String: Int]) -> String

        public init(separator: String, phrase: @escaping @Sendable (_ key: String, _ values: [String: Int]) -> String) {
            self.separator = separator
            self.phrase = phrase
        }

        /// The care team's outputs (schedule, calendar, FHIR, progress) in English.
        public static let english = Phrasing(separator: ", ") { key, v in
            let n = v["n"] ?? 0
            func plural(_ word: String) -> String { "\(n) \(word)\(n == 1 ? "" : "s")" }
            switch key {
            case "sets": return "\(v["sets"] ?? 0) sets of \(v["reps"] ?? 0)"
            case "once": return "once"
            case "times": return "\(n) times"
            case "hold": return "hold " + plural("second")
            case "minutes": return plural("minute")
            case "also-minutes": return "(" + plural("minute") + ")"
            case "rest": return "rest " + plural("second")
            case "side.each": return "each side"
            case "side.left": return "left side"
            case "side.right": return "right side"
            case "side.both": return "both sides together"
            default: return key
            }
        }
    }

    public static func text(_ d: Dose, phrasing p: Phrasing = .english) -> String {
        var parts: [String] = []
        switch (d.sets, d.reps) {
        case (let s?, let r?) where s > 1: parts.append(p.phrase("sets", ["sets": s, "reps": r]))
        case (_, let r?): parts.append(r == 1 ? p.phrase("once", [:]) : p.phrase("times", ["n": r]))
        case (let s?, nil) where s > 1: parts.append(p.phrase("times", ["n": s]))
        default: break
        }
        if let h = d.holdSeconds { parts.append(p.phrase("hold", ["n": h])) }
        // Minutes after a count are that count's length, joined without a separator: "10 times (5 minutes)".
        var minutes: String?
        if let m = d.minutes {
            if parts.isEmpty {
                parts.append(p.phrase("minutes", ["n": m]))
            } else {
                minutes = p.phrase("also-minutes", ["n": m])
            }
        }
        if let minutes { parts[parts.count - 1] += " " + minutes }
        if let r = d.restSeconds { parts.append(p.phrase("rest", ["n": r])) }
        if let side = d.side { parts.append(p.phrase("side." + side.rawValue, [:])) }
        return parts.joined(separator: p.separator)
    }

    /// The dose of a session and, when it is done in the brace, "in your brace": "10 times, each
    /// side, in your brace" (the calendar's and FHIR's English; the printed sheet takes its words
    /// from the strings table).
    public static func text(_ d: Dose, inBrace: Bool) -> String {
        text(d) + (inBrace ? ", in your brace" : "")
    }
}
