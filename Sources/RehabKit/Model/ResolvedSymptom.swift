/// A red flag from the progress log that a clinician addressed after it was reported
/// (`resolved: [{symptom, date, by, note}]`), so that a new assessment can reopen the plan.
public struct ResolvedSymptom: Hashable, Sendable {
    public var symptom: RedFlag
    public var date: LocalDate
    public var by: ClinicalTeam
    public var note: String?
    public var location: SourceLocation?

    public init(
        symptom: RedFlag, date: LocalDate, by: ClinicalTeam, note: String? = nil, location: SourceLocation? = nil
    ) {
        self.symptom = symptom
        self.date = date
        self.by = by
        self.note = note
        self.location = location
    }
}
