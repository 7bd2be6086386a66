import YAMLReader

/// `daily_minutes_factor: 0.5` (extension): the daily minutes limit is multiplied by the factor.
struct DailyMinutesEffect: RuleEffectKind {
    static let schema: [(key: String, node: SchemaNode)] = [
        ("daily_minutes_factor", .number("multiply the daily minutes limit", min: 0.05, max: 1))
    ]
    var factor: Double

    static func read(_ f: Fields, _ r: NodeReader) -> DailyMinutesEffect? {
        r.number(f["daily_minutes_factor"], "daily_minutes_factor", in: 0.05...1).map(DailyMinutesEffect.init)
    }

    var summary: String { "multiplies the daily minutes limit by \(factor)" }

    func apply(to plan: inout PlanEffects) { plan.dailyMinutesFactor *= factor }

    func weaker(than other: any RuleEffectKind) -> String? {
        guard let other = other as? Self, factor > other.factor else { return nil }
        return "multiplies the daily minutes by \(factor), not \(other.factor)"
    }
}
