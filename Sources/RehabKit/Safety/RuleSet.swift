import Foundation
import YAMLReader

/// The rules a check runs: the bundled defaults, with a clinic's file layered on top
/// (a rule with the same id replaces the default; new ids are added).
public struct RuleSet: Sendable {
    public var rules: [SafetyRule]

    public init(rules: [SafetyRule]) {
        self.rules = rules
    }

    /// The origin name of the bundled rules.
    public static let defaultOrigin = "default"

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
        var seen: [String: SourceLocation] = [:]
        for rule in rules {
            if let first = seen[rule.id] {
                reader.add(.error("duplicate rule id '\(rule.id)'", at: rule.location, notes: ["also defined at \(first)"]))
            }
            seen[rule.id] = seen[rule.id] ?? rule.location
        }
        return (rules, reader.diagnostics)
    }

    /// Reads a clinic's rules file from disk.
    public static func read(path: String, displayBase: String) -> ([SafetyRule], [Diagnostic]) {
        let shown = FileSystem.relative(FileSystem.absolute(path, base: displayBase), to: displayBase)
        do {
            let bytes = try FileSystem.read(FileSystem.absolute(path, base: displayBase), limit: YAMLLimits.default.maxBytes)
            return read(bytes, file: shown, origin: shown)
        } catch {
            return ([], [.error(error.message, at: SourceLocation(file: shown, line: 1, column: 1))])
        }
    }

    /// The bundled default rules (the resource `default-rules.yaml`).
    public static let defaults: RuleSet = {
        guard let url = Bundle.module.url(forResource: "default-rules", withExtension: "yaml"),
              let data = try? Data(contentsOf: url) else {
            fatalError("the default rules resource is missing from the RehabKit bundle")
        }
        let (rules, diagnostics) = read(Array(data), file: "default-rules.yaml", origin: defaultOrigin)
        precondition(diagnostics.isEmpty, "the default rules have errors:\n\(diagnostics.map(\.description).joined(separator: "\n"))")
        return RuleSet(rules: rules)
    }()

    /// The raw text of the bundled rules, for `rehab rules show` and for clinics to copy.
    public static var defaultsText: String {
        guard let url = Bundle.module.url(forResource: "default-rules", withExtension: "yaml"),
              let text = try? String(contentsOf: url, encoding: .utf8) else { return "" }
        return text
    }

    /// These rules with `overrides` on top: same id replaces in place, new ids are appended.
    public func overridden(by overrides: [SafetyRule]) -> RuleSet {
        var out = rules
        for rule in overrides {
            if let i = out.firstIndex(where: { $0.id == rule.id }) { out[i] = rule } else { out.append(rule) }
        }
        return RuleSet(rules: out)
    }

    public func rule(_ id: String) -> SafetyRule? { rules.first { $0.id == id } }

    /// Runs every rule's examples: a profile under `triggers` must make the rule fire, one under
    /// `does_not_trigger` must not.
    public func runExamples() -> [ExampleResult] {
        rules.flatMap { rule in
            rule.examples.map { example in
                let fired = SafetyEngine.evaluate(rule, ProfileView(example.profile, asOf: example.asOf)) != nil
                return ExampleResult(rule: rule.id, example: example, fired: fired)
            }
        }
    }
}

public struct ExampleResult: Sendable {
    public var rule: String
    public var example: RuleExample
    public var fired: Bool

    public var passed: Bool { fired == example.triggers }
}
