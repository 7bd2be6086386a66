import Testing
import YAMLReader

@testable import RehabKit

/// Carry-over of clearances, acknowledgements and known deficits across a reassessment, the
/// "renew the clearance" alert, `rehab reassess`'s text, and the suggested acknowledgement.
struct ReassessmentTests {
    static let engine = SafetyEngine(RuleSet.defaults)
    static let workspace = Build.workspace(
        ReferenceExercises.all + [
            Build.exercise("side-bend", kind: .mobility, position: .sitting, [.sideBending])
        ])

    static func check(_ p: SafetyProfile, asOf: String = "2026-11-30") -> SafetyReport {
        engine.check(
            Build.plan(workspace.exercises.map(\.id.rawValue), profile: p), in: workspace, asOf: LocalDate(asOf))!
    }

    static func decision(_ r: SafetyReport, _ id: String) -> Decision? {
        r.items.first { $0.exercise.rawValue == id }?.decision
    }

    /// September: SINS 9 at T8; cleared by the spinal team in October; reassessed in November.
    static var september: SafetyProfile {
        var p = Build.clearProfile
        p.assessed = LocalDate("2026-09-20")
        p.spinalMetastases = SpinalMetastases(
            present: true, levels: [VertebralLevel("T8")!], stability: .potentiallyUnstable, sins: 9)
        p.backPain = BackPain(
            new: false, worsening: false, nightPain: false, worseOnStraining: false, region: .thoracic)
        p.clearance = [Clearance(by: .spinalTeam, date: LocalDate("2026-10-05")!)]
        return p
    }

    static func reassessed(_ p: SafetyProfile, on date: String) -> SafetyProfile {
        var q = p
        q.assessed = LocalDate(date)
        q.history = [p] + p.history.map { $0 }
        q.history[0].history = []
        return q
    }

    @Test func aClearanceCarriesOverWhenNothingIsNew() {
        let november = Self.reassessed(Self.september, on: "2026-11-20")
        let r = Self.check(november)
        #expect(Self.decision(r, "side-bend") == .supervised)
        #expect(r.lapsed.isEmpty)
        #expect(r.status != .blocked)
        #expect(r.notes.contains { $0.contains("carried over") })
    }

    @Test(arguments: [
        "worsening pain", "new pain", "night pain", "SINS band", "levels", "stability", "new lesion", "neuro symptom",
    ])
    func aClearanceLapsesWhenSomethingIsNew(_ change: String) {
        var november = Self.reassessed(Self.september, on: "2026-11-20")
        switch change {
        case "worsening pain": november.backPain?.worsening = true
        case "new pain": november.backPain?.new = true
        case "night pain": november.backPain?.nightPain = true
        case "SINS band": november.spinalMetastases?.sins = 13
        case "levels": november.spinalMetastases?.levels = [VertebralLevel("T8")!, VertebralLevel("T9")!]
        case "stability": november.spinalMetastases?.stability = .unknown
        case "new lesion":
            november.longBoneLesions = [LongBoneLesion(site: "left-femur", bone: .femur, side: .left, mirels: 6)]
        default: november.neuroSymptoms = [.numbness]
        }
        let r = Self.check(november)
        #expect(
            r.lapsed.contains { $0.kind == "clearance" && $0.what == "spinal-team" && !$0.reasons.isEmpty },
            "\(change): \(r.lapsed)")
        #expect(Self.decision(r, "side-bend") == .blocked, "\(change)")
        #expect(SafetyReportText.render(r).contains("LAPSED AT THE REASSESSMENT"))
        #expect(SafetyReportJSON.render([r]).contains("\"lapsed\""))
    }

    @Test func withoutHistoryNothingNewIsJudgedFromTheProfileAsItStands() {
        var p = Self.september
        p.assessed = LocalDate("2026-11-20")
        #expect(Self.decision(Self.check(p), "side-bend") == .supervised)
        p.backPain?.worsening = true
        #expect(Self.decision(Self.check(p), "side-bend") == .blocked)
        var unrecorded = Self.september
        unrecorded.assessed = LocalDate("2026-11-20")
        unrecorded.backPain = nil
        #expect(Self.check(unrecorded).lapsed.first?.reasons.first?.contains("not recorded") == true)
    }

    @Test func aClearanceOlderThanNinetyDaysAsksForRenewalNeverUrgently() {
        let november = Self.reassessed(Self.september, on: "2026-11-20")
        // 2026-10-05 + 90 days = 2027-01-03.
        let at90 = Self.check(november, asOf: "2027-01-03")
        #expect(!at90.alerts.contains { $0.rule == "clearance-renewal" })
        let at91 = Self.check(november, asOf: "2027-01-04")
        let renewal = at91.alerts.first { $0.rule == "clearance-renewal" }
        #expect(renewal?.level == .review)
        #expect(renewal?.message.contains("Renew the clearance") == true)
        #expect(Self.decision(at91, "side-bend") == .supervised)
        #expect(SafetyEngine.clearanceRenewalDays == 90)
    }

    @Test func anAcknowledgementCarriesOverAndLapsesWithANewFeature() {
        var p = Build.clearProfile
        p.assessed = LocalDate("2026-10-20")
        p.backPain = BackPain(new: false, worsening: false, nightPain: true, worseOnStraining: false, region: .lumbar)
        p.acknowledged = [
            Acknowledgement(
                rule: "spinal-pain-red-flags", by: .spinalTeam, date: LocalDate("2026-10-22")!, note: "MRI clear")
        ]
        var november = Self.reassessed(p, on: "2026-11-20")
        #expect(Self.check(november).acknowledged.map(\.alert.rule) == ["spinal-pain-red-flags"])
        november.backPain?.worseOnStraining = true
        let r = Self.check(november)
        #expect(r.alerts.map(\.rule).contains("spinal-pain-red-flags"))
        #expect(r.lapsed.contains { $0.kind == "acknowledgement" && $0.reasons.contains { $0.contains("straining") } })
        // The exact entry to acknowledge it again is suggested.
        #expect(
            r.acknowledgeSuggestions.first?.yaml
                == "- {rule: spinal-pain-red-flags, by: spinal-team, date: 2026-11-30, note: \"MRI clear\"}")
    }

    @Test func aKnownDeficitCarriesOverOnlyWithNothingNew() {
        var p = Build.clearProfile
        p.assessed = LocalDate("2026-10-20")
        p.neuroSymptoms = [.legWeakness]
        p.spinalMetastases = SpinalMetastases(
            present: true, levels: [VertebralLevel("T10")!], stability: .stable, sins: 5)
        p.knownDeficits = [KnownDeficit(symptom: .legWeakness, assessedBy: .spinalTeam, date: LocalDate("2026-10-20")!)]
        var november = Self.reassessed(p, on: "2026-11-20")
        #expect(Self.check(november).status != .blocked)
        november.spinalMetastases?.levels = [VertebralLevel("T10")!, VertebralLevel("T11")!]
        let r = Self.check(november)
        #expect(r.alerts.first?.rule == "suspected-cord-compression")
        #expect(r.lapsed.contains { $0.kind == "known-deficit" })
    }

    @Test func aSuggestionFollowsAnImagingNote() {
        var p = Build.clearProfile
        p.backPain = BackPain(new: false, worsening: false, nightPain: true, worseOnStraining: false, region: .lumbar)
        p.clearance = [
            Clearance(
                by: .oncologyTeam, date: LocalDate("2026-11-21")!, note: "MRI 2026-11-18: degenerative, no metastasis")
        ]
        let r = Self.check(p)
        #expect(r.acknowledgeSuggestions.map(\.rule) == ["spinal-pain-red-flags"])
        #expect(
            r.acknowledgeSuggestions.first?.yaml
                == "- {rule: spinal-pain-red-flags, by: oncology-team, date: 2026-11-30, note: \"MRI 2026-11-18: degenerative, no metastasis\"}"
        )
        #expect(SafetyReportText.render(r).contains("MAY BE ACKNOWLEDGED"))
        #expect(SafetyReportJSON.render([r]).contains("acknowledge_suggestions"))
        // Never for the protected core or an urgent alert.
        p.suspectedCordCompression = true
        #expect(Self.check(p).acknowledgeSuggestions.allSatisfy { $0.rule != "suspected-cord-compression" })
    }

    // MARK: history in the file, and rehab reassess

    static let profileFile = """
        # Patients/ann.yaml
        assessed: 2026-09-20
        suspected_cord_compression: false
        neuro_symptoms: []
        back_pain: {new: false, worsening: false, night_pain: false, worse_on_straining: false, region: thoracic}
        spinal_metastases: {present: true, levels: [T8], stability: potentially-unstable, sins: 9}
        clearance:
          - {by: spinal-team, date: 2026-10-05, note: "fixation not needed"}
        weight_bearing: full
        """

    static func read(_ text: String) -> (SafetyProfile?, [Diagnostic]) {
        let r = NodeReader(file: "ann.yaml")
        let node = try! YAMLParser.parse(Array(text.utf8))!
        let p = ProfileReader.read(node, r)
        return (p, r.diagnostics)
    }

    @Test func reassessWritesTheNextAssessmentAndKeepsTheLastUnderHistory() throws {
        let first = try Reassessment.rewrite(Self.profileFile, file: "ann.yaml", date: LocalDate("2026-11-20")!).get()
        #expect(first.previous == LocalDate("2026-09-20"))
        #expect(first.marked == ["clearance spinal-team of 2026-10-05"])
        #expect(first.text.contains("# carried over from the assessment of 2026-09-20: review"))
        let (p, d) = Self.read(first.text)
        #expect(!d.hasErrors, "\(d)\n\(first.text)")
        #expect(p?.assessed == LocalDate("2026-11-20"))
        #expect(p?.history.map(\.assessed) == [LocalDate("2026-09-20")])
        #expect(p?.history.first?.clearance?.count == 1)
        // The carried clearance counts for the new assessment.
        #expect(Self.decision(Self.check(p!), "side-bend") == .supervised)

        let second = try Reassessment.rewrite(first.text, file: "ann.yaml", date: LocalDate("2026-12-18")!).get()
        let (q, e) = Self.read(second.text)
        #expect(!e.hasErrors, "\(e)\n\(second.text)")
        #expect(q?.history.map(\.assessed) == [LocalDate("2026-11-20"), LocalDate("2026-09-20")])
        #expect(second.text.components(separatedBy: "# reassessed on").count == 2, "\(second.text)")
    }

    @Test func reassessRefusesADateNotAfterTheLast() {
        guard
            case .failure(let refusal) = Reassessment.rewrite(
                Self.profileFile, file: "ann.yaml", date: LocalDate("2026-09-20")!)
        else {
            Issue.record("a reassessment on the same day was accepted")
            return
        }
        #expect(refusal.diagnostics.first?.message.contains("must be after the last one") == true)
        #expect(refusal.diagnostics.first?.location.line == 2)
    }

    @Test func reassessRewritesAnInlineProfileOfAPlan() throws {
        let plan = """
            id: ann
            title: Ann
            safety:
              assessed: 2026-09-20
              suspected_cord_compression: false
              acknowledged:
                - {rule: spinal-pain-red-flags, by: spinal-team, date: 2026-09-21, note: "MRI clear"}
            # the items
            items:
              - {exercise: walking, frequency: daily}
            """
        let r = try Reassessment.rewrite(plan, file: "ann.yaml", date: LocalDate("2026-11-20")!).get()
        let root = try #require(try YAMLParser.parse(Array(r.text.utf8)))
        let safety = try #require(root.mapping?.first { $0.key.scalar == "safety" }?.value)
        let reader = NodeReader(file: "ann.yaml")
        let p = ProfileReader.read(safety, reader)
        #expect(!reader.diagnostics.hasErrors, "\(reader.diagnostics)\n\(r.text)")
        #expect(p?.history.first?.acknowledged?.first?.rule == "spinal-pain-red-flags")
        #expect(root.mapping?.first { $0.key.scalar == "items" }?.value.sequence?.count == 1)
        #expect(r.text.contains("# the items\nitems:"), "\(r.text)")
    }

    @Test func historyIsValidatedWithItsPlace() {
        let nested =
            Self.profileFile + """

                history:
                  - assessed: 2026-11-01
                    suspected_cord_compression: false
                """
        let (p, d) = Self.read(nested)
        #expect(p == nil)
        let e = d.first { $0.severity == .error }
        #expect(e?.message.contains("not before the current assessment") == true, "\(d)")
        #expect(e?.location.line == 11)
    }

    // MARK: properties

    /// A reassessment that records nothing new (the same findings, a later date, the last
    /// assessment kept) never makes a plan more restricted than the one before it.
    @Test func aReassessmentWithNothingNewNeverRestrictsMore() {
        var compared = 0
        var withCounted = 0
        for n in 0..<400 {
            let c = SafetyPropertyTests.randomCase(n &* 7919 &+ 13)
            var before = c.profile
            // Nothing new: the earlier assessment records neither new nor worsening pain.
            before.backPain = before.backPain ?? BackPain()
            before.backPain?.new = false
            before.backPain?.worsening = false
            before.neuroSymptoms = before.neuroSymptoms ?? []
            let after = Self.reassessed(before, on: "2026-11-26")
            let asOf = LocalDate("2026-11-30")
            var plan = c.plan
            plan.safety = before
            let r0 = Self.engine.check(plan, in: c.workspace, asOf: asOf)!
            plan.safety = after
            let r1 = Self.engine.check(plan, in: c.workspace, asOf: asOf)!
            compared += 1
            if (before.clearance ?? []).contains(where: { $0.date >= before.assessed! && $0.date <= asOf! }) {
                withCounted += 1
            }
            for (a, b) in zip(r0.items, r1.items) where b.decision.restriction > a.decision.restriction {
                Issue.record(
                    "case \(n): \(a.exercise) was \(a.decision), after the reassessment \(b.decision) (\(b.rules))")
            }
            #expect(r1.status <= r0.status, "case \(n): status \(r0.status) became \(r1.status)")
        }
        #expect(withCounted >= 20, "only \(withCounted) cases had a clearance to carry over")
    }

    /// A reassessment that records a new motor sign always makes a plan that was not blocked more
    /// restricted: blocked, whatever was cleared or acknowledged before.
    @Test func aReassessmentWithANewNeurologicalSymptomAlwaysRestrictsMore() {
        var reached = 0
        for n in 0..<400 {
            let c = SafetyPropertyTests.randomCase(n &* 104_729 &+ 7)
            var plan = c.plan
            let asOf = LocalDate("2026-11-30")
            let r0 = Self.engine.check(plan, in: c.workspace, asOf: asOf)!
            guard r0.status != .blocked else { continue }
            let motor: [NeuroSymptom] = [.legWeakness, .armWeakness, .gaitDifficulty]
            guard let symptom = motor.first(where: { !(c.profile.neuroSymptoms ?? []).contains($0) }) else { continue }
            var after = Self.reassessed(c.profile, on: "2026-11-26")
            after.neuroSymptoms = (after.neuroSymptoms ?? []) + [symptom]
            plan.safety = after
            let r1 = Self.engine.check(plan, in: c.workspace, asOf: asOf)!
            reached += 1
            #expect(r1.status > r0.status, "case \(n): a new \(symptom.rawValue) left the plan \(r1.status)")
        }
        #expect(reached >= 20, "only \(reached) cases were not blocked before the new symptom")
    }
}
