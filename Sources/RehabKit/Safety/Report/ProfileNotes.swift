/// How the profile's clearances, known deficits and acknowledgements were counted, in words for
/// the care team; and which acknowledgements count.
struct ProfileNotes {
    /// The acknowledgements that count, by rule.
    var counted: [RuleID: Acknowledgement] = [:]
    var lines: [String] = []

    init(profile p: SafetyProfile, asOf: LocalDate?, fired: [FiredRule], rules: [SafetyRule]) {
        let firedIDs = Set(fired.map(\.rule.id))
        // Clearances each fired rule needs.
        for f in fired where f.rule.then.require.contains(.clearance) {
            let teams = f.rule.then.clearedBy
            for c in p.clearance ?? [] {
                if !teams.contains(c.by) {
                    lines.append(
                        "clearance by \(c.by.rawValue) of \(c.date) does not count for \(f.rule.id): it needs \(teams.map(\.rawValue).sorted().joined(separator: " or "))"
                    )
                } else if let assessed = p.assessed, c.date < assessed {
                    let reasons = p.lapseReasons(since: c.date)
                    lines.append(
                        reasons.isEmpty
                            ? "clearance by \(c.by.rawValue) of \(c.date) carried over to the assessment of \(assessed) for \(f.rule.id) (nothing new since): review it"
                            : "clearance by \(c.by.rawValue) of \(c.date) does not count for \(f.rule.id): it predates the assessment of \(assessed) and lapsed (\(reasons.joined(separator: "; ")))"
                    )
                }
            }
        }
        // Red flags from the log that keep the plan stopped, and what would reopen it.
        for report in p.openRedFlags { lines.append(SafetyProfile.howToAddress(report)) }
        // Post-operative spine.
        if let m = p.spinalMetastases, m.stability == .stabilised {
            if let c = p.postOperativeClearance(asOf: asOf) {
                lines.append(
                    "spine stabilised by surgery on \(m.surgery!.date), cleared by \(c.by.rawValue) on \(c.date): the pre-operative SINS\(m.sins.map { " (\($0))" } ?? "") no longer drives the unstable-spine rules"
                )
            } else if let surgery = m.surgery {
                lines.append(
                    "spine stabilised by surgery on \(surgery.date), but no clearance by spinal-team or spinal-surgeon dated after the operation and on or after the assessment\(p.assessed.map { " of \($0)" } ?? ""): the unstable-spine rules still apply"
                )
            }
        }
        // Known deficits.
        for k in p.knownDeficits ?? [] {
            if !k.byAssessingTeam {
                lines.append(
                    "known deficit '\(k.symptom.rawValue)' recorded by \(k.assessedBy.rawValue) does not count: only spinal-team, spinal-surgeon or acute-oncology may record one"
                )
            } else if p.neuroSymptoms?.contains(k.symptom) == true, p.spinalPainMayBeNewOrWorse {
                lines.append(
                    "'\(k.symptom.rawValue)': the known deficit of \(k.date) no longer counts: spinal pain is new or worsening (or not recorded as neither), which may be a recurrence — judged as a new sign"
                )
            } else if p.reportedRedFlags?.contains(k.symptom.rawValue) == true {
                lines.append(
                    "'\(k.symptom.rawValue)' was reported in the log after the assessment: judged as a new sign, not the known deficit of \(k.date)"
                )
            } else if p.neuroSymptoms?.contains(k.symptom) == true {
                lines.append(
                    "'\(k.symptom.rawValue)': known and stable deficit (\(k.assessedBy.rawValue), \(k.date)\(k.note.map { ": \($0)" } ?? "")) — not judged as a new sign"
                )
            }
        }
        // Acknowledgements.
        for a in p.acknowledged ?? [] {
            guard let rule = rules.first(where: { $0.id == a.rule }) else {
                lines.append("acknowledgement of '\(a.rule)' does not count: there is no such rule")
                continue
            }
            if RuleSet.protectedCore.contains(a.rule) || rule.then.alert == .urgent {
                lines.append(
                    "acknowledgement of '\(a.rule)' does not count: \(RuleSet.protectedCore.contains(a.rule) ? "the protected core" : "an urgent alert") cannot be acknowledged"
                )
            } else if let assessed = p.assessed, a.date < assessed, case let reasons = p.lapseReasons(since: a.date),
                !reasons.isEmpty
            {
                lines.append(
                    "acknowledgement of '\(a.rule)' of \(a.date) does not count: it predates the assessment of \(assessed) and lapsed (\(reasons.joined(separator: "; "))); acknowledge the new assessment's findings anew"
                )
            } else if let asOf, a.date > asOf {
                continue  // a date error of its own
            } else if firedIDs.contains(a.rule) {
                counted[a.rule] = a
                if let assessed = p.assessed, a.date < assessed {
                    lines.append(
                        "acknowledgement of '\(a.rule)' of \(a.date) carried over to the assessment of \(assessed) (nothing new since): review it"
                    )
                }
            }
        }
    }
}
