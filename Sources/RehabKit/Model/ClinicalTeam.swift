/// Who may clear, acknowledge or assess: the closed vocabulary of `by` (SAFETY.md, "Clearances,
/// dates and the protected core"). A clearance counts only from the team a rule names.
public enum ClinicalTeam: String, CaseIterable, Sendable, Codable {
    case spinalTeam = "spinal-team"
    case spinalSurgeon = "spinal-surgeon"
    case orthopaedicTeam = "orthopaedic-team"
    case oncologyTeam = "oncology-team"
    case acuteOncology = "acute-oncology"
    case physiotherapist, gp, other

    /// The teams whose opinion on the spine counts (clearances of spinal rules, post-operative clearance).
    public static let spinal: Set<ClinicalTeam> = [.spinalTeam, .spinalSurgeon]

    /// The teams that may record a neurological deficit as known and stable (SAFETY.md).
    public static let deficitAssessors: Set<ClinicalTeam> = [.spinalTeam, .spinalSurgeon, .acuteOncology]
}
