import YAMLReader

/// One kind of effect a rule's `then` may have. Each kind is one file: the keys it reads with their
/// schema, how it reads them, how it describes itself, and what it does to an item or a plan. The
/// table `RuleEffectKinds.all` lists them; a new kind of effect is a new file and a line there. A kind
/// that changes how much is done gives its verdict as `.dose(DoseLimit)`, the one path the engine and
/// the scheduler apply for every such kind.
protocol RuleEffectKind: Sendable {
    /// The keys of `then` this kind reads, with their schema (`rehab schema rules`), in order.
    static var schema: [(key: String, node: SchemaNode)] { get }
    /// The effect, when `then` has one of its keys (errors reported to `r`; nil then too).
    static func read(_ f: Fields, _ r: NodeReader) -> Self?
    /// In words, for `rehab rules show` ("blocks lifting, impact").
    var summary: String { get }
    /// What it does to an item, given the rule's scope; nil when it leaves the item alone.
    func verdict(on e: Exercise, scope: RuleScope, context: EffectContext) -> Verdict?
    /// What it does to the plan as a whole (daily time, status).
    func apply(to plan: inout PlanEffects)
    /// How much less this effect asks than `other` of the same kind, in words; nil when it asks
    /// at least as much (for the weakening check of a clinic's replacement rule).
    func weaker(than other: any RuleEffectKind) -> String?
}

extension RuleEffectKind {
    /// The keys of `then` this kind reads.
    static var keys: [String] { schema.map(\.key) }
    func verdict(on e: Exercise, scope: RuleScope, context: EffectContext) -> Verdict? { nil }
    func apply(to plan: inout PlanEffects) {}
    func weaker(than other: any RuleEffectKind) -> String? { nil }
}

/// The kinds of effect, in the order `rehab rules show` describes them.
enum RuleEffectKinds {
    static let all: [any RuleEffectKind.Type] = [
        BlockAllEffect.self, BlockMovementsEffect.self, BlockCombinationsEffect.self, BlockKindsEffect.self,
        IntensityCapEffect.self, RequireEffect.self, DailyMinutesEffect.self, PlanStatusEffect.self,
        SlowProgressionEffect.self,
    ]

    static var keys: [String] { all.flatMap { $0.keys } }
    /// The schema of every kind's keys, in the table's order.
    static var schema: [(key: String, node: SchemaNode)] { all.flatMap { $0.schema } }
}
