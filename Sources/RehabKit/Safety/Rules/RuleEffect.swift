/// A rule's `then`: its effects (one of each kind at most, see `RuleEffectKinds`), the items it
/// reaches, and its alert with a message for the care team and one for the patient.
public struct RuleEffect: Sendable {
    var effects: [any RuleEffectKind] = []
    public var scope = RuleScope()
    public var alert: AlertLevel?
    /// For the care team.
    public var message: String?
    /// Plain words for the printed sheet: no scores, no abbreviations (reading age about 9–11).
    public var patientMessage: String?

    public init() {}

    func effect<K: RuleEffectKind>(_ kind: K.Type) -> K? {
        effects.lazy.compactMap { $0 as? K }.first
    }

    /// `block: all`.
    public var blockAll: Bool { effect(BlockAllEffect.self) != nil }
    public var blockMovements: Set<Movement> { effect(BlockMovementsEffect.self)?.movements ?? [] }
    public var maxIntensity: Intensity? { effect(IntensityCapEffect.self)?.cap }
    public var require: Set<Requirement> { effect(RequireEffect.self)?.requirements ?? [] }
    public var clearedBy: Set<ClinicalTeam> { effect(RequireEffect.self)?.clearedBy ?? [] }
    public var dailyMinutesFactor: Double? { effect(DailyMinutesEffect.self)?.factor }
    public var planStatus: PlanStatus? { effect(PlanStatusEffect.self)?.status }

    /// True when the rule leaves this item alone whatever else it says.
    public func excepts(_ e: Exercise) -> Bool { scope.excepts(e) }

    /// Every verdict of this rule's effects on one item.
    public func verdicts(on e: Exercise, context: EffectContext) -> [Verdict] {
        var out: [Verdict] = []
        for effect in effects {
            if let require = effect as? RequireEffect {
                out += require.verdicts(on: e, scope: scope, context: context)
            } else if let v = effect.verdict(on: e, scope: scope, context: context) {
                out.append(v)
            }
        }
        return out
    }

    /// The movement tags, combinations or kinds of this item that the rule blocks (empty: none).
    public func blockedMovements(of e: Exercise) -> [String] {
        let context = EffectContext(
            profile: SafetyProfile(location: SourceLocation(file: "", line: 0, column: 0)), asOf: nil)
        return effects.compactMap { effect -> [String]? in
            guard !(effect is RequireEffect),
                case .blocked(.tags(let tags))? = effect.verdict(on: e, scope: scope, context: context)
            else { return nil }
            return tags
        }.flatMap { $0 }
    }

    /// The effects in words, for `rehab rules show`.
    public var summaries: [String] { effects.map(\.summary) }

    func apply(to plan: inout PlanEffects) {
        for effect in effects { effect.apply(to: &plan) }
    }
}
