/// How urgently the care team or patient must act on a fired rule.
public enum AlertLevel: String, CaseIterable, Sendable, Comparable, Codable {
    /// Now: stop and contact the team today.
    case urgent
    case within24h = "within-24h"
    case review, info

    public var rank: Int { AlertLevel.allCases.firstIndex(of: self)! }

    /// Most urgent first.
    public static func < (a: AlertLevel, b: AlertLevel) -> Bool { a.rank < b.rank }

    public var heading: String {
        switch self {
        case .urgent: return "URGENT — act now"
        case .within24h: return "WITHIN 24 HOURS"
        case .review: return "REVIEW"
        case .info: return "FOR INFORMATION"
        }
    }
}

/// What a rule may require of the items it touches.
public enum Requirement: String, CaseIterable, Sendable, Codable {
    /// Upright items are done in the prescribed brace.
    case brace
    /// Items are blocked until the profile records a clearance on or after `assessed`.
    case clearance
    /// Items move off the home routine to "with your physiotherapist".
    case supervision
}

public enum MissingPolicy: String, CaseIterable, Sendable, Codable {
    /// An undecided rule is applied (fail closed). The default.
    case apply
    /// An undecided rule is not applied (for data a home programme often lacks, such as bloods).
    case skip
}

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
        let context = EffectContext(profile: SafetyProfile(location: SourceLocation(file: "", line: 0, column: 0)), asOf: nil)
        return effects.compactMap { effect -> [String]? in
            guard !(effect is RequireEffect), case .blocked(.tags(let tags))? = effect.verdict(on: e, scope: scope, context: context) else { return nil }
            return tags
        }.flatMap { $0 }
    }

    /// The effects in words, for `rehab rules show`.
    public var summaries: [String] { effects.map(\.summary) }

    func apply(to plan: inout PlanEffects) {
        for effect in effects { effect.apply(to: &plan) }
    }
}

/// What a rule example expects the rule alone to do to the reference exercises
/// (`ReferenceExercises`) for a profile: the exact sets of blocked, supervised, modified and
/// precaution items, and the alert (`none` for no alert). A key left out is not checked.
public struct RuleExpectation: Sendable {
    public var profile: SafetyProfile
    public var asOf: LocalDate?
    public var blocked: Set<String>?
    public var supervised: Set<String>?
    public var modified: Set<String>?
    public var precaution: Set<String>?
    /// `.some(nil)`: no alert expected.
    public var alert: AlertLevel??
    public var location: SourceLocation
}

/// A profile that must, or must not, make a rule fire.
public struct RuleExample: Sendable {
    public var profile: SafetyProfile
    /// The date the example is checked for (for `assessment_age_days`).
    public var asOf: LocalDate?
    public var triggers: Bool
    public var location: SourceLocation
}

/// One safety rule: data that describes itself (FORMAT.md §4). A class, immutable once read:
/// every check passes rules around many times, and a reference costs one retain.
public final class SafetyRule: Sendable {
    public let id: RuleID
    public let title: String
    /// Why the rule exists, in words for the care team.
    public let rationale: String?
    /// The published source, or "clinic convention" / "design choice" where that is what it is.
    public let source: String
    public let when: RuleCondition
    public let then: RuleEffect
    public let whenMissing: MissingPolicy
    public let examples: [RuleExample]
    /// What the rule does to the reference exercises for given profiles.
    public let expectations: [RuleExpectation]
    /// A clinic's replacement that blocks or alerts less than the default says so, and why.
    public let weakens: Bool
    public let reason: String?
    /// "default" for the bundled set, else the rules file it came from.
    public let origin: String
    public let location: SourceLocation

    public init(id: RuleID, title: String, rationale: String?, source: String, when: RuleCondition, then: RuleEffect,
                whenMissing: MissingPolicy, examples: [RuleExample], expectations: [RuleExpectation] = [],
                weakens: Bool = false, reason: String? = nil, origin: String, location: SourceLocation) {
        self.id = id
        self.expectations = expectations
        self.weakens = weakens
        self.reason = reason
        self.title = title
        self.rationale = rationale
        self.source = source
        self.when = when
        self.then = then
        self.whenMissing = whenMissing
        self.examples = examples
        self.origin = origin
        self.location = location
    }
}
