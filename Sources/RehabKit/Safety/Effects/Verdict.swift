import YAMLReader

/// What one rule's effect does to one item.
public enum Verdict: Sendable, Equatable {
    /// Off the routine, with the reason for the care team.
    case blocked(BlockReason)
    /// Kept, though the rule stops all exercise: the item is a spinal precaution.
    case keptAsPrecaution
    /// Only with the physiotherapist.
    case supervised
    /// The item's clearance requirement is met.
    case cleared
    /// Done at or below this intensity (an easier variant replaces it, or it is blocked).
    case cap(Intensity)
    /// Upright work in the prescribed brace.
    case brace
    /// Less of it, or more slowly progressed (`DoseLimit`: every dose-changing effect's one path).
    case dose(DoseLimit)
}
