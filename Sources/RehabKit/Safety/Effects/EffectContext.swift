import YAMLReader

/// What the check knows beyond the item: the profile as of the date checked.
public struct EffectContext: Sendable {
    public var profile: SafetyProfile
    public var asOf: LocalDate?

    /// A clearance from one of `teams`, dated on or after the assessment and not after the day checked.
    public func hasClearance(from teams: Set<ClinicalTeam>) -> Bool {
        guard let assessed = profile.assessed else { return false }
        return profile.clearance?.contains {
            teams.contains($0.by) && $0.date >= assessed && { c in asOf.map { c.date <= $0 } ?? true }($0)
        } ?? false
    }
}
