/// One plan on the care team's overview (`rehab overview`): what needs acting on, most urgent first.
public struct OverviewRow: Sendable, Encodable {
    public struct Alert: Sendable, Encodable {
        public var level: String
        public var rule: String
        public var message: String

        public init(level: String, rule: String, message: String) {
            self.level = level
            self.rule = rule
            self.message = message
        }
    }

    public var plan: String
    public var title: String
    public var file: String
    public var patient: String
    public var mrn: String?
    /// clear, restricted, blocked; or invalid when the plan or its profile could not be read.
    public var status: String
    /// Urgent and within-24-hour alerts of the check as of the overview's date, then the review alert of a fall in
    /// leg function from the outcome measures (rule `leg-function-fallen`).
    public var alerts: [Alert]
    /// Red flags from the log still open, "leg-weakness on 2026-12-02".
    public var redFlags: [String]
    /// ok, stale (over 30 days), expired (over 90 days), future, or missing.
    public var assessment: String
    public var assessedDaysAgo: Int?
    /// The last week of the plan that has ended by the overview's date.
    public var lastWeek: Int?
    /// Share of the last week's sessions done (partial counts half), 0–1.
    public var adherence: Double?
    public var painMean: Double?
    public var painMax: Int?
    /// What the team should do first, in a few words.
    public var action: String
    /// The day of the most recent urgent matter (an open red flag's report, else the assessment
    /// behind an urgent alert): among urgent rows the most recent comes first.
    public var urgentSince: LocalDate?
    /// The pause under way on the overview's date (`pauses:`), as "2026-12-07 (radiotherapy)".
    public var pausedSince: String?

    public init(
        plan: String, title: String, file: String, patient: String, mrn: String?, status: String, alerts: [Alert],
        redFlags: [String], assessment: String, assessedDaysAgo: Int?, lastWeek: Int?, adherence: Double?,
        painMean: Double?, painMax: Int?, action: String
    ) {
        self.plan = plan
        self.title = title
        self.file = file
        self.patient = patient
        self.mrn = mrn
        self.status = status
        self.alerts = alerts
        self.redFlags = redFlags
        self.assessment = assessment
        self.assessedDaysAgo = assessedDaysAgo
        self.lastWeek = lastWeek
        self.adherence = adherence
        self.painMean = painMean
        self.painMax = painMax
        self.action = action
    }

    /// "today", "1 day ago", "12 days ago", "in 3 days" (a date in the future is a typo to correct).
    public var assessedWords: String? {
        assessedDaysAgo.map { Self.daysAgo($0) }
    }

    /// Days before a date in words, with the right plural.
    public static func daysAgo(_ n: Int) -> String {
        switch n {
        case 0: return "today"
        case 1: return "1 day ago"
        case -1: return "in 1 day"
        case ..<0: return "in \(-n) days"
        default: return "\(n) days ago"
        }
    }

    /// The assessment's label by its age in days on the overview's date: ok up to 30 days, stale
    /// from 31, expired from 91 (FORMAT.md: a profile older than 30 days is stale); future before 0.
    public static func assessmentLabel(daysAgo age: Int?) -> String {
        switch age {
        case nil: return "missing"
        case let d? where d < 0: return "future"
        case let d? where d > 90: return "expired"
        case let d? where d > 30: return "stale"
        default: return "ok"
        }
    }

    /// Sort key: a red flag or an urgent alert first, then blocked, 24-hour alerts, an expired or stale
    /// assessment, restricted, clear.
    public var urgency: Int {
        if status == "invalid" { return 1 }
        if !redFlags.isEmpty || alerts.contains(where: { $0.level == "urgent" }) { return 0 }
        if status == "blocked" { return 2 }
        if alerts.contains(where: { $0.level == "within-24h" }) { return 3 }
        if assessment != "ok" { return 4 }
        return status == "restricted" ? 5 : 6
    }

    /// The overview's order: by `urgency`; among rows of one urgency the most recent urgent matter
    /// first (a red flag reported today above a cord-compression suspicion 20 days old); then by
    /// patient and plan.
    public static func mostUrgentFirst(_ a: OverviewRow, _ b: OverviewRow) -> Bool {
        if a.urgency != b.urgency { return a.urgency < b.urgency }
        switch (a.urgentSince, b.urgentSince) {
        case (let x?, let y?) where x != y: return x > y
        case (_?, nil): return true
        case (nil, _?): return false
        default: break
        }
        return (a.patient, a.plan) < (b.patient, b.plan)
    }
}
