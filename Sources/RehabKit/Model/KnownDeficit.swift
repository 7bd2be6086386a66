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

    public init(
        symptom: NeuroSymptom, assessedBy: ClinicalTeam, date: LocalDate, note: String? = nil,
        location: SourceLocation? = nil
    ) {
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
    /// unless the log reported the symptom since the assessment (new or worse), and none at all
    /// while spinal pain is new or worsening (after treated compression that may be recurrence;
    /// NICE NG234).
    public func judgedNeuroSymptoms(asOf: LocalDate?) -> [NeuroSymptom]? {
        guard let symptoms = neuroSymptoms else { return nil }
        if spinalPainMayBeNewOrWorse { return symptoms }
        let known = Set(
            (knownDeficits ?? []).filter { k in
                k.byAssessingTeam && (asOf.map { k.date <= $0 } ?? true)
                    && reportedRedFlags?.contains(k.symptom.rawValue) != true
                    && (assessed.map { k.date >= $0 } ?? true || lapseReasons(since: k.date).isEmpty)
            }.map(\.symptom))
        return known.isEmpty ? symptoms : symptoms.filter { !known.contains($0) }
    }

    /// Spinal pain is recorded as new or worsening, or not recorded as neither (fail closed), or
    /// the log reported new or worsening back pain: known deficits then stop exempting their symptoms.
    public var spinalPainMayBeNewOrWorse: Bool {
        backPain?.new != false || backPain?.worsening != false
            || reportedRedFlags?.contains {
                $0 == RedFlag.newBackPain.rawValue || $0 == RedFlag.worseningBackPain.rawValue
            } == true
    }
}
