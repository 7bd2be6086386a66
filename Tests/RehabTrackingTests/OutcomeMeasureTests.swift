import Foundation
import RehabKit
import RehabPrint
import TestSupport
import Testing

@testable import RehabTracking

/// Outcome measures (issue 26): the bundled table, its ranges and norms against the published
/// tables, the log's promises for a new kind of entry, and the review alert for a fall in leg function.
struct OutcomeMeasureTests {
    static let plan = "gentle-start-osteopenia"
    static let tests = OutcomeTests.bundled

    /// A clinic whose patient Maria R. has a year of birth and a sex (or not, with `nil`).
    static func clinic(born: Int? = 1954, sex: String? = "female") throws -> Clinic {
        let c = try Clinic()
        let file = c.ws.root + "/Plans/gentle-start-osteopenia.yaml"
        var extra = ""
        if let born { extra += ", born: \(born)" }
        if let sex { extra += ", sex: \(sex)" }
        let text = try String(contentsOfFile: file, encoding: .utf8)
            .replacingOccurrences(
                of: "patient: {name: Maria R., ref: MRN-0001}", with: "patient: {name: Maria R., ref: MRN-0001\(extra)}"
            )
        try text.write(toFile: file, atomically: true, encoding: .utf8)
        return c
    }

    static func measure(_ date: String, _ test: String, _ value: Double, side: MeasureSide? = nil, plan: String = plan)
        -> LogEntry
    {
        LogEntry(plan: plan, date: day(date), kind: .measure, test: test, value: value, side: side)
    }

    @Test func theBundledTableReadsWithoutProblems() {
        #expect(Self.tests.problems.isEmpty, "\(Self.tests.problems)")
        #expect(
            Self.tests.ids == [
                "chair-stand-30s", "timed-up-and-go", "six-minute-walk", "gait-speed-4m", "grip-strength", "ecog",
                "bpi-worst-pain",
            ])
        // Every number in it has a source.
        for t in Self.tests.all {
            #expect(!t.source.isEmpty && !t.micSource.isEmpty, "\(t.id)")
            if let n = t.norms { #expect(!n.source.isEmpty && !n.bands.isEmpty, "\(t.id)") }
        }
        #expect(
            Self.tests.all.filter(\.legFunction).map(\.id) == [
                "chair-stand-30s", "timed-up-and-go", "six-minute-walk", "gait-speed-4m",
            ])
    }

    // MARK: Ranges and names

    /// Each test's plausible range as the issue names it: its ends are accepted, a step beyond is
    /// refused with the range in the message.
    @Test(arguments: [
        ("chair-stand-30s", 0.0, 60.0, 1.0), ("timed-up-and-go", 1, 300, 0.1), ("six-minute-walk", 0, 1000, 1),
        ("gait-speed-4m", 0.05, 3, 0.01), ("grip-strength", 0, 100, 0.5), ("ecog", 0, 4, 1),
        ("bpi-worst-pain", 0, 10, 1),
    ])
    func eachTestHasItsPlausibleRange(_ id: String, _ low: Double, _ high: Double, _ step: Double) throws {
        let c = try Self.clinic()
        let t = try c.tracking()
        let test = try #require(t.tests.test(id))
        #expect(test.range == low...high)
        let side: MeasureSide? = test.sides ? .left : nil
        func problems(_ v: Double) -> [LogCSV.Problem] {
            (try? t.judge(
                [LogCSV.Row(row: 1, entry: Self.measure("2026-12-01", id, v, side: side))],
                columns: LogCSV.columnsByName,
                today: day("2026-12-06"), replace: false
            ).problems) ?? []
        }
        #expect(problems(low).isEmpty)
        #expect(problems(high).isEmpty)
        for outside in [low - step, high + step] {
            let p = problems(outside)
            #expect(p.count == 1)
            #expect(
                p.first?.message.contains(
                    "outside the plausible range \(OutcomeTest.text(low))–\(OutcomeTest.text(high))") == true, "\(p)")
            #expect(p.first?.column == LogCSV.columnsByName["value"])
        }
    }

    @Test func wholeNumberTestsRefuseFractions() {
        let chair = Self.tests.test("chair-stand-30s")!
        #expect(OutcomeTests.valueProblem(12.5, for: chair) == "chair-stand-30s counts whole repetitions, not 12.5")
        #expect(OutcomeTests.valueProblem(1.05, for: Self.tests.test("gait-speed-4m")!) == nil)
    }

    @Test(arguments: [
        ("chair-stand", "chair-stand-30s"), ("timed-up-and-goo", "timed-up-and-go"),
        ("six-minute-wlak", "six-minute-walk"),
        ("gait-speed", "gait-speed-4m"), ("grip-strenght", "grip-strength"), ("ecgo", "ecog"),
        ("bpi-worst", "bpi-worst-pain"),
    ])
    func anUnknownTestGetsADidYouMean(_ typed: String, _ meant: String) throws {
        let c = try Self.clinic()
        let t = try c.tracking()
        let j = try t.judge(
            [LogCSV.Row(row: 1, entry: Self.measure("2026-12-01", typed, 1))], columns: LogCSV.columnsByName,
            today: day("2026-12-06"), replace: false)
        #expect(j.problems.map(\.message) == ["unknown test '\(typed)'; did you mean '\(meant)'?"])
        #expect(j.problems.first?.column == LogCSV.columnsByName["test"])
    }

    @Test func aTestFarFromEveryNameListsThemAll() {
        #expect(
            Self.tests.unknown("hop")
                == "unknown test 'hop'; the tests are: chair-stand-30s, timed-up-and-go, six-minute-walk, gait-speed-4m, grip-strength, ecog, bpi-worst-pain"
        )
    }

    @Test func gripStrengthNeedsItsSideAndOtherTestsHaveNone() throws {
        let c = try Self.clinic()
        let t = try c.tracking()
        func messages(_ e: LogEntry) throws -> [String] {
            try t.judge([LogCSV.Row(row: 1, entry: e)], columns: [:], today: day("2026-12-06"), replace: false).problems
                .map(\.message)
        }
        #expect(
            try messages(Self.measure("2026-12-01", "grip-strength", 20)) == [
                "grip-strength is measured on each side: give the side (left or right)"
            ])
        #expect(
            try messages(Self.measure("2026-12-01", "ecog", 1, side: .left)) == [
                "ecog has no sides: leave out the side (left)"
            ])
        #expect(try messages(Self.measure("2026-12-01", "grip-strength", 20, side: .right)).isEmpty)
    }

    @Test func aClinicAddsATestOfItsOwnButCannotRedefineABundledOne() throws {
        let c = try Self.clinic()
        _ = try c.ws.write(
            "outcome-tests.yaml",
            """
            - {id: step-test-2min, name: two-minute step test, unit: steps, ucum: "{#}", whole: true, range: [0, 200], better: higher,
               mic: 8, mic_source: "the clinic's own estimate", source: "Rikli & Jones 2013", leg_function: true}
            - {id: ecog, name: ECOG again, unit: grade, ucum: "{score}", range: [0, 4], better: lower, mic: 1, mic_source: x, source: y}
            """)
        let t = try c.tracking()
        #expect(t.tests.test("step-test-2min")?.legFunction == true)
        #expect(t.tests.test("ecog")?.name == "ECOG performance status")
        #expect(t.tests.problems.map(\.message).contains { $0.hasPrefix("outcome test 'ecog' is already defined") })
        #expect(t.tests.problems.first?.location.file == "outcome-tests.yaml")
    }

    @Test func aBrokenClinicFileIsLocated() {
        let (tests, problems) = OutcomeTests.read(
            Array(
                "- {id: x, name: X, unit: u, ucum: u, range: [5, 1], better: up, mic: 1, mic_source: s, source: s}\n"
                    .utf8),
            file: "outcome-tests.yaml")
        #expect(tests.isEmpty)
        let messages = problems.map { "\($0.location.line):\($0.location.column) \($0.message)" }
        #expect(messages.contains("1:45 range [5, 1] runs backwards"), "\(messages)")
        #expect(messages.contains("1:61 unknown direction of better 'up'"), "\(messages)")
    }

    // MARK: Norms against the published tables

    /// Rikli RE, Jones CJ. Functional fitness normative scores for community-residing older adults,
    /// ages 60–94. J Aging Phys Act 1999;7:162–181 (Senior Fitness Test Manual, 2nd ed., 2013, table
    /// of normal ranges): 30-second chair stand, men 60–64: 14–19; men 65–69: 12–18; women 70–74: 10–15;
    /// women 90–94: 4–11.
    @Test func chairStandBandsMatchRikliAndJones() {
        let t = Self.tests.test("chair-stand-30s")!
        #expect(t.band(age: 64, sex: .male).map { ($0.low, $0.high) } ?? (0, 0) == (14, 19))
        #expect(t.band(age: 65, sex: .male).map { ($0.low, $0.high) } ?? (0, 0) == (12, 18))
        #expect(t.band(age: 70, sex: .female).map { ($0.low, $0.high) } ?? (0, 0) == (10, 15))
        #expect(t.band(age: 74, sex: .female).map { ($0.low, $0.high) } ?? (0, 0) == (10, 15))
        #expect(t.band(age: 94, sex: .female).map { ($0.low, $0.high) } ?? (0, 0) == (4, 11))
        #expect(t.band(age: 59, sex: .female) == nil)
        #expect(t.band(age: 95, sex: .male) == nil)
        // At the band's edges: the ends are within, one beyond is outside.
        let women70 = t.band(age: 70, sex: .female)!
        #expect([9, 10, 15, 16].map { women70.position(of: $0) } == [.below, .within, .within, .above])
        // 13 stands: below the range of a man of 64, within that of a man of 65.
        #expect(t.band(age: 64, sex: .male)!.position(of: 13) == .below)
        #expect(t.band(age: 65, sex: .male)!.position(of: 13) == .within)
    }

    /// Rikli & Jones 1999 (as above), 6-minute walk in yards, converted at 0.9144 m/yd: women 80–84
    /// 385–540 yd (352–494 m); men 60–64 610–735 yd (558–672 m).
    @Test func sixMinuteWalkBandsAreRikliAndJonesInMetres() {
        let t = Self.tests.test("six-minute-walk")!
        let women = t.band(age: 84, sex: .female)!
        let men = t.band(age: 60, sex: .male)!
        #expect((women.low, women.high) == ((385 * 0.9144).rounded(), (540 * 0.9144).rounded()))
        #expect((men.low, men.high) == ((610 * 0.9144).rounded(), (735 * 0.9144).rounded()))
    }

    /// Bohannon RW. Reference values for the timed up and go test: a descriptive meta-analysis.
    /// J Geriatr Phys Ther 2006;29(2):64–68: 70–79 years 9.2 s (95% CI 8.2–10.2). Shumway-Cook A et
    /// al. Phys Ther 2000;80:896–903: 13.5 s or more, higher risk of falls.
    @Test func timedUpAndGoReferenceAndFallsCutOff() {
        let t = Self.tests.test("timed-up-and-go")!
        let band = t.band(age: 79, sex: nil)!
        #expect((band.low, band.high) == (8.2, 10.2))
        #expect(t.band(age: 80, sex: .female).map(\.low) == 10.0)
        #expect(t.cutoffsCrossed(by: 13.5, sex: nil).count == 1)
        #expect(t.cutoffsCrossed(by: 13.4, sex: nil).isEmpty)
        // Lower is better: 8.1 s is faster than the band.
        #expect(band.position(of: 8.1) == .below && !t.isWorse(8.1, than: 8.2))
    }

    /// Dodds RM et al. Grip strength across the life course: normative data from twelve British
    /// studies. PLoS One 2014;9(12):e113637 — low grip strength (T-score −2.5): men under 27 kg,
    /// women under 16 kg (the cut-offs EWGSOP2 adopted, Cruz-Jentoft AJ et al. Age Ageing 2019).
    @Test func gripStrengthCutOffsByDoddsAreBySex() {
        let t = Self.tests.test("grip-strength")!
        #expect(t.cutoffsCrossed(by: 27, sex: .male).isEmpty)
        #expect(t.cutoffsCrossed(by: 26.9, sex: .male).count == 1)
        #expect(t.cutoffsCrossed(by: 16, sex: .female).isEmpty)
        #expect(t.cutoffsCrossed(by: 15.9, sex: .female).count == 1)
        // Without the sex no cut-off is guessed.
        #expect(t.cutoffsCrossed(by: 10, sex: nil).isEmpty)
    }

    /// Cruz-Jentoft AJ et al. Age Ageing 2019;48(1):16–31 (EWGSOP2): gait speed ≤ 0.8 m/s.
    @Test func gaitSpeedCutOffIsInclusive() {
        let t = Self.tests.test("gait-speed-4m")!
        #expect(t.cutoffsCrossed(by: 0.8, sex: nil).count == 1)
        #expect(t.cutoffsCrossed(by: 0.81, sex: nil).isEmpty)
    }

    @Test func theAgeIsTheYearOfTheMeasureMinusTheYearOfBirth() {
        let patient = Patient(name: "M", born: 1956, sex: .female)
        let s = Measures.series([Self.measure("2026-12-01", "chair-stand-30s", 9)], tests: Self.tests, patient: patient)
        #expect(s.first?.points.first?.age == 70)
        #expect(s.first?.points.first?.band?.ages == 70...74)
        #expect(s.first?.points.first?.position == .below)
        #expect(s.first?.noBand == nil)
    }

    @Test func withoutBornOrSexThereIsNoBandAndTheReportSaysWhy() {
        let entries = [Self.measure("2026-12-01", "chair-stand-30s", 9)]
        let noBorn = Measures.series(entries, tests: Self.tests, patient: Patient(name: "M", sex: .female))
        #expect(noBorn.first?.points.first?.band == nil)
        #expect(
            noBorn.first?.noBand == "no band: the plan's patient has no 'born' (year of birth); add it under 'patient:'"
        )
        let neither = Measures.series(entries, tests: Self.tests, patient: Patient(name: "M"))
        #expect(
            neither.first?.noBand
                == "no band: the plan's patient has no 'born' (year of birth) and 'sex' (female or male); add them under 'patient:'"
        )
        // The timed up-and-go's reference is not by sex: the year of birth is enough.
        let tug = Measures.series(
            [Self.measure("2026-12-01", "timed-up-and-go", 9)], tests: Self.tests,
            patient: Patient(name: "M", born: 1950))
        #expect(tug.first?.points.first?.band?.ages == 70...79)
        let young = Measures.series(entries, tests: Self.tests, patient: Patient(name: "M", born: 1990, sex: .male))
        #expect(young.first?.noBand == "no band for age 36: the norms cover ages 60–94")
    }

    // MARK: The review alert

    static func flags(_ entries: [LogEntry], _ c: Clinic) throws -> [ProgressReport.Flag] {
        let t = try c.tracking()
        let plan = try c.plan(Self.plan, t)
        return try ProgressReport.build(
            plan: plan, entries: entries, workspace: t.open.workspace, engine: t.engine,
            asOf: day("2026-12-20"), tests: t.tests
        ).flags
    }

    /// A fall of at least the MIC in each leg-function test raises the review alert; a smaller one
    /// does not (MICs: chair stand 2, TUG 0.8 s, 6MWT 30 m, gait speed 0.1 m/s).
    @Test(arguments: [
        ("chair-stand-30s", 14.0, 12.0, 13.0), ("timed-up-and-go", 9.0, 9.8, 9.7), ("six-minute-walk", 450, 420, 421),
        ("gait-speed-4m", 1.15, 1.05, 1.06),
    ])
    func aFallOfTheMICInLegFunctionRaisesTheReviewAlert(
        _ test: String, _ first: Double, _ fallen: Double, _ lessThanMIC: Double
    ) throws {
        let c = try Self.clinic()
        let raised = try Self.flags(
            [Self.measure("2026-11-30", test, first), Self.measure("2026-12-14", test, fallen)], c)
        let alert = try #require(raised.first { $0.message.hasSuffix(Measures.legAlert) })
        #expect(alert.level == .review)
        #expect(
            alert.message.contains(
                "fell from \(OutcomeTest.text(first)) on 2026-11-30 to \(OutcomeTest.text(fallen)) on 2026-12-14"))
        let quiet = try Self.flags(
            [Self.measure("2026-11-30", test, first), Self.measure("2026-12-14", test, lessThanMIC)], c)
        #expect(!quiet.contains { $0.message.contains(Measures.legAlert) })
    }

    @Test func aSlowDeclineInStepsUnderTheMICAddsUpFromTheBest() {
        let s = Measures.series(
            [
                Self.measure("2026-11-30", "chair-stand-30s", 14), Self.measure("2026-12-07", "chair-stand-30s", 13),
                Self.measure("2026-12-14", "chair-stand-30s", 12),
            ], tests: Self.tests, patient: nil)
        let d = Measures.legDeclines(s)
        #expect(d.map { ($0.change.from.value, $0.change.to.value) }.first ?? (0, 0) == (14, 12))
        #expect(
            d.first?.message
                == "30-second chair stand fell from 14 on 2026-11-30 to 12 on 2026-12-14 (−2 repetitions; minimal important change 2): "
                + Measures.legAlert)
    }

    @Test func noAlertForAnImprovementNorForAWeakerGrip() {
        let s = Measures.series(
            [
                Self.measure("2026-11-30", "timed-up-and-go", 12), Self.measure("2026-12-14", "timed-up-and-go", 9),
                Self.measure("2026-11-30", "grip-strength", 30, side: .left),
                Self.measure("2026-12-14", "grip-strength", 10, side: .left),
            ],
            tests: Self.tests, patient: nil)
        #expect(Measures.legDeclines(s).isEmpty)
    }

    @Test func aVoidedMeasureRaisesNoAlertAndTheOverviewShowsALiveOne() throws {
        let c = try Self.clinic()
        let t = try c.tracking()
        try t.store!.add([
            Self.measure("2026-11-30", "chair-stand-30s", 14), Self.measure("2026-12-02", "chair-stand-30s", 10),
        ])
        let rows = try Overview.rows(t, asOf: day("2026-12-06"))
        let row = try #require(rows.first { $0.plan == Self.plan })
        #expect(
            row.alerts.contains {
                $0.level == "review" && $0.rule == "leg-function-fallen" && $0.message.hasSuffix(Measures.legAlert)
            })
        #expect(row.status != "blocked")
        _ = try t.store!.void(id: 2, voiding: Voiding(at: "2026-12-03T09:00:00Z", by: "ana", reason: "wrong patient"))
        #expect(try t.legDeclines(try c.plan(Self.plan, t)).isEmpty)
    }

    // MARK: The log

    @Test func oneLiveMeasurePerTestSideAndDay() throws {
        let c = try Self.clinic()
        let t = try c.tracking()
        let left = Self.measure("2026-12-01", "grip-strength", 20, side: .left)
        let r1 = try t.record(
            [
                LogCSV.Row(row: 1, entry: left),
                LogCSV.Row(row: 2, entry: Self.measure("2026-12-01", "grip-strength", 22, side: .right)),
            ],
            today: day("2026-12-06"), replace: false)
        #expect(r1.stored == 2)
        let again = try t.record(
            [LogCSV.Row(row: 1, entry: Self.measure("2026-12-01", "grip-strength", 21, side: .left))],
            today: day("2026-12-06"), replace: false)
        #expect(
            again.judgement.problems.map(\.message) == [
                "the grip-strength (left) of 2026-12-01 is already in the log; use --replace to change it"
            ])
        _ = try t.record(
            [LogCSV.Row(row: 1, entry: Self.measure("2026-12-01", "grip-strength", 21, side: .left))],
            today: day("2026-12-06"), replace: true)
        #expect(try t.entries(try c.plan(Self.plan, t)).compactMap(\.value).sorted() == [21, 22])
    }

    @Test func measuresSurviveACSVRoundTripThroughTheStore() throws {
        let c = try Self.clinic()
        let t = try c.tracking()
        let entries = [
            Self.measure("2026-11-30", "gait-speed-4m", 1.05),
            Self.measure("2026-12-01", "grip-strength", 22.5, side: .right),
            Self.measure("2026-12-01", "ecog", 1),
            LogEntry(plan: Self.plan, date: day("2026-12-01"), kind: .pain, pain: 2),
        ]
        var withNote = Self.measure("2026-12-02", "six-minute-walk", 412)
        withNote.note = "=stopped twice, \"short of breath\""
        try t.store!.add(entries + [withNote])
        _ = try t.store!.void(
            id: 3, voiding: Voiding(at: "2026-12-03T09:00:00Z", by: "ana", reason: "taken before the dose"))
        let stored = try t.store!.allEntries(plan: Self.plan)
        let csv = LogCSV.export(stored)
        #expect(
            csv.hasPrefix(
                "plan,date,entry,item,session,outcome,pain,rpe,symptom,note,reason,voided_at,voided_by,void_reason,test,value,side\n"
            ))
        #expect(csv.contains(",gait-speed-4m,1.05,\n"))
        #expect(csv.contains(",grip-strength,22.5,right\n"))
        // Into a second clinic's empty log, and out again: the same file.
        let other = try Self.clinic()
        let t2 = try other.tracking()
        let outcome = try t2.record(LogCSV.parse(csv), today: day("2026-12-06"), replace: false)
        #expect(outcome.judgement.problems.isEmpty, "\(outcome.judgement.problems)")
        let back = try t2.store!.allEntries(plan: Self.plan)
        #expect(back.map(\.entry) == stored.map(\.entry))
        #expect(back.map(\.voided) == stored.map(\.voided))
        #expect(LogCSV.export(back) == csv)
        #expect(LogCSV.consistencyProblem(Array(csv.utf8)) == nil)
    }

    @Test func aCSVMeasureRowIsCheckedWhereItIsWritten() {
        let header = LogCSV.exportHeader.joined(separator: ",")
        let parsed = LogCSV.parse(
            header + "\n" + "p,2026-12-01,measure,,,,,,,,,,,,chair-stand-30s,twelve,\n"
                + "p,2026-12-01,pain,,,,3,,,,,,,,,12,left\n")
        #expect(
            parsed.problems.map { "\($0.row):\($0.column) \($0.message)" } == [
                "2:16 value 'twelve' is not a number (write it with a point: 1.05)",
                "3:16 value belongs to a measure row (entry 'measure'), not to a pain row",
                "3:17 side belongs to a measure row (entry 'measure'), not to a pain row",
            ])
    }

    /// A store of layout 2 (voiding, no measures) is read as it is, and a writer rebuilds its table
    /// for measures keeping every row and id.
    @Test func aLayoutTwoStoreIsUpgradedForMeasures() throws {
        let c = try Self.clinic()
        try FileManager.default.createDirectory(atPath: c.ws.root + "/.rehab", withIntermediateDirectories: true)
        try sqlite(
            c.dbPath,
            """
            PRAGMA application_id = \(0x5248_4142);
            CREATE TABLE entry (id INTEGER PRIMARY KEY AUTOINCREMENT, plan TEXT NOT NULL, date TEXT NOT NULL,
              kind TEXT NOT NULL CHECK (kind IN ('session', 'pain', 'symptom')), item TEXT, session INTEGER CHECK (session >= 1),
              outcome TEXT CHECK (outcome IN ('done', 'partial', 'skipped')), pain INTEGER CHECK (pain BETWEEN 0 AND 10),
              rpe INTEGER CHECK (rpe BETWEEN 6 AND 20), symptom TEXT, note TEXT, reason TEXT, voided_at TEXT, voided_by TEXT, void_reason TEXT);
            CREATE INDEX entry_plan_date ON entry(plan, date);
            CREATE UNIQUE INDEX entry_pain ON entry(plan, date) WHERE kind = 'pain' AND voided_at IS NULL;
            INSERT INTO entry (plan, date, kind, pain) VALUES ('gentle-start-osteopenia', '2026-11-30', 'pain', 3);
            INSERT INTO entry (plan, date, kind, pain, voided_at, voided_by, void_reason) VALUES ('gentle-start-osteopenia', '2026-12-01', 'pain', 5, 'x', 'ana', 'typo');
            DELETE FROM entry WHERE id = 2;
            INSERT INTO entry (plan, date, kind, pain) VALUES ('gentle-start-osteopenia', '2026-12-01', 'pain', 4);
            PRAGMA user_version = 2;
            """)
        let reader = try c.tracking(create: false)
        #expect(try reader.entries(try c.plan(Self.plan, reader)).map(\.pain) == [3, 4])
        let writer = try c.tracking(create: true)
        #expect(try sqlite(c.dbPath, "PRAGMA user_version;") == "3\n")
        #expect(try writer.store!.allStored().map(\.id) == [1, 3])
        try writer.store!.add([Self.measure("2026-12-01", "ecog", 1)])
        // AUTOINCREMENT carries on past the highest id ever given (2 was deleted, 3 is taken).
        #expect(try writer.store!.allStored().map(\.id) == [1, 3, 4])
        #expect(
            try sqlite(c.dbPath, "SELECT name FROM sqlite_master WHERE type = 'index' ORDER BY name;")
                == "entry_measure\nentry_pain\nentry_plan_date\nentry_session\nentry_symptom\n")
    }
}

extension LogCSV {
    /// Each exported column's 1-based place, by name (as a file with the export's header reads).
    static var columnsByName: [String: Int] {
        Dictionary(uniqueKeysWithValues: exportHeader.enumerated().map { ($1, $0 + 1) })
    }
}
