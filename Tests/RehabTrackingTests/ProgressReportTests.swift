import Foundation
import RehabKit
import RehabPrint
import RehabTracking
import TestSupport
import Testing

struct ProgressReportTests {
    @Test func stoppedWeeksAreShownAsStoppedNotAsMissed() throws {
        let c = try Clinic()
        let t = try c.tracking()
        let plan = try c.plan("braced-t10-metastasis", t)
        let entries = [
            LogEntry(
                plan: plan.id, date: day("2026-11-30"), kind: .session, item: "walking-indoor", session: 1,
                outcome: .done),
            LogEntry(
                plan: plan.id, date: day("2026-12-01"), kind: .session, item: "walking-indoor", session: 1,
                outcome: .done),
            LogEntry(
                plan: plan.id, date: day("2026-12-02"), kind: .symptom, symptom: .legWeakness,
                note: "legs heavy on the stairs"),
        ]
        let r = try ProgressReport.build(
            plan: plan, entries: entries, workspace: t.open.workspace, engine: t.engine, asOf: day("2026-12-20"))
        #expect(r.weeks.map { $0.stopped?.date } == [day("2026-12-02"), day("2026-12-02"), day("2026-12-02")])
        #expect(r.weeks[1].adherence == nil && r.weeks[2].adherence == nil, "nothing asked for once stopped")
        #expect(r.weeks[0].items.allSatisfy { $0.scheduled > 0 }, "week 1 counts Monday and Tuesday")
        #expect(
            !r.flags.contains { $0.message.contains("of sessions done (under 50%)") && !$0.message.hasPrefix("week 1") }
        )
        let text = ProgressFormat.text(r)
        #expect(
            text.contains(
                "Week 2 (2026-12-07 – 2026-12-13): STOPPED since 2026-12-02: weak or heavy legs reported (red flag), not missed sessions"
            ))
        #expect(
            text.contains(
                "  STOPPED since 2026-12-02: weak or heavy legs reported (red flag), not missed sessions; adherence counts the other days"
            ))
        #expect(text.contains("2026-12-02 symptom leg-weakness — note: legs heavy on the stairs"))
        #expect(ProgressFormat.json(r).contains("\"stopped\" : {"))
    }

    /// `rehab progress --as-of DAY` passes every red flag of the log: one reported after DAY had not
    /// happened yet, as `rehab overview --as-of DAY` and `rehab check --as-of DAY` already judge.
    @Test func aRedFlagReportedAfterTheDayReportedOnIsNotInTheReport() throws {
        let c = try Clinic()
        let t = try c.tracking()
        let plan = try c.plan("gentle-start-osteopenia", t)
        let later = ReportedRedFlag(.legWeakness, on: day("2026-12-10"))
        let entries = [
            LogEntry(
                plan: plan.id, date: day("2026-11-30"), kind: .session, item: "walking-gentle", session: 1,
                outcome: .done),
            LogEntry(plan: plan.id, date: later.date, kind: .symptom, symptom: later.flag),
        ]
        for given in [nil, [later]] {
            let r = try ProgressReport.build(
                plan: plan, entries: entries, workspace: t.open.workspace, engine: t.engine,
                asOf: day("2026-12-06"), reports: given)
            #expect(r.status != .blocked, "the plan was not stopped on 2026-12-06")
            #expect(r.symptoms.isEmpty && r.nextHeld == nil)
            #expect(!r.flags.contains { $0.message.contains("red flag") })
            let after = try ProgressReport.build(
                plan: plan, entries: entries, workspace: t.open.workspace, engine: t.engine,
                asOf: day("2026-12-10"), reports: given)
            #expect(after.status == .blocked && after.symptoms == [later], "on its day it stops the plan")
        }
    }

    @Test func notesAndSkipReasonsAreShown() throws {
        let c = try Clinic()
        let t = try c.tracking()
        let plan = try c.plan("gentle-start-osteopenia", t)
        let entries = [
            LogEntry(
                plan: plan.id, date: day("2026-11-30"), kind: .session, item: "walking-gentle", session: 1,
                outcome: .skipped,
                note: "legs numb", reason: "did not call"),
            LogEntry(plan: plan.id, date: day("2026-12-01"), kind: .pain, pain: 3, note: "a good day"),
        ]
        let r = try ProgressReport.build(
            plan: plan, entries: entries, workspace: t.open.workspace, engine: t.engine, asOf: day("2026-12-06"))
        #expect(r.weeks[0].notes.map(\.entry) == ["walking-gentle skipped", "pain 3"])
        let text = ProgressFormat.text(r)
        #expect(text.contains("  2026-11-30 walking-gentle skipped — reason: did not call; note: legs numb\n"))
        #expect(text.contains("  2026-12-01 pain 3 — note: a good day\n"))
        #expect(
            try progressHTML(r).contains(
                "<ul class=\"notes\"><li>2026-11-30 walking-gentle skipped — reason: did not call; note: legs numb</li>"
            ))
        #expect(
            ProgressFormat.markdown(r).contains(
                "- 2026-11-30 walking-gentle skipped — reason: did not call; note: legs numb"))
    }

    @Test func dayLevelPainIsFlagged() throws {
        let c = try Clinic()
        let t = try c.tracking()
        let plan = try c.plan("gentle-start-osteopenia", t)
        // A weekly mean of 4.9 (from nothing the week before): no weekly flag, but a bad day and a rise.
        let pains = [4, 4, 5, 7, 5, 4, 5]
        let entries = pains.enumerated().map {
            LogEntry(plan: plan.id, date: day("2026-11-30").adding(days: $0.offset), kind: .pain, pain: $0.element)
        }
        let r = try ProgressReport.build(
            plan: plan, entries: entries, workspace: t.open.workspace, engine: t.engine, asOf: day("2026-12-06"))
        let messages = r.flags.map(\.message)
        #expect(messages.contains("week 1: pain 7 on 2026-12-03 (7 or more)"))
        #expect(messages.contains("week 1: pain rose from 4 on 2026-11-30 to 7 on 2026-12-03"))
    }

    @Test func theReportNamesTheMRNAndItsDate() throws {
        let c = try Clinic()
        let t = try c.tracking()
        let plan = try c.plan("gentle-start-osteopenia", t)
        let r = try ProgressReport.build(
            plan: plan, entries: [], workspace: t.open.workspace, engine: t.engine, asOf: day("2026-12-06"))
        #expect(
            ProgressFormat.text(r).hasPrefix(
                "Progress: \(plan.title) — Maria R. (MRN MRN-0001)\nReport date: 2026-12-06\n"))
        #expect(try progressHTML(r).contains("(MRN MRN-0001) · report date 2026-12-06"))
        #expect(ProgressFormat.markdown(r).contains("Report date: 2026-12-06"))
        #expect(ProgressFormat.json(r).contains("\"mrn\" : \"MRN-0001\""))
        #expect(ProgressFormat.json(r).contains("\"report_date\" : \"2026-12-06\""))
    }
}

struct HabitAdherenceTests {
    /// Brace wear (an all-day habit) is one tick a day, and counts as adherence.
    @Test func braceWearCountsAsAdherence() throws {
        let c = try Clinic()
        let t = try c.tracking()
        let plan = try c.plan("braced-t10-metastasis", t)
        let entries = (0..<3).map {
            LogEntry(
                plan: plan.id, date: day("2026-11-30").adding(days: $0), kind: .session, item: "brace-tlso-wear",
                session: 1, outcome: .done)
        }
        let r = try ProgressReport.build(
            plan: plan, entries: entries, workspace: t.open.workspace, engine: t.engine, asOf: day("2026-12-06"))
        let brace = try #require(r.weeks[0].items.first { $0.exercise == "brace-tlso-wear" })
        #expect((brace.done, brace.scheduled) == (3, 7))
        #expect(brace.adherence == 3.0 / 7)
    }
}

struct ProgressHTMLTests {
    /// Margins on screen as on paper, and charts that scale to the page instead of overflowing it.
    @Test func theHTMLHasMarginsAndChartsThatFitThePage() throws {
        let c = try Clinic()
        let t = try c.tracking()
        let plan = try c.plan("gentle-start-osteopenia", t)
        let r = try ProgressReport.build(
            plan: plan, entries: [], workspace: t.open.workspace, engine: t.engine, asOf: day("2026-12-06"))
        let html = try progressHTML(r)
        #expect(html.contains("@page { size: 210mm 297mm; margin: 12mm; }"))
        #expect(html.contains("@media screen { body { margin: 12mm; max-width: 186mm; } }"))
        #expect(html.contains(".charts svg { margin: 1mm 4mm 3mm 0; max-width: 100%; height: auto; }"))
    }
}
