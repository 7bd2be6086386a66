/// What a rule example expects the rule alone to do to the reference exercises
/// (`ReferenceExercises`) for a profile: the exact sets of blocked, supervised, modified and
/// precaution items, and the alert (`none` for no alert). A key left out is not checked.
public struct RuleExpectation: Sendable {
    public var profile: SafetyProfile
    public var asOf: LocalDate?
    public var blocked: Set<String>?
    public var supervised: Set<String>?
    public var modified: Set<String>?
    public var precaution: Set<String>?
    /// `.some(nil)`: no alert expected.
    public var alert: AlertLevel??
    public var location: SourceLocation
}
