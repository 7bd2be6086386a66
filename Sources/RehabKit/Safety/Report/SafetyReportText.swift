import Foundation

/// The check's report for a care team: urgent alerts first in plain words, then what was
/// missing, then a row per item with the rules that decided and their sources.
public enum SafetyReportText {
    /// `render` of each report, on all cores (`rehab check` over a window of plans).
    public static func renderEach(_ reports: [SafetyReport]) -> [String] {
        ParallelMap.map(reports) { render($0) }
    }

    public static func render(_ r: SafetyReport) -> String {
        var lines: [String] = []
        let who = r.plan.patient.map { " — \($0.name)\($0.ref.map { " (\($0))" } ?? "")" } ?? ""
        lines.append("\(r.plan.title) [\(r.plan.id)]\(who)")
        lines.append("Status: \(r.status.rawValue.uppercased())\(statusNote(r))")
        if let asOf = r.asOf { lines.append("Checked as of \(asOf)") }
        if !r.ruleChanges.isEmpty {
            lines.append(
                "Rules: the defaults with the clinic's changes — "
                    + r.ruleChanges.map(\.description).joined(separator: "; "))
        }
        if !r.dateErrors.isEmpty {
            lines.append("")
            lines.append("INPUT ERRORS — correct the profile")
            for d in r.dateErrors { lines.append("  • \(d.location): \(d.message)") }
        }
        for level in AlertLevel.allCases {
            let alerts = r.alerts.filter { $0.level == level }
            guard !alerts.isEmpty else { continue }
            lines.append("")
            lines.append(level.heading)
            for a in alerts {
                lines.append("  • \(a.message)")
                lines.append(
                    "    rule \(a.rule)\(a.origin == RuleSet.defaultOrigin ? "" : " (from \(a.origin))"); source: \(a.source)"
                )
            }
        }
        if !r.acknowledged.isEmpty {
            lines.append("")
            lines.append("ACKNOWLEDGED — not on the patient's sheet")
            for a in r.acknowledged {
                let ack = a.acknowledgement
                lines.append("  • \(a.alert.message)")
                lines.append(
                    "    rule \(a.alert.rule); acknowledged by \(ack.by.rawValue) on \(ack.date)\(ack.note.map { ": \($0)" } ?? "")"
                )
            }
        }
        if !r.acknowledgeSuggestions.isEmpty {
            lines.append("")
            lines.append("MAY BE ACKNOWLEDGED — if the team has acted on it, add under acknowledged: in the profile")
            for s in r.acknowledgeSuggestions {
                lines.append("  • \(s.rule): \(s.why)")
                lines.append("      \(s.yaml)")
            }
        }
        if !r.lapsed.isEmpty {
            lines.append("")
            lines.append("LAPSED AT THE REASSESSMENT — record anew if they still hold")
            for l in r.lapsed { lines.append("  • \(l.description)") }
        }
        if !r.missing.isEmpty {
            lines.append("")
            lines.append("Missing from the profile, so treated as possibly present (fail closed):")
            lines.append("  " + r.missing.joined(separator: ", "))
        }
        if !r.notes.isEmpty {
            lines.append("")
            lines.append("How the profile was read")
            for note in r.notes { lines.append("  • \(note)") }
        }
        lines.append("")
        lines.append("Items")
        let width = max(8, r.items.map(\.exercise.rawValue.count).max() ?? 0)
        for item in r.items {
            let name = item.exercise.rawValue.padding(toLength: width, withPad: " ", startingAt: 0)
            let decision = item.decision.rawValue.padding(toLength: 10, withPad: " ", startingAt: 0)
            var detail = item.changes.joined(separator: "; ")
            if !item.rules.isEmpty {
                detail += (detail.isEmpty ? "" : " — ") + item.rules.map(\.rawValue).joined(separator: ", ")
            }
            lines.append("  \(name)  \(decision)  \(detail)".trimmingTrailingSpaces())
        }
        if !r.fired.isEmpty {
            let used = Set(r.items.flatMap(\.rules))
            lines.append("")
            lines.append("Rules in force")
            for f in r.fired {
                let from = f.rule.origin == RuleSet.defaultOrigin ? "" : " (from \(f.rule.origin))"
                var note = used.contains(f.rule.id) ? "" : " [no item affected]"
                if f.truth == .undecided {
                    note += " [applied because \(f.missing.joined(separator: ", ")) is missing]"
                }
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

extension String {
    func trimmingTrailingSpaces() -> String {
        var s = self
        while s.last == " " { s.removeLast() }
        return s
    }
}
