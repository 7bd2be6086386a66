/// A small fixed library that rule examples state their effects against
/// (`examples: {expect: [{profile, blocked: [...], supervised: [...]}]}`): every kind, the
/// positions and the movement tags the rules act on, and two spinal precautions. Documented in
/// docs/SAFETY-ENGINE.md; changing it changes what every `expect` means, so it is code, not data.
public enum ReferenceExercises {
    private static let here = SourceLocation(file: "reference-exercises", line: 1, column: 1)

    private static func x(
        _ id: String, _ kind: ExerciseKind, _ position: Position, _ tags: Set<Movement>,
        _ intensity: Intensity = .light, easier: String? = nil, precaution: Bool = false
    ) -> Exercise {
        Exercise(
            id: ExerciseID(id), name: id, kind: kind, summary: id, steps: [id], position: position, movements: tags,
            intensity: intensity, dose: Dose(minutes: 5), easier: easier.map { Located($0, at: here) },
            precaution: precaution, location: here)
    }

    public static let all: [Exercise] = [
        x("walking", .activity, .standing, [.aerobic]),
        x("walking-brisk", .activity, .standing, [.aerobic], .moderate, easier: "walking"),
        x("seated-marching", .activity, .sitting, [.aerobic, .legLoading], .veryLight),
        x("curl-up", .strength, .lying, [.spinalFlexion]),
        x("trunk-twist", .mobility, .sitting, [.spinalRotation, .sideBending]),
        x("back-extension", .strength, .lying, [.spinalExtension, .prone]),
        x("bag-lift", .strength, .standing, [.lifting, .spinalFlexion, .armLoading]),
        x("sit-to-stand", .strength, .sitting, [.legLoading, .spinalFlexion]),
        x("heel-raises", .strength, .standing, [.legLoading, .balance]),
        x("hopping", .activity, .standing, [.impact, .legLoading], .moderate),
        x("wall-push-up", .strength, .standing, [.armLoading, .resistance]),
        x("band-row", .strength, .sitting, [.resistance, .armLoading]),
        x("knee-extension-weighted", .strength, .sitting, [.resistance, .legLoading]),
        x("back-extension-weighted", .strength, .lying, [.spinalExtension, .prone, .resistance]),
        x("overhead-reach", .mobility, .sitting, [.overhead]),
        x("weighted-carry", .strength, .standing, [.axialLoading, .lifting]),
        x("breath-hold-plank", .strength, .any, [.breathHolding, .prone, .armLoading], .moderate),
        x("single-leg-stand", .activity, .standing, [.balance]),
        x("ankle-pumps", .mobility, .lying, [], .veryLight),
        x("breathing-lying", .breathing, .lying, [], .veryLight),
        x("breathing-sitting", .breathing, .sitting, [], .veryLight),
        x("relaxation-lying", .relaxation, .lying, [], .veryLight),
        x("education", .education, .any, [], .veryLight),
        x("log-roll", .mobility, .lying, [], .veryLight, precaution: true),
        x("brace-wear", .bracing, .any, [.upright], .veryLight, precaution: true),
    ]

    public static var ids: [String] { all.map(\.id.rawValue) }

    static let workspace = Workspace(
        root: "/", exercises: all,
        exercisesByID: Dictionary(all.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a }),
        plans: [], files: [:])

    /// What one rule alone does to every reference exercise for a profile.
    public static func decisions(_ rule: SafetyRule, profile: SafetyProfile, asOf: LocalDate?) -> (
        items: [ItemDecision], alert: AlertLevel?
    ) {
        guard let f = SafetyEngine.evaluate(rule, ProfileView(profile, asOf: asOf)) else {
            let engine = SafetyEngine(rules: [])
            return (all.map { engine.decide($0, fired: [], profile: profile, workspace: workspace, asOf: asOf) }, nil)
        }
        let engine = SafetyEngine(rules: [rule])
        return (
            all.map { engine.decide($0, fired: [f], profile: profile, workspace: workspace, asOf: asOf) },
            rule.then.alert
        )
    }

    /// Where a rule's `expect` disagrees with what the rule does, in words; nil when it agrees.
    public static func mismatch(_ rule: SafetyRule, _ e: RuleExpectation) -> String? {
        let (items, alert) = decisions(rule, profile: e.profile, asOf: e.asOf)
        var problems: [String] = []
        func compare(_ name: String, _ wanted: Set<String>?, _ decision: Decision) {
            guard let wanted else { return }
            let got = Set(items.filter { $0.decision == decision }.map(\.exercise.rawValue))
            if got != wanted {
                var parts: [String] = []
                let extra = got.subtracting(wanted).sorted()
                let lacking = wanted.subtracting(got).sorted()
                if !extra.isEmpty { parts.append("also \(extra.joined(separator: ", "))") }
                if !lacking.isEmpty { parts.append("not \(lacking.joined(separator: ", "))") }
                problems.append("\(name): \(parts.joined(separator: "; "))")
            }
        }
        compare("blocked", e.blocked, .blocked)
        compare("supervised", e.supervised, .supervised)
        compare("modified", e.modified, .modified)
        compare("precaution", e.precaution, .precaution)
        if let wanted = e.alert, wanted != alert {
            problems.append("alert \(alert?.rawValue ?? "none"), expected \(wanted?.rawValue ?? "none")")
        }
        return problems.isEmpty ? nil : problems.joined(separator: "; ")
    }
}
