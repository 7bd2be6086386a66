/// A rule's `when`: comparisons on profile fields combined with `any`, `all` and `not`.
public indirect enum RuleCondition: Sendable, Equatable {
    public enum Comparison: Sendable, Equatable {
        case equals(FieldValue)
        case atLeast(Double)
        case atMost(Double)
        case below(Double)
        case above(Double)
        case includesAny([String])
        case isMissing(Bool)
    }

    case compare(FieldPath, Comparison)
    case any([RuleCondition])
    case all([RuleCondition])
    case not(RuleCondition)

    /// Whether the condition reads a field whose value depends on the date checked.
    public var dependsOnDate: Bool {
        switch self {
        case .compare(let path, _): return FieldPath.dated.contains(path.schemaName)
        case .any(let cs), .all(let cs): return cs.contains { $0.dependsOnDate }
        case .not(let c): return c.dependsOnDate
        }
    }

    /// Evaluates on a profile tree; adds the paths of missing fields met on the way.
    public func evaluate(_ root: ProfileView, missing: inout [String]) -> Truth {
        switch self {
        case .compare(let path, let comparison):
            let values = path.resolve(in: root)
            if case .isMissing(let wanted) = comparison {
                // A path that reaches no value at all (an empty list) is missing too.
                let isMissing = values.isEmpty || values.allSatisfy { $0 == .missing }
                // A rule that fires because a field is missing was forced by its absence: say so.
                if isMissing, wanted { missing.append(path.description) }
                return isMissing == wanted ? .yes : .no
            }
            var sawMissing = false
            for value in values {
                if value == .missing {
                    sawMissing = true
                } else if Self.matches(value, comparison) {
                    return .yes
                }
            }
            if sawMissing {
                missing.append(path.description)
                return .undecided
            }
            return .no
        case .any(let conditions):
            var result = Truth.no
            for c in conditions {
                switch c.evaluate(root, missing: &missing) {
                case .yes: return .yes
                case .undecided: result = .undecided
                case .no: break
                }
            }
            return result
        case .all(let conditions):
            var result = Truth.yes
            for c in conditions {
                switch c.evaluate(root, missing: &missing) {
                case .no: return .no
                case .undecided: result = .undecided
                case .yes: break
                }
            }
            return result
        case .not(let c):
            switch c.evaluate(root, missing: &missing) {
            case .yes: return .no
            case .no: return .yes
            case .undecided: return .undecided
            }
        }
    }

    static func matches(_ value: FieldValue, _ comparison: Comparison) -> Bool {
        switch (comparison, value) {
        case (.equals(let wanted), _): return wanted == value
        case (.atLeast(let x), .number(let v)): return v >= x
        case (.atMost(let x), .number(let v)): return v <= x
        case (.below(let x), .number(let v)): return v < x
        case (.above(let x), .number(let v)): return v > x
        case (.includesAny(let words), .list(let items)):
            return items.contains { if case .text(let t) = $0 { return words.contains(t) } else { return false } }
        case (.includesAny(let words), .text(let t)): return words.contains(t)
        default: return false
        }
    }
}
