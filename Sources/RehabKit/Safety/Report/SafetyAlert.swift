public struct SafetyAlert: Sendable, Equatable {
    public var level: AlertLevel
    public var rule: RuleID
    /// For the care team.
    public var message: String
    /// Plain words for the patient's sheet, when the rule has them.
    public var patientMessage: String?
    public var source: String
    /// "default" or the clinic's rules file.
    public var origin: String
}
