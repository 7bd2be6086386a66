/// `rehab exercises`: the library, filtered by kind and movement, and — for a patient's plan — what
/// the profile permits, what it restricts and why, for every exercise (the same engine as `check`).
public struct CatalogueEntry: Sendable, Encodable {
    public var id: String
    public var name: String
    public var kind: String
    public var position: String
    public var intensity: String
    /// As written.
    public var movements: [String]
    /// Implied by the position or by another tag, as the rules judge them.
    public var implied: [String]
    public var precaution: Bool
    /// With `--allowed-for`: allowed, modified, precaution, supervised or blocked.
    public var decision: String?
    public var changes: [String]?
    public var rules: [String]?
}

public enum ExerciseCatalogue {
    public static func entries(
        _ workspace: Workspace, kind: ExerciseKind? = nil, movement: Movement? = nil,
        for plan: Plan? = nil, rules: RuleSet = .defaults, asOf: LocalDate? = nil
    ) -> [CatalogueEntry] {
        let engine = SafetyEngine(rules)
        let profile = plan?.safety
        let fired = profile.map { engine.fired(for: $0, asOf: asOf ?? plan?.start) } ?? []
        return workspace.exercises
            .filter { e in
                (kind.map { e.kind == $0 } ?? true) && (movement.map { e.effectiveMovements.contains($0) } ?? true)
            }
            .sorted { $0.id < $1.id }
            .map { e in
                var entry = CatalogueEntry(
                    id: e.id.rawValue, name: e.name, kind: e.kind.rawValue, position: e.position.rawValue,
                    intensity: e.intensity.rawValue, movements: e.movements.sorted().map(\.rawValue),
                    implied: e.effectiveMovements.subtracting(e.movements).sorted().map(\.rawValue),
                    precaution: e.precaution)
                if let profile {
                    let d = engine.decide(
                        e, fired: fired, profile: profile, workspace: workspace, asOf: asOf ?? plan?.start)
                    entry.decision = d.decision.rawValue
                    entry.changes = d.changes
                    entry.rules = d.rules.map(\.rawValue)
                }
                return entry
            }
    }
}
