import YAMLReader

/// One kind of effect a rule's `then` may have. Each kind is one file: the keys it reads, how it
/// reads them, how it describes itself, and what it does to an item or a plan. The table
/// `RuleEffectKinds.all` lists them; a new kind of effect is a new file and a line there.
protocol RuleEffectKind: Sendable {
    /// The keys of `then` this kind reads.
    static var keys: [String] { get }
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
    func verdict(on e: Exercise, scope: RuleScope, context: EffectContext) -> Verdict? { nil }
    func apply(to plan: inout PlanEffects) {}
    func weaker(than other: any RuleEffectKind) -> String? { nil }
}

/// The kinds of effect, in the order `rehab rules show` describes them.
enum RuleEffectKinds {
    static let all: [any RuleEffectKind.Type] = [
        BlockAllEffect.self, BlockMovementsEffect.self, BlockCombinationsEffect.self, BlockKindsEffect.self,
        IntensityCapEffect.self, RequireEffect.self, DailyMinutesEffect.self, PlanStatusEffect.self,
    ]

    static var keys: [String] { all.flatMap { $0.keys } }
}

/// What one rule's effect does to one item.
public enum Verdict: Sendable, Equatable {
    /// Off the routine, with the reason for the care team.
    case blocked(BlockReason)
    /// Kept, though the rule stops all exercise: the item is a spinal precaution.
    case keptAsPrecaution
    /// Only with the physiotherapist.
    case supervised
    /// The item's clearance requirement is met.
    case cleared
    /// Done at or below this intensity (an easier variant replaces it, or it is blocked).
    case cap(Intensity)
    /// Upright work in the prescribed brace.
    case brace
}

public enum BlockReason: Sendable, Equatable {
    case all
    /// Movement tags, combinations ("spinal-flexion + lifting") or kinds ("kind strength").
    case tags([String])
    /// A clearance from one of these teams is needed and not recorded.
    case clearance([ClinicalTeam])
}

/// Which items a rule reaches: `except_kinds`, `except` and `applies_to`.
public struct RuleScope: Sendable, Equatable {
    public var exceptKinds: Set<ExerciseKind> = []
    public var except: [ItemFilter] = []
    /// The items `require` and `max_intensity` reach; all items when nil.
    public var appliesTo: ItemFilter?

    public init(exceptKinds: Set<ExerciseKind> = [], except: [ItemFilter] = [], appliesTo: ItemFilter? = nil) {
        self.exceptKinds = exceptKinds
        self.except = except
        self.appliesTo = appliesTo
    }

    /// True when the rule leaves this item alone whatever else it says. Kinds are judged as the
    /// rules see them: an education item with movement tags is exercise.
    public func excepts(_ e: Exercise) -> Bool {
        (e.judgedKind.map(exceptKinds.contains) ?? false) || except.contains { $0.matches(e) }
    }

    /// True when `require` and `max_intensity` reach this item.
    public func touches(_ e: Exercise) -> Bool {
        !excepts(e) && (appliesTo?.matches(e) ?? true)
    }
}

/// A set of items: those of the given kinds and/or positions and/or with any of the movements.
/// An empty filter matches every item.
public struct ItemFilter: Sendable, Equatable {
    public var kinds: Set<ExerciseKind> = []
    public var positions: Set<Position> = []
    public var movements: Set<Movement> = []

    public init(kinds: Set<ExerciseKind> = [], positions: Set<Position> = [], movements: Set<Movement> = []) {
        self.kinds = kinds
        self.positions = positions
        self.movements = movements
    }

    public func matches(_ e: Exercise) -> Bool {
        (kinds.isEmpty || (e.judgedKind.map(kinds.contains) ?? false))
            && (positions.isEmpty || positions.contains(e.position))
            && (movements.isEmpty || !movements.isDisjoint(with: e.effectiveMovements))
    }

    var summary: String {
        var parts: [String] = []
        if !kinds.isEmpty { parts.append("kind " + kinds.map(\.rawValue).sorted().joined(separator: "/")) }
        if !positions.isEmpty { parts.append("position " + positions.map(\.rawValue).sorted().joined(separator: "/")) }
        if !movements.isEmpty { parts.append("movements " + movements.sorted().map(\.rawValue).joined(separator: "/")) }
        return parts.joined(separator: " and ")
    }
}

/// What the check knows beyond the item: the profile as of the date checked.
public struct EffectContext: Sendable {
    public var profile: SafetyProfile
    public var asOf: LocalDate?

    /// A clearance from one of `teams`, dated on or after the assessment and not after the day checked.
    public func hasClearance(from teams: Set<ClinicalTeam>) -> Bool {
        guard let assessed = profile.assessed else { return false }
        return profile.clearance?.contains {
            teams.contains($0.by) && $0.date >= assessed && { c in asOf.map { c.date <= $0 } ?? true }($0)
        } ?? false
    }
}

/// What the fired rules do to the plan as a whole.
public struct PlanEffects: Sendable {
    /// The product of the rules' daily-minutes factors (1 when none).
    public var dailyMinutesFactor = 1.0
    /// The least status the rules allow (`plan_status`).
    public var minimumStatus: PlanStatus = .clear
}
