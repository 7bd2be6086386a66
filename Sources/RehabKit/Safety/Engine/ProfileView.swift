/// A profile as of the date a check is for: what rule conditions read.
public struct ProfileView: Sendable {
    public let profile: SafetyProfile
    /// The date the check is for (for `assessment_age_days`).
    public let asOf: LocalDate?

    public init(_ profile: SafetyProfile, asOf: LocalDate?) {
        self.profile = profile
        self.asOf = asOf
    }
}

extension SafetyProfile {
    /// Whether the profile records a finding as present: the field named (a dotted path such as
    /// `back_pain.night_pain`) is true, or a non-empty list or value other than false.
    public func has(_ field: String, asOf: LocalDate? = nil) -> Bool {
        guard let path = FieldPath(field) else { return false }
        return path.resolve(in: ProfileView(self, asOf: asOf)).contains {
            switch $0 {
            case .missing, .bool(false): return false
            case .list(let l): return !l.isEmpty
            default: return true
            }
        }
    }
}

extension RuleCondition {
    /// The schema names of the fields the condition reads (`back_pain.night_pain`).
    public var fieldNames: [String] { paths.map(\.schemaName) }
}
