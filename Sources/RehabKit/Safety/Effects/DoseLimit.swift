/// What the fired rules change in how much of an item is done: the one path every dose-changing
/// effect takes. An effect's verdict on an item is `.dose` with the part it changes filled in; the
/// engine keeps, per item, the strictest of all of them (`tightened(by:)`), judged on the exercise
/// done (the easier variant when one replaced the planned one), in `ItemDecision.doseLimit`; the
/// scheduler applies that to the item's progression and dose. A new dose-changing kind of effect —
/// capping sets, say — is its own file whose verdict is `.dose(DoseLimit(most: ["sets": n]))`, and
/// a line in `RuleEffectKinds.all`; nothing else changes.
public struct DoseLimit: Sendable, Equatable {
    /// A progression step at most once every so many weeks (1: as the plan says).
    public var everyWeeksAtLeast: Int
    /// The most of each numeric dose key (`Dose.numericKeys`: `sets`, `reps`, `hold_seconds`,
    /// `minutes`, `rest_seconds`) a week's dose may have, whatever the plan and its progression.
    public var most: [String: Int]

    public init(everyWeeksAtLeast: Int = 1, most: [String: Int] = [:]) {
        self.everyWeeksAtLeast = everyWeeksAtLeast
        self.most = most
    }

    /// No limit: the dose as the plan and its progression give it.
    public static let none = DoseLimit()

    /// The strictest of both: the slower pace, the lower cap of each key.
    public func tightened(by other: DoseLimit) -> DoseLimit {
        DoseLimit(
            everyWeeksAtLeast: max(everyWeeksAtLeast, other.everyWeeksAtLeast),
            most: most.merging(other.most, uniquingKeysWith: min))
    }

    /// `dose` within the caps (a key the dose does not give stays absent).
    public func capping(_ dose: Dose) -> Dose {
        var d = dose
        for (key, cap) in most { if let v = d[key], v > cap { d[key] = cap } }
        return d
    }

    /// The caps in words for the care team ("sets at most 2"), in dose-key order. A slower pace is
    /// not among them: it changes no item's decision (the schedule's progression shows it).
    public var changes: [String] {
        Dose.numericKeys.compactMap { key in
            most[key].map { "\(key.replacingOccurrences(of: "_", with: " ")) at most \($0)" }
        }
    }
}
