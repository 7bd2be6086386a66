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
        (kinds.isEmpty || kinds.contains(e.kind))
            && (positions.isEmpty || positions.contains(e.position))
            && (movements.isEmpty || !movements.isDisjoint(with: e.effectiveMovements))
    }
}

/// A rule's `then`.
public struct RuleEffect: Sendable, Equatable {
    /// `block: all`.
    public var blockAll = false
    public var blockMovements: Set<Movement> = []
    public var blockKinds: Set<ExerciseKind> = []
    /// Extension: items with every tag of one combination are blocked (`[spinal-flexion, lifting]`:
    /// flexion under load), where a tag alone is not.
    public var blockCombinations: [Set<Movement>] = []
    /// Kinds the rule never touches (`education`).
    public var exceptKinds: Set<ExerciseKind> = []
    /// Extension: further items the rule never touches (`{kinds: [breathing], positions: [lying]}`).
    public var except: [ItemFilter] = []
    /// Extension: the items `require` and `max_intensity` touch; all items when nil.
    public var appliesTo: ItemFilter?
    public var maxIntensity: Intensity?
    public var require: Set<Requirement> = []
    public var alert: AlertLevel?
    public var message: String?
    /// Extension: the daily minutes limit is multiplied by this (0 < f ≤ 1), e.g. 0.5 for severe fatigue.
    public var dailyMinutesFactor: Double?

    public init() {}

    /// True when the rule leaves this item alone whatever else it says.
    public func excepts(_ e: Exercise) -> Bool {
        exceptKinds.contains(e.kind) || except.contains { $0.matches(e) }
    }

    /// True when `require` and `max_intensity` reach this item.
    public func touches(_ e: Exercise) -> Bool {
        !excepts(e) && (appliesTo?.matches(e) ?? true)
    }

    /// The movement tags or combinations of this item that the rule blocks (empty: none).
    public func blockedMovements(of e: Exercise) -> [String] {
        let tags = e.effectiveMovements
        guard (!tags.isDisjoint(with: blockMovements) || !blockCombinations.isEmpty || blockKinds.contains(e.kind)),
              !excepts(e) else { return [] }
        var out = tags.intersection(blockMovements).sorted().map(\.rawValue)
        for combo in blockCombinations where combo.isSubset(of: tags) {
            out.append(combo.sorted().map(\.rawValue).joined(separator: " + "))
        }
        if blockKinds.contains(e.kind) { out.append("kind \(e.kind.rawValue)") }
        return out
    }
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
    public let id: String
    public let title: String
    /// Why the rule exists, in words for the care team.
    public let rationale: String?
    /// The published source, or "clinic convention" / "design choice" where that is what it is.
    public let source: String
    public let when: RuleCondition
    public let then: RuleEffect
    public let whenMissing: MissingPolicy
    public let examples: [RuleExample]
    /// "default" for the bundled set, else the rules file it came from.
    public let origin: String
    public let location: SourceLocation

    public init(id: String, title: String, rationale: String?, source: String, when: RuleCondition, then: RuleEffect,
                whenMissing: MissingPolicy, examples: [RuleExample], origin: String, location: SourceLocation) {
        self.id = id
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
