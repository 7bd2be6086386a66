import YAMLReader

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
