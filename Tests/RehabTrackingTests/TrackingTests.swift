import Foundation
import RehabKit
import RehabPrint
import RehabTracking
import TestSupport
import Testing

/// A copy of the bundled workspace with its own store, for tests that log.
struct Clinic {
    let ws: TemporaryWorkspace
    var dbPath: String { ws.root + "/.rehab/progress.sqlite" }

    init() throws {
        ws = try TemporaryWorkspace.clinicCopy()
    }

    func tracking(create: Bool = true) throws -> Tracking {
        try Tracking(
            open: OpenWorkspace(root: ws.root, displayBase: ws.root), rules: .defaults, storePath: dbPath,
            create: create)
    }

    func plan(_ id: String, _ t: Tracking) throws -> Plan {
        try #require(t.open.workspace.plan(id: id))
    }
}

func day(_ s: String) -> LocalDate { LocalDate(s)! }

struct AdherenceTests {
    @Test func partialCountsHalfAndSkippedNothing() throws {
        let c = try Clinic()
        let t = try c.tracking()
        let plan = try c.plan("gentle-start-osteopenia", t)
        // walking-gentle is daily except Sunday: 6 sessions in week 1.
        let entries = [
            LogEntry(
                plan: plan.id, date: day("2026-11-30"), kind: .session, item: "walking-gentle", session: 1,
                outcome: .done),
            LogEntry(
                plan: plan.id, date: day("2026-12-01"), kind: .session, item: "walking-gentle", session: 1,
                outcome: .done),
            LogEntry(
                plan: plan.id, date: day("2026-12-02"), kind: .session, item: "walking-gentle", session: 1,
                outcome: .partial),
            LogEntry(
                plan: plan.id, date: day("2026-12-03"), kind: .session, item: "walking-gentle", session: 1,
                outcome: .skipped, reason: "tired"),
        ]
        let log = ProgressLog(plan: plan, entries: entries, workspace: t.open.workspace, engine: t.engine)
        let schedule = try WeekScheduler(workspace: t.open.workspace, engine: t.engine).schedule(plan, week: 1)
        let index = plan.items.firstIndex { $0.exercise.value == "walking-gentle" }!
        #expect(log.adherence(item: index, week: 1, schedule: schedule) == 2.5 / 6)
        #expect(
            log.adherence(item: index, week: 1, schedule: schedule, counted: { $0 <= day("2026-12-03") }) == 2.5 / 4)
        let report = try ProgressReport.build(
            plan: plan, entries: entries, workspace: t.open.workspace, engine: t.engine,
            asOf: day("2026-12-06"))
        let row = try #require(report.weeks[0].items.first { $0.exercise == "walking-gentle" })
        #expect((row.done, row.partial, row.skipped, row.scheduled) == (2, 1, 1, 6))
    }
}

struct ProgressionDecisionTests {
    /// Week 1 of walking-gentle (progression every week, +2 minutes up to 30, when pain ≤ 3 and adherence ≥ 0.8).
    func report(_ t: Tracking, _ plan: Plan, pain: Int, sessions: Int, regress: Bool = false) throws -> ProgressReport {
        var plan = plan
        if regress, let i = plan.items.firstIndex(where: { $0.exercise.value == "walking-gentle" }) {
            plan.items[i].progression?.otherwise = .regress
        }
        var entries: [LogEntry] = []
        let start = day("2026-11-30")
        for d in 0..<sessions {
            entries.append(
                LogEntry(
                    plan: plan.id, date: start.adding(days: d), kind: .session, item: "walking-gentle", session: 1,
                    outcome: .done))
        }
        entries.append(LogEntry(plan: plan.id, date: start, kind: .pain, pain: pain))
        return try ProgressReport.build(
            plan: plan, entries: entries, workspace: t.open.workspace, engine: t.engine, asOf: day("2026-12-06"))
    }

    func walking(_ r: ProgressReport) throws -> ProgressReport.NextStep {
        try #require(r.next.first { $0.exercise == "walking-gentle" })
    }

    @Test func earnedWhenPainAndAdherenceMeetTheConditions() throws {
        let c = try Clinic()
        let t = try c.tracking()
        let n = try walking(report(t, try c.plan("gentle-start-osteopenia", t), pain: 2, sessions: 6))
        #expect(n.decision == .progress)
        #expect(n.dose.minutes == 12)
    }

    @Test func heldOnPain() throws {
        let c = try Clinic()
        let t = try c.tracking()
        let n = try walking(report(t, try c.plan("gentle-start-osteopenia", t), pain: 5, sessions: 6))
        #expect(n.decision == .hold)
        #expect(n.reason == "pain reached 5, above 3")
        #expect(n.dose.minutes == 10)
    }

    @Test func heldOnAdherence() throws {
        let c = try Clinic()
        let t = try c.tracking()
        let n = try walking(report(t, try c.plan("gentle-start-osteopenia", t), pain: 1, sessions: 3))
        #expect(n.decision == .hold)
        #expect(n.reason == "done 50% of sessions, below 80%")
    }

    @Test func regressedWhenThePlanSaysSo() throws {
        let c = try Clinic()
        let t = try c.tracking()
        let n = try walking(report(t, try c.plan("gentle-start-osteopenia", t), pain: 6, sessions: 6, regress: true))
        #expect(n.decision == .regress)
    }

    @Test func plannedWithoutALog() throws {
        let c = try Clinic()
        let t = try c.tracking()
        let plan = try c.plan("gentle-start-osteopenia", t)
        let r = try ProgressReport.build(
            plan: plan, entries: [], workspace: t.open.workspace, engine: t.engine, asOf: day("2026-12-06"))
        #expect(try walking(r).decision == .planned)
        // And the scheduler says the same: planned, not earned.
        let s = try t.scheduler(for: plan).schedule(plan, week: 2)
        #expect(s.progress.first { $0.exercise == "walking-gentle" }?.status == .planned)
    }

    @Test func theSchedulerTakesOnlyEarnedSteps() throws {
        let c = try Clinic()
        let t = try c.tracking()
        let plan = try c.plan("gentle-start-osteopenia", t)
        let start = day("2026-11-30")
        try t.store!.add(
            (0..<6).map {
                LogEntry(
                    plan: plan.id, date: start.adding(days: $0), kind: .session, item: "walking-gentle", session: 1,
                    outcome: .done)
            } + [LogEntry(plan: plan.id, date: start, kind: .pain, pain: 6)])
        let s = try t.scheduler(for: plan).schedule(plan, week: 2)
        let walking = try #require(s.progress.first { $0.exercise == "walking-gentle" })
        #expect(walking.status == .held)
        #expect(walking.dose.minutes == 10)
    }
}

/// `Tracking.patientPlan`: the week as the patient has it, checked as of the day the command says.
struct PatientPlanTests {
    @Test func theWeeksAreCheckedAsOfTheirFirstDayOrTheDayPrinted() throws {
        let c = try Clinic()
        let t = try c.tracking()
        let plan = try c.plan("gentle-start-osteopenia", t)
        try t.store!.add([LogEntry(plan: plan.id, date: day("2026-12-02"), kind: .symptom, symptom: .legWeakness)])
        let patient = try t.patientPlan(plan, today: day("2026-12-03"))
        #expect(patient.plan.safety?.reportedRedFlags == ["leg-weakness"], "with the red flag the patient reported")
        let ahead = try patient.weeks(1...3, checked: .weekStart)
        #expect(ahead.map(\.safety.asOf) == [1, 2, 3].map { plan.firstDay(ofWeek: $0) })
        let printed = try patient.weeks(1...3, checked: .printedOn(day("2026-12-03")))
        #expect(
            printed.allSatisfy { $0.safety.asOf == day("2026-12-03") }, "a sheet agrees with 'check' on the day printed"
        )
        #expect(try patient.week(2, checked: .weekStart).start == ahead[1].start)
        #expect(throws: ScheduleError.weekOutOfRange(week: 99, weeks: plan.weeks)) {
            try patient.week(99, checked: .weekStart)
        }
        // The days a scanned sheet may have been printed on: before the report, the plan was not stopped.
        let days = try t.patientPlans(
            plan, forEachOf: [(day("2026-12-03"), day("2026-12-03")), (day("2026-12-01"), day("2026-12-01"))])
        #expect(days.map { $0.plan.safety?.reportedRedFlags } == [["leg-weakness"], nil])
        #expect(try days[1].week(1, checked: .printedOn(day("2026-12-01"))).safety.status != .blocked)
        #expect(try days[0].week(1, checked: .printedOn(day("2026-12-03"))).safety.status == .blocked)
    }
}

struct RedFlagFlowTests {
    @Test func symptomBlocksPrintingUntilANewAssessment() throws {
        let c = try Clinic()
        var t = try c.tracking()
        let plan = try c.plan("braced-t10-metastasis", t)
        #expect(
            t.engine.check(try t.tracked(plan), in: t.open.workspace, asOf: day("2026-12-02"))?.status == .restricted)

        try t.store!.add([LogEntry(plan: plan.id, date: day("2026-12-02"), kind: .symptom, symptom: .legWeakness)])
        let blocked = try t.tracked(plan)
        let report = try #require(t.engine.check(blocked, in: t.open.workspace, asOf: day("2026-12-02")))
        #expect(report.status == .blocked)
        #expect(report.alerts.map(\.rule).contains("red-flag-reported"))
        #expect(report.alerts.map(\.rule).contains("suspected-cord-compression"), "leg weakness with metastases")
        let printer = try RoutinePrinter()
        let week = try t.scheduler(for: blocked).schedule(blocked, week: 2)
        let html = try printer.render([week], plan: blocked, workspace: t.open.workspace, format: .html, paper: .a4)
        #expect(html.contains("Stop your exercises"), "week 2: the programme has started")
        #expect(!html.contains("class=\"sheet\""))

        // The clinician reassesses after the symptom and records it as a known stable deficit
        // (the spinal team's word): the report is no longer open.
        let file = c.ws.root + "/Plans/braced-t10-metastasis.yaml"
        let text = try String(contentsOfFile: file, encoding: .utf8)
            .replacingOccurrences(
                of: "assessed: 2026-11-23",
                with: """
                    assessed: 2026-12-04
                      known_deficits: [{symptom: leg-weakness, assessed_by: spinal-team, date: 2026-12-04, note: "MRI: no compression; stable"}]
                    """
            )
            .replacingOccurrences(of: "date: 2026-11-25, note", with: "date: 2026-12-04, note")
        try text.write(toFile: file, atomically: true, encoding: .utf8)
        t = try c.tracking()
        let reassessed = try t.tracked(try c.plan("braced-t10-metastasis", t))
        #expect(reassessed.safety?.reportedRedFlags == nil)
        let again = try t.scheduler(for: reassessed).schedule(reassessed, week: 2)
        let html2 = try printer.render(
            [again], plan: reassessed, workspace: t.open.workspace, format: .html, paper: .a4)
        #expect(html2.contains("class=\"sheet\""))
    }
}

struct StoreTests {
    @Test func createdPrivateWithWAL() throws {
        let c = try Clinic()
        _ = try c.tracking()
        let attributes = try FileManager.default.attributesOfItem(atPath: c.dbPath)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        let header = try Data(contentsOf: URL(fileURLWithPath: c.dbPath)).prefix(20)
        // Bytes 18 and 19 of an SQLite header are 2 in WAL mode.
        #expect(header[18] == 2 && header[19] == 2)
    }

    @Test(arguments: [
        Data("not a database at all\n".utf8), Data("SQLite format 3\0".utf8) + Data(repeating: 0xAB, count: 4000),
    ])
    func aForeignOrCorruptFileIsRefusedAndUntouched(_ bytes: Data) throws {
        let c = try Clinic()
        try c.ws.write(".rehab/progress.sqlite", bytes)
        #expect(throws: StoreError.self) { _ = try c.tracking() }
        #expect(try Data(contentsOf: URL(fileURLWithPath: c.dbPath)) == bytes)
    }

    @Test func anotherApplicationsDatabaseIsRefused() throws {
        let c = try Clinic()
        try FileManager.default.createDirectory(atPath: c.ws.root + "/.rehab", withIntermediateDirectories: true)
        try sqlite(c.dbPath, "CREATE TABLE invoices (id INTEGER); INSERT INTO invoices VALUES (1);")
        let before = try Data(contentsOf: URL(fileURLWithPath: c.dbPath))
        do {
            _ = try c.tracking()
            Issue.record("a foreign database was accepted")
        } catch {
            #expect(String(describing: error).contains("another application"))
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: c.dbPath)) == before)
    }

    @Test func aSecondEntryForTheSameSessionIsAnErrorUnlessReplaced() throws {
        let c = try Clinic()
        let t = try c.tracking()
        let e = LogEntry(
            plan: "gentle-start-osteopenia", date: day("2026-11-30"), kind: .session, item: "walking-gentle",
            session: 1, outcome: .done)
        try t.store!.add([e])
        #expect(
            throws: StoreError(
                "'walking-gentle' session 1 on 2026-11-30 is already in the log; use --replace to change it")
        ) {
            try t.store!.add([e])
        }
        var partial = e
        partial.outcome = .partial
        try t.store!.add([partial], replace: true, voided: [])
        #expect(try t.store!.entries(plan: e.plan) == [partial])
    }
}

struct CSVTests {
    static let header = LogCSV.header.joined(separator: ",")

    @Test func aBadRowRejectsTheWholeFileWithRowAndColumn() throws {
        let c = try Clinic()
        let t = try c.tracking()
        let csv = """
            \(Self.header)
            gentle-start-osteopenia,2026-11-30,session,walking-gentle,1,done,2,11,,,
            gentle-start-osteopenia,2026-11-30,session,walking-gentel,1,done,,,,,
            gentle-start-osteopenia,2026-12-01,pain,,,,12,,,,
            """
        guard case .failure(let problems) = t.entries(fromCSV: csv) else {
            Issue.record("a bad file was accepted")
            return
        }
        #expect(
            problems.all.map { "\($0.row):\($0.column): \($0.message)" } == [
                "3:4: 'walking-gentel' is not in plan 'gentle-start-osteopenia'; did you mean 'walking-gentle'?",
                "4:7: pain 12 is not on the 0–10 scale",
            ])
        #expect(try t.store!.count() == 0)
    }

    @Test func aDuplicateInTheFileStoresNothing() throws {
        let c = try Clinic()
        let t = try c.tracking()
        let row = "gentle-start-osteopenia,2026-11-30,session,walking-gentle,1,done,,,,,"
        guard case .failure(let p) = t.entries(fromCSV: "\(Self.header)\n\(row)\n\(row)\n") else {
            Issue.record("a file with a duplicate was accepted")
            return
        }
        #expect(
            p.all.map { "\($0.row):\($0.column): \($0.message)" } == [
                "3:4: 'walking-gentle' session 1 on 2026-11-30 is also in row 2: one entry each"
            ])
        #expect(try t.store!.count() == 0)
    }

    @Test func exportImportRoundTrip() throws {
        let c = try Clinic()
        let t = try c.tracking()
        let plan = "gentle-start-osteopenia"
        let entries = [
            LogEntry(
                plan: plan, date: day("2026-11-30"), kind: .session, item: "walking-gentle", session: 1, outcome: .done,
                pain: 2, rpe: 11,
                note: "felt good, \"easy\"\nand sunny"),
            LogEntry(
                plan: plan, date: day("2026-11-30"), kind: .session, item: "sitting-posture-check", session: 2,
                outcome: .partial,
                reason: "tired, stopped early"),
            LogEntry(plan: plan, date: day("2026-11-30"), kind: .pain, pain: 3),
            LogEntry(plan: plan, date: day("2026-12-01"), kind: .symptom, symptom: .nightPain, note: "woke twice"),
        ]
        try t.store!.add(entries)
        let csv = LogCSV.export(try t.store!.entries(plan: plan))
        let other = try Clinic()
        let t2 = try other.tracking()
        try t2.store!.add(try t2.entries(fromCSV: csv).get())
        #expect(try t2.store!.entries(plan: plan) == t.store!.entries(plan: plan))
        #expect(LogCSV.export(try t2.store!.entries(plan: plan)) == csv)
    }
}

struct ProgressRenderingTests {
    static let golden = Paths.packageRoot + "/Tests/RehabTrackingTests/Golden/"

    /// Twelve weeks of daily entries for a 12-week plan, deterministic.
    static func twelveWeeks() throws -> (Clinic, Tracking, Plan) {
        let c = try Clinic()
        let file = c.ws.root + "/Plans/gentle-start-osteopenia.yaml"
        try String(contentsOfFile: file, encoding: .utf8).replacingOccurrences(of: "weeks: 6", with: "weeks: 12")
            .write(toFile: file, atomically: true, encoding: .utf8)
        let t = try c.tracking()
        let plan = try c.plan("gentle-start-osteopenia", t)
        var rng = SplitMix64(seed: 12)
        let scheduler = WeekScheduler(workspace: t.open.workspace, engine: t.engine)
        var entries: [LogEntry] = []
        for w in 1...12 {
            let s = try scheduler.schedule(plan, week: w)
            for d in s.days {
                entries.append(
                    LogEntry(
                        plan: plan.id, date: d.date, kind: .pain,
                        pain: min(10, max(0, 2 + (w % 5 == 0 ? 3 : 0) + Int.random(in: -1...1, using: &rng)))))
                var seen: [String: Int] = [:]
                for session in d.sessions {
                    let id = plan.items[session.item].exercise.value
                    seen[id, default: 0] += 1
                    let roll = Int.random(in: 0..<10, using: &rng)
                    let outcome: Outcome =
                        w == 7 ? (roll < 6 ? .skipped : .done) : (roll < 8 ? .done : roll < 9 ? .partial : .skipped)
                    entries.append(
                        LogEntry(
                            plan: plan.id, date: d.date, kind: .session, item: id, session: seen[id]!, outcome: outcome,
                            rpe: outcome == .skipped ? nil : 10 + Int.random(in: 0...2, using: &rng)))
                }
            }
        }
        try t.store!.add(entries)
        return (c, t, plan)
    }

    @Test func twelveWeeksRenderInTextAndHTMLAndPrintToPDF() throws {
        let (_, t, plan) = try Self.twelveWeeks()
        let report = try ProgressReport.build(
            plan: plan, entries: try t.entries(plan), workspace: t.open.workspace,
            engine: t.engine, asOf: day("2027-02-21"))
        #expect(report.weeks.count == 12)
        #expect(report.flags.contains { $0.message.hasPrefix("week 7:") })
        #expect(report.flags.contains { $0.message.hasPrefix("pain rose from") })
        let text = ProgressFormat.text(report)
        let html = try progressHTML(report)
        for (out, name) in [(text, "progress-12-weeks.txt"), (html, "progress-12-weeks.html")] {
            let problem = Golden.check(out, file: Self.golden + name)
            #expect(problem == nil, "\(problem ?? "")")
        }
        #expect(html.contains("<svg"))
        try #require(PDFPrinter.browser() != nil, "headless Chromium is not installed: run 'make test'")
        let out = try TemporaryWorkspace()
        try PDFPrinter.print(html: html, to: out.root + "/progress.pdf")
        let head = try FileHandle(forReadingFrom: URL(fileURLWithPath: out.root + "/progress.pdf")).readData(
            ofLength: 5)
        #expect(String(decoding: head, as: UTF8.self) == "%PDF-")
    }
}

struct ReviewFindingTests {
    /// A red flag logged against one plan stops every plan of the same patient.
    @Test func aRedFlagStopsEveryPlanOfThePatient() throws {
        let c = try Clinic()
        try c.ws.write(
            "Plans/maria-walking.yaml",
            """
            id: maria-walking
            title: Walking only
            patient: {name: Maria R., ref: MRN-0001}
            start: 2026-11-30
            weeks: 2
            safety_profile: ../Patients/maria-r.yaml
            items: [{exercise: walking-gentle, frequency: daily}]
            """)
        let t = try c.tracking()
        try t.store!.add([
            LogEntry(plan: "gentle-start-osteopenia", date: day("2026-12-01"), kind: .symptom, symptom: .legWeakness)
        ])
        let other = try t.tracked(try c.plan("maria-walking", t))
        #expect(t.engine.check(other, in: t.open.workspace, asOf: day("2026-12-02"))?.status == .blocked)
    }

    /// An assessment dated in the future (a typo) does not close a red flag.
    @Test func aFutureAssessmentDoesNotCloseARedFlag() throws {
        var p = SafetyProfile(location: SourceLocation(file: "t", line: 1, column: 1))
        p.assessed = day("2027-11-20")
        let report = [ReportedRedFlag(.legWeakness, on: day("2026-12-01"))]
        #expect(p.withReported(report, today: day("2026-12-02")).reportedRedFlags == ["leg-weakness"])
        #expect(
            p.withReported(report, today: day("2027-12-01")).reportedRedFlags == ["leg-weakness"],
            "a reassessment that says nothing of the symptom does not close it")
        p.resolved = [ResolvedSymptom(symptom: .legWeakness, date: day("2027-11-20"), by: .acuteOncology)]
        #expect(
            p.withReported(report, today: day("2026-12-02")).reportedRedFlags == ["leg-weakness"],
            "the assessment is still in the future")
        #expect(
            p.withReported(report, today: day("2027-12-01")).reportedRedFlags == nil,
            "once that date has come, it was a reassessment")
    }

    @Test func severeFatigueHalvesTheDayEvenWithoutAPlanLimit() throws {
        let c = try Clinic()
        try c.ws.write(
            "Plans/tired.yaml",
            PlanText.plan(
                id: "tired", title: "Tired", patient: "{name: T}", safety: PlanText.clearSafety(adding: "fatigue: 8"),
                items: ["{exercise: ankle-pumps, frequency: 4/day, dose: {minutes: 10}}"]))
        let t = try c.tracking()
        let plan = try c.plan("tired", t)
        let s = try t.scheduler(for: plan).schedule(plan, week: 1)
        #expect(s.dailyMinutesLimit == 20)
        #expect(s.days.allSatisfy { $0.minutes <= 20 })
        #expect(
            s.unscheduled.first?.reason
                == "the daily limit of 20 minutes (set by the safety check) is reached on those days")
    }

    @Test func sessionsAfterARedFlagAreRefusedAndBeforeItAccepted() throws {
        let c = try Clinic()
        let t = try c.tracking()
        let plan = try c.plan("braced-t10-metastasis", t)
        try t.store!.add([LogEntry(plan: plan.id, date: day("2026-12-02"), kind: .symptom, symptom: .numbness)])
        let validator = EntryValidator(workspace: t.open.workspace, engine: t.engine)
        func problems(_ date: String) throws -> [String] {
            let asThen = try t.tracked(plan, upTo: day(date), today: day("2027-01-01"))
            let e = LogEntry(
                plan: plan.id, date: day(date), kind: .session, item: "walking-indoor", session: 1, outcome: .done)
            return validator.problems(
                e, plan: asThen, scheduler: try t.scheduler(for: asThen), today: day("2027-01-01")
            ).map(\.message)
        }
        #expect(try problems("2026-12-01").isEmpty)
        #expect(
            try problems("2026-12-08").first?.hasPrefix("the plan is stopped by the safety check on 2026-12-08") == true
        )
    }

    @Test func aRepeatedCSVColumnIsAnError() throws {
        let c = try Clinic()
        let t = try c.tracking()
        guard case .failure(let p) = t.entries(fromCSV: "plan,date,entry,pain,pain\n") else {
            Issue.record("accepted")
            return
        }
        #expect(p.all.map(\.message) == ["column 'pain' is given twice"])
    }

    @Test func informationAlertsReachThePatientSheet() throws {
        let c = try Clinic()
        let file = c.ws.root + "/Patients/maria-r.yaml"
        let text = try String(contentsOfFile: file, encoding: .utf8)
        let lowered = text.replacingOccurrences(
            of: #"neutrophils: [0-9.]+"#, with: "neutrophils: 0.4", options: .regularExpression)
        try #require(lowered != text)
        try lowered.write(toFile: file, atomically: true, encoding: .utf8)
        let t = try c.tracking()
        let plan = try c.plan("gentle-start-osteopenia", t)
        let week = try t.scheduler(for: plan).schedule(plan, week: 1)
        let html = try RoutinePrinter().render(
            [week], plan: plan, workspace: t.open.workspace, format: .html, paper: .a4)
        #expect(html.contains("stay away from gyms, classes and swimming pools"), "the rule's words for the patient")
    }
}
