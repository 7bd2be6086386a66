public struct SafetyReport: Sendable {
    public var plan: Plan
    public var status: PlanStatus
    /// Most urgent first; acknowledged alerts are not among them.
    public var alerts: [SafetyAlert]
    /// Alerts the team has acknowledged: shown to the care team, left off the patient's sheet.
    public var acknowledged: [AcknowledgedAlert] = []
    /// Profile fields whose absence forced a fail-closed decision.
    public var missing: [String]
    public var items: [ItemDecision]
    public var fired: [FiredRule]
    /// The plan's daily minutes limit as lowered by rules (e.g. severe fatigue), if it has one.
    public var dailyMinutesLimit: Int?
    /// The date checked for.
    public var asOf: LocalDate?
    /// True when a rule requires a brace and the profile prescribes one: the wear regimen is a daily habit.
    public var braceRegimen: Brace?
    /// The product of the fired rules' `daily_minutes_factor` (1 when none): with no plan limit the
    /// scheduler applies it to the busiest day the plan asks for.
    public var dailyMinutesFactor: Double = 1
    /// What the care team should know about how the profile was read: clearances, deficits and
    /// acknowledgements that did not count and why, a post-operative spine.
    public var notes: [String] = []
    /// Input errors found against the date checked (a clinical date after it): the plan is blocked
    /// until they are corrected.
    public var dateErrors: [Diagnostic] = []
    /// The clinic's changes to the default rules.
    public var ruleChanges: [RuleChange] = []
    /// Clearances, acknowledgements and known deficits of an earlier assessment that did not carry
    /// over to this one, with why.
    public var lapsed: [Lapse] = []
    /// `acknowledged:` entries to consider for alerts on findings the profile marks as known.
    public var acknowledgeSuggestions: [AcknowledgementSuggestion] = []
}

extension SafetyReport {
    /// The findings the team acknowledged: the profile fields (schema names such as
    /// `back_pain.new`) read by the rules whose alerts were acknowledged, and recorded in the profile.
    /// A printed warning sign about one of them is a known finding, not a new one to call about, so
    /// the sheet leaves that sign out (the printer is given this decision, not the rules).
    public var acknowledgedFindings: Set<String> {
        guard let profile = plan.safety else { return [] }
        let fields = acknowledged.flatMap { a in fired.first { $0.rule.id == a.alert.rule }?.rule.when.fieldNames ?? []
        }
        return Set(fields.filter { profile.has($0) })
    }

    /// Why the check blocks the plan, in a few words ("urgent: fever", "assessment-expired");
    /// nil when it does not.
    public var blockedReason: String? {
        guard status == .blocked else { return nil }
        let urgent = alerts.filter { $0.level == .urgent }.map(\.rule.rawValue)
        if !urgent.isEmpty { return "urgent: " + urgent.joined(separator: ", ") }
        if !dateErrors.isEmpty { return "a clinical date lies after the day checked" }
        let status = fired.filter { $0.rule.then.planStatus == .blocked }.map(\.rule.id.rawValue)
        if !status.isEmpty { return status.joined(separator: ", ") }
        return "every item is blocked"
    }
}
