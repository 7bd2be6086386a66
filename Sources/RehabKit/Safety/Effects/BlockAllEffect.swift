import YAMLReader

/// `block: all`: every exercise stops. Spinal precautions are not exercise and stay.
struct BlockAllEffect: RuleEffectKind {
    static let schema: [(key: String, node: SchemaNode)] = [
        ("block", .string("block every exercise (precautions stay)", values: ["all"]))
    ]

    static func read(_ f: Fields, _ r: NodeReader) -> BlockAllEffect? {
        guard let node = f["block"], let s = r.string(node, "block") else { return nil }
        guard s == "all" else {
            r.error("block takes 'all'", at: node, notes: ["to block some items use block_movements or block_kinds"])
            return nil
        }
        return BlockAllEffect()
    }

    var summary: String { "blocks every item (spinal precautions stay)" }

    func verdict(on e: Exercise, scope: RuleScope, context: EffectContext) -> Verdict? {
        // A precaution is kept, and said to be kept, even where the rule's scope also spares it.
        if e.precaution { return .keptAsPrecaution }
        return scope.excepts(e) ? nil : .blocked(.all)
    }
}
