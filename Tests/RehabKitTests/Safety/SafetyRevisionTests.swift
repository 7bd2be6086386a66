import Testing
import YAMLReader

@testable import RehabKit

/// One test per point of SAFETY.md "Revisions of 2026-12-05" (issue 21), each against the full
/// default rule set and the reference exercises; each failed on the rules and engine before them.
struct SafetyRevisionTests {
    static let engine = SafetyEngine(RuleSet.defaults)
    static let asOf = LocalDate("2026-11-30")!
    static let workspace = Build.workspace(
        ReferenceExercises.all + [
            Build.exercise("side-bend", kind: .mobility, position: .sitting, [.sideBending]),
            Build.exercise("arm-curl", kind: .strength, position: .sitting, [.armLoading, .resistance]),
        ])

    static func check(_ p: SafetyProfile, ids: [String]? = nil) -> SafetyReport {
        let ids = ids ?? workspace.exercises.map(\.id.rawValue)
        return engine.check(Build.plan(ids, profile: p), in: workspace, asOf: asOf)!
    }

    static func decision(_ r: SafetyReport, _ id: String) -> Decision? {
        r.items.first { $0.exercise.rawValue == id }?.decision
    }

    @Test func oneEpisodeGivesOneUrgency() {
        var p = Build.clearProfile
        p.neuroSymptoms = [.legWeakness]
        p.backPain = BackPain(new: false, worsening: true, nightPain: true, worseOnStraining: false, region: .thoracic)
        let r = Self.check(p)
        #expect(r.alerts.map(\.rule) == ["suspected-cord-compression"])
        #expect(r.acknowledged.isEmpty)
        // Without the neurological sign the back-pain alert stands on its own.
        p.neuroSymptoms = []
        #expect(Self.check(p).alerts.map(\.rule) == ["spinal-pain-red-flags"])
    }

    @Test func aSupersededAlertNeedsOneAtLeastAsUrgent() {
        // A rule that names another whose alert is milder keeps its own alert.
        let milder = SafetyRule(
            id: "milder", title: "m", rationale: nil, source: "s", when: .all([]),
            then: {
                var t = RuleEffect()
                t.alert = .info
                t.message = "m"
                return t
            }(),
            whenMissing: .apply, examples: [], origin: "t", location: Build.here)
        let urgent = SafetyRule(
            id: "urgent-one", title: "u", rationale: nil, source: "s", when: .all([]),
            then: {
                var t = RuleEffect()
                t.alert = .within24h
                t.message = "u"
                return t
            }(),
            whenMissing: .apply, examples: [], supersededBy: ["milder"], origin: "t", location: Build.here)
        let fired = [milder, urgent].map { FiredRule(rule: $0, truth: .yes, missing: []) }
        #expect(SafetyEngine.reportedAlerts(fired).map(\.rule) == ["milder", "urgent-one"])
    }

    @Test func anArmLesionLeavesLegAndTrunkResistanceAlone() {
        for mirels in [8, 9, 12] {
            var p = Build.clearProfile
            p.longBoneLesions = [LongBoneLesion(site: "right-humerus", bone: .humerus, side: .right, mirels: mirels)]
            let r = Self.check(p)
            #expect(Self.decision(r, "knee-extension-weighted") == .allowed, "Mirels \(mirels)")
            #expect(Self.decision(r, "back-extension-weighted") == .allowed, "Mirels \(mirels)")
            #expect(Self.decision(r, "arm-curl") == .blocked, "Mirels \(mirels)")
            #expect(Self.decision(r, "overhead-reach") == .blocked, "Mirels \(mirels)")
        }
    }

    @Test func aLegLesionAtNineBlocksBalanceAndAtEightDoesNot() {
        var p = Build.clearProfile
        p.longBoneLesions = [LongBoneLesion(site: "left-femur", bone: .femur, side: .left, mirels: 9)]
        #expect(Self.decision(Self.check(p), "single-leg-stand") == .blocked)
        p.longBoneLesions = [LongBoneLesion(site: "left-femur", bone: .femur, side: .left, mirels: 8)]
        p.clearance = [Clearance(by: .orthopaedicTeam, date: LocalDate("2026-11-21")!)]
        #expect(Self.decision(Self.check(p), "single-leg-stand") == .allowed)
    }

    @Test func aLyticLegLesionBelowEightBlocksImpactOnly() {
        var p = Build.clearProfile
        let parts = MirelsParts(site: .lowerLimb, pain: .mild, lesion: .lytic, size: .underThird)  // 1+1+3+1 = 6
        p.longBoneLesions = [
            LongBoneLesion(site: "left-tibia", bone: .tibia, side: .left, mirels: parts.total, mirelsParts: parts)
        ]
        let r = Self.check(p)
        #expect(Self.decision(r, "hopping") == .blocked)
        #expect(Self.decision(r, "heel-raises") == .allowed)
        p.longBoneLesions![0].mirelsParts!.lesion = .blastic
        p.longBoneLesions![0].mirels = p.longBoneLesions![0].mirelsParts!.total
        #expect(Self.decision(Self.check(p), "hopping") == .allowed)
    }

    @Test func sinsSevenToTwelveSupervisesSideBendingAndLoadedExtension() {
        var p = Build.clearProfile
        p.spinalMetastases = SpinalMetastases(present: true, stability: nil, sins: 9)
        var r = Self.check(p)
        #expect(Self.decision(r, "side-bend") == .blocked)
        #expect(Self.decision(r, "back-extension-weighted") == .blocked)
        #expect(Self.decision(r, "back-extension") == .allowed)
        p.clearance = [Clearance(by: .spinalTeam, date: LocalDate("2026-11-20")!)]
        r = Self.check(p)
        #expect(Self.decision(r, "side-bend") == .supervised)
        #expect(Self.decision(r, "back-extension-weighted") == .supervised)
        // Flexion stays blocked by the metastasis precautions: supervision never softens a block.
        #expect(Self.decision(r, "curl-up") == .blocked)
    }

    @Test func aVertebralFractureBlocksAllSpinalFlexion() {
        var p = Build.clearProfile
        p.vertebralFracture = true
        let r = Self.check(p)
        #expect(Self.decision(r, "curl-up") == .blocked)
        #expect(r.items.first { $0.exercise == "curl-up" }!.rules.contains("vertebral-fracture"))
        #expect(Self.decision(r, "back-extension") == .allowed)
    }

    @Test func osteopeniaBlocksFlexionWithRotationOrLifting() {
        var p = Build.clearProfile
        p.boneDensity = .osteopenia
        let ws = Build.workspace([
            Build.exercise("flex-twist", position: .lying, [.spinalFlexion, .spinalRotation]),
            Build.exercise("flex-lift", position: .lying, [.spinalFlexion, .lifting]),
            Build.exercise("flex", position: .lying, [.spinalFlexion]),
        ])
        let r = Self.engine.check(
            Build.plan(["flex-twist", "flex-lift", "flex"], profile: p), in: ws, asOf: Self.asOf)!
        #expect(r.items.map(\.decision) == [.blocked, .blocked, .allowed])
    }

    @Test func lowPlateletsBlockAllResistanceWithAPublishedSource() {
        var p = Build.clearProfile
        p.labs = Labs(platelets: 35)
        let r = Self.check(p)
        for id in ["knee-extension-weighted", "back-extension-weighted", "band-row", "arm-curl", "hopping"] {
            #expect(Self.decision(r, id) == .blocked, "\(id)")
        }
        #expect(RuleSet.defaults.rule("platelets-low")!.source.contains("Hematology 2020"))
    }

    @Test func noDefaultRuleCitesAFileOfOursOrASummarySite() {
        for rule in RuleSet.defaults.rules {
            for bad in ["SAFETY.md", "FORMAT.md", "medicalalgorithms"] {
                #expect(!rule.source.contains(bad), "\(rule.id): \(rule.source)")
            }
        }
        var p = Build.clearProfile
        p.assessed = LocalDate("2026-12-05")
        let r = Self.check(p)
        #expect(r.alerts.allSatisfy { !$0.source.contains("SAFETY.md") })
    }

    @Test func newLumbarPainAloneIsReviewedNotBlocked() {
        var p = Build.clearProfile
        p.backPain = BackPain(new: true, worsening: false, nightPain: false, worseOnStraining: false, region: .lumbar)
        let r = Self.check(p)
        #expect(r.alerts.map(\.rule) == ["new-lumbar-pain"])
        #expect(r.alerts.first?.level == .review)
        #expect(r.items.allSatisfy { $0.decision == .allowed })
        // Worsening lumbar pain is a red flag as before.
        p.backPain?.worsening = true
        let worse = Self.check(p)
        #expect(worse.alerts.map(\.rule) == ["spinal-pain-red-flags"])
        #expect(Self.decision(worse, "curl-up") == .blocked)
    }

    @Test func anAcknowledgementKeepsTheMovementBlocks() {
        var p = Build.clearProfile
        p.backPain = BackPain(new: false, worsening: false, nightPain: true, worseOnStraining: false, region: .lumbar)
        p.acknowledged = [
            Acknowledgement(
                rule: "spinal-pain-red-flags", by: .spinalTeam, date: LocalDate("2026-11-22")!, note: "MRI clear")
        ]
        let r = Self.check(p)
        #expect(r.alerts.isEmpty)
        #expect(r.acknowledged.map(\.alert.rule) == ["spinal-pain-red-flags"])
        #expect(Self.decision(r, "curl-up") == .blocked)
        #expect(Self.decision(r, "weighted-carry") == .blocked)
    }

    /// The stop-and-call signs are the check's decision (issue 25), not the printer's: each alert in
    /// the tier of its urgency, review alerts as advice, a fixed sign about an acknowledged finding left out.
    @Test func theReportDecidesTheSignsOfTheSheet() {
        let fixed = [
            WarningSign(urgency: .now, field: nil, text: "Weak legs"),
            WarningSign(urgency: .today, field: "back_pain.night_pain", text: "Night pain"),
            WarningSign(urgency: .visit, field: "back_pain.new", text: "New back pain"),
        ]
        var p = Build.clearProfile
        p.backPain = BackPain(new: false, worsening: false, nightPain: true, worseOnStraining: false, region: .lumbar)
        let open = Self.check(p)
        let alert = open.alerts.first { $0.rule == "spinal-pain-red-flags" }
        #expect(alert?.level == .within24h)
        #expect(
            open.signs(fixed) == [
                DecidedSign(urgency: .now, text: "Weak legs", isAlert: false),
                DecidedSign(urgency: .today, text: alert?.patientText ?? "", isAlert: true),
                DecidedSign(urgency: .today, text: "Night pain", isAlert: false),
                DecidedSign(urgency: .visit, text: "New back pain", isAlert: false),
            ],
            "alerts before the fixed signs of their tier; most urgent tier first")
        p.acknowledged = [
            Acknowledgement(
                rule: "spinal-pain-red-flags", by: .spinalTeam, date: LocalDate("2026-11-22")!, note: "MRI clear")
        ]
        let known = Self.check(p)
        #expect(
            known.signs(fixed).map(\.text) == ["Weak legs", "New back pain"],
            "the acknowledged alert and the sign about its finding leave the sheet; a sign about a finding she lacks stays"
        )

        var q = Build.clearProfile
        q.backPain = BackPain(new: true, worsening: false, nightPain: false, worseOnStraining: false, region: .lumbar)
        let review = Self.check(q)
        #expect(review.alerts.map(\.level) == [.review])
        #expect(review.advice == review.alerts.map(\.patientText), "a review alert is advice")
        #expect(!review.signs(fixed).contains { $0.isAlert }, "not a sign to watch for")
        #expect(SignUrgency(.urgent) == .now && SignUrgency(.within24h) == .today && SignUrgency(.info) == nil)
    }

    @Test func aKnownDeficitLapsesWithNewOrWorseningSpinalPain() {
        var p = Build.clearProfile
        p.neuroSymptoms = [.legWeakness]
        p.knownDeficits = [KnownDeficit(symptom: .legWeakness, assessedBy: .spinalTeam, date: LocalDate("2026-11-20")!)]
        #expect(Self.check(p).status != .blocked)
        for change in ["worsening", "new", "unrecorded"] {
            var q = p
            switch change {
            case "worsening": q.backPain?.worsening = true
            case "new": q.backPain?.new = true
            default: q.backPain = nil
            }
            let r = Self.check(q)
            #expect(r.alerts.first?.rule == "suspected-cord-compression", "\(change)")
            #expect(r.status == .blocked, "\(change)")
            #expect(r.notes.contains { $0.contains("no longer counts") }, "\(change): \(r.notes)")
        }
    }

    @Test func lymphoedemaAddsANoteAndSlowsArmProgressionButBlocksNothing() throws {
        let p = Build.profile(
            """
            assessed: 2026-11-20
            lymphoedema: {side: left, garment: true}
            """)
        #expect(p.lymphoedema == Lymphoedema(side: .left, garment: true))
        var clear = Build.clearProfile
        clear.lymphoedema = p.lymphoedema
        let r = Self.check(clear)
        #expect(r.items.allSatisfy { $0.decision == .allowed })
        #expect(r.alerts.map(\.rule) == ["lymphoedema"])
        #expect(r.alerts.first?.level == .info)
        #expect(r.alerts.first?.patientMessage?.contains("compression sleeve") == true)
        let arm = Self.workspace.exercise(ExerciseID("band-row"))!
        let leg = Self.workspace.exercise(ExerciseID("knee-extension-weighted"))!
        #expect(r.items.first { $0.exercise == arm.id }?.doseLimit == DoseLimit(everyWeeksAtLeast: 2))
        #expect(r.items.first { $0.exercise == leg.id }?.doseLimit == DoseLimit.none)
    }

    @Test func lymphoedemaIsValidatedWithItsPlace() {
        let r = NodeReader(file: "t.yaml")
        let node = try! YAMLParser.parse(Array("assessed: 2026-11-20\nlymphoedema: {side: middle}\n".utf8))!
        #expect(ProfileReader.read(node, r, partial: true) == nil)
        let e = r.diagnostics.first { $0.severity == .error }
        #expect(e?.location.line == 2)
        #expect(e?.location.column == 21)
        #expect(e?.notes.joined().contains("left") == true)
    }
}
