/// A rule in words, for `rehab rules show`.
public enum RuleDescription {
    public static func render(_ rule: SafetyRule) -> String {
        var lines = ["\(rule.id): \(rule.title)"]
        if rule.origin != RuleSet.defaultOrigin { lines.append("from \(rule.origin)") }
        lines.append("")
        if let rationale = rule.rationale { lines.append(rationale) ; lines.append("") }
        lines.append("Fires when: \(describe(rule.when))")
        lines.append("When a field is missing: \(rule.whenMissing == .apply ? "applies (fail closed)" : "skipped")")
        let e = rule.then
        var effects: [String] = []
        if e.blockAll { effects.append("blocks every item") }
        if !e.blockMovements.isEmpty { effects.append("blocks " + e.blockMovements.sorted().map(\.rawValue).joined(separator: ", ")) }
        if !e.blockCombinations.isEmpty {
            effects.append("blocks " + e.blockCombinations.map { $0.sorted().map(\.rawValue).joined(separator: " + ") }.joined(separator: "; "))
        }
        if !e.blockKinds.isEmpty { effects.append("blocks kinds " + e.blockKinds.map(\.rawValue).sorted().joined(separator: ", ")) }
        if let cap = e.maxIntensity { effects.append("caps intensity at \(cap.rawValue)") }
        if !e.require.isEmpty { effects.append("requires " + e.require.map(\.rawValue).sorted().joined(separator: ", ")) }
        if let f = e.dailyMinutesFactor { effects.append("multiplies the daily minutes limit by \(f)") }
        if let scope = e.appliesTo { effects.append("for items with " + filterText(scope)) }
        if !e.exceptKinds.isEmpty || !e.except.isEmpty {
            effects.append("except " + (e.exceptKinds.map(\.rawValue).sorted() + e.except.map(filterText)).joined(separator: "; "))
        }
        lines.append("Effect: " + (effects.isEmpty ? "alert only" : effects.joined(separator: "; ")))
        if let level = e.alert { lines.append("Alert (\(level.rawValue)): \(e.message ?? rule.title)") }
        lines.append("Source: \(rule.source)")
        let t = rule.examples.filter(\.triggers).count
        lines.append("Examples: \(t) that trigger it, \(rule.examples.count - t) that do not")
        return lines.joined(separator: "\n") + "\n"
    }

    static func filterText(_ f: ItemFilter) -> String {
        var parts: [String] = []
        if !f.kinds.isEmpty { parts.append("kind " + f.kinds.map(\.rawValue).sorted().joined(separator: "/")) }
        if !f.positions.isEmpty { parts.append("position " + f.positions.map(\.rawValue).sorted().joined(separator: "/")) }
        if !f.movements.isEmpty { parts.append("movements " + f.movements.sorted().map(\.rawValue).joined(separator: "/")) }
        return parts.joined(separator: " and ")
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
