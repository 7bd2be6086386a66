import Foundation

/// The exact `acknowledged:` entry `rehab check` suggests for an alert that may be acknowledged
/// (not the protected core, not urgent) when the profile marks its finding as known: for a rule on
/// back pain, the spine or a bone lesion, a note in the profile naming imaging (MRI, CT, scan,
/// X-ray); for any such rule, an acknowledgement of it that did not count (it lapsed at a
/// reassessment, or predates it).
public struct AcknowledgementSuggestion: Sendable, Equatable {
    public var rule: RuleID
    /// One YAML list entry, ready to paste under `acknowledged:`.
    public var yaml: String
    /// Why the finding looks known.
    public var why: String

    /// Words in a note that say a finding was imaged.
    static let imagingWords = ["mri", "ct ", "ct:", "scan", "imaged", "imaging", "x-ray", "xray"]
    /// The findings imaging answers: fields a rule reads that make its alert one an imaging note may settle.
    static let imagedFindings = ["back_pain", "spinal_metastases", "long_bone_lesions"]

    static func suggestions(_ p: SafetyProfile, alerts: [SafetyAlert], rules: [SafetyRule], asOf: LocalDate?)
        -> [AcknowledgementSuggestion]
    {
        guard let date = asOf ?? p.assessed else { return [] }
        // Notes that say the finding was looked into, with the team that wrote them.
        var notes: [(team: ClinicalTeam, note: String)] = []
        for c in p.clearance ?? [] { if let n = c.note { notes.append((c.by, n)) } }
        for k in p.knownDeficits ?? [] { if let n = k.note { notes.append((k.assessedBy, n)) } }
        let known = notes.filter { n in imagingWords.contains { (" " + n.note.lowercased()).contains($0) } }
        return alerts.compactMap { alert -> AcknowledgementSuggestion? in
            guard alert.level != .urgent, !RuleSet.protectedCore.contains(alert.rule),
                let rule = rules.first(where: { $0.id == alert.rule })
            else { return nil }
            let imaged = rule.when.fieldNames.contains { f in imagedFindings.contains { f.hasPrefix($0) } }
            let earlier = (p.acknowledged ?? []).first { $0.rule == alert.rule }
            let why: String
            let by: ClinicalTeam
            let note: String
            if let earlier {
                why =
                    "it was acknowledged on \(earlier.date) by \(earlier.by.rawValue), which does not count for this assessment"
                by = earlier.by
                note = earlier.note ?? "reviewed again at the assessment of \(p.assessed?.description ?? "?")"
            } else if imaged, let first = known.first {
                why = "the profile notes: '\(first.note)'"
                by = first.team
                note = first.note
            } else {
                return nil
            }
            let quoted =
                "\"" + note.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
                + "\""
            return AcknowledgementSuggestion(
                rule: alert.rule, yaml: "- {rule: \(alert.rule), by: \(by.rawValue), date: \(date), note: \(quoted)}",
                why: why)
        }
    }
}
