import Foundation
import YAMLReader

public struct ExampleResult: Sendable {
    public var rule: RuleID
    public var location: SourceLocation
    /// Why the example failed; nil when it passed.
    public var failure: String?

    public var passed: Bool { failure == nil }
}
