/// A symptom a patient can report in the progress log: a neurological symptom of the profile's
/// vocabulary, or another red flag of SAFETY.md. Any of them stops the home programme until a
/// clinician records a new assessment.
public enum RedFlag: String, CaseIterable, Sendable, Codable {
    // Neurological (also NeuroSymptom).
    case legWeakness = "leg-weakness"
    case armWeakness = "arm-weakness"
    case numbness
    case pinsAndNeedles = "pins-and-needles"
    case gaitDifficulty = "gait-difficulty"
    case bladderBowelChange = "bladder-bowel-change"
    case saddleNumbness = "saddle-numbness"
    case bandLikePain = "band-like-pain"
    case handStiffness = "hand-stiffness"
    // Pain.
    case newBackPain = "new-back-pain"
    case worseningBackPain = "worsening-back-pain"
    case painOnStraining = "pain-on-straining"
    case nightPain = "night-pain"
    case bonePain = "bone-pain"
    case cannotBearWeight = "cannot-bear-weight"
    // Other emergencies.
    case fever
    case legSwelling = "leg-swelling"
    case chestPain = "chest-pain"
    case breathlessness
    case confusion
    // From paper.
    /// The printed sheet's "Warning sign?" box was ticked (`rehab log scan`): the sheet cannot say
    /// which sign, so the care team must ask.
    case warningSign = "warning-sign"

    /// Every name, comma-separated, for help and errors.
    public static var allNames: String { allCases.map(\.rawValue).joined(separator: ", ") }

    /// "unknown symptom 'leg numbness'; did you mean 'numbness'?" (the nearest name, when one is near).
    public static func unknown(_ name: String) -> String {
        "unknown symptom '\(name)'" + (DidYouMean.note(for: name, in: allCases.map(\.rawValue)).map { "; \($0)" } ?? "")
    }

    /// The profile's neurological symptom, when this is one.
    public var neuroSymptom: NeuroSymptom? { NeuroSymptom(rawValue: rawValue) }

    /// In plain words, for sheets and reports.
    public var words: String {
        switch self {
        case .legWeakness: return "weak or heavy legs"
        case .armWeakness: return "weak or heavy arms"
        case .numbness: return "numbness"
        case .pinsAndNeedles: return "pins and needles"
        case .gaitDifficulty: return "difficulty walking"
        case .bladderBowelChange: return "a change in bladder or bowel control"
        case .saddleNumbness: return "numbness around the bottom or genitals"
        case .bandLikePain: return "band-like pain"
        case .handStiffness: return "new stiffness in the hands"
        case .newBackPain: return "new back or neck pain"
        case .worseningBackPain: return "back pain getting worse"
        case .painOnStraining: return "pain worse on coughing or straining"
        case .nightPain: return "night pain"
        case .bonePain: return "sudden bone pain"
        case .cannotBearWeight: return "being unable to bear weight"
        case .fever: return "a fever"
        case .legSwelling: return "a swollen, red, painful leg"
        case .chestPain: return "chest pain"
        case .breathlessness: return "breathlessness"
        case .confusion: return "confusion"
        case .warningSign: return "a warning sign ticked on the paper sheet (ask which)"
        }
    }
}

/// A red flag the patient reported on a date.
public struct ReportedRedFlag: Sendable, Equatable {
    public var flag: RedFlag
    public var date: LocalDate

    public init(_ flag: RedFlag, on date: LocalDate) {
        self.flag = flag
        self.date = date
    }
}

extension ReportedRedFlag {
    /// The log's date rule: a report is known from its own day on, so on `day` the reports are those
    /// dated on or before it (every report when `day` is nil).
    public static func known(_ reports: [ReportedRedFlag], on day: LocalDate?) -> [ReportedRedFlag] {
        guard let day else { return reports }
        return reports.filter { $0.date <= day }
    }
}

extension Plan {
    /// The one place where the log meets the profile: the plan with the red flags its patient reported
    /// known on `upTo` (`ReportedRedFlag.known`; nil: every report) folded into its profile
    /// (`SafetyProfile.withReported`). An assessment closes the reports dated before it that it
    /// addresses, unless it is dated after `today`. `rehab check`, `schedule`, `print`, `progress`,
    /// `overview`, `validate` and the log's own checks all see a patient's plan through this.
    public func withReported(_ reports: [ReportedRedFlag], upTo: LocalDate?, today: LocalDate?) -> Plan {
        let known = ReportedRedFlag.known(reports, on: upTo)
        guard !known.isEmpty, let profile = safety else { return self }
        var p = self
        p.safety = profile.withReported(known, today: today)
        return p
    }
}

extension SafetyProfile {
    /// The profile with the red flags reported since its assessment: neurological ones join
    /// `neuro_symptoms`, back-pain ones set `back_pain`, fever sets `fever`, and all of them are
    /// `reported_red_flags`. A flag reported before `assessed` was seen by that assessment — unless
    /// the assessment is dated after `today`, which no real assessment is (a mistyped date must not
    /// close a red flag).
    public func withReported(_ reports: [ReportedRedFlag], today: LocalDate? = nil) -> SafetyProfile {
        let open = openReports(reports, today: today)
        guard !open.isEmpty else { return self }
        var p = self
        p.reportedRedFlags = open.map(\.flag.rawValue).uniquedInOrder()
        p.openRedFlags = open
        for report in open {
            if let neuro = report.flag.neuroSymptom {
                p.neuroSymptoms = ((p.neuroSymptoms ?? []) + [neuro]).uniquedInOrder()
            }
            switch report.flag {
            case .newBackPain: p.backPain = (p.backPain ?? BackPain()).with { $0.new = true }
            case .worseningBackPain: p.backPain = (p.backPain ?? BackPain()).with { $0.worsening = true }
            case .nightPain: p.backPain = (p.backPain ?? BackPain()).with { $0.nightPain = true }
            case .painOnStraining: p.backPain = (p.backPain ?? BackPain()).with { $0.worseOnStraining = true }
            case .fever: p.fever = true
            default: break
            }
        }
        return p
    }

    /// The reports still open: all of them, unless a new assessment dated after the report (and
    /// not after `today`) addresses it. Changing only `assessed` closes nothing.
    public func openReports(_ reports: [ReportedRedFlag], today: LocalDate? = nil) -> [ReportedRedFlag] {
        reports.filter { report in
            guard let assessed else { return true }
            if let today, assessed > today { return true }
            return report.date >= assessed || !addresses(report)
        }
    }

    /// Whether the profile says what became of a reported red flag (issue: reopening after a red
    /// flag): a `resolved` entry for it dated on or after the report; for a neurological symptom,
    /// the symptom recorded in `neuro_symptoms` (the rules then decide) or listed under
    /// `known_deficits` by the spinal or acute oncology team on or after the report; for a back-pain
    /// sign or fever, the finding recorded as present (the rules then decide).
    public func addresses(_ report: ReportedRedFlag) -> Bool {
        if resolved?.contains(where: { $0.symptom == report.flag && $0.date >= report.date }) == true { return true }
        if let neuro = report.flag.neuroSymptom {
            if neuroSymptoms?.contains(neuro) == true { return true }
            return knownDeficits?.contains { $0.symptom == neuro && $0.byAssessingTeam && $0.date >= report.date }
                == true
        }
        switch report.flag {
        case .newBackPain: return backPain?.new == true
        case .worseningBackPain: return backPain?.worsening == true
        case .nightPain: return backPain?.nightPain == true
        case .painOnStraining: return backPain?.worseOnStraining == true
        case .fever: return isFebrile == true
        default: return false
        }
    }

    /// How the profile addressed a reported red flag, in words for the progress report ("resolved on
    /// 2026-12-04 by spinal-team: MRI clear"), or nil when it does not (see `addresses`).
    public func howAddressed(_ report: ReportedRedFlag) -> String? {
        guard addresses(report) else { return nil }
        if let r = resolved?.first(where: { $0.symptom == report.flag && $0.date >= report.date }) {
            return "resolved on \(r.date) by \(r.by.rawValue)" + (r.note.map { ": \($0)" } ?? "")
        }
        if let neuro = report.flag.neuroSymptom,
            let k = knownDeficits?.first(where: { $0.symptom == neuro && $0.byAssessingTeam && $0.date >= report.date })
        {
            return "a known deficit, assessed by \(k.assessedBy.rawValue) on \(k.date)"
                + (k.note.map { ": \($0)" } ?? "")
        }
        return
            "recorded as present in the assessment of \(assessed.map(\.description) ?? "the profile") (the safety rules decide on it)"
    }

    /// What to record to reopen a plan a red flag stopped, in words for the care team.
    public static func howToAddress(_ report: ReportedRedFlag) -> String {
        let base =
            "'\(report.flag.rawValue)' reported on \(report.date) is still open: with a new assessment dated after it, record "
        if report.flag.neuroSymptom != nil {
            return base
                + "it in neuro_symptoms (the rules then decide), under known_deficits (by spinal-team, spinal-surgeon or acute-oncology), or as resolved: [{symptom: \(report.flag.rawValue), date, by, note}]"
        }
        return base
            + "it as present in the profile (the rules then decide) or as resolved: [{symptom: \(report.flag.rawValue), date, by, note}]"
    }
}

extension BackPain {
    func with(_ change: (inout BackPain) -> Void) -> BackPain {
        var copy = self
        change(&copy)
        return copy
    }
}

extension Array where Element: Hashable {
    func uniquedInOrder() -> [Element] {
        var seen = Set<Element>()
        return filter { seen.insert($0).inserted }
    }
}
