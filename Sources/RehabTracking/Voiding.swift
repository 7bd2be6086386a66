import Foundation

/// Who withdrew an entry, when and why: a voided entry stays in the log (and in exports) but no
/// longer counts for adherence, pain or safety.
public struct Voiding: Sendable, Equatable, Codable {
    /// When, as the command wrote it (ISO 8601, UTC).
    public var at: String
    public var by: String
    public var reason: String

    public init(at: String, by: String, reason: String) {
        self.at = at
        self.by = by
        self.reason = reason
    }
}
