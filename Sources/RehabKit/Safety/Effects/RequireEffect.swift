import YAMLReader

/// `require: [brace, clearance, supervision]` with `cleared_by: [teams]`.
struct RequireEffect: RuleEffectKind {
    static let schema: [(key: String, node: SchemaNode)] = [
        ("require", .array("requirements", of: DocumentSchemas.word("a requirement", Requirement.self))),
        ("cleared_by", .array("the teams whose clearance counts", of: DocumentSchemas.team)),
    ]
    var requirements: Set<Requirement>
    /// The teams whose clearance counts (SAFETY.md): required with `clearance`.
    var clearedBy: Set<ClinicalTeam>

    static func read(_ f: Fields, _ r: NodeReader) -> RequireEffect? {
        guard f.has("require") || f.has("cleared_by") else { return nil }
        let require = Set(r.list(f["require"], "require") { r.word($0, "requirement", as: Requirement.self) } ?? [])
        let teams = Set(
            r.list(f["cleared_by"], "cleared_by") { r.word($0, "clearing team", as: ClinicalTeam.self) } ?? [])
        if require.contains(.clearance), teams.isEmpty, let at = f.key("require") {
            r.error(
                "require: [clearance] needs cleared_by: the teams whose clearance counts", at: at,
                notes: [
                    "for example cleared_by: [spinal-team, spinal-surgeon]; one of: \(ClinicalTeam.allCases.map(\.rawValue).joined(separator: ", "))"
                ])
            return nil
        }
        if !teams.isEmpty, !require.contains(.clearance), let at = f.key("cleared_by") {
            r.error("cleared_by goes with require: [clearance]", at: at)
            return nil
        }
        return RequireEffect(requirements: require, clearedBy: teams)
    }

    var summary: String {
        var s = "requires " + requirements.map(\.rawValue).sorted().joined(separator: ", ")
        if !clearedBy.isEmpty {
            s += " (cleared by " + clearedBy.map(\.rawValue).sorted().joined(separator: " or ") + ")"
        }
        return s
    }

    /// The strictest of the requirements that reach the item; the engine combines them.
    func verdicts(on e: Exercise, scope: RuleScope, context: EffectContext) -> [Verdict] {
        guard scope.touches(e) else { return [] }
        var out: [Verdict] = []
        if requirements.contains(.clearance) {
            out.append(
                context.hasClearance(from: clearedBy)
                    ? .cleared : .blocked(.clearance(clearedBy.sorted { $0.rawValue < $1.rawValue })))
        }
        if requirements.contains(.supervision) { out.append(.supervised) }
        if requirements.contains(.brace), e.effectiveMovements.contains(.upright) { out.append(.brace) }
        return out
    }

    func verdict(on e: Exercise, scope: RuleScope, context: EffectContext) -> Verdict? {
        verdicts(on: e, scope: scope, context: context).first
    }

    func weaker(than other: any RuleEffectKind) -> String? {
        guard let other = other as? Self else { return nil }
        let lost = other.requirements.subtracting(requirements)
        if !lost.isEmpty { return "no longer requires " + lost.map(\.rawValue).sorted().joined(separator: ", ") }
        let extra = clearedBy.subtracting(other.clearedBy)
        if !extra.isEmpty {
            return "also counts a clearance by " + extra.map(\.rawValue).sorted().joined(separator: ", ")
        }
        return nil
    }
}
