import RehabKit

/// `rehab overview`: every patient's plan of the workspace on one page, most urgent first.
public enum Overview {
    public static func rows(_ tracking: Tracking, asOf: LocalDate) throws(StoreError) -> [OverviewRow] {
        let open = tracking.open
        var rows: [OverviewRow] = []
        for name in open.validation.workspace.plans.map(\.file).sorted() {
            guard case .success(let plan) = open.plan(name) else {
                rows.append(
                    OverviewRow(
                        plan: name, title: name, file: name, patient: "", mrn: nil, status: "invalid", alerts: [],
                        redFlags: [], assessment: "missing", assessedDaysAgo: nil, lastWeek: nil, adherence: nil,
                        painMean: nil, painMax: nil, action: "correct the file: run 'rehab validate \(name)'"))
                continue
            }
            guard !plan.isTemplate else { continue }
            let tracked = try tracking.tracked(plan, upTo: asOf, today: asOf)
            guard let profile = tracked.safety,
                let report = tracking.engine.check(tracked, in: open.workspace, asOf: asOf)
            else {
                rows.append(
                    OverviewRow(
                        plan: plan.id, title: plan.title, file: plan.file, patient: plan.patient?.name ?? "",
                        mrn: plan.patient?.ref, status: "invalid", alerts: [], redFlags: [], assessment: "missing",
                        assessedDaysAgo: nil, lastWeek: nil, adherence: nil, painMean: nil, painMax: nil,
                        action: "the safety profile cannot be read: run 'rehab validate \(plan.file)'"))
                continue
            }
            // A fall in leg function from the outcome measures: a review, after the check's own alerts.
            let measured = Measures.series(
                try tracking.entries(plan).filter { $0.date <= asOf }, tests: tracking.tests, patient: plan.patient)
            let alerts =
                report.alerts.filter { $0.level <= .within24h }
                .map { OverviewRow.Alert(level: $0.level.rawValue, rule: $0.rule.rawValue, message: $0.message) }
                + Measures.legDeclines(measured).map {
                    OverviewRow.Alert(level: "review", rule: Measures.legAlertRule, message: $0.message)
                }
            let flags = profile.openRedFlags.map { "\($0.flag.rawValue) on \($0.date)" }
            let age = profile.assessed.map { $0.days(to: asOf) }
            let assessment = OverviewRow.assessmentLabel(daysAgo: age)
            let pause = plan.pause(on: asOf)
            // The last week that has ended, from the log.
            var lastWeek: Int?
            var adherence: Double?
            var painMean: Double?
            var painMax: Int?
            var logged = false
            if let start = plan.start, start.days(to: asOf) >= 7 {
                let entries = try tracking.entries(plan)
                let reports = try tracking.reports(for: plan)
                if let progress = try? ProgressReport.build(
                    plan: plan, entries: entries, workspace: open.workspace,
                    engine: tracking.engine, asOf: asOf, reports: reports, tests: tracking.tests),
                    let week = progress.weeks.last(where: { $0.end < asOf && !plan.isWhollyPaused(week: $0.week) })
                {
                    lastWeek = week.week
                    logged = entries.contains { $0.date >= week.start && $0.date <= week.end }
                    // Nothing logged is not "0 % done": the sheet may simply not have come back yet.
                    adherence = logged ? week.adherence : nil
                    painMean = week.painMean
                    painMax = week.painMax
                }
            }
            let action: String
            if !flags.isEmpty {
                action = "red flag reported: see the patient; record a new assessment that addresses it"
            } else if let urgent = alerts.first(where: { $0.level == "urgent" }) {
                action = urgent.message
            } else if assessment == "future" {
                action = "a clinical date lies in the future: correct the profile"
            } else if report.status == .blocked, assessment == "expired" {
                action = "reassess: the assessment is more than 90 days old"
            } else if let a = alerts.first {
                action = a.message
            } else if let pause {
                action =
                    "paused since \(pause.from)\(pause.reason.map { " (\($0))" } ?? ""): 'rehab plan resume \(plan.file) --from DATE' when the programme starts again"
            } else if assessment == "stale" {
                action = "reassess within the week: the assessment is more than 30 days old"
            } else if let a = adherence, a < 0.5 {
                action = "fewer than half the sessions done last week: ask why"
            } else if lastWeek != nil, !logged, report.status != .blocked {
                action = "nothing logged last week: ask how it went"
            } else if let p = painMax, p >= 7 {
                action = "pain 7 or more last week: review pain control"
            } else {
                action = ""
            }
            var row = OverviewRow(
                plan: plan.id, title: plan.title, file: plan.file, patient: plan.patient?.name ?? "",
                mrn: plan.patient?.ref, status: report.status.rawValue, alerts: alerts, redFlags: flags,
                assessment: assessment, assessedDaysAgo: age, lastWeek: lastWeek, adherence: adherence,
                painMean: painMean, painMax: painMax, action: action)
            // The most recent urgent matter: an open red flag's day, else the assessment an urgent alert stands on.
            row.urgentSince =
                profile.openRedFlags.map(\.date).max()
                ?? (alerts.contains { $0.level == "urgent" } ? profile.assessed : nil)
            row.pausedSince = pause.map { "\($0.from)\($0.reason.map { " (\($0))" } ?? "")" }
            rows.append(row)
        }
        return rows.sorted(by: OverviewRow.mostUrgentFirst)
    }

    /// The overview as text: a block per plan.
    public static func text(_ rows: [OverviewRow], asOf: LocalDate) -> String {
        var lines = ["Overview as of \(asOf): \(rows.count) plan\(rows.count == 1 ? "" : "s"), most urgent first", ""]
        for r in rows {
            lines.append(
                "\(r.status.uppercased())  \(r.patient)\(r.mrn.map { " (\($0))" } ?? "") — \(r.title) [\(r.plan)]")
            for a in r.alerts { lines.append("  \(a.level): \(a.message) [\(a.rule)]") }
            for f in r.redFlags { lines.append("  red flag in the log: \(f)") }
            if let paused = r.pausedSince { lines.append("  paused since \(paused)") }
            var facts = ["assessment \(r.assessment)\(r.assessedWords.map { " (\($0))" } ?? "")"]
            if let w = r.lastWeek {
                var s = "week \(w): "
                s += r.adherence.map { "\(Int(($0 * 100).rounded())) % done" } ?? "nothing logged"
                if let m = r.painMean { s += ", pain mean \(String(format: "%.1f", m))" }
                if let p = r.painMax { s += ", highest \(p)" }
                facts.append(s)
            }
            lines.append("  " + facts.joined(separator: "; "))
            if !r.action.isEmpty { lines.append("  → \(r.action)") }
            lines.append("")
        }
        // Titles, names and MRNs are the user's: no terminal escape, CR or bidi override of theirs
        // may hide or rewrite a line (such as a plan's BLOCKED).
        return UserText.plain(lines.joined(separator: "\n"))
    }
}
