/// A neurological deficit the spinal or acute oncology team has assessed as known and stable
/// (`known_deficits: [{symptom, assessed_by, date, note}]`): rehabilitation after treated cord
/// compression expects one, and it does not fire the cord-compression rule. A symptom that is new,
/// reported in the log after the assessment, or recorded by another team still does.
public struct KnownDeficit: Hashable, Sendable {
    public var symptom: NeuroSymptom
    public var assessedBy: ClinicalTeam
    public var date: LocalDate
    public var note: String?
    public var location: SourceLocation?

    public init(symptom: NeuroSymptom, assessedBy: ClinicalTeam, date: LocalDate, note: String? = nil,
                location: SourceLocation? = nil) {
        self.symptom = symptom
        self.assessedBy = assessedBy
        self.date = date
        self.note = note
        self.location = location
    }

    /// Whether the team that recorded it may.
    public var byAssessingTeam: Bool { ClinicalTeam.deficitAssessors.contains(assessedBy) }
}

extension SafetyProfile {
    /// The neurological symptoms the rules judge (SAFETY.md): those written, less the deficits the
    /// spinal or acute oncology team recorded as known and stable on or before the day checked —
    /// unless the log reported the symptom since the assessment (new or worse).
    public func judgedNeuroSymptoms(asOf: LocalDate?) -> [NeuroSymptom]? {
        guard let symptoms = neuroSymptoms else { return nil }
        let known = Set((knownDeficits ?? []).filter { k in
            k.byAssessingTeam && (asOf.map { k.date <= $0 } ?? true) && reportedRedFlags?.contains(k.symptom.rawValue) != true
        }.map(\.symptom))
        return known.isEmpty ? symptoms : symptoms.filter { !known.contains($0) }
    }
}
