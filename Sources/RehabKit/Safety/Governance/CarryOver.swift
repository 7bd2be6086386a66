/// Clearances, acknowledgements and known deficits across a reassessment (SAFETY.md, revisions of
/// 2026-12-05): one recorded for an earlier assessment carries over to the current one when the
/// current one records nothing new for what it covered, and lapses otherwise, for reasons the
/// report names. "Nothing new" is judged from the profile as it stands — no new or worsening back
/// pain (fail closed: not recorded as neither), no neurological symptom outside `known_deficits`,
/// no red flag reported in the log — and, where the profile keeps the assessment the record was
/// made for (`history`, written by `rehab reassess`), against it as well: no pain feature that it
/// did not have, the same levels, stability and SINS band, no lesion at a new site.
extension SafetyProfile {
    /// Whether something dated `date` belongs to this assessment: on or after `assessed` ("on the
    /// day counts"), or before it and carried over. Without `assessed`, nothing does.
    public func countsForThisAssessment(_ date: LocalDate) -> Bool {
        guard let assessed else { return false }
        if date >= assessed { return true }
        guard lapseReasons(since: date).isEmpty else { return false }
        // Older than every kept assessment: it must have carried over to the oldest one too.
        if assessment(coveringRecordOf: date) == nil, let oldest = history.last {
            return oldest.countsForThisAssessment(date)
        }
        return true
    }

    /// The assessment a record dated `date` was made for: the latest kept earlier assessment on
    /// or before that date (nil when none is kept).
    public func assessment(coveringRecordOf date: LocalDate) -> SafetyProfile? {
        history.filter { ($0.assessed.map { $0 <= date }) ?? false }.max { $0.assessed! < $1.assessed! }
    }

    /// Why a record dated `date`, before this assessment, lapses at it; empty when it carries over.
    public func lapseReasons(since date: LocalDate) -> [String] {
        var out: [String] = []
        switch (backPain?.new, backPain?.worsening) {
        case (false?, false?): break
        case (true?, _): out.append("back pain is new")
        case (_, true?): out.append("back pain is worsening")
        default: out.append("back pain is not recorded as neither new nor worsening")
        }
        let before = assessment(coveringRecordOf: date)
        if let symptoms = neuroSymptoms {
            // Outside the known deficits; where the earlier assessment is kept, and new since it.
            let known = Set((knownDeficits ?? []).filter(\.byAssessingTeam).map(\.symptom))
                .union(before?.neuroSymptoms ?? [])
            for s in symptoms where !known.contains(s) {
                out.append(
                    before == nil
                        ? "neurological symptom '\(s.rawValue)' is not a known deficit"
                        : "neurological symptom '\(s.rawValue)' is new since the assessment of \(before!.assessed!)")
            }
        } else {
            out.append("neurological symptoms are not recorded")
        }
        if let flags = reportedRedFlags, !flags.isEmpty {
            out.append("red flags reported in the log since the assessment: \(flags.joined(separator: ", "))")
        }
        guard let before, let then = before.assessed else { return out }
        let features: [(String, KeyPath<BackPain, Bool?>)] = [
            ("night pain", \.nightPain), ("pain worse on straining", \.worseOnStraining),
        ]
        for (name, path) in features where backPain?[keyPath: path] == true && before.backPain?[keyPath: path] != true {
            out.append("\(name) is new since the assessment of \(then)")
        }
        if let region = backPain?.region, region != before.backPain?.region {
            out.append(
                "back pain is now \(region.rawValue), not \(before.backPain?.region?.rawValue ?? "unrecorded") as on \(then)"
            )
        }
        let now = spinalMetastases
        let was = before.spinalMetastases
        if now?.present != was?.present { out.append("spinal metastases changed since \(then)") }
        if Set(now?.levels ?? []) != Set(was?.levels ?? []) {
            out.append("levels changed since \(then) (\(Self.words(was?.levels)) → \(Self.words(now?.levels)))")
        }
        if now?.stability != was?.stability {
            out.append(
                "stability changed since \(then) (\(was?.stability?.rawValue ?? "not recorded") → \(now?.stability?.rawValue ?? "not recorded"))"
            )
        }
        let band = { (m: SpinalMetastases?) in m?.sins.map { SINSParts.band($0).rawValue } ?? "no SINS" }
        if band(now) != band(was) { out.append("SINS band changed since \(then) (\(band(was)) → \(band(now)))") }
        let sites = Set((before.longBoneLesions ?? []).map(Self.siteKey))
        for lesion in longBoneLesions ?? [] where !sites.contains(Self.siteKey(lesion)) {
            out.append("new long-bone lesion '\(lesion.site ?? "?")' since \(then)")
        }
        return out
    }

    static func words(_ levels: [VertebralLevel]?) -> String {
        guard let levels, !levels.isEmpty else { return "none" }
        return levels.sorted().map(\.description).joined(separator: ", ")
    }

    static func siteKey(_ l: LongBoneLesion) -> String {
        l.bone.map { "\(l.side?.rawValue ?? "?")-\($0.rawValue)" } ?? (l.site ?? "?")
    }
}

/// A clearance, acknowledgement or known deficit of an earlier assessment that does not carry
/// over to this one, and why (`rehab check`: "Lapsed at the reassessment"; JSON `lapsed`).
public struct Lapse: Sendable, Equatable {
    /// `clearance`, `acknowledgement` or `known-deficit`.
    public var kind: String
    /// What it was: "spinal-team", a rule id, a symptom.
    public var what: String
    public var date: LocalDate
    public var reasons: [String]

    /// In words for the care team.
    public var description: String {
        "\(kind) '\(what)' of \(date) lapsed at this assessment: \(reasons.joined(separator: "; "))"
    }
}

extension SafetyProfile {
    /// Every clearance, acknowledgement and known deficit recorded before this assessment that
    /// does not carry over to it.
    public var lapses: [Lapse] {
        guard let assessed else { return [] }
        var out: [Lapse] = []
        func consider(_ kind: String, _ what: String, _ date: LocalDate) {
            guard date < assessed, !countsForThisAssessment(date) else { return }
            var reasons = lapseReasons(since: date)
            if reasons.isEmpty, let oldest = history.last?.assessed {
                reasons = ["it had lapsed by the assessment of \(oldest)"]
            }
            out.append(Lapse(kind: kind, what: what, date: date, reasons: reasons))
        }
        for c in clearance ?? [] { consider("clearance", c.by.rawValue, c.date) }
        for a in acknowledged ?? [] { consider("acknowledgement", a.rule.rawValue, a.date) }
        for k in knownDeficits ?? [] where k.byAssessingTeam { consider("known-deficit", k.symptom.rawValue, k.date) }
        return out
    }
}
