import Foundation
import RehabKit
import RehabTracking
import TestSupport
import Testing

/// The progress report and the overview over a plan's life: a red flag addressed by a new
/// assessment, a stop, a pause.
struct AddressedRedFlagTests {
    /// The braced plan reassessed on 2026-12-04 with the leg weakness of 2026-12-02 resolved.
    static func reassessed(_ plan: Plan) -> Plan {
        var p = plan
        p.safety?.assessed = day("2026-12-04")
        p.safety?.resolved = [
            ResolvedSymptom(
                symptom: .legWeakness, date: day("2026-12-04"), by: .spinalTeam, note: "MRI: no cord compression")
        ]
        return p
    }

    static let weakness = LogEntry(
        plan: "braced-t10-metastasis", date: day("2026-12-02"), kind: .symptom, symptom: .legWeakness)

    /// Addressed: shown with how, not URGENT; the stop lasted from the report to the reassessment only.
    @Test func anAddressedRedFlagIsShownAsAddressedWithHow() throws {
        let c = try Clinic()
        // As `print` and `progress` run: today after the reassessment, so that week 1 is not judged
        // by a profile dated after it.
        let t = try Tracking(
            open: OpenWorkspace(root: c.ws.root, displayBase: c.ws.root), rules: .defaults, storePath: c.dbPath,
            create: true, today: day("2026-12-16"))
        let plan = Self.reassessed(try c.plan("braced-t10-metastasis", t))
        let r = try ProgressReport.build(
            plan: plan, entries: [Self.weakness], workspace: t.open.workspace, engine: t.engine,
            asOf: day("2026-12-16"))
        #expect(r.flags.filter { $0.level == .urgent }.isEmpty, "\(r.flags.map(\.message))")
        #expect(
            r.flags.contains {
                $0.level == .addressed
                    && $0.message
                        == "red flag reported on 2026-12-02: weak or heavy legs — addressed: resolved on 2026-12-04 by spinal-team: MRI: no cord compression"
            })
        let text = ProgressFormat.text(r)
        #expect(!text.contains("URGENT"))
        #expect(text.contains("  addressed: red flag reported on 2026-12-02"))
        #expect(r.weeks[0].stopped?.date == day("2026-12-02") && r.weeks[0].reopened == day("2026-12-04"))
        #expect(text.contains("reopened on 2026-12-04 by a new assessment; adherence counts the other days"))
        #expect(r.weeks[1].stopped == nil, "week 2 runs again")
        // Week 1 asks for Mon, Tue, then Fri and Sat (Sunday is a rest day): walking-indoor 2/day on 4 days.
        #expect(r.weeks[0].items.first { $0.exercise == "walking-indoor" }?.scheduled == 8)
        #expect(r.weeks[1].items.first { $0.exercise == "walking-indoor" }?.scheduled == 12)
    }

    /// Still open: URGENT, and next week has no step at all until a new assessment reopens the plan.
    @Test func noStepIsPlannedAfterAStop() throws {
        let c = try Clinic()
        let t = try c.tracking()
        let plan = try c.plan("braced-t10-metastasis", t)
        let r = try ProgressReport.build(
            plan: plan, entries: [Self.weakness], workspace: t.open.workspace, engine: t.engine,
            asOf: day("2026-12-08"))
        #expect(r.next.isEmpty)
        #expect(
            r.nextHeld
                == "none: the programme is stopped since 2026-12-02 (weak or heavy legs) until a new assessment addresses it"
        )
        let text = ProgressFormat.text(r)
        #expect(!text.contains("planned step"))
        #expect(text.contains("Next week (3): none: the programme is stopped since 2026-12-02"))
        #expect(r.flags.contains { $0.level == .urgent })
    }
}

struct PausedPlanReportTests {
    /// Week 2 paused whole (radiotherapy): nothing asked for, no step across it, and the report says so.
    @Test func pausedDaysAreNotMissedAndTakeNoStep() throws {
        let c = try Clinic()
        let t = try c.tracking()
        var plan = try c.plan("braced-t10-metastasis", t)
        plan.pauses = [Pause(from: day("2026-12-07"), to: day("2026-12-13"), reason: "radiotherapy")]
        var done: [LogEntry] = [LogEntry(plan: plan.id, date: day("2026-12-05"), kind: .pain, pain: 2)]
        for d in 0..<6 {
            for session in 1...2 {
                done.append(
                    LogEntry(
                        plan: plan.id, date: day("2026-11-30").adding(days: d), kind: .session, item: "walking-indoor",
                        session: session, outcome: .done))
            }
        }
        let r = try ProgressReport.build(
            plan: plan, entries: done, workspace: t.open.workspace, engine: t.engine, asOf: day("2026-12-16"))
        #expect(r.weeks[1].items.isEmpty && r.weeks[1].adherence == nil, "a paused week asks for nothing")
        #expect(!r.flags.contains { $0.message.hasPrefix("week 2") }, "\(r.flags.map(\.message))")
        #expect(
            ProgressFormat.text(r).contains(
                "PAUSED from 2026-12-07 to 2026-12-13 (radiotherapy): nothing asked for, not missed sessions"))
        // Week 1 earned the step to 6 minutes; weeks 2 (paused) and 3 (after the pause) take none.
        let scheduler = WeekScheduler(
            workspace: t.open.workspace, engine: t.engine,
            judge: LogJudge(log: ProgressLog(plan: plan, entries: done, workspace: t.open.workspace, engine: t.engine)))
        let week3 = try scheduler.schedule(plan, week: 3)
        #expect(
            week3.progress.first { $0.exercise == "walking-indoor" }?.dose.minutes == 5,
            "resumes at the dose it stopped at")
        let week2 = try scheduler.schedule(plan, week: 2)
        #expect(
            week2.days.allSatisfy { $0.isPaused && $0.sessions.isEmpty && $0.habits.isEmpty },
            "no session, habit or brace care")
        #expect(week2.unscheduled.isEmpty, "paused sessions are not unscheduled ones")
    }
}

struct OverviewOrderTests {
    /// 30 days is ok, 31 stale, 90 stale, 91 expired: moving either edge by a day fails.
    @Test(arguments: [(0, "ok"), (30, "ok"), (31, "stale"), (90, "stale"), (91, "expired"), (-1, "future")])
    func assessmentLabelEdges(age: Int, label: String) {
        #expect(OverviewRow.assessmentLabel(daysAgo: age) == label)
    }

    @Test func pluralsAreRight() {
        #expect(
            [0, 1, 2, -1, -3].map(OverviewRow.daysAgo) == ["today", "1 day ago", "2 days ago", "in 1 day", "in 3 days"])
    }

    /// The bundled clinic as of dates either side of the 30-day edge, across February's 28 days.
    @Test func staleLabelAcrossFebruary() throws {
        let c = try Clinic()
        let file = c.ws.root + "/Patients/maria-r.yaml"
        let text = try String(contentsOfFile: file, encoding: .utf8)
        let assessed = try #require(text.range(of: #"assessed: \d{4}-\d\d-\d\d"#, options: .regularExpression))
        try text.replacingCharacters(in: assessed, with: "assessed: 2027-01-31").write(
            toFile: file, atomically: true, encoding: .utf8)
        let t = try c.tracking()
        func row(_ asOf: String) throws -> OverviewRow? {
            try Overview.rows(t, asOf: day(asOf)).first { $0.plan == "gentle-start-osteopenia" }
        }
        #expect(try row("2027-03-02")?.assessment == "ok")
        #expect(try row("2027-03-02")?.assessedDaysAgo == 30)
        #expect(try row("2027-03-03")?.assessment == "stale")
    }

    /// A red flag reported today comes above a cord-compression suspicion assessed 20 days ago.
    @Test func theMostRecentUrgentMatterComesFirst() {
        func row(_ patient: String, since: String, flags: [String]) -> OverviewRow {
            var r = OverviewRow(
                plan: patient, title: "T", file: "f", patient: patient, mrn: nil, status: "blocked",
                alerts: [.init(level: "urgent", rule: "r", message: "m")], redFlags: flags, assessment: "ok",
                assessedDaysAgo: 1, lastWeek: nil, adherence: nil, painMean: nil, painMax: nil, action: "")
            r.urgentSince = day(since)
            return r
        }
        let old = row("Anna demo", since: "2026-11-16", flags: [])
        let today = row("Zoe", since: "2026-12-06", flags: ["leg-weakness on 2026-12-06"])
        #expect([old, today].sorted(by: OverviewRow.mostUrgentFirst).map(\.patient) == ["Zoe", "Anna demo"])
    }
}
