import YAMLReader

/// `block_kinds: [...]`: items of these kinds are blocked.
struct BlockKindsEffect: RuleEffectKind {
    static let schema: [(key: String, node: SchemaNode)] = [
        ("block_kinds", .array("block items of these kinds", of: DocumentSchemas.word("a kind", ExerciseKind.self)))
    ]
    var kinds: Set<ExerciseKind>

    static func read(_ f: Fields, _ r: NodeReader) -> BlockKindsEffect? {
        guard f.has("block_kinds") else { return nil }
        let set = RuleReader.kinds(f["block_kinds"], "block_kinds", r)
        return set.isEmpty ? nil : BlockKindsEffect(kinds: set)
    }

    var summary: String { "blocks kinds " + kinds.map(\.rawValue).sorted().joined(separator: ", ") }

    func verdict(on e: Exercise, scope: RuleScope, context: EffectContext) -> Verdict? {
        // The kind as written: blocking reaches an education item with tags too.
        guard kinds.contains(e.kind), !scope.excepts(e) else { return nil }
        return .blocked(.tags(["kind \(e.kind.rawValue)"]))
    }

    func weaker(than other: any RuleEffectKind) -> String? {
        guard let other = other as? Self else { return nil }
        let lost = other.kinds.subtracting(kinds)
        return lost.isEmpty ? nil : "no longer blocks kinds " + lost.map(\.rawValue).sorted().joined(separator: ", ")
    }
}
