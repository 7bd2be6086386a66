import YAMLReader

/// `slow_progression: {movements: [arm-loading], every_weeks: 2}` (extension): items with any of
/// the movements take a progression step at most once every so many weeks (lymphoedema: slowly
/// progressed arm work), whatever the rule's scope. It blocks nothing: a dose limit
/// (`DoseLimit.everyWeeksAtLeast`) on the items it reaches, which the scheduler applies.
struct SlowProgressionEffect: RuleEffectKind {
    static let schema: [(key: String, node: SchemaNode)] = [
        (
            "slow_progression",
            .object(
                "progress items with these tags more slowly",
                [
                    ("movements", .array("tags", of: DocumentSchemas.word("a movement tag", Movement.self))),
                    ("every_weeks", .integer("one step every so many weeks at most", min: 2, max: 52)),
                ], required: ["movements", "every_weeks"])
        )
    ]
    var limit: ProgressionLimit

    static func read(_ f: Fields, _ r: NodeReader) -> SlowProgressionEffect? {
        guard let node = f["slow_progression"],
            let g = r.fields(
                node, "slow_progression", known: ["movements", "every_weeks"], required: ["movements", "every_weeks"])
        else { return nil }
        let movements = RuleReader.movements(g["movements"], "movements", r)
        guard !movements.isEmpty, let weeks = r.int(g["every_weeks"], "every_weeks", in: 2...52) else { return nil }
        return SlowProgressionEffect(limit: ProgressionLimit(movements: movements, everyWeeks: weeks))
    }

    var summary: String {
        "progresses \(limit.movements.sorted().map(\.rawValue).joined(separator: ", ")) items one step every \(limit.everyWeeks) weeks at most"
    }

    func verdict(on e: Exercise, scope: RuleScope, context: EffectContext) -> Verdict? {
        limit.movements.isDisjoint(with: e.effectiveMovements)
            ? nil : .dose(DoseLimit(everyWeeksAtLeast: limit.everyWeeks))
    }

    func weaker(than other: any RuleEffectKind) -> String? {
        guard let other = other as? Self else { return nil }
        let lost = other.limit.movements.subtracting(limit.movements)
        if !lost.isEmpty {
            return "no longer slows the progression of " + lost.sorted().map(\.rawValue).joined(separator: ", ")
        }
        if limit.everyWeeks < other.limit.everyWeeks {
            return "progresses every \(limit.everyWeeks) weeks, not \(other.limit.everyWeeks)"
        }
        return nil
    }
}

/// A slower progression for items with any of `movements`: one step every `everyWeeks` weeks at most.
public struct ProgressionLimit: Sendable, Equatable {
    public var movements: Set<Movement>
    public var everyWeeks: Int

    public init(movements: Set<Movement>, everyWeeks: Int) {
        self.movements = movements
        self.everyWeeks = everyWeeks
    }

}
