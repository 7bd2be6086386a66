import YAMLReader

/// What the check knows beyond the item: the profile as of the date checked.
public struct EffectContext: Sendable {
    public var profile: SafetyProfile
    public var asOf: LocalDate?

    /// A clearance from one of `teams`, dated on or after the assessment (or carried over from an
    /// earlier one with nothing new since) and not after the day checked.
    public func hasClearance(from teams: Set<ClinicalTeam>) -> Bool {
        profile.clearance?.contains {
            teams.contains($0.by) && profile.countsForThisAssessment($0.date)
                && { c in asOf.map { c.date <= $0 } ?? true }($0)
        } ?? false
    }
}
