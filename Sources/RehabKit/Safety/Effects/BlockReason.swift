import YAMLReader

public enum BlockReason: Sendable, Equatable {
    case all
    /// Movement tags, combinations ("spinal-flexion + lifting") or kinds ("kind strength").
    case tags([String])
    /// A clearance from one of these teams is needed and not recorded.
    case clearance([ClinicalTeam])
}
