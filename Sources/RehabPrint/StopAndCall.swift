import RehabKit

/// The stop-and-call signs in three tiers, worded the same on the weekly sheet and the stop page:
/// the fixed signs of `red-flags.txt`, and the plan's alerts in the rules' words for the patient.
public struct StopAndCall: Sendable {
    enum Tier: String, CaseIterable, Sendable {
        case now, today, visit

        /// An alert's tier: urgent now, within 24 hours today; review and information alerts are
        /// advice, printed apart ("From your care team"), not signs to watch for.
        init?(_ level: AlertLevel) {
            switch level {
            case .urgent: self = .now
            case .within24h: self = .today
            case .review, .info: return nil
            }
        }
    }

    struct Sign: Sendable, Equatable {
        var tier: Tier
        /// The profile finding the sign is about (`back_pain.night_pain`), if any.
        var field: String?
        var text: String
    }

    var signs: [Sign]

    /// Reads `red-flags.txt`: `TIER | words`, or `TIER [field] | words`; `#` lines are comments. A
    /// line without a tier counts as `now` (fail safe). Throws on an empty file or an unknown tier.
    init(text: String, file: String) throws(PrintError) {
        var signs: [Sign] = []
        for (i, raw) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            guard let bar = line.firstIndex(of: "|") else {
                signs.append(Sign(tier: .now, field: nil, text: line))
                continue
            }
            var head = line[..<bar].trimmingCharacters(in: .whitespaces)
            let words = line[line.index(after: bar)...].trimmingCharacters(in: .whitespaces)
            var field: String?
            if let open = head.firstIndex(of: "["), let close = head.firstIndex(of: "]"), open < close {
                field = String(head[head.index(after: open)..<close])
                head = head[..<open].trimmingCharacters(in: .whitespaces)
            }
            guard let tier = Tier(rawValue: head) else {
                throw PrintError("unknown tier '\(head)' (now, today or visit)", at: "\(file):\(i + 1):1")
            }
            guard !words.isEmpty else { throw PrintError("a sign needs words after '|'", at: "\(file):\(i + 1):1") }
            signs.append(Sign(tier: tier, field: field, text: words))
        }
        guard !signs.isEmpty else {
            throw PrintError("red-flags.txt lists no red flag: the stop-and-call box would print empty; write one sign a line (TIER | words)",
                             at: file)
        }
        // The emergency signs (cord compression) are on every sheet, whatever the week's alerts.
        guard signs.contains(where: { $0.tier == .now }) else {
            throw PrintError("red-flags.txt has no 'now' sign: the sheet would not say when to call at once (leg weakness, numbness, bladder or bowel change); add them as 'now | words'",
                             at: file)
        }
        self.signs = signs
    }

    /// A tier as the templates see it: its key (`now`, `today`, `visit`) and a flag of that name, the
    /// heading from the strings table, and its lines — the check's alerts (`alert`) then the fixed signs.
    public struct TierView: Sendable, Encodable {
        public var key: String
        public var heading: String
        public var lines: [Line]
        public var now: Bool
        public var today: Bool
        public var visit: Bool

        public struct Line: Sendable, Encodable {
            public var text: String
            public var alert: Bool
        }
    }

    /// The review and information alerts of the check, in the rules' words for the patient.
    func advice(_ report: SafetyReport) -> [PrintedWeek.Line] {
        report.alerts.filter { Tier($0.level) == nil }.map { PrintedWeek.Line(text: $0.patientMessage ?? $0.message) }
    }

    /// The tiers for one week: the fixed signs (less those of the findings the check reports the team
    /// acknowledged, `SafetyReport.acknowledgedFindings`) and the
    /// alerts of the check in the rules' words for the patient, each in the tier of its urgency. Each
    /// tier's heading is its one action with its number: `urgent` (the 24-hour line) for "now",
    /// `contact` (the team's line) for "today" and "next visit".
    func tiers(_ report: SafetyReport, urgent: String, contact: String, strings: PatientStrings) -> [TierView] {
        let known = report.acknowledgedFindings
        return Tier.allCases.compactMap { tier -> TierView? in
            var lines = report.alerts.filter { Tier($0.level) == tier }.map {
                TierView.Line(text: $0.patientMessage ?? $0.message, alert: true)
            }
            for sign in signs where sign.tier == tier {
                if let field = sign.field, known.contains(field) { continue }
                lines.append(TierView.Line(text: sign.text, alert: false))
            }
            guard !lines.isEmpty else { return nil }
            return TierView(key: tier.rawValue, heading: strings.heading(tier, contact: tier == .now ? urgent : contact), lines: lines,
                            now: tier == .now, today: tier == .today, visit: tier == .visit)
        }
    }
}
