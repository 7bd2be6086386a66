/// A rule in words, for `rehab rules show`.
public enum RuleDescription {
    public static func render(_ rule: SafetyRule) -> String {
        var lines = ["\(rule.id): \(rule.title)"]
        if rule.origin != RuleSet.defaultOrigin { lines.append("from \(rule.origin)") }
        lines.append("")
        if let rationale = rule.rationale {
            lines.append(rationale)
            lines.append("")
        }
        lines.append("Fires when: \(describe(rule.when))")
        lines.append("When a field is missing: \(rule.whenMissing == .apply ? "applies (fail closed)" : "skipped")")
        let e = rule.then
        var effects = e.summaries
        if let scope = e.scope.appliesTo { effects.append("for items with " + scope.summary) }
        if !e.scope.exceptKinds.isEmpty || !e.scope.except.isEmpty {
            effects.append(
                "except "
                    + (e.scope.exceptKinds.map(\.rawValue).sorted() + e.scope.except.map(\.summary)).joined(
                        separator: "; "))
        }
        lines.append("Effect: " + (effects.isEmpty ? "alert only" : effects.joined(separator: "; ")))
        if let level = e.alert { lines.append("Alert (\(level.rawValue)): \(e.message ?? rule.title)") }
        if let words = e.patientMessage { lines.append("For the patient: \(words)") }
        if RuleSet.protectedCore.contains(rule.id) {
            lines.append("Protected core: a clinic may tighten it, never weaken it")
        }
        if rule.weakens { lines.append("Weakens the default: \(rule.reason ?? "")") }
        lines.append("Source: \(rule.source)")
        let t = rule.examples.filter(\.triggers).count
        lines.append(
            "Examples: \(t) that trigger it, \(rule.examples.count - t) that do not, \(rule.expectations.count) of its effects"
        )
        return lines.joined(separator: "\n") + "\n"
    }

    public static func describe(_ c: RuleCondition) -> String {
        switch c {
        case .compare(let path, let comparison):
            switch comparison {
            case .equals(let v): return "\(path) is \(value(v))"
            case .atLeast(let x): return "\(path) ≥ \(number(x))"
            case .atMost(let x): return "\(path) ≤ \(number(x))"
            case .below(let x): return "\(path) < \(number(x))"
            case .above(let x): return "\(path) > \(number(x))"
            case .includesAny(let words): return "\(path) includes any of \(words.joined(separator: ", "))"
            case .isMissing(let m): return "\(path) is \(m ? "" : "not ")missing"
            }
        case .any(let cs): return "(" + cs.map(describe).joined(separator: " or ") + ")"
        case .all(let cs): return "(" + cs.map(describe).joined(separator: " and ") + ")"
        case .not(let c): return "not " + describe(c)
        }
    }

    static func value(_ v: FieldValue) -> String {
        switch v {
        case .bool(let b): return String(b)
        case .number(let n): return number(n)
        case .text(let t): return t
        default: return "?"
        }
    }

    static func number(_ x: Double) -> String { x == x.rounded() ? String(Int(x)) : String(x) }
}
