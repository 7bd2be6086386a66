import Testing

@testable import RehabKit

/// Every numeric threshold the default rules and the engine decide on, pinned from outside the
/// rules file on both sides of each edge: a careless edit of `default-rules.yaml` or of the engine
/// (a bound moved by one, `above` for `at_least`) fails here, not only in the rule's own examples.
struct SafetyThresholdTests {
    static let engine = SafetyEngine(RuleSet.defaults)

    struct Edge: CustomStringConvertible, Sendable {
        var what: String
        var rule: RuleID
        var fires: Bool
        var asOf = "2026-11-30"
        var change: @Sendable (inout SafetyProfile) -> Void
        var description: String { "\(what) → \(rule) \(fires ? "fires" : "does not fire")" }
    }

    static func lesion(_ bone: Bone, _ mirels: Int) -> [LongBoneLesion] {
        [LongBoneLesion(site: bone.rawValue, bone: bone, side: .left, mirels: mirels)]
    }

    static let edges: [Edge] = [
        Edge(what: "platelets 19", rule: "platelets-very-low", fires: true) { $0.labs = Labs(platelets: 19) },
        Edge(what: "platelets 20", rule: "platelets-very-low", fires: false) { $0.labs = Labs(platelets: 20) },
        Edge(what: "platelets 19.9", rule: "platelets-low", fires: false) { $0.labs = Labs(platelets: 19.9) },
        Edge(what: "platelets 20", rule: "platelets-low", fires: true) { $0.labs = Labs(platelets: 20) },
        Edge(what: "platelets 50", rule: "platelets-low", fires: true) { $0.labs = Labs(platelets: 50) },
        Edge(what: "platelets 50.1", rule: "platelets-low", fires: false) { $0.labs = Labs(platelets: 50.1) },
        Edge(what: "haemoglobin 79", rule: "haemoglobin-low", fires: true) { $0.labs = Labs(haemoglobin: 79) },
        Edge(what: "haemoglobin 80", rule: "haemoglobin-low", fires: false) { $0.labs = Labs(haemoglobin: 80) },
        Edge(what: "neutrophils 1.4", rule: "neutrophils-low", fires: true) { $0.labs = Labs(neutrophils: 1.4) },
        Edge(what: "neutrophils 1.5", rule: "neutrophils-low", fires: false) { $0.labs = Labs(neutrophils: 1.5) },
        Edge(what: "37.9 °C", rule: "fever", fires: false) {
            $0.fever = nil
            $0.temperatureC = 37.9
        },
        Edge(what: "38.0 °C", rule: "fever", fires: true) {
            $0.fever = nil
            $0.temperatureC = 38.0
        },
        Edge(what: "fatigue 3", rule: "fatigue-moderate", fires: false) { $0.fatigue = 3 },
        Edge(what: "fatigue 4", rule: "fatigue-moderate", fires: true) { $0.fatigue = 4 },
        Edge(what: "fatigue 6", rule: "fatigue-severe", fires: false) { $0.fatigue = 6 },
        Edge(what: "fatigue 7", rule: "fatigue-severe", fires: true) { $0.fatigue = 7 },
        Edge(what: "fatigue 7", rule: "fatigue-moderate", fires: false) { $0.fatigue = 7 },
        Edge(what: "pain 6", rule: "pain-high", fires: false) { $0.pain = 6 },
        Edge(what: "pain 7", rule: "pain-high", fires: true) { $0.pain = 7 },
        Edge(what: "SINS 6", rule: "sins-potentially-unstable", fires: false) {
            $0.spinalMetastases = SpinalMetastases(present: true, sins: 6)
        },
        Edge(what: "SINS 7", rule: "sins-potentially-unstable", fires: true) {
            $0.spinalMetastases = SpinalMetastases(present: true, sins: 7)
        },
        Edge(what: "SINS 12", rule: "sins-unstable", fires: false) {
            $0.spinalMetastases = SpinalMetastases(present: true, sins: 12)
        },
        Edge(what: "SINS 13", rule: "sins-unstable", fires: true) {
            $0.spinalMetastases = SpinalMetastases(present: true, sins: 13)
        },
        Edge(what: "SINS 13", rule: "sins-potentially-unstable", fires: false) {
            $0.spinalMetastases = SpinalMetastases(present: true, sins: 13)
        },
        Edge(what: "femur Mirels 7", rule: "mirels-borderline-lower", fires: false) {
            $0.longBoneLesions = lesion(.femur, 7)
        },
        Edge(what: "femur Mirels 8", rule: "mirels-borderline-lower", fires: true) {
            $0.longBoneLesions = lesion(.femur, 8)
        },
        Edge(what: "femur Mirels 8", rule: "mirels-high-lower", fires: false) {
            $0.longBoneLesions = lesion(.femur, 8)
        },
        Edge(what: "femur Mirels 9", rule: "mirels-high-lower", fires: true) { $0.longBoneLesions = lesion(.femur, 9) },
        Edge(what: "humerus Mirels 8", rule: "mirels-high-upper", fires: false) {
            $0.longBoneLesions = lesion(.humerus, 8)
        },
        Edge(what: "humerus Mirels 9", rule: "mirels-high-upper", fires: true) {
            $0.longBoneLesions = lesion(.humerus, 9)
        },
        Edge(what: "femur Mirels 7, no weight bearing", rule: "weight-bearing-unrecorded", fires: false) {
            $0.longBoneLesions = lesion(.femur, 7)
            $0.weightBearing = nil
        },
        Edge(what: "femur Mirels 8, no weight bearing", rule: "weight-bearing-unrecorded", fires: true) {
            $0.longBoneLesions = lesion(.femur, 8)
            $0.weightBearing = nil
        },
        // Assessment age: assessed 2026-10-31; 30 days to 2026-11-30, 31 to 2026-12-01.
        Edge(what: "30 days old", rule: "assessment-stale", fires: false, asOf: "2026-11-30") {
            $0.assessed = LocalDate("2026-10-31")
        },
        Edge(what: "31 days old", rule: "assessment-stale", fires: true, asOf: "2026-12-01") {
            $0.assessed = LocalDate("2026-10-31")
        },
        // 90 days from 2026-09-01 is 2026-11-30.
        Edge(what: "90 days old", rule: "assessment-expired", fires: false, asOf: "2026-11-30") {
            $0.assessed = LocalDate("2026-09-01")
        },
        Edge(what: "91 days old", rule: "assessment-expired", fires: true, asOf: "2026-12-01") {
            $0.assessed = LocalDate("2026-09-01")
        },
    ]

    @Test(arguments: edges)
    func edge(_ e: Edge) {
        var p = Build.clearProfile
        e.change(&p)
        let fired = Self.engine.fired(for: p, asOf: LocalDate(e.asOf)).map(\.rule.id)
        #expect(fired.contains(e.rule) == e.fires, "\(e): fired \(fired)")
    }

    /// The engine's own 38.0 °C edge, beside the rule's.
    @Test func feverStartsAtThirtyEightDegrees() {
        var p = Build.clearProfile
        p.fever = nil
        p.temperatureC = 37.95
        #expect(p.isFebrile == false)
        p.temperatureC = 38.0
        #expect(p.isFebrile == true)
    }

    /// Clearances and acknowledgements count from the day of the assessment ("on or after") up to
    /// the day checked; the day before the assessment does not.
    @Test func clearanceAndAcknowledgementDatesCountFromTheAssessmentDay() {
        let assessed = LocalDate("2026-11-20")!
        for (date, counts) in [("2026-11-19", false), ("2026-11-20", true), ("2026-11-30", true)] {
            var p = Build.clearProfile
            p.assessed = assessed
            p.spinalMetastases = SpinalMetastases(present: true, sins: 9)
            // Something new, so that a record of an earlier assessment does not carry over.
            p.backPain?.worsening = true
            p.clearance = [Clearance(by: .spinalTeam, date: LocalDate(date)!)]
            let context = EffectContext(profile: p, asOf: LocalDate("2026-11-30"))
            #expect(context.hasClearance(from: [.spinalTeam]) == counts, "clearance of \(date)")

            var q = Build.clearProfile
            q.backPain = BackPain(
                new: false, worsening: true, nightPain: true, worseOnStraining: false, region: .lumbar)
            q.acknowledged = [Acknowledgement(rule: "spinal-pain-red-flags", by: .spinalTeam, date: LocalDate(date)!)]
            let r = Self.engine.check(
                Build.plan(["walking"], profile: q), in: Library.workspace, asOf: LocalDate("2026-11-30"))!
            #expect(r.acknowledged.isEmpty == !counts, "acknowledgement of \(date)")
        }
    }

    /// Units are converted before the thresholds: 20,000 /µL is 20 ×10⁹/L, the edge of platelets-low.
    @Test func plateletUnitsMeetTheSameEdge() {
        for (written, rule) in [("\"20000 /uL\"", "platelets-low"), ("\"19000 /uL\"", "platelets-very-low")] {
            let p = Build.profile("labs: {platelets: \(written)}")
            let fired = Self.engine.fired(for: p, asOf: nil).map(\.rule.id.rawValue)
            #expect(fired.contains(rule), "\(written): \(fired)")
        }
    }
}

/// One test per rule of the protected core: it is in the core, a clinic's weaker replacement is
/// refused as a core weakening (even declared with `weakens: true`), and it cannot be acknowledged.
struct ProtectedCoreTests {
    static let core: [RuleID] = ["suspected-cord-compression", "sins-unstable", "spinal-stability-unknown", "fever"]

    @Test func theCoreIsExactlyTheseFour() {
        #expect(RuleSet.protectedCore == Set(Self.core))
    }

    @Test(arguments: core)
    func aCoreRuleCannotBeWeakenedOrAcknowledged(_ id: RuleID) throws {
        #expect(RuleSet.protectedCore.contains(id))
        let original = try #require(RuleSet.defaults.rule(id))
        var then = original.then
        then.alert = .info
        let weaker = SafetyRule(
            id: id, title: original.title, rationale: nil, source: "clinic", when: original.when, then: then,
            whenMissing: original.whenMissing, examples: [], weakens: true, reason: "we know better",
            origin: "clinic.yaml", location: SourceLocation(file: "clinic.yaml", line: 1, column: 1))
        let (set, diagnostics) = RuleSet.defaults.layered(with: [weaker])
        #expect(diagnostics.contains { $0.message.contains("'\(id)' is in the protected core") }, "\(diagnostics)")
        #expect(set.rule(id)?.origin == RuleSet.defaultOrigin)

        let acknowledgement = Acknowledgement(rule: id, by: .spinalTeam, date: LocalDate("2026-11-21")!)
        var p = Build.clearProfile
        p.acknowledged = [acknowledgement]
        let notes = ProfileNotes(
            profile: p, asOf: LocalDate("2026-11-30"), fired: [FiredRule(rule: original, truth: .yes, missing: [])],
            rules: RuleSet.defaults.rules)
        #expect(notes.counted[id] == nil)
        #expect(notes.lines.contains { $0.contains("acknowledgement of '\(id)' does not count") })
    }
}
