import Foundation
import YAMLReader

/// The rules a check runs: the bundled defaults, with a clinic's file layered on top
/// (a rule with the same id replaces the default; new ids are added).
public struct RuleSet: Sendable {
    public var rules: [SafetyRule]
    /// The clinic's changes to the defaults, named on every report, sheet footer and rule list.
    public var changes: [RuleChange]

    public init(rules: [SafetyRule], changes: [RuleChange] = []) {
        self.rules = rules
        self.changes = changes
    }

    /// The origin name of the bundled rules.
    public static let defaultOrigin = "default"

    /// The protected core (SAFETY.md): a clinic may tighten these, never weaken them, and they
    /// cannot be acknowledged away.
    public static let protectedCore: Set<RuleID> = [
        "suspected-cord-compression", "sins-unstable", "spinal-stability-unknown", "fever",
    ]

    /// Reads a rules file. `file` is the name shown in diagnostics.
    public static func read(_ bytes: [UInt8], file: String, origin: String) -> ([SafetyRule], [Diagnostic]) {
        let reader = NodeReader(file: file)
        let node: YAMLNode?
        do {
            node = try YAMLParser.parse(bytes)
        } catch {
            return ([], [.error(error.message, at: SourceLocation(file: file, mark: error.mark), notes: error.notes)])
        }
        guard let node else {
            return ([], [.error("rules file is empty", at: SourceLocation(file: file, line: 1, column: 1))])
        }
        let rules = RuleReader.read(node, reader, origin: origin)
        // A rule that was not read must never pass in silence: that would be a rule switched off.
        if let items = node.sequence, items.count != rules.count, !reader.diagnostics.hasErrors {
            reader.add(
                .error(
                    "\(items.count - rules.count) of \(items.count) rules could not be read",
                    at: SourceLocation(file: file, mark: node.mark)))
        }
        var seen: [RuleID: SourceLocation] = [:]
        for rule in rules {
            if let first = seen[rule.id] {
                reader.add(
                    .error("duplicate rule id '\(rule.id)'", at: rule.location, notes: ["also defined at \(first)"]))
            }
            seen[rule.id] = seen[rule.id] ?? rule.location
        }
        return (rules, reader.diagnostics)
    }

    /// Reads a clinic's rules file from disk.
    public static func read(path: String, displayBase: String) -> ([SafetyRule], [Diagnostic]) {
        let shown = FileSystem.relative(FileSystem.absolute(path, base: displayBase), to: displayBase)
        do {
            let bytes = try FileSystem.read(
                FileSystem.absolute(path, base: displayBase), limit: YAMLLimits.default.maxBytes)
            return read(bytes, file: shown, origin: shown)
        } catch {
            return ([], [.error(error.message, at: SourceLocation(file: shown, line: 1, column: 1))])
        }
    }

    /// The bundled default rules (the resource `default-rules.yaml`), and what was wrong reading
    /// them. Never crashes: if the resource is missing or broken, the set is one rule that stops
    /// every plan (fail closed) and `problems` says why.
    public static let bundled: (set: RuleSet, problems: [Diagnostic]) = {
        let file = "default-rules.yaml"
        guard let url = Bundle.module.url(forResource: "default-rules", withExtension: "yaml"),
            let data = try? Data(contentsOf: url)
        else {
            let problem = Diagnostic.error(
                "the default rules resource is missing from the RehabKit bundle",
                at: SourceLocation(file: file, line: 1, column: 1), notes: ["reinstall rehab"])
            return (RuleSet(rules: [unavailable(problem.message)]), [problem])
        }
        let (rules, diagnostics) = read(Array(data), file: file, origin: defaultOrigin)
        if diagnostics.hasErrors {
            return (RuleSet(rules: [unavailable("the default rules have errors")]), diagnostics)
        }
        // Warnings about example profiles are deliberate (an example of a deficit that does not count).
        return (RuleSet(rules: rules), [])
    }()

    /// The bundled default rules; see `bundled` for what was wrong reading them.
    public static var defaults: RuleSet { bundled.set }

    /// The rule that stands in for unreadable defaults: it stops everything with an urgent alert.
    static func unavailable(_ why: String) -> SafetyRule {
        var then = RuleEffect()
        then.effects = [BlockAllEffect()]
        then.alert = .urgent
        then.message = "The safety rules could not be read (\(why)): no plan may be used until rehab is reinstalled."
        then.patientMessage = "Do not start these exercises yet. Your care team needs to check your plan."
        return SafetyRule(
            id: "default-rules-unavailable", title: "Default safety rules unavailable", rationale: nil,
            source: "fail closed", when: .all([]), then: then, whenMissing: .apply, examples: [],
            origin: defaultOrigin, location: SourceLocation(file: "default-rules.yaml", line: 1, column: 1))
    }

    /// These rules with a clinic's `overrides` on top: same id replaces in place, new ids are
    /// appended. A replacement that weakens the protected core is an error; one that weakens any
    /// other default needs `weakens: true` and a `reason:` (SAFETY.md).
    public func layered(with overrides: [SafetyRule]) -> (RuleSet, [Diagnostic]) {
        var out = rules
        var changes = self.changes
        var diagnostics: [Diagnostic] = []
        for rule in overrides {
            guard let i = out.firstIndex(where: { $0.id == rule.id }) else {
                out.append(rule)
                changes.append(RuleChange(rule: rule.id, kind: .added, origin: rule.origin, reason: rule.reason))
                continue
            }
            let original = out[i]
            let core = Self.protectedCore.contains(rule.id)
            let weakening =
                (core ? RuleWeakening.coreProblems(original, rule) : []) + RuleWeakening.compare(original, with: rule)
            if let why = weakening.first {
                if core {
                    diagnostics.append(
                        .error(
                            "'\(rule.id)' is in the protected core and cannot be weakened: \(why)", at: rule.location,
                            notes: [
                                "a clinic may tighten \(Self.protectedCore.map(\.rawValue).sorted().joined(separator: ", ")), never weaken them; remove the replacement or make it at least as strict"
                            ]
                                + weakening.dropFirst().prefix(3).map { "also: \($0)" }))
                    continue
                }
                if !rule.weakens {
                    diagnostics.append(
                        .error(
                            "the replacement of '\(rule.id)' weakens the default: \(why)", at: rule.location,
                            notes: ["if that is intended, write weakens: true and a reason: saying why"]
                                + weakening.dropFirst().prefix(3).map { "also: \($0)" }))
                    continue
                }
                changes.append(RuleChange(rule: rule.id, kind: .weakened, origin: rule.origin, reason: rule.reason))
            } else {
                changes.append(RuleChange(rule: rule.id, kind: .replaced, origin: rule.origin, reason: rule.reason))
            }
            out[i] = rule
        }
        return (RuleSet(rules: out, changes: changes), diagnostics)
    }

    public func rule(_ id: RuleID) -> SafetyRule? { rules.first { $0.id == id } }

    /// Runs every rule's examples: a profile under `triggers` must make the rule fire, one under
    /// `does_not_trigger` must not; an `expect` must match what the rule alone does to the
    /// reference exercises.
    public func runExamples() -> [ExampleResult] {
        rules.flatMap { rule in
            rule.examples.map { example in
                let fired = SafetyEngine.evaluate(rule, ProfileView(example.profile, asOf: example.asOf)) != nil
                return ExampleResult(
                    rule: rule.id, location: example.location,
                    failure: fired == example.triggers
                        ? nil
                        : "rule '\(rule.id)' should \(example.triggers ? "fire" : "not fire") for this example, but it did\(fired ? "" : " not")"
                )
            }
                + rule.expectations.map { expectation in
                    ExampleResult(
                        rule: rule.id, location: expectation.location,
                        failure: ReferenceExercises.mismatch(rule, expectation).map { "rule '\(rule.id)': \($0)" })
                }
        }
    }
}
