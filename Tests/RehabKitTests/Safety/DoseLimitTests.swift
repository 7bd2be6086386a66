import Testing
import YAMLReader

@testable import RehabKit

/// Issue 25: every dose-changing effect goes through one path (`Verdict.dose(DoseLimit)` →
/// `ItemDecision.doseLimit` → the scheduler), so a new kind of consequence — capping sets — is one
/// file of its own and a line in `RuleEffectKinds.all`.
struct DoseLimitTests {
    /// `max_sets: N`: a kind written only as its own type, as a new file would be. Nothing in the
    /// engine, the report or the scheduler knows it.
    struct CapSets: RuleEffectKind {
        static let schema: [(key: String, node: SchemaNode)] = [
            ("max_sets", .integer("at most so many sets", min: 1, max: 20))
        ]
        var most: Int

        static func read(_ f: Fields, _ r: NodeReader) -> CapSets? { nil }

        var summary: String { "at most \(most) sets" }

        func verdict(on e: Exercise, scope: RuleScope, context: EffectContext) -> Verdict? {
            scope.touches(e) ? .dose(DoseLimit(most: ["sets": most])) : nil
        }
    }

    static func rule(_ id: RuleID, _ effect: any RuleEffectKind, scope: RuleScope = RuleScope()) -> SafetyRule {
        var then = RuleEffect()
        then.effects = [effect]
        then.scope = scope
        return SafetyRule(
            id: id, title: id.rawValue, rationale: nil, source: "test", when: .all([]), then: then,
            whenMissing: .apply, examples: [], origin: "test", location: Build.here)
    }

    static let workspace = Build.workspace([
        Build.exercise("squat", kind: .strength, [.legLoading, .resistance]),
        Build.exercise("calf-raise", kind: .strength, [.legLoading]),
    ])

    static func plan(progression: Progression? = nil) -> Plan {
        var p = Build.plan(["squat", "calf-raise"], profile: Build.clearProfile)
        for i in p.items.indices {
            p.items[i].dose = Dose(sets: 4, reps: 10)
            p.items[i].progression = progression
        }
        return p
    }

    @Test func aNewKindCapsTheDoseThroughTheOnePath() throws {
        let engine = SafetyEngine(rules: [
            Self.rule("cap-sets-3", CapSets(most: 3)),
            Self.rule("cap-sets-2", CapSets(most: 2), scope: RuleScope(except: [ItemFilter(movements: [.resistance])])),
        ])
        let plan = Self.plan()
        let r = try #require(engine.check(plan, in: Self.workspace, asOf: plan.start))
        let squat = r.items[0]
        let calf = r.items[1]
        #expect(
            squat.doseLimit == DoseLimit(most: ["sets": 3]) && squat.rules == ["cap-sets-3"],
            "its scope leaves squat to the other rule")
        #expect(
            calf.doseLimit == DoseLimit(most: ["sets": 2]) && calf.rules == ["cap-sets-3", "cap-sets-2"],
            "the strictest cap of both")
        #expect(r.items.allSatisfy { $0.decision == .modified })
        #expect(calf.changes == ["sets at most 2"])
        let week = try WeekScheduler(workspace: Self.workspace, engine: engine).schedule(plan, week: 1)
        let sessions = week.days.flatMap(\.sessions)
        #expect(sessions.count == 14)
        #expect(sessions.allSatisfy { $0.dose.sets == ($0.exercise == "squat" ? 3 : 2) && $0.dose.reps == 10 })
    }

    @Test func aCapHoldsAgainstTheProgressionAndAPaceSlowsIt() throws {
        let engine = SafetyEngine(rules: [
            Self.rule("cap-sets-5", CapSets(most: 5)),
            Self.rule("slow", SlowProgressionEffect(limit: ProgressionLimit(movements: [.resistance], everyWeeks: 2))),
        ])
        let plan = Self.plan(progression: Progression(add: Dose(sets: 1)))
        let scheduler = WeekScheduler(workspace: Self.workspace, engine: engine)
        // Without a log every step is planned: sets 4, 5, 6, 7 in weeks 1–4 for calf raises (every week),
        // 4, 4, 5, 5 for squats (resistance: one step every two weeks); at most 5 sets.
        let sets = try (1...4).map { w in
            try Dictionary(
                scheduler.schedule(plan, week: w).days.flatMap(\.sessions).map { ($0.exercise, $0.dose.sets ?? 0) },
                uniquingKeysWith: max)
        }
        #expect(sets.map { $0["squat"] } == [4, 4, 5, 5])
        #expect(sets.map { $0["calf-raise"] } == [4, 5, 5, 5])
        let decision = try #require(engine.check(plan, in: Self.workspace, asOf: plan.start))
        #expect(decision.items[0].doseLimit == DoseLimit(everyWeeksAtLeast: 2, most: ["sets": 5]))
        #expect(decision.items[1].rules == ["cap-sets-5"], "a slower pace alone changes no decision")
    }
}
