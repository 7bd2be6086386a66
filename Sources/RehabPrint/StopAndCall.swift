import RehabKit

/// The stop-and-call signs in three tiers, worded the same on the weekly sheet and the stop page:
/// the fixed signs of `red-flags.txt`, and the plan's alerts in the rules' words for the patient.
struct StopAndCall: Sendable {
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
        self.signs = signs
    }

    /// The review and information alerts of the check, in the rules' words for the patient.
    func advice(_ report: SafetyReport) -> [[String: Any]] {
        report.alerts.filter { Tier($0.level) == nil }.map { ["text": $0.patientMessage ?? $0.message] }
    }

    /// The tiers for one week: the fixed signs (less the findings the team acknowledged) and the
    /// alerts of the check in the rules' words for the patient, each in the tier of its urgency.
    func tiers(_ report: SafetyReport, contact: String) -> [[String: Any]] {
        let acknowledgedFields = Set(report.acknowledged.flatMap { a in
            report.fired.first { $0.rule.id == a.alert.rule }?.rule.when.fieldNames ?? []
        })
        let profile = report.plan.safety
        return Tier.allCases.compactMap { tier -> [String: Any]? in
            var lines: [[String: Any]] = report.alerts.filter { Tier($0.level) == tier }.map {
                ["text": $0.patientMessage ?? $0.message, "alert": true]
            }
            for sign in signs where sign.tier == tier {
                if let field = sign.field, acknowledgedFields.contains(field), let profile,
                   profile.has(field) { continue }
                lines.append(["text": sign.text, "alert": false])
            }
            guard !lines.isEmpty else { return nil }
            return ["key": tier.rawValue, "heading": Self.heading(tier, contact: contact), "lines": lines,
                    tier.rawValue: true]
        }
    }

    static func heading(_ tier: Tier, contact: String) -> String {
        switch tier {
        case .now: return "Stop and call now: \(contact). If you cannot get through, call 999."
        case .today: return "Stop your exercises and call your care team today: \(contact)"
        case .visit: return "Tell us at your next visit"
        }
    }
}
