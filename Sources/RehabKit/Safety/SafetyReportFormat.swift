import Foundation

/// The check's report for a care team: urgent alerts first in plain words, then what was
/// missing, then a row per item with the rules that decided and their sources.
public enum SafetyReportText {
    public static func render(_ r: SafetyReport, rules: RuleSet) -> String {
        var lines: [String] = []
        let who = r.plan.patient.map { " — \($0.name)\($0.ref.map { " (\($0))" } ?? "")" } ?? ""
        lines.append("\(r.plan.title) [\(r.plan.id)]\(who)")
        lines.append("Status: \(r.status.rawValue.uppercased())\(statusNote(r))")
        if let asOf = r.asOf { lines.append("Checked as of \(asOf)") }
        for level in AlertLevel.allCases {
            let alerts = r.alerts.filter { $0.level == level }
            guard !alerts.isEmpty else { continue }
            lines.append("")
            lines.append(level.heading)
            for a in alerts {
                lines.append("  • \(a.message)")
                lines.append("    rule \(a.rule)\(a.origin == RuleSet.defaultOrigin ? "" : " (from \(a.origin))"); source: \(a.source)")
            }
        }
        if !r.missing.isEmpty {
            lines.append("")
            lines.append("Missing from the profile, so treated as possibly present (fail closed):")
            lines.append("  " + r.missing.joined(separator: ", "))
        }
        lines.append("")
        lines.append("Items")
        let width = max(8, r.items.map(\.exercise.count).max() ?? 0)
        for item in r.items {
            let name = item.exercise.padding(toLength: width, withPad: " ", startingAt: 0)
            let decision = item.decision.rawValue.padding(toLength: 10, withPad: " ", startingAt: 0)
            var detail = item.changes.joined(separator: "; ")
            if !item.rules.isEmpty { detail += (detail.isEmpty ? "" : " — ") + item.rules.joined(separator: ", ") }
            lines.append("  \(name)  \(decision)  \(detail)".trimmingTrailingSpaces())
        }
        if !r.fired.isEmpty {
            let used = Set(r.items.flatMap(\.rules))
            lines.append("")
            lines.append("Rules in force")
            for f in r.fired {
                let from = f.rule.origin == RuleSet.defaultOrigin ? "" : " (from \(f.rule.origin))"
                var note = used.contains(f.rule.id) ? "" : " [no item affected]"
                if f.truth == .undecided { note += " [applied because \(f.missing.joined(separator: ", ")) is missing]" }
                lines.append("  \(f.rule.id)\(from): \(f.rule.title)\(note)")
                lines.append("    source: \(f.rule.source)")
            }
        }
        if let limit = r.dailyMinutesLimit, let planned = r.plan.dailyMinutesLimit, limit != planned {
            lines.append("")
            lines.append("Daily minutes limit lowered from \(planned) to \(limit).")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func statusNote(_ r: SafetyReport) -> String {
        switch r.status {
        case .blocked: return " — do not start or continue this programme; contact the care team"
        case .restricted: return " — some items are changed, supervised or blocked"
        case .clear: return ""
        }
    }
}

/// The JSON of `rehab check --format json` (FORMAT.md §6), with a few added keys.
public enum SafetyReportJSON {
    struct Alert: Encodable {
        var level: String, rule: String, message: String, source: String
        var rule_set: String
    }

    struct Item: Encodable {
        var exercise: String
        var decision: String
        var rules: [String]
        var changes: [String]
        var replacement: String?
        var in_brace: Bool
    }

    struct Plan: Encodable {
        var plan: String
        var title: String
        var status: String
        var as_of: String?
        var alerts: [Alert]
        var missing: [String]
        var items: [Item]
        var daily_minutes_limit: Int?
    }

    public static func render(_ reports: [SafetyReport]) -> String {
        let body = reports.map { r in
            Plan(plan: r.plan.id, title: r.plan.title, status: r.status.rawValue, as_of: r.asOf?.description,
                 alerts: r.alerts.map { Alert(level: $0.level.rawValue, rule: $0.rule, message: $0.message, source: $0.source, rule_set: $0.origin) },
                 missing: r.missing,
                 items: r.items.map { Item(exercise: $0.exercise, decision: $0.decision.rawValue, rules: $0.rules,
                                           changes: $0.changes, replacement: $0.replacement, in_brace: $0.inBrace) },
                 daily_minutes_limit: r.dailyMinutesLimit)
        }
        return JSONText.encode(body)
    }
}

extension String {
    func trimmingTrailingSpaces() -> String {
        var s = self
        while s.last == " " { s.removeLast() }
        return s
    }
}
