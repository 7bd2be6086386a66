import YAMLReader

/// A set of items: those of the given kinds and/or positions and/or with any of the movements
/// or every tag of one of the combinations (`[spinal-extension, resistance]`: loaded extension).
/// An empty filter matches every item.
public struct ItemFilter: Sendable, Equatable {
    public var kinds: Set<ExerciseKind> = []
    public var positions: Set<Position> = []
    public var movements: Set<Movement> = []
    /// Items with every tag of one of these match too (beside `movements`).
    public var combinations: [Set<Movement>] = []

    public init(
        kinds: Set<ExerciseKind> = [], positions: Set<Position> = [], movements: Set<Movement> = [],
        combinations: [Set<Movement>] = []
    ) {
        self.kinds = kinds
        self.positions = positions
        self.movements = movements
        self.combinations = combinations
    }

    public func matches(_ e: Exercise) -> Bool {
        (kinds.isEmpty || (e.judgedKind.map(kinds.contains) ?? false))
            && (positions.isEmpty || positions.contains(e.position))
            && ((movements.isEmpty && combinations.isEmpty) || !movements.isDisjoint(with: e.effectiveMovements)
                || combinations.contains { $0.isSubset(of: e.effectiveMovements) })
    }

    var summary: String {
        var parts: [String] = []
        if !kinds.isEmpty { parts.append("kind " + kinds.map(\.rawValue).sorted().joined(separator: "/")) }
        if !positions.isEmpty { parts.append("position " + positions.map(\.rawValue).sorted().joined(separator: "/")) }
        var tags = movements.sorted().map(\.rawValue)
        tags += combinations.map { $0.sorted().map(\.rawValue).joined(separator: " + ") }
        if !tags.isEmpty { parts.append("movements " + tags.joined(separator: "/")) }
        return parts.joined(separator: " and ")
    }
}
