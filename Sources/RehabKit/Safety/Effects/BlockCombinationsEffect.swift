import YAMLReader

/// `block_combinations: [[spinal-flexion, lifting], …]` (extension): items with every tag of one
/// combination are blocked, where a tag alone is not (flexion under load).
struct BlockCombinationsEffect: RuleEffectKind {
    static let schema: [(key: String, node: SchemaNode)] = [
        (
            "block_combinations",
            .array(
                "block items with every tag of one combination",
                of: .array("a combination", of: DocumentSchemas.word("a movement tag", Movement.self), minItems: 2))
        )
    ]
    var combinations: [Set<Movement>]

    static func read(_ f: Fields, _ r: NodeReader) -> BlockCombinationsEffect? {
        guard f.has("block_combinations") else { return nil }
        let combos = RuleReader.combinations(f["block_combinations"], "block_combinations", r)
        return combos.isEmpty ? nil : BlockCombinationsEffect(combinations: combos)
    }

    var summary: String {
        "blocks " + combinations.map { $0.sorted().map(\.rawValue).joined(separator: " + ") }.joined(separator: "; ")
    }

    func verdict(on e: Exercise, scope: RuleScope, context: EffectContext) -> Verdict? {
        let hit = combinations.filter { $0.isSubset(of: e.effectiveMovements) }
        guard !hit.isEmpty, !scope.excepts(e) else { return nil }
        return .blocked(.tags(hit.map { $0.sorted().map(\.rawValue).joined(separator: " + ") }))
    }

    func weaker(than other: any RuleEffectKind) -> String? {
        guard let other = other as? Self else { return nil }
        // Each default combination must still be caught: by a combination that is a subset of it.
        let lost = other.combinations.filter { old in !combinations.contains { $0.isSubset(of: old) } }
        return lost.isEmpty
            ? nil
            : "no longer blocks "
                + lost.map { $0.sorted().map(\.rawValue).joined(separator: " + ") }.joined(separator: "; ")
    }
}
