/// What the check decided for one plan item (FORMAT.md §4). `precaution`: a spinal precaution
/// (log roll, brace regimen, positioning, breathing lying down) kept while a rule stops all
/// exercise; outside such a rule a precaution is allowed or modified like any item.
public enum Decision: String, Sendable, Codable, CaseIterable {
    case allowed, modified, precaution, supervised, blocked

    /// How restrictive, for "the most restrictive outcome wins" and the monotonicity property:
    /// allowed < modified = precaution < supervised < blocked.
    public var restriction: Int {
        switch self {
        case .allowed: return 0
        case .modified, .precaution: return 1
        case .supervised: return 2
        case .blocked: return 3
        }
    }

    /// On the home routine.
    public var isOnRoutine: Bool { restriction <= 1 }
}
