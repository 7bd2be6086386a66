/// What a rule may require of the items it touches.
public enum Requirement: String, CaseIterable, Sendable, Codable {
    /// Upright items are done in the prescribed brace.
    case brace
    /// Items are blocked until the profile records a clearance on or after `assessed`.
    case clearance
    /// Items move off the home routine to "with your physiotherapist".
    case supervision
}
