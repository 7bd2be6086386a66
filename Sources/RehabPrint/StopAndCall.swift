import RehabKit

/// The stop-and-call signs in three tiers, worded the same on the weekly sheet and the stop page:
/// the fixed signs of `red-flags.txt`, and the plan's alerts in the rules' words for the patient.
/// Which signs a week shows, and in which tier, the library decides (`SafetyReport.signs`); this
/// reads the file and lays the decided signs out.
public struct StopAndCall: Sendable {
    var signs: [WarningSign]

    /// Reads `red-flags.txt`: `TIER | words`, or `TIER [field] | words`; `#` lines are comments. A
    /// line without a tier counts as `now` (fail safe). Throws on an empty file or an unknown tier.
    init(text: String, file: String) throws(PrintError) {
        var signs: [WarningSign] = []
        for (i, raw) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            guard let bar = line.firstIndex(of: "|") else {
                signs.append(WarningSign(urgency: .now, field: nil, text: line))
                continue
            }
            var head = line[..<bar].trimmingCharacters(in: .whitespaces)
            let words = line[line.index(after: bar)...].trimmingCharacters(in: .whitespaces)
            var field: String?
            if let open = head.firstIndex(of: "["), let close = head.firstIndex(of: "]"), open < close {
                field = String(head[head.index(after: open)..<close])
                head = head[..<open].trimmingCharacters(in: .whitespaces)
            }
            guard let tier = SignUrgency(rawValue: head) else {
                throw PrintError("unknown tier '\(head)' (now, today or visit)", at: "\(file):\(i + 1):1")
            }
            guard !words.isEmpty else { throw PrintError("a sign needs words after '|'", at: "\(file):\(i + 1):1") }
            signs.append(WarningSign(urgency: tier, field: field, text: words))
        }
        guard !signs.isEmpty else {
            throw PrintError(
                "red-flags.txt lists no red flag: the stop-and-call box would print empty; write one sign a line (TIER | words)",
                at: file)
        }
        // The emergency signs (cord compression) are on every sheet, whatever the week's alerts.
        guard signs.contains(where: { $0.urgency == .now }) else {
            throw PrintError(
                "red-flags.txt has no 'now' sign: the sheet would not say when to call at once (leg weakness, numbness, bladder or bowel change); add them as 'now | words'",
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

    /// The tiers for one week: the signs the check decided (`SafetyReport.signs(_:)` of these fixed
    /// signs), each under its urgency. Each tier's heading is its one action with its number: `urgent`
    /// (the 24-hour line) for "now", `contact` (the team's line) for "today" and "next visit".
    func tiers(_ decided: [DecidedSign], urgent: String, contact: String, strings: PatientStrings) -> [TierView] {
        SignUrgency.allCases.compactMap { tier -> TierView? in
            let lines = decided.filter { $0.urgency == tier }.map { TierView.Line(text: $0.text, alert: $0.isAlert) }
            guard !lines.isEmpty else { return nil }
            return TierView(
                key: tier.rawValue, heading: strings.heading(tier, contact: tier == .now ? urgent : contact),
                lines: lines,
                now: tier == .now, today: tier == .today, visit: tier == .visit)
        }
    }
}
