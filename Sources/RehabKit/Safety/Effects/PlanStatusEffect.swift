import YAMLReader

/// `plan_status: restricted | blocked` (extension): the plan's status is at least this. A blocked
/// plan is not printed as a routine (the stale-assessment limits of SAFETY.md).
struct PlanStatusEffect: RuleEffectKind {
    static let schema: [(key: String, node: SchemaNode)] = [
        ("plan_status", .string("the plan's status at least", values: ["restricted", "blocked"]))
    ]
    var status: PlanStatus

    static func read(_ f: Fields, _ r: NodeReader) -> PlanStatusEffect? {
        guard let node = f["plan_status"], let s = r.word(node, "plan_status", as: PlanStatus.self) else { return nil }
        if s == .clear {
            r.error("plan_status takes restricted or blocked", at: node)
            return nil
        }
        return PlanStatusEffect(status: s)
    }

    var summary: String { "makes the plan at least \(status.rawValue)" }

    func apply(to plan: inout PlanEffects) { plan.minimumStatus = max(plan.minimumStatus, status) }

    func weaker(than other: any RuleEffectKind) -> String? {
        guard let other = other as? Self, status < other.status else { return nil }
        return "makes the plan \(status.rawValue), not \(other.status.rawValue)"
    }
}
