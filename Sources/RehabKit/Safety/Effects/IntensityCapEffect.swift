import YAMLReader

/// `max_intensity: light`: items above the cap are replaced by the nearest easier variant within
/// it that no rule blocks, or blocked.
struct IntensityCapEffect: RuleEffectKind {
    static let schema: [(key: String, node: SchemaNode)] = [
        ("max_intensity", DocumentSchemas.word("cap the intensity", Intensity.self))
    ]
    var cap: Intensity

    static func read(_ f: Fields, _ r: NodeReader) -> IntensityCapEffect? {
        r.word(f["max_intensity"], "max_intensity", as: Intensity.self).map(IntensityCapEffect.init)
    }

    var summary: String { "caps intensity at \(cap.rawValue)" }

    func verdict(on e: Exercise, scope: RuleScope, context: EffectContext) -> Verdict? {
        e.intensity > cap && scope.touches(e) ? .cap(cap) : nil
    }

    func weaker(than other: any RuleEffectKind) -> String? {
        guard let other = other as? Self, cap > other.cap else { return nil }
        return "caps intensity at \(cap.rawValue), not \(other.cap.rawValue)"
    }
}
