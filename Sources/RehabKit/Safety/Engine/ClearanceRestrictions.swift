/// The restrictions a team gave with its clearance (`restrict_movements`), as one more rule: they
/// block like any rule's movement block (SAFETY.md). Every clearance's restrictions count, even
/// one that does not count as a clearance (fail closed); a future-dated one is an input error.
enum ClearanceRestrictions {
    static let id: RuleID = "clearance-restrictions"

    static func rule(for profile: SafetyProfile, asOf: LocalDate?) -> SafetyRule? {
        let given = (profile.clearance ?? []).filter { !$0.restrictMovements.isEmpty }
        guard !given.isEmpty else { return nil }
        var then = RuleEffect()
        then.effects = [
            BlockMovementsEffect(movements: given.reduce(into: Set<Movement>()) { $0.formUnion($1.restrictMovements) })
        ]
        let source = given.map { c in
            "clearance by \(c.by.rawValue), \(c.date)\(c.note.map { ": \($0)" } ?? "")"
        }.joined(separator: "; ")
        return SafetyRule(
            id: id, title: "Restrictions given with a clearance", rationale: nil, source: source,
            when: .all([]), then: then, whenMissing: .apply, examples: [], origin: "profile",
            location: given[0].location ?? profile.location)
    }
}
