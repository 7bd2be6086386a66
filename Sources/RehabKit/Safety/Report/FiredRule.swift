/// A rule that fired for a profile: its condition held, or was undecided and the rule fails closed.
public struct FiredRule: Sendable {
    public var rule: SafetyRule
    public var truth: Truth
    /// Fields the profile lacks that left the condition undecided.
    public var missing: [String]

    /// The rule's alert, when it has one.
    public var alert: SafetyAlert? {
        rule.then.alert.map {
            SafetyAlert(
                level: $0, rule: rule.id, message: rule.then.message ?? rule.title,
                patientMessage: rule.then.patientMessage, source: rule.source, origin: rule.origin)
        }
    }
}
