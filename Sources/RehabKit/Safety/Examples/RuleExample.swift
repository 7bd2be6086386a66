/// A profile that must, or must not, make a rule fire.
public struct RuleExample: Sendable {
    public var profile: SafetyProfile
    /// The date the example is checked for (for `assessment_age_days`).
    public var asOf: LocalDate?
    public var triggers: Bool
    public var location: SourceLocation
}
