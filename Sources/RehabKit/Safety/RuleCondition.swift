/// Three-valued truth: a condition on a field the profile does not give is undecided.
public enum Truth: Sendable, Equatable {
    case yes, no, undecided
}

/// A dotted path into the profile: `labs.platelets`, `long_bone_lesions[limb=lower].mirels`.
public struct FieldPath: Hashable, Sendable, CustomStringConvertible {
    public enum Segment: Hashable, Sendable {
        case key(String)
        /// `name[field=value]`: the elements of list `name` whose `field` is `value`.
        case select(String, field: String, value: String)
    }

    public let segments: [Segment]
    public let description: String

    /// Parses a path; nil when it is not of the form `a.b`, `a[k=v].b`.
    public init?(_ text: String) {
        var segments: [Segment] = []
        for part in text.split(separator: ".", omittingEmptySubsequences: false) {
            if let open = part.firstIndex(of: "[") {
                guard part.last == "]" else { return nil }
                let name = String(part[..<open])
                let inner = part[part.index(after: open)..<part.index(before: part.endIndex)]
                let kv = inner.split(separator: "=", omittingEmptySubsequences: false)
                guard kv.count == 2, !name.isEmpty, !kv[0].isEmpty, !kv[1].isEmpty else { return nil }
                segments.append(.select(name, field: String(kv[0]), value: String(kv[1])))
            } else {
                guard !part.isEmpty, part.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) else { return nil }
                segments.append(.key(String(part)))
            }
        }
        self.segments = segments
        self.description = text
        let isPlain = segments.allSatisfy { if case .key = $0 { return true } else { return false } }
        let name = segments.map {
            switch $0 {
            case .key(let k): return k
            case .select(let k, _, _): return k
            }
        }.joined(separator: ".")
        scalar = isPlain ? ProfileAccess.scalars[name]?.get : nil
        switch segments[0] {
        case .key(let k), .select(let k, _, _): records = ProfileAccess.records[k]?.get
        }
    }

    /// How to read the path: a single field, or a list of records the rest of the path walks.
    private let scalar: ProfileAccess.Get?
    private let records: ProfileAccess.Get?

    /// Fields whose value depends on the date checked.
    static let dated: Set<String> = ["assessment_age_days", "neuro_symptoms", "spinal_metastases.surgically_stabilised"]

    public static func == (a: FieldPath, b: FieldPath) -> Bool { a.description == b.description }
    public func hash(into h: inout Hasher) { h.combine(description) }

    /// The schema name of the field: selectors dropped (`long_bone_lesions.mirels`).
    public var schemaName: String {
        segments.map {
            switch $0 {
            case .key(let k): return k
            case .select(let k, _, _): return k
            }
        }.joined(separator: ".")
    }

    /// The values the path reaches in a profile. An element whose selector field is missing may
    /// or may not be selected: it comes back as `.missing`, so a condition on it is undecided
    /// (fail closed). A path the profile schema does not know reaches nothing but `.missing`.
    public func resolve(in view: ProfileView) -> [FieldValue] {
        if let scalar { return [scalar(view)] }
        guard let records else { return [.missing] }
        var current: [FieldValue]
        switch (records(view), segments[0]) {
        case (.list(let elements), .select(_, let field, let wanted)):
            current = elements.compactMap { e -> FieldValue? in
                switch e[field] {
                case .text(let t): return t == wanted ? e : nil
                case .missing: return .missing
                default: return nil
                }
            }
        case (.list(let elements), .key):
            current = elements
        default:
            return [.missing]
        }
        for segment in segments.dropFirst() {
            guard case .key(let k) = segment else { return [.missing] }
            current = current.map { $0 == .missing ? .missing : $0[k] }
        }
        return current
    }
}

/// A rule's `when`: comparisons on profile fields combined with `any`, `all` and `not`.
public indirect enum RuleCondition: Sendable {
    public enum Comparison: Sendable, Equatable {
        case equals(FieldValue)
        case atLeast(Double), atMost(Double), below(Double), above(Double)
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
