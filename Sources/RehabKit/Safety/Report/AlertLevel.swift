/// How urgently the care team or patient must act on a fired rule.
public enum AlertLevel: String, CaseIterable, Sendable, Comparable, Codable {
    /// Now: stop and contact the team today.
    case urgent
    case within24h = "within-24h"
    case review, info

    public var rank: Int { AlertLevel.allCases.firstIndex(of: self)! }

    /// Most urgent first.
    public static func < (a: AlertLevel, b: AlertLevel) -> Bool { a.rank < b.rank }

    public var heading: String {
        switch self {
        case .urgent: return "URGENT — act now"
        case .within24h: return "WITHIN 24 HOURS"
        case .review: return "REVIEW"
        case .info: return "FOR INFORMATION"
        }
    }
}
