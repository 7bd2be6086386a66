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
    static let dated: Set<String> = [
        "assessment_age_days", "neuro_symptoms", "spinal_metastases.surgically_stabilised",
    ]

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
