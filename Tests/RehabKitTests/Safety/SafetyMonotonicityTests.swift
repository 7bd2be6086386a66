import Foundation
import Testing

@testable import RehabKit

/// The precedence invariants of SAFETY.md over random profiles, plans and rule combinations,
/// with a fixed seed: adding a rule, a finding or a worse value never makes any item less
/// restricted, and no item that any one rule blocks is ever on the routine or in a schedule.
/// `REHAB_PROPERTY_CASES=N` runs N cases instead of the default.
struct SafetyMonotonicityTests {
    static let cases = Int(ProcessInfo.processInfo.environment["REHAB_PROPERTY_CASES"] ?? "") ?? 300
    static let seed: UInt64 = 0x9_2026
    static let asOf = LocalDate("2026-11-30")!

    static func restriction(_ r: SafetyReport) -> [Int] { r.items.map(\.decision.restriction) }

    static func check(_ c: SafetyPropertyTests.Case, rules: [SafetyRule]) -> SafetyReport {
        SafetyEngine(rules: rules).check(c.plan, in: c.workspace, asOf: asOf)!
    }

    /// Fails with the first item that became less restricted, naming it.
    static func expectNoLess(_ before: SafetyReport, _ after: SafetyReport, _ what: String) {
        for (a, b) in zip(before.items, after.items) where b.decision.restriction < a.decision.restriction {
            Issue.record("\(what): \(a.exercise) was \(a.decision) (\(a.rules)), became \(b.decision) (\(b.rules))")
            return
        }
        #expect(after.status >= before.status, "\(what): status \(before.status) became \(after.status)")
    }

    @Test func addingARuleNeverLoosens() {
        var rng = SplitMix64(seed: Self.seed)
        let all = RuleSet.defaults.rules
        for i in 0..<Self.cases {
            let c = SafetyPropertyTests.randomCase(Int(rng.next() >> 1))
            var subset = all.filter { _ in rng.chance(0.5) }
            let extra = rng.pick(all)
            subset.removeAll { $0.id == extra.id }
            let before = Self.check(c, rules: subset)
            let after = Self.check(c, rules: subset + [extra])
            Self.expectNoLess(before, after, "case \(i): adding \(extra.id)")
        }
    }

    /// One clinical finding made worse, on a field the profile gives.
    static func worsen(_ p: SafetyProfile, _ rng: inout SplitMix64) -> (SafetyProfile, String)? {
        var q = p
        switch rng.int(0...12) {
        case 0:
            let s = rng.pick(NeuroSymptom.allCases)
            guard let list = p.neuroSymptoms, !list.contains(s) else { return nil }
            q.neuroSymptoms = list + [s]
            return (q, "neuro symptom \(s.rawValue)")
        case 1:
            guard p.suspectedCordCompression == false else { return nil }
            q.suspectedCordCompression = true
            return (q, "suspected compression")
        case 2:
            guard var bp = p.backPain else { return nil }
            switch rng.int(0...3) {
            case 0:
                guard bp.new == false else { return nil }
                bp.new = true
            case 1:
                guard bp.worsening == false else { return nil }
                bp.worsening = true
            case 2:
                guard bp.nightPain == false else { return nil }
                bp.nightPain = true
            default:
                guard bp.worseOnStraining == false else { return nil }
                bp.worseOnStraining = true
            }
            q.backPain = bp
            return (q, "back pain feature")
        case 3:
            guard let sins = p.spinalMetastases?.sins, sins < 18, p.spinalMetastases?.present == true,
                p.spinalMetastases?.stability == nil
            else { return nil }
            q.spinalMetastases?.sins = sins + 1
            return (q, "SINS \(sins) → \(sins + 1)")
        case 4:
            guard let lesions = p.longBoneLesions, let i = lesions.indices.randomElement(using: &rng),
                let m = lesions[i].mirels, m < 12
            else { return nil }
            q.longBoneLesions![i].mirels = m + 1
            return (q, "Mirels \(m) → \(m + 1)")
        case 5:
            guard let v = p.labs?.platelets, v > 1 else { return nil }
            q.labs!.platelets = v - Double(rng.int(1...40))
            return (q, "platelets lower")
        case 6:
            guard let v = p.labs?.haemoglobin, v > 40 else { return nil }
            q.labs!.haemoglobin = v - Double(rng.int(1...30))
            return (q, "haemoglobin lower")
        case 7:
            guard let v = p.labs?.neutrophils, v > 0.1 else { return nil }
            q.labs!.neutrophils = max(0, v - 0.5)
            return (q, "neutrophils lower")
        case 8:
            guard p.fever == false else { return nil }
            q.fever = true
            return (q, "fever")
        case 9:
            guard let v = p.pain, v < 10 else { return nil }
            q.pain = v + 1
            return (q, "pain \(v + 1)")
        case 10:
            guard let v = p.fatigue, v < 10 else { return nil }
            q.fatigue = v + 1
            return (q, "fatigue \(v + 1)")
        case 11:
            let order: [BoneDensity] = [.normal, .osteopenia, .osteoporosis]
            guard let d = p.boneDensity, let i = order.firstIndex(of: d), i < 2 else { return nil }
            q.boneDensity = order[i + 1]
            return (q, "bone density \(order[i + 1])")
        default:
            let order: [WeightBearing] = [.full, .partial, .none]
            guard let w = p.weightBearing, let i = order.firstIndex(of: w), i < 2 else { return nil }
            q.weightBearing = order[i + 1]
            return (q, "weight bearing \(order[i + 1])")
        }
    }

    @Test func aWorseFindingNeverLoosens() {
        var rng = SplitMix64(seed: Self.seed &+ 1)
        let rules = RuleSet.defaults.rules
        var tried = 0
        for i in 0..<(Self.cases * 3) {
            var c = SafetyPropertyTests.randomCase(Int(rng.next() >> 1))
            guard let (worse, what) = Self.worsen(c.profile, &rng) else { continue }
            tried += 1
            let before = Self.check(c, rules: rules)
            c.plan.safety = worse
            let after = Self.check(c, rules: rules)
            Self.expectNoLess(before, after, "case \(i): \(what)")
        }
        #expect(tried >= Self.cases, "too few findings could be worsened: \(tried)")
    }

    @Test func whatAnyOneRuleBlocksIsBlockedAndNeverScheduled() throws {
        var rng = SplitMix64(seed: Self.seed &+ 2)
        let rules = RuleSet.defaults.rules
        let engine = SafetyEngine(rules: rules)
        var blockedAlongsideSupervision = 0
        for i in 0..<Self.cases {
            let c = SafetyPropertyTests.randomCase(Int(rng.next() >> 1))
            let report = engine.check(c.plan, in: c.workspace, asOf: Self.asOf)!
            let context = EffectContext(profile: c.profile, asOf: Self.asOf)
            for item in report.items {
                guard let e = c.workspace.exercise(item.exercise) else { continue }
                let alone = report.fired.map {
                    engine.decide(e, fired: [$0], context: context, workspace: c.workspace).decision
                }
                for (f, decision) in zip(report.fired, alone) where decision == .blocked {
                    #expect(
                        item.decision == .blocked,
                        "case \(i): \(f.rule.id) blocks \(item.exercise), combined \(item.decision)")
                }
                if alone.contains(.blocked), alone.contains(.supervised) { blockedAlongsideSupervision += 1 }
            }
            let schedule = try WeekScheduler(workspace: c.workspace, engine: engine).schedule(
                c.plan, week: 1, report: report)
            let blocked = Set(
                report.items.filter { $0.decision == .blocked || $0.decision == .supervised }.map(\.index))
            for day in schedule.days {
                for s in day.sessions {
                    #expect(
                        !blocked.contains(s.item),
                        "case \(i): item \(s.item) scheduled though \(report.items[s.item].decision)")
                }
            }
        }
        // The case the invariant guards: one rule blocks an item that another would supervise.
        #expect(
            blockedAlongsideSupervision >= 1,
            "only \(blockedAlongsideSupervision) items were blocked by one rule and supervised by another")
    }
}
