import RehabKit
import RehabScan

/// `rehab log scan`'s report as text, and the warning signs said on standard error whatever the
/// report's format or destination.
enum ScanReportText {
    static func warningLines(_ r: ScanReport) -> [String] {
        var lines: [String] = []
        let urgent = r.warnings
        let unread = r.unreadWarnings
        if !urgent.isEmpty {
            lines += ["", "URGENT: A WARNING SIGN IS TICKED ON A SHEET"]
            for w in urgent {
                lines.append(
                    "  \(w.plan): warning sign \(w.says) on \(w.date) (\(w.source))"
                        + (w.stored ? "; stored as a red flag" : ""))
            }
            lines.append(
                "  Call the patient today to ask which sign it was; the plan stays stopped until a clinician records a new assessment."
            )
            lines.append("")
        }
        if !unread.isEmpty {
            // A sheet that could not be located: its warning boxes are not guessed either way.
            lines += [urgent.isEmpty ? "" : nil, "WARNING-SIGN BOXES THAT COULD NOT BE READ"].compactMap { $0 }
            for w in unread { lines.append("  \(w.plan): the warning-sign box of \(w.date) \(w.says) (\(w.source))") }
            lines.append("")
        }
        return lines.map(UserText.plain)
    }

    static func text(_ r: ScanReport) -> String {
        var lines = warningLines(r)
        for s in r.sheets {
            lines.append(
                "\(s.source): \(s.plan), week \(s.week): \(s.status) — \(s.ticked) ticked, \(s.empty) empty, \(s.uncertain) uncertain; \(s.entries) entries"
            )
            if let m = s.message { lines.append("  " + m) }
            if !s.acceptLines.isEmpty {
                lines.append("  To confirm, put these lines in an --accept file, each with what the box really shows:")
                for l in s.acceptLines { lines.append("    " + l) }
            }
        }
        for p in r.problems { lines.append("\(p.source): error: \(p.message)") }
        for p in r.skippedPages {
            lines.append(
                "\(p): no sheet code found (a card page, a blank page, or a sheet whose code could not be read: check it): skipped"
            )
        }
        if r.sheets.isEmpty && r.problems.isEmpty { lines.append("no week sheet was found in the scan") }
        if r.dryRun { lines.append("dry run: nothing was stored") }
        return lines.map(UserText.plain).joined(separator: "\n") + "\n"
    }
}
