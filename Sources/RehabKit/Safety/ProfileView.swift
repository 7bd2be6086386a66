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
