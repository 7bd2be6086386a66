import YAMLReader

/// `block_movements: [...]`: items with any of these tags (as written or implied) are blocked.
struct BlockMovementsEffect: RuleEffectKind {
    static let schema: [(key: String, node: SchemaNode)] = [
        (
            "block_movements",
            .array("block items with any of these tags", of: DocumentSchemas.word("a movement tag", Movement.self))
        )
    ]
    var movements: Set<Movement>

    static func read(_ f: Fields, _ r: NodeReader) -> BlockMovementsEffect? {
        guard f.has("block_movements") else { return nil }
        let set = RuleReader.movements(f["block_movements"], "block_movements", r)
        return set.isEmpty ? nil : BlockMovementsEffect(movements: set)
    }

    var summary: String { "blocks " + movements.sorted().map(\.rawValue).joined(separator: ", ") }

    func verdict(on e: Exercise, scope: RuleScope, context: EffectContext) -> Verdict? {
        let hit = e.effectiveMovements.intersection(movements)
        guard !hit.isEmpty, !scope.excepts(e) else { return nil }
        return .blocked(.tags(hit.sorted().map(\.rawValue)))
    }

    func weaker(than other: any RuleEffectKind) -> String? {
        guard let other = other as? Self else { return nil }
        let lost = other.movements.subtracting(movements)
        return lost.isEmpty ? nil : "no longer blocks " + lost.sorted().map(\.rawValue).joined(separator: ", ")
    }
}
