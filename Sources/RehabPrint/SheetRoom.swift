import SheetGeometry

/// How much of a page of paper the scannable sheet has: what is printed above it on the first page
/// (the heading, the stop-and-call box, the care team's advice) and under its last page (the lists
/// and the notes line), estimated from their words on the high side, so that a sheet page laid out
/// for the room left always fits its page of paper (`SheetLayout.pages`). The property test in
/// `PrintPropertyTests` checks the estimate against Chromium's pages.
struct SheetRoom {
    /// Millimetres and characters of a line of text, at the style sheet's sizes.
    struct Text {
        var line: Double
        /// Characters a line of the full width holds, counted low (words wrap early).
        var chars: Int
        func height(_ text: String, width share: Double = 1) -> Double {
            let perLine = max(8, Int(Double(chars) * share))
            return Double(max(1, (text.count + perLine - 1) / perLine)) * line
        }
    }

    let paper: Paper
    let largePrint: Bool

    /// Body text: 12 pt (large 16 pt) at line height 1.2 (the stop box's lists 1.12).
    /// About 92 characters of 12 pt fill the 194 mm line, 69 of 16 pt.
    var body: Text { largePrint ? Text(line: 6.8, chars: 64) : Text(line: 5.1, chars: 90) }
    var list: Text { largePrint ? Text(line: 6.4, chars: 64) : Text(line: 4.8, chars: 90) }
    /// Headings: 14 pt (large 18 pt), bold.
    var heading: Text { largePrint ? Text(line: 7.7, chars: 54) : Text(line: 6, chars: 76) }

    /// The page inside its margins (`@page` margin 7 mm top and bottom).
    var page: Double { (paper == .a4 ? 297 : 279.4) - 14 }

    /// Room for the sheet on the first page of paper, under the week's heading, stop box and advice.
    func first(_ m: PrintedWeek) -> Double {
        // The heading: the title (17 pt, large 22 pt) and the name left, "Week N of M" and the dates right.
        let title = Text(line: largePrint ? 8.6 : 6.6, chars: largePrint ? 30 : 40)
        let who =
            m.patientName + (m.patientRef.map { " · " + $0 } ?? "")
            + (m.clinician.map { " · Physiotherapist: " + $0 } ?? "")
        let left =
            title.height(m.title) + (largePrint ? Text(line: 6.8, chars: 40) : Text(line: 5.9, chars: 50)).height(who)
        let right = largePrint ? 6.8 + 3 * 6.8 : 6.8 + 2 * 5.1
        var used = max(left, right) + 1.5 + 1 + 2
        // The stop box: its border and padding, a heading and a list per tier. The list is in two
        // columns (one in large print), its alert lines across both; a column may end a line longer.
        used += 1.6 + 2.2 + 2
        for tier in m.tiers {
            used += heading.height(tier.heading) + 0.5 + 1.5
            let signs = tier.lines.filter { !$0.alert }
            let alerts = tier.lines.filter(\.alert)
            let share = largePrint ? 1 : 0.48
            let column = signs.reduce(0) { $0 + list.height($1.text, width: share) }
            used += (largePrint ? column : column / 2 + list.line / 2) + alerts.reduce(0) { $0 + list.height($1.text) }
        }
        if !m.advice.isEmpty {
            used +=
                heading.height("From your care team") + 1.2
                + m.advice.reduce(0) { $0 + body.height($1.text, width: 0.95) }
        }
        // The sheet's own top margin, and a few millimetres for what the estimate misses.
        return page - used - 1 - 4
    }

    /// Room to leave under the sheet's last page: the lists, "Not this week", the notes line, the
    /// rules footer.
    func after(_ m: PrintedWeek) -> Double {
        var used = 1 + 8.0
        if !m.notThisWeek.isEmpty {
            used +=
                2 + heading.height("Not this week — ask your physiotherapist about these")
                + m.notThisWeek.reduce(0) { $0 + body.height($1.text, width: 0.95) }
        }
        for text in [m.asNeeded, m.supervised, m.ruleChanges] where !text.isEmpty {
            used += 1 + body.height("Only with your physiotherapist: " + text)
        }
        return used + 3
    }
}
