/// Whether a clinic's replacement of a rule blocks or alerts less than the rule it replaces
/// (SAFETY.md, the protected core). Conditions cannot be compared symbolically in general, so the
/// two are run side by side: on the default's own example profiles and a fixed set of generated
/// profiles with values at every band edge, and on the reference exercises plus one exercise per
/// kind, position, intensity and movement tag. Anything the default does that the replacement
/// does not is a weakening, named with an example.
enum RuleWeakening {
    static let asOf = LocalDate("2026-11-30")!

    /// For the protected core, what a replacement may change (SAFETY.md: tightened, never weakened):
    /// its condition must contain the default's unchanged (the default's, or `any` of it and more),
    /// and its messages stay the default's. Problems in words; empty when it keeps to that.
    static func coreProblems(_ original: SafetyRule, _ replacement: SafetyRule) -> [String] {
        var out: [String] = []
        if !contains(replacement.when, original.when) {
            out.append(
                "its condition must contain the default's unchanged (write 'any:' with the default's condition and your additions)"
            )
        }
        if replacement.then.message != original.then.message
            || replacement.then.patientMessage != original.then.patientMessage
        {
            out.append("its messages must stay the default's (the urgent words of the protected core are not reworded)")
        }
        if !Set(replacement.supersededBy).isSubset(of: original.supersededBy) {
            out.append("its alert may not be superseded by another rule's (superseded_by)")
        }
        return out
    }

    /// Whether condition `a` holds wherever `b` does, read off their structure: equal, or `a` is
    /// an `any` containing `b` (or every part of an `any` `b`).
    static func contains(_ a: RuleCondition, _ b: RuleCondition) -> Bool {
        if a == b { return true }
        guard case .any(let parts) = a else { return false }
        if parts.contains(b) { return true }
        if case .any(let inner) = b { return inner.allSatisfy { x in parts.contains(x) } }
        return false
    }

    /// The ways the replacement is weaker, most important first; empty when it is not.
    static func compare(_ original: SafetyRule, with replacement: SafetyRule) -> [String] {
        var out: [String] = []
        let o = original.then
        let r = replacement.then
        // Effect by effect, where the replacement does not stop everything instead.
        if !r.blockAll {
            for effect in o.effects {
                for other in r.effects where type(of: other) == type(of: effect) {
                    if let why = other.weaker(than: effect) { out.append("it \(why)") }
                }
            }
        }
        if let level = o.alert {
            if let new = r.alert {
                if new > level { out.append("it alerts \(new.rawValue) instead of \(level.rawValue)") }
            } else {
                out.append("it has no alert (the default alerts \(level.rawValue))")
            }
        }
        if original.whenMissing == .apply, replacement.whenMissing == .skip {
            out.append("it is skipped when a field is missing (the default fails closed)")
        }
        var original_ = PlanEffects()
        var replacement_ = PlanEffects()
        o.apply(to: &original_)
        r.apply(to: &replacement_)
        if replacement_.dailyMinutesFactor > original_.dailyMinutesFactor {
            out.append(
                "it lowers the daily minutes less (×\(replacement_.dailyMinutesFactor) instead of ×\(original_.dailyMinutesFactor))"
            )
        }
        if replacement_.minimumStatus < original_.minimumStatus {
            out.append(
                "it makes the plan \(replacement_.minimumStatus.rawValue) instead of \(original_.minimumStatus.rawValue)"
            )
        }

        var bothFire: [(SafetyProfile, LocalDate?)] = []
        var missedShown = false
        for (profile, date) in probes(original) {
            let view = ProfileView(profile, asOf: date)
            guard SafetyEngine.evaluate(original, view) != nil else { continue }
            if SafetyEngine.evaluate(replacement, view) == nil {
                if !missedShown {
                    out.append(
                        "it does not fire where the default does (\(summary(of: profile, asOf: date, for: [original, replacement])))"
                    )
                    missedShown = true
                }
            } else if bothFire.count < 6 {
                bothFire.append((profile, date))
            }
        }
        // Each profile as it is, and the first with a clearance by each team after its assessment
        // (a replacement must not count a clearance the default does not).
        var contexts: [(SafetyProfile, LocalDate?)] = bothFire
        if let (first, date) = bothFire.first, let assessed = first.assessed {
            for team in ClinicalTeam.allCases {
                var p = first
                p.clearance = [Clearance(by: team, date: min(assessed.adding(days: 1), date ?? assessed))]
                contexts.append((p, date))
            }
        }
        for (profile, date) in contexts {
            guard let a = SafetyEngine.evaluate(original, ProfileView(profile, asOf: date)),
                let b = SafetyEngine.evaluate(replacement, ProfileView(profile, asOf: date))
            else { continue }
            let context = EffectContext(profile: profile, asOf: date)
            for e in probeExercises {
                let da = SafetyEngine(rules: [original]).decide(
                    e, fired: [a], context: context, workspace: ReferenceExercises.workspace)
                let db = SafetyEngine(rules: [replacement]).decide(
                    e, fired: [b], context: context, workspace: ReferenceExercises.workspace)
                if db.decision.restriction < da.decision.restriction {
                    out.append("an item \(describe(e)) is \(db.decision.rawValue) instead of \(da.decision.rawValue)")
                    return out
                }
            }
        }
        return out
    }

    static func describe(_ e: Exercise) -> String {
        if ReferenceExercises.ids.contains(e.id.rawValue) { return "like '\(e.id)'" }
        let tags = e.movements.sorted().map(\.rawValue).joined(separator: ", ")
        return
            "of kind \(e.kind.rawValue), \(e.position.rawValue), \(e.intensity.rawValue)\(tags.isEmpty ? "" : ", [\(tags)]")"
    }

    /// The fields the two conditions read, as the profile has them.
    static func summary(of profile: SafetyProfile, asOf: LocalDate?, for rules: [SafetyRule]) -> String {
        let view = ProfileView(profile, asOf: asOf)
        let paths = rules.flatMap(\.when.paths).uniqued()
        return paths.prefix(8).map { path -> String in
            let values = path.resolve(in: view).map(\.shortText)
            return "\(path) \(values.count == 1 ? values[0] : "[\(values.joined(separator: ", "))]")"
        }.joined(separator: ", ")
    }

    static let probeExercises: [Exercise] = {
        let here = SourceLocation(file: "probe", line: 1, column: 1)
        var out = ReferenceExercises.all
        let tagSets: [Set<Movement>] = [[]] + Movement.allCases.map { [$0] }
        for kind in ExerciseKind.allCases {
            for position in Position.allCases {
                for intensity in Intensity.allCases {
                    for tags in tagSets {
                        out.append(
                            Exercise(
                                id: "probe", name: "probe", kind: kind, summary: "s", steps: ["s"], position: position,
                                movements: tags, intensity: intensity, dose: Dose(minutes: 5), location: here))
                    }
                }
            }
        }
        return out
    }()

    /// The default's example profiles, then generated ones.
    static func probes(_ rule: SafetyRule) -> [(SafetyProfile, LocalDate?)] {
        rule.examples.filter(\.triggers).map { ($0.profile, $0.asOf ?? asOf) }
            + rule.expectations.map { ($0.profile, $0.asOf ?? asOf) }
            + generated.map { ($0, asOf) }
    }

    /// Profiles with values at the band edges of every default rule, fields left out at random;
    /// the same every run.
    static let generated: [SafetyProfile] = {
        var rng = SplitMix64(seed: 0x5AFE)
        let here = SourceLocation(file: "probe", line: 1, column: 1)
        var out: [SafetyProfile] = []
        for _ in 0..<3000 {
            func maybe<T>(_ value: T) -> T? { rng.chance(0.85) ? value : nil }
            var p = SafetyProfile(location: here)
            p.assessed = rng.pick([
                LocalDate("2026-11-20")!, LocalDate("2026-10-20")!, LocalDate("2026-08-15")!, LocalDate("2026-06-01")!,
            ])
            p.suspectedCordCompression = maybe(rng.chance(0.15))
            p.neuroSymptoms = maybe(rng.sample(NeuroSymptom.allCases, rng.pick([0, 0, 1, 1, 2])))
            p.backPain = maybe(
                BackPain(
                    new: maybe(rng.chance(0.3)), worsening: maybe(rng.chance(0.3)), nightPain: maybe(rng.chance(0.3)),
                    worseOnStraining: maybe(rng.chance(0.3)), region: maybe(rng.pick(SpinalRegion.allCases))))
            p.spinalMetastases = maybe(
                SpinalMetastases(
                    present: maybe(rng.chance(0.6)),
                    levels: maybe(
                        rng.sample(["T4", "T10", "L1", "L3", "C5"], rng.int(0...2)).compactMap(VertebralLevel.init)),
                    stability: maybe(rng.pick(SpinalStability.allCases)),
                    sins: maybe(rng.int(0...18)),
                    sinsParts: rng.chance(0.3)
                        ? SINSParts(
                            location: maybe(rng.pick(SINSLocation.allCases)), pain: rng.pick(SINSPain.allCases),
                            lesion: rng.pick(SINSLesion.allCases), alignment: rng.pick(SINSAlignment.allCases),
                            collapse: rng.pick(SINSCollapse.allCases),
                            posterolateral: rng.pick(SINSPosterolateral.allCases)) : nil,
                    surgery: rng.chance(0.2)
                        ? SpinalSurgery(date: LocalDate("2026-10-01")!, procedure: maybe("fixation")) : nil))
            p.longBoneLesions = maybe(
                (0..<rng.pick([0, 1, 1, 2])).map { _ in
                    let bone = rng.pick(Bone.allCases)
                    let side = maybe(rng.pick(BodySide.allCases))
                    return LongBoneLesion(
                        site: (side.map { $0.rawValue + "-" } ?? "") + bone.rawValue, bone: bone, side: side,
                        mirels: maybe(rng.int(4...12)))
                })
            p.boneDensity = maybe(rng.pick(BoneDensity.allCases))
            p.vertebralFracture = maybe(rng.chance(0.2))
            p.weightBearing = maybe(rng.pick(WeightBearing.allCases))
            p.brace =
                rng.chance(0.3)
                ? Brace(
                    type: rng.pick(["TLSO", "lumbar", "cervical collar"]),
                    wearWhen: maybe(rng.pick(BraceWear.allCases)),
                    notes: maybe("as prescribed")) : nil
            p.clearance = maybe(
                rng.chance(0.5)
                    ? [
                        Clearance(
                            by: rng.pick(ClinicalTeam.allCases),
                            date: rng.pick([
                                LocalDate("2026-10-05")!, LocalDate("2026-11-10")!, LocalDate("2026-11-25")!,
                            ]),
                            note: maybe("cleared"),
                            restrictMovements: rng.chance(0.2) ? [rng.pick(Movement.allCases)] : [])
                    ] : [])
            p.labs = maybe(
                Labs(
                    platelets: maybe(rng.pick([5, 19, 19.9, 20, 35, 50, 50.1, 51, 150, 300])),
                    haemoglobin: maybe(rng.pick([60, 79, 79.9, 80, 95, 120, 150])),
                    neutrophils: maybe(rng.pick([0.2, 0.9, 1.0, 1.49, 1.5, 2.0, 4.0])),
                    date: maybe(LocalDate("2026-11-18")!)))
            p.knownDeficits = maybe(
                rng.chance(0.2)
                    ? [
                        KnownDeficit(
                            symptom: rng.pick(NeuroSymptom.allCases), assessedBy: rng.pick(ClinicalTeam.allCases),
                            date: LocalDate("2026-11-20")!, note: maybe("stable"))
                    ] : [])
            p.resolved = maybe(
                rng.chance(0.1)
                    ? [
                        ResolvedSymptom(
                            symptom: rng.pick(RedFlag.allCases), date: LocalDate("2026-11-20")!,
                            by: rng.pick(ClinicalTeam.allCases))
                    ] : [])
            p.acknowledged = maybe(
                rng.chance(0.1)
                    ? [
                        Acknowledgement(
                            rule: rng.pick(["spinal-pain-red-flags", "fatigue-moderate", "pain-high"]),
                            by: rng.pick(ClinicalTeam.allCases), date: LocalDate("2026-11-21")!)
                    ] : [])
            p.reportedRedFlags = rng.chance(0.1) ? [rng.pick(RedFlag.allCases).rawValue] : (rng.chance(0.5) ? [] : nil)
            p.fever = maybe(rng.chance(0.1))
            p.temperatureC = maybe(rng.pick([36.5, 37.4, 37.5, 37.9, 38.0, 38.1, 38.4, 38.5, 39.0, 40.0]))
            if p.fever == false, let t = p.temperatureC, t >= 38 { p.fever = nil }
            p.pain = maybe(rng.int(0...10))
            p.fatigue = maybe(rng.int(0...10))
            out.append(p)
        }
        return out
    }()
}

extension RuleCondition {
    /// Every field path the condition reads.
    var paths: [FieldPath] {
        switch self {
        case .compare(let p, _): return [p]
        case .any(let cs), .all(let cs): return cs.flatMap(\.paths)
        case .not(let c): return c.paths
        }
    }
}

extension FieldValue {
    var shortText: String {
        switch self {
        case .missing: return "missing"
        case .bool(let b): return String(b)
        case .number(let n): return n == n.rounded() ? String(Int(n)) : String(n)
        case .text(let t): return t
        case .list(let l): return "[" + l.map(\.shortText).joined(separator: ", ") + "]"
        case .object: return "{…}"
        }
    }
}
