/// A finding the team has already acted on (`acknowledged: [{rule, by, date, note}]`): the rule's
/// alert moves to "acknowledged" in the report and leaves the patient's stop-and-call box. Its
/// blocks stay. It counts only when dated on or after the assessment (a new assessment must be
/// acknowledged anew) and not after the day checked; the protected core and urgent alerts cannot
/// be acknowledged.
public struct Acknowledgement: Hashable, Sendable {
    public var rule: RuleID
    public var by: ClinicalTeam
    public var date: LocalDate
    public var note: String?
    public var location: SourceLocation?

    public init(rule: RuleID, by: ClinicalTeam, date: LocalDate, note: String? = nil, location: SourceLocation? = nil) {
        self.rule = rule
        self.by = by
        self.date = date
        self.note = note
        self.location = location
    }
}
