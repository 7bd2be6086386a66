import Foundation
import YAMLReader

/// A clinic's change to the default rules.
public struct RuleChange: Sendable, Equatable {
    public enum Kind: String, Sendable {
        case added, replaced, weakened
    }

    public var rule: RuleID
    public var kind: Kind
    /// The clinic's file.
    public var origin: String
    public var reason: String?

    /// "pain-high weakened by clinic.yaml: reason".
    public var description: String {
        "\(rule) \(kind.rawValue) by \(origin)\(reason.map { ": \($0)" } ?? "")"
    }
}
