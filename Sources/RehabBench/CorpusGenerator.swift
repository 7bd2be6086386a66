import RehabKit

/// Writes a synthetic clinic in the file format, for measurements: the same shape as the
/// project's reference generator (2,000 exercises, 1,000 plans by default), valid under
/// FORMAT.md, deterministic for a seed, and with profiles that exercise every default rule.
public struct CorpusGenerator: Sendable {
    public var exercises: Int
    public var plans: Int
    public var seed: UInt64

    public init(exercises: Int = 2000, plans: Int = 1000, seed: UInt64 = 7) {
        self.exercises = exercises
        self.plans = plans
        self.seed = seed
    }

    static let tags = Movement.allCases.map(\.rawValue)
    static let positions = Position.allCases.map(\.rawValue)
    static let symptoms = [
        "leg-weakness", "arm-weakness", "numbness", "gait-difficulty", "bladder-bowel-change",
        "hand-stiffness",
    ]

    /// Relative path and contents of every file.
    public func files() -> [(path: String, contents: String)] {
        var rng = SplitMix64(seed: seed)
        var out: [(String, String)] = []
        for i in 0..<exercises {
            out.append(("Exercises/\(Self.exerciseID(i)).yaml", exercise(i, &rng)))
        }
        for j in 0..<plans {
            out.append(("Plans/plan-\(Self.pad(j, 5)).yaml", plan(j, &rng)))
        }
        return out
    }

    static func exerciseID(_ i: Int) -> String { "ex-\(pad(i, 5))" }

    static func pad(_ n: Int, _ width: Int) -> String {
        let s = String(n)
        return String(repeating: "0", count: max(0, width - s.count)) + s
    }

    func exercise(_ i: Int, _ rng: inout SplitMix64) -> String {
        let kind = rng.pick(ExerciseKind.allCases.map(\.rawValue))
        var tags = rng.sample(Self.tags, rng.int(0...4))
        var lines = [
            "id: \(Self.exerciseID(i))", "name: \"Exercise \(i) (\(kind))\"", "kind: \(kind)",
            "summary: \"A gentle \(kind) exercise, generated for load testing.\"", "steps:",
        ]
        for s in 0..<rng.int(2...6) {
            lines.append("  - \"Step \(s + 1): move slowly and breathe out as you move.\"")
        }
        // Tags that agree with the position, and none on education (what `validate` asks of authors).
        var position = rng.pick(Self.positions)
        if kind == "education" { position = "any" }
        tags += (Position(rawValue: position)?.impliedMovements ?? []).map(\.rawValue)
        if kind == "education" { tags = [] }
        tags = Array(Set(tags)).sorted()
        lines += [
            "position: \(position)", "movements: [\(tags.joined(separator: ", "))]",
            "intensity: \(kind == "education" ? "very-light" : rng.pick(["very-light", "light", "moderate"]))",
        ]
        if rng.chance(0.5) {
            lines.append("dose: {minutes: \(rng.int(2...20))}")
        } else {
            lines.append("dose: {sets: \(rng.int(1...3)), reps: \(rng.int(5...12))}")
        }
        lines += [
            "equipment: []", "cautions: [\"Stop if pain is sharp or spreading.\"]",
            "stop_if: [\"New leg weakness or numbness\"]",
        ]
        if i > 0, rng.chance(0.3) {
            lines.append("easier: \(Self.exerciseID(rng.int(0...(i - 1))))")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    func profile(_ rng: inout SplitMix64) -> [String] {
        let r = rng.unit()
        var p = ["  assessed: 2026-11-20", "  suspected_cord_compression: \(r < 0.05)"]
        let symptoms = r < 0.1 ? [rng.pick(Self.symptoms)] : []
        p.append("  neuro_symptoms: [\(symptoms.joined(separator: ", "))]")
        p.append(
            "  back_pain: {new: \(rng.chance(0.3)), worsening: \(rng.chance(0.2)), night_pain: \(rng.chance(0.1)), worse_on_straining: false, region: \(rng.pick(["thoracic", "lumbar"]))}"
        )
        if rng.chance(0.4) {
            p.append("  spinal_metastases: {present: true, levels: [T\(rng.int(1...12))], sins: \(rng.int(0...18))}")
        } else {
            p.append("  spinal_metastases: {present: false}")
        }
        if rng.chance(0.15) {
            p.append("  long_bone_lesions: [{site: left-femur, limb: lower, mirels: \(rng.int(4...12))}]")
        }
        p.append("  bone_density: \(rng.pick(["normal", "osteopenia", "osteoporosis", "unknown"]))")
        p.append("  vertebral_fracture: false")
        p.append("  weight_bearing: \(rng.pick(["full", "full", "full", "partial", "none"]))")
        if rng.chance(0.5) {
            p.append(
                "  labs: {platelets: \(rng.int(10...400)), haemoglobin: \(rng.int(70...150)), neutrophils: \(Double(rng.int(2...80)) / 10), date: 2026-11-19}"
            )
        }
        p.append("  fever: \(rng.chance(0.03))")
        p.append("  pain: \(rng.int(0...9))")
        p.append("  fatigue: \(rng.pick(["none", "mild", "moderate", "severe"]))")
        return p
    }

    func plan(_ j: Int, _ rng: inout SplitMix64) -> String {
        var lines = [
            "id: plan-\(Self.pad(j, 5))", "title: \"Home programme \(j)\"",
            "patient: {name: \"Patient \(j)\", ref: MRN-\(Self.pad(j, 6))}",
            "care_team: {contact: \"Clinic line 555 0100\", urgent: \"Acute oncology 24-hour line 555 0199\"}",
            "start: 2026-11-30", "weeks: \(rng.int(2...12))",
            "rest_days: [\(rng.pick(Weekday.allCases.map(\.rawValue)))]",
            "daily_minutes_limit: \(rng.int(20...60))", "safety:",
        ]
        lines += profile(&rng)
        lines.append("items:")
        for ex in rng.sample(Array(0..<exercises), min(exercises, rng.int(3...12))) {
            let freq = rng.pick(["daily", "2/day", "3/week", "5/week", "all-day", "as-needed"])
            lines += [
                "  - exercise: \(Self.exerciseID(ex))", "    frequency: \(freq)",
                "    time: \(rng.pick(["morning", "midday", "afternoon", "evening", "any"]))",
            ]
            if rng.chance(0.4), freq != "all-day", freq != "as-needed" {
                lines += [
                    "    dose: {minutes: \(rng.int(5...15))}", "    progression:", "      every_weeks: 1",
                    "      add: {minutes: 2}", "      up_to: {minutes: 30}",
                    "      when: {pain_at_most: 3, adherence_at_least: 0.8}",
                ]
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
