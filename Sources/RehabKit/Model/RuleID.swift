/// The id of a safety rule (kebab-case), a type of its own so that it is never confused with an
/// exercise id or free text.
public struct RuleID: TextIdentifier {
    public let rawValue: String
    public init(_ rawValue: String) { self.rawValue = rawValue }
}
