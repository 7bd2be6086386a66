/// One safety rule: data that describes itself (FORMAT.md §4). A class, immutable once read:
/// every check passes rules around many times, and a reference costs one retain.
public final class SafetyRule: Sendable {
    public let id: RuleID
    public let title: String
    /// Why the rule exists, in words for the care team.
    public let rationale: String?
    /// The published source, or "clinic convention" / "design choice" where that is what it is.
    public let source: String
    public let when: RuleCondition
    public let then: RuleEffect
    public let whenMissing: MissingPolicy
    public let examples: [RuleExample]
    /// What the rule does to the reference exercises for given profiles.
    public let expectations: [RuleExpectation]
    /// A clinic's replacement that blocks or alerts less than the default says so, and why.
    public let weakens: Bool
    public let reason: String?
    /// Rules whose alert, when they fire with one at least as urgent, stands for this rule's
    /// (one episode, one urgency): this rule's alert is then not reported; its blocks stay.
    public let supersededBy: [RuleID]
    /// "default" for the bundled set, else the rules file it came from.
    public let origin: String
    public let location: SourceLocation

    public init(
        id: RuleID, title: String, rationale: String?, source: String, when: RuleCondition, then: RuleEffect,
        whenMissing: MissingPolicy, examples: [RuleExample], expectations: [RuleExpectation] = [],
        weakens: Bool = false, reason: String? = nil, supersededBy: [RuleID] = [], origin: String,
        location: SourceLocation
    ) {
        self.supersededBy = supersededBy
        self.id = id
        self.expectations = expectations
        self.weakens = weakens
        self.reason = reason
        self.title = title
        self.rationale = rationale
        self.source = source
        self.when = when
        self.then = then
        self.whenMissing = whenMissing
        self.examples = examples
        self.origin = origin
        self.location = location
    }
}
