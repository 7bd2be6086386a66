import Testing

@testable import RehabKit

/// The scenario classes of SAFETY.md, each against the small library of every kind and tag.
struct SafetyScenarioTests {
    let engine = SafetyEngine(rules: RuleSet.defaults.rules)

    func check(
        _ profile: SafetyProfile, ids: [String] = Library.ids, asOf: String = "2026-11-30",
        limit: Int? = 40
    ) -> SafetyReport {
        engine.check(Build.plan(ids, profile: profile, limit: limit), in: Library.workspace, asOf: LocalDate(asOf))!
    }

    func decisions(_ r: SafetyReport) -> [String: Decision] {
        Dictionary(uniqueKeysWithValues: r.items.map { ($0.exercise.rawValue, $0.decision) })
    }

    func blocked(_ r: SafetyReport) -> Set<String> {
        Set(r.items.filter { $0.decision == .blocked }.map(\.exercise.rawValue))
    }

    @Test func aClearProfileAllowsEverything() {
        let r = check(Build.clearProfile)
        #expect(r.status == .clear)
        #expect(r.items.allSatisfy { $0.decision == .allowed })
        #expect(r.alerts.isEmpty)
        #expect(r.missing.isEmpty)
    }

    // MARK: Suspected compression

    @Test func suspectedCompressionBlocksAllButEducationWithAnUrgentAlert() {
        var p = Build.clearProfile
        p.suspectedCordCompression = true
        let r = check(p)
        #expect(r.status == .blocked)
        #expect(r.alerts.first?.level == .urgent)
        #expect(r.alerts.first?.rule == "suspected-cord-compression")
        for item in r.items {
            // Education and breathing lying down stay (SAFETY.md: what to do while waiting).
            let kept = ["red-flags", "breathing-lying"].contains(item.exercise)
            #expect(item.decision == (kept ? .allowed : .blocked), "\(item.exercise)")
        }
    }

    @Test func neuroSymptomsWithMetastasesAreTreatedAsCompression() {
        var p = Build.clearProfile
        p.neuroSymptoms = [.legWeakness]
        p.spinalMetastases = SpinalMetastases(present: true, stability: .stable, sins: 4)
        let r = check(p)
        #expect(r.status == .blocked)
        #expect(r.alerts.contains { $0.rule == "suspected-cord-compression" && $0.level == .urgent })
    }

    @Test func neuroSymptomsWithoutSpinalDiseaseOrNewPainDoNotBlock() {
        var p = Build.clearProfile
        p.neuroSymptoms = [.numbness]
        #expect(check(p).status == .clear)
    }

    // MARK: SINS

    @Test(arguments: [(4, PlanStatus.restricted, false), (9, .restricted, true), (14, .blocked, false)])
    func sinsBandsFromTotals(_ sins: Int, _ status: PlanStatus, _ supervision: Bool) {
        var p = Build.clearProfile
        p.spinalMetastases = SpinalMetastases(present: true, levels: [VertebralLevel("T10")!], sins: sins)
        let r = check(p)
        #expect(r.status == status)
        #expect(r.fired.contains { $0.rule.id == "sins-potentially-unstable" } == supervision)
        #expect(r.fired.contains { $0.rule.id == "sins-unstable" } == (sins >= 13))
        #expect(r.fired.contains { $0.rule.id == "spinal-metastasis-movements" })
    }

    @Test func sinsFromPartsPlacesTheBand() {
        let p = Build.profile(
            """
            spinal_metastases:
              present: true
              levels: [L1]
              sins_parts: {pain: mechanical, lesion: lytic, alignment: new-deformity, collapse: over-50, posterolateral: unilateral}
            """)
        #expect(p.spinalMetastases?.sins == 14)
        #expect(engine.fired(for: p, asOf: nil).contains { $0.rule.id == "sins-unstable" })
    }

    @Test func potentiallyUnstableSpinalLoadingWaitsForClearanceThenIsSupervised() {
        var p = Build.clearProfile
        p.spinalMetastases = SpinalMetastases(
            present: true, levels: [VertebralLevel("T10")!], stability: .potentiallyUnstable, sins: 9)
        let without = decisions(check(p))
        #expect(without["trunk-twist"] == .blocked)
        #expect(without["walking"] == .allowed)
        #expect(without["side-bend"] == .blocked)
        p.clearance = [Clearance(by: .spinalTeam, date: LocalDate("2026-11-21")!)]
        let with = check(p)
        #expect(decisions(with)["side-bend"] == .supervised)
        #expect(with.items.first { $0.exercise == "side-bend" }?.rules == ["sins-potentially-unstable"])
        // Rotation stays blocked by spinal-metastasis-movements: clearance never softens a block.
        #expect(decisions(with)["trunk-twist"] == .blocked)
        // A clearance from before the assessment carries over while nothing is new, and lapses
        // when something is (SAFETY.md revisions of 2026-12-05).
        p.clearance = [Clearance(by: .spinalTeam, date: LocalDate("2026-11-01")!)]
        #expect(decisions(check(p))["side-bend"] == .supervised)
        p.backPain?.worsening = true
        #expect(decisions(check(p))["side-bend"] == .blocked)
    }

    @Test func missingSINSWithMetastasesFailsClosed() {
        var p = Build.clearProfile
        p.spinalMetastases = SpinalMetastases(present: true, levels: [VertebralLevel("T8")!])
        let r = check(p)
        #expect(r.fired.contains { $0.rule.id == "spinal-stability-unknown" })
        #expect(r.missing.contains("spinal_metastases.sins"))
        #expect(r.alerts.contains { $0.rule == "spinal-stability-unknown" && $0.level == .within24h })
        let d = decisions(r)
        #expect(d["breathing-lying"] == .allowed)
        #expect(d["red-flags"] == .allowed)
        #expect(d["breathing-sitting"] == .blocked)
        #expect(d["walking"] == .blocked)
    }

    @Test func aProfileSilentOnMetastasesFailsClosed() {
        var p = Build.clearProfile
        p.spinalMetastases = nil
        let r = check(p)
        #expect(r.missing.contains("spinal_metastases.present"))
        #expect(decisions(r)["walking"] == .blocked)
    }

    // MARK: Mirels

    @Test(arguments: [(8, Limb.lower), (9, .lower), (8, .upper), (9, .upper)])
    func mirelsEightNeedsClearanceNineBlocksThatLimb(_ score: Int, _ limb: Limb) {
        var p = Build.clearProfile
        p.longBoneLesions = [LongBoneLesion(site: "lesion", limb: limb, mirels: score)]
        let d = decisions(check(p))
        let limbItem = limb == .lower ? "heel-raises" : "wall-push-up"
        let otherItem = limb == .lower ? "wall-push-up" : "heel-raises"
        #expect(d[limbItem] == .blocked)
        #expect(d[otherItem] == .allowed)
        p.clearance = [Clearance(by: .orthopaedicTeam, date: LocalDate("2026-11-22")!)]
        #expect(decisions(check(p))[limbItem] == (score == 8 ? .allowed : .blocked))
    }

    @Test func hipLoadingCountsAsLegLoading() {
        var p = Build.clearProfile
        p.longBoneLesions = [LongBoneLesion(site: "left femur", limb: .lower, mirels: 10)]
        #expect(decisions(check(p))["hip-hinge-loaded"] == .blocked)
    }

    @Test func aLesionOfUnknownLimbFailsClosed() {
        var p = Build.clearProfile
        p.longBoneLesions = [LongBoneLesion(site: "lesion 2", limb: nil, mirels: 10)]
        let r = check(p)
        #expect(r.missing.contains("long_bone_lesions[limb=lower].mirels") == false)  // skip rules: not forced
        p.longBoneLesions = [LongBoneLesion(site: "lesion 2", limb: .lower, mirels: nil)]
        #expect(decisions(check(p))["heel-raises"] == .allowed)
    }

    // MARK: Bone density

    @Test func osteoporosisBlocksRotationAndLoadedFlexionNotFlexionAlone() {
        var p = Build.clearProfile
        p.boneDensity = .osteoporosis
        let d = decisions(check(p))
        #expect(d["trunk-twist"] == .blocked)
        #expect(d["lifting-box"] == .blocked)
        #expect(d["hip-hinge-loaded"] == .blocked)
        #expect(d["sit-to-stand"] == .allowed)
        #expect(d["heel-raises"] == .allowed)
    }

    @Test func osteopeniaOnlyBlocksFlexionWithRotationOrLoad() {
        var p = Build.clearProfile
        p.boneDensity = .osteopenia
        let d = decisions(check(p))
        #expect(d["trunk-twist"] == .allowed)
        #expect(d["lifting-box"] == .blocked)
        #expect(d["sit-to-stand"] == .allowed)
    }

    // MARK: Blood counts and fever

    @Test func veryLowPlateletsCapAndBlockBalance() {
        var p = Build.clearProfile
        p.labs?.platelets = 15
        let r = check(p)
        let d = decisions(r)
        #expect(d["heel-raises"] == .blocked)
        #expect(d["wall-push-up"] == .blocked)
        #expect(d["walking"] == .blocked, "light is above very-light and walking has no easier variant")
        #expect(d["breathing-lying"] == .allowed)
    }

    @Test func lowPlateletsBlockResistance() {
        var p = Build.clearProfile
        p.labs?.platelets = 45
        let d = decisions(check(p))
        #expect(d["wall-push-up"] == .blocked)
        #expect(d["walking"] == .allowed)
    }

    @Test(arguments: ["haemoglobin: 75", "haemoglobin: \"7.5 g/dL\""])
    func lowHaemoglobinCapsIntensityAndReplacesWithTheEasierVariant(_ line: String) {
        var p = Build.clearProfile
        p.labs = Build.profile("labs: {\(line)}").labs
        let r = check(p)
        let brisk = r.items.first { $0.exercise == "walking-brisk" }
        #expect(brisk?.decision == .modified)
        #expect(brisk?.replacement == "walking")
        #expect(brisk?.changes == ["replaced by 'walking' (intensity capped at light)"])
        #expect(r.alerts.contains { $0.rule == "haemoglobin-low" && $0.level == .review })
    }

    @Test func lowNeutrophilsCapAtLight() {
        var p = Build.clearProfile
        p.labs?.neutrophils = 0.4
        let r = check(p)
        #expect(r.items.first { $0.exercise == "walking-brisk" }?.replacement == "walking")
        #expect(r.alerts.contains { $0.rule == "neutrophils-low" })
    }

    @Test func missingBloodsAreSkippedNotFailedClosed() {
        var p = Build.clearProfile
        p.labs = nil
        let r = check(p)
        #expect(r.status == .clear)
        #expect(r.missing.isEmpty)
    }

    @Test(arguments: [(true, nil as Double?), (false, 38.4)])
    func feverBlocksAllUrgently(_ fever: Bool, _ temperature: Double?) {
        var p = Build.clearProfile
        p.fever = fever
        p.temperatureC = temperature
        let r = check(p)
        #expect(r.status == .blocked)
        #expect(r.alerts.first?.rule == "fever")
        #expect(decisions(r)["walking"] == .blocked)
    }

    // MARK: Fatigue, pain, stale assessment

    @Test func severeFatigueCapsAndHalvesTheDailyLimit() {
        var p = Build.clearProfile
        p.fatigue = 8
        let r = check(p, limit: 40)
        #expect(r.dailyMinutesLimit == 20)
        #expect(decisions(r)["walking"] == .blocked)
        #expect(decisions(r)["breathing-lying"] == .allowed)
    }

    @Test func moderateFatigueCapsAtLight() {
        var p = Build.clearProfile
        p.fatigue = 5
        let r = check(p)
        #expect(r.dailyMinutesLimit == 40)
        #expect(r.items.first { $0.exercise == "walking-brisk" }?.replacement == "walking")
    }

    @Test func highPainCapsAtVeryLight() {
        var p = Build.clearProfile
        p.pain = 8
        let r = check(p)
        #expect(r.alerts.contains { $0.rule == "pain-high" })
        #expect(decisions(r)["walking"] == .blocked)
    }

    @Test func staleAssessmentAlertsForReview() {
        let r = check(Build.clearProfile, asOf: "2027-01-05")
        #expect(r.alerts.map(\.rule) == ["assessment-stale"])
        #expect(check(Build.clearProfile, asOf: "2026-12-20").alerts.isEmpty)
    }

    // MARK: Brace and precedence

    @Test func aPrescribedBraceIsWornForUprightWork() {
        var p = Build.clearProfile
        p.brace = Brace(type: "TLSO", wearWhen: .upright, notes: nil)
        let r = check(p)
        let walking = r.items.first { $0.exercise == "walking" }
        #expect(walking?.decision == .modified)
        #expect(walking?.inBrace == true)
        #expect(decisions(r)["breathing-lying"] == .allowed)
        #expect(decisions(r)["brace-wear"] == .allowed, "the regimen itself is not 'in your brace'")
        #expect(r.braceRegimen?.type == "TLSO")
    }

    @Test func blockAllOutranksSupervision() {
        var p = Build.clearProfile
        p.spinalMetastases = SpinalMetastases(present: true, stability: .potentiallyUnstable, sins: 9)
        p.clearance = [Clearance(by: .spinalTeam, date: LocalDate("2026-11-21")!)]
        p.fever = true
        #expect(decisions(check(p))["trunk-twist"] == .blocked)
    }

    @Test func anUnknownExerciseIsNeverAllowed() {
        let r = check(Build.clearProfile, ids: ["walking", "no-such-thing"])
        #expect(r.items[1].decision == .blocked)
    }

    // MARK: Clinic rules

    @Test func aClinicRuleReplacesTheDefaultOfTheSameID() throws {
        let (clinic, diagnostics) = RuleSet.read(
            Array(
                """
                - id: pain-high
                  title: Pain 5 or more (our clinic)
                  rationale: Our clinic reviews earlier.
                  source: St Elsewhere physiotherapy protocol 2026
                  when: {field: pain, at_least: 5}
                  then:
                    max_intensity: very-light
                    alert: review
                    message: "Pain 5 or more: very light activity only."
                    patient_message: "Your pain is bad. Only do the very gentle exercises."
                """.utf8), file: "clinic.yaml", origin: "clinic.yaml")
        #expect(diagnostics.isEmpty)
        let (rules, problems) = RuleSet.defaults.layered(with: clinic)
        #expect(problems.isEmpty, "reviewing earlier tightens the rule: \(problems)")
        #expect(rules.rules.count == RuleSet.defaults.rules.count)
        var p = Build.clearProfile
        p.pain = 5
        let r = SafetyEngine(rules).check(
            Build.plan(["walking"], profile: p), in: Library.workspace,
            asOf: LocalDate("2026-11-30"))!
        #expect(r.alerts.map(\.origin) == ["clinic.yaml"])
        #expect(r.ruleChanges.map(\.description) == ["pain-high replaced by clinic.yaml"])
        #expect(r.items[0].rules == ["pain-high"])
        #expect(check(p).alerts.isEmpty, "the default rule fires only at 7")
    }
}
