import Foundation
import RehabKit
import TestSupport

/// A random workspace that `rehab validate` must accept, for `PipelinePropertyTests`: exercises of
/// every kind (precautions among them), plans with random items, frequencies, doses, rest days and
/// daily limits, and safety profiles from harmless to suspected cord compression, with fields left
/// out at random (which must fail closed). Patient-facing text carries hostile strings (HTML,
/// Markdown, terminal escapes, other control characters). Deterministic per seed.
///
/// Every exercise's name starts with `NAMExNz` and its first step with `STEPxNz` (N its number), so
/// a test can tell from any output whether that exercise was printed.
struct PipelineWorkspace {
    struct ExerciseInfo {
        var id: String
        /// Unique in every output: no other token contains it.
        var nameToken: String
        var stepToken: String
        var kind: String
        var precaution: Bool
    }

    struct PlanInfo {
        var id: String
        var file: String
        var start: LocalDate
        var weeks: Int
        var dailyLimit: Int?
        var suspectedCompression: Bool
        var items: [String]
    }

    /// Hostile user text: each must reach no output verbatim where it could act (HTML, Markdown)
    /// and its control characters no text output.
    static let hostile: [String] = [
        "<img src=x onerror=alert(1)>",
        "<script>alert(1)</script>",
        "[click me](javascript:alert(1))",
        "![pixel](http://evil.example/p.png)",
        "<a href=\"http://evil.example\">home</a>",
        "\u{1b}[8mhidden\u{1b}[0m",
        "\u{1b}]0;pwned\u{07}",
        "over\rwrite",
        "\u{9b}31mred",
        "\u{202e}txt.exe",
        "del\u{7f}ete",
        "bell\u{07}and\u{08}back\u{0b}tab\u{0c}",
        "{{#items}}{{/items}} & &amp; &lt;",
        "quotes \" ' and \\ backslash",
        "e\u{301}mile \u{1F9B4} bone",
    ]

    /// What must never reach HTML output verbatim: tags a browser would act on.
    static let htmlMarkup: [String] = ["<img src=x onerror=alert(1)>", "<script>", "<a href=\"http://evil.example\">"]
    /// What must never reach Markdown output verbatim: the tags, and links and images a viewer would follow or load.
    static let markdownMarkup: [String] =
        htmlMarkup + ["[click me](javascript:alert(1))", "![pixel](http://evil.example/p.png)"]

    static let kinds = [
        "activity", "posture", "bracing", "breathing", "mobility", "strength", "relaxation", "education",
    ]
    static let positions = ["lying", "side-lying", "sitting", "standing", "any"]
    static let movements = [
        "spinal-flexion", "spinal-extension", "spinal-rotation", "side-bending", "axial-loading",
        "lifting", "impact", "resistance", "breath-holding", "weight-bearing", "upright", "balance",
        "overhead", "prone", "leg-loading", "arm-loading", "aerobic", "hip-loading", "shoulder-loading",
    ]
    static let intensities = ["very-light", "light", "moderate", "vigorous"]
    static let times = ["morning", "midday", "afternoon", "evening", "any"]
    static let weekdays = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
    static let neuro = [
        "leg-weakness", "arm-weakness", "numbness", "pins-and-needles", "gait-difficulty",
        "bladder-bowel-change", "saddle-numbness", "band-like-pain", "hand-stiffness",
    ]
    static let stabilities = ["unknown", "stable", "potentially-unstable", "unstable", "stabilised"]

    var files: [(path: String, text: String)] = []
    var exercises: [ExerciseInfo] = []
    var plans: [PlanInfo] = []

    private var rng: SplitMix64

    init(seed: UInt64) {
        rng = SplitMix64(seed: seed)
        for i in 0..<int(4...9) { addExercise(i) }
        for k in 0..<int(1...3) { addPlan(k) }
    }

    func write(to ws: TemporaryWorkspace) throws {
        for f in files { try ws.write(f.path, f.text) }
    }

    /// A copy outside a temporary workspace (to rerun a case by hand): folders 0700, files 0600.
    func write(toFolder root: String) throws {
        let fm = FileManager.default
        for f in files {
            let path = root + "/" + f.path
            try fm.createDirectory(
                atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true,
                attributes: [.posixPermissions: 0o700])
            try Data(f.text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
            try fm.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
        }
    }

    // MARK: Randomness

    private mutating func int(_ r: ClosedRange<Int>) -> Int { Int.random(in: r, using: &rng) }
    private mutating func chance(_ p: Double) -> Bool { Double.random(in: 0..<1, using: &rng) < p }
    private mutating func pick<T>(_ a: [T]) -> T { a[int(0...(a.count - 1))] }
    private mutating func sample<T>(_ a: [T], _ k: Int) -> [T] { Array(a.shuffled(using: &rng).prefix(k)) }

    /// Plain words, now and then followed by a hostile string.
    private mutating func text(_ plain: String, hostile p: Double = 0.5) -> String {
        chance(p) ? plain + " " + pick(Self.hostile) : plain
    }

    /// A YAML double-quoted scalar: every control character escaped, so any text round-trips.
    static func quoted(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            default:
                if u.value < 0x20 || (0x7F...0x9F).contains(u.value) || (0x2028...0x2029).contains(u.value)
                    || u.value == 0xFEFF
                {
                    out += String(format: "\\u%04X", u.value)
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        return out + "\""
    }

    // MARK: Exercises

    private mutating func addExercise(_ i: Int) {
        let id = "ex\(i)"
        var kind = pick(Self.kinds)
        var position = pick(Self.positions)
        var tags = sample(Self.movements, int(0...3))
        var intensity = pick(Self.intensities)
        // About a third are written to qualify as spinal precautions.
        let precaution = chance(0.3)
        if precaution {
            kind = pick(["bracing", "mobility", "posture", "breathing", "relaxation", "education"])
            position = kind == "bracing" ? pick(Self.positions) : pick(["lying", "side-lying"])
            switch kind {
            case "bracing":
                tags =
                    position == "standing"
                    ? ["upright", "weight-bearing"] : (position == "sitting" ? ["upright"] : pick([[], ["upright"]]))
            case "mobility": tags = pick([[], ["upright"], ["upright", "arm-loading"]])
            default: tags = []
            }
            if kind == "bracing", position == "standing" {
                // A standing brace regimen implies weight-bearing, which a precaution may not carry.
                position = "any"
                tags = ["upright"]
            }
            intensity = "very-light"
        }
        let nameToken = "NAMEx\(i)z"
        let stepToken = "STEPx\(i)z"
        var y = "id: \(id)\n"
        y +=
            "name: \(Self.quoted(text(nameToken + " " + pick(["Gentle walk", "Brace on", "Breathing", "Sit to stand", "Log roll", "Warning signs"]))))\n"
        y += "kind: \(kind)\n"
        y += "summary: \(Self.quoted(text("Do this slowly and stop if it hurts.", hostile: 0.3)))\n"
        y += "steps:\n"
        y += "  - \(Self.quoted(text(stepToken + " Get ready.")))\n"
        for _ in 0..<int(0...2) { y += "  - \(Self.quoted(text("Breathe out and move slowly.", hostile: 0.3)))\n" }
        y += "position: \(position)\n"
        y += "movements: [\(tags.joined(separator: ", "))]\n"
        y += "intensity: \(intensity)\n"
        // Education and bracing sometimes have no dose: their plan items then give one or are habits.
        if !(["education", "bracing"].contains(kind) && chance(0.5)) {
            switch int(0...2) {
            case 0: y += "dose: {minutes: \(int(1...20))}\n"
            case 1: y += "dose: {sets: \(int(1...3)), reps: \(int(1...12))\(chance(0.3) ? ", side: each" : "")}\n"
            default: y += "dose: {sets: \(int(1...3)), hold_seconds: \(int(5...30)), rest_seconds: \(int(1...10))}\n"
            }
        }
        if chance(0.3) { y += "equipment: [\(Self.quoted(text("A firm chair")))]\n" }
        if chance(0.4) { y += "cautions: [\(Self.quoted(text("Keep your back straight.")))]\n" }
        if chance(0.4) { y += "stop_if: [\(Self.quoted(text("New leg weakness")))]\n" }
        if i > 0, chance(0.4) { y += "easier: ex\(int(0...(i - 1)))\n" }
        if precaution { y += "precaution: true\n" }
        files.append(("Exercises/\(kind)/\(id).yaml", y))
        exercises.append(
            ExerciseInfo(id: id, nameToken: nameToken, stepToken: stepToken, kind: kind, precaution: precaution))
    }

    /// Whether the exercise file gives a dose (a scheduled item without one must give its own).
    private func hasDose(_ id: String) -> Bool {
        files.first { $0.path.hasSuffix("/\(id).yaml") }?.text.contains("\ndose:") ?? false
    }

    // MARK: Plans and profiles

    private mutating func addPlan(_ k: Int) {
        let id = "plan\(k)"
        let start = LocalDate("2026-11-02")!.adding(days: int(0...40))
        let weeks = int(1...6)
        let limit: Int? = chance(0.7) ? int(5...60) : nil
        let (profile, compression) = profileYAML(assessed: start.adding(days: -int(0...10)), start: start)
        var y = "id: \(id)\n"
        y += "title: \(Self.quoted(text("Moving safely")))\n"
        y += "patient: {name: \(Self.quoted(text("Ana B."))), ref: \(Self.quoted(text("MRN-\(k)", hostile: 0.3)))}\n"
        // A patient's plan names both lines (the urgent one is required).
        y +=
            "care_team: {contact: \(Self.quoted(text("Nurse line 555 0100", hostile: 0.4))), urgent: \(Self.quoted(text("Acute oncology 555 0199", hostile: 0.4))), clinician: \(Self.quoted(text("J. Okafor, PT", hostile: 0.4)))}\n"
        y += "start: \(start)\n"
        y += "weeks: \(weeks)\n"
        if chance(0.5) { y += "rest_days: [\(sample(Self.weekdays, int(1...2)).joined(separator: ", "))]\n" }
        if let limit { y += "daily_minutes_limit: \(limit)\n" }
        if chance(0.5) {
            y += "safety:\n" + profile.split(separator: "\n").map { "  " + $0 }.joined(separator: "\n") + "\n"
        } else {
            files.append(("Patients/\(id)-profile.yaml", profile))
            y += "safety_profile: ../Patients/\(id)-profile.yaml\n"
        }
        y += "items:\n"
        let chosen = sample(exercises, int(1...min(6, exercises.count)))
        for e in chosen {
            let frequency: String
            switch int(0...9) {
            case 0, 1: frequency = "daily"
            case 2, 3: frequency = "\(int(1...4))/day"
            case 4, 5, 6: frequency = "\(int(1...7))/week"
            case 7: frequency = "all-day"
            case 8: frequency = "as-needed"
            default: frequency = "\(int(2...3)) / week"
            }
            y += "  - exercise: \(e.id)\n"
            y += "    frequency: \(frequency)\n"
            if chance(0.6) { y += "    time: \(pick(Self.times))\n" }
            let scheduled = !["all-day", "as-needed"].contains(frequency)
            if scheduled, !hasDose(e.id) || chance(0.3) {
                y += "    dose: {minutes: \(int(1...25))}\n"
            }
            if frequency.contains("/week"), chance(0.4) { y += "    rest_day_between: true\n" }
            if chance(0.5) { y += "    notes: \(Self.quoted(text("Hold on to the worktop.", hostile: 0.7)))\n" }
            if scheduled, chance(0.25) {
                y += "    progression: {every_weeks: \(int(1...2)), add: {minutes: 1}, up_to: {minutes: 30}}\n"
            }
        }
        files.append(("Plans/\(id).yaml", y))
        plans.append(
            PlanInfo(
                id: id, file: "Plans/\(id).yaml", start: start, weeks: weeks, dailyLimit: limit,
                suspectedCompression: compression, items: chosen.map(\.id)))
    }

    /// A profile, with every optional field left out now and then (fail closed); whether it
    /// suspects cord compression.
    private mutating func profileYAML(assessed: LocalDate, start: LocalDate) -> (String, Bool) {
        let compression = chance(0.15)
        var y = "assessed: \(assessed)\nsuspected_cord_compression: \(compression)\n"
        func maybe(_ p: Double = 0.92) -> Bool { Double.random(in: 0..<1, using: &rng) < p }
        if maybe(0.96) {
            y += "neuro_symptoms: [\(sample(Self.neuro, chance(0.9) ? 0 : int(1...2)).joined(separator: ", "))]\n"
        }
        if maybe() {
            var parts: [String] = []
            for key in ["new", "worsening", "night_pain", "worse_on_straining"] where maybe(0.96) {
                parts.append("\(key): \(chance(0.05))")
            }
            if maybe() { parts.append("region: \(pick(["cervical", "thoracic", "lumbar", "sacral"]))") }
            y += "back_pain: {\(parts.joined(separator: ", "))}\n"
        }
        if maybe() {
            if chance(0.4) {
                y += "spinal_metastases: {present: false}\n"
            } else {
                var parts = ["present: true", "levels: [\(pick(["T10", "L2", "C5", "T4", "S1"]))]"]
                let stability = pick(Self.stabilities)
                if maybe(0.7) { parts.append("stability: \(stability)") }
                if maybe(0.6) { parts.append("sins: \(int(0...18))") }
                if stability == "stabilised", chance(0.5) {
                    parts.append("surgery: {date: \(assessed.adding(days: -int(10...60)))}")
                }
                y += "spinal_metastases: {\(parts.joined(separator: ", "))}\n"
            }
        }
        if chance(0.3) {
            y +=
                "long_bone_lesions:\n  - {site: \(pick(["left-femur", "right-proximal-humerus", "tibia"])), mirels: \(int(4...12))}\n"
        }
        if maybe() { y += "bone_density: \(pick(["normal", "osteopenia", "osteoporosis", "unknown"]))\n" }
        if maybe() { y += "vertebral_fracture: \(chance(0.3))\n" }
        if maybe() { y += "weight_bearing: \(pick(["full", "partial", "none"]))\n" }
        if chance(0.3) {
            y +=
                "brace: {type: \(Self.quoted(pick(["TLSO", "Jewett", "soft collar"]))), wear_when: \(pick(["upright", "out-of-bed", "always", "as-needed"]))}\n"
        }
        if maybe(0.6) {
            if chance(0.5) {
                let date = assessed.adding(days: int(0...assessed.days(to: start)))
                let restrict =
                    chance(0.5)
                    ? ", restrict_movements: [\(sample(["spinal-flexion", "spinal-rotation", "lifting"], int(1...2)).joined(separator: ", "))]"
                    : ""
                y +=
                    "clearance:\n  - {by: \(pick(["spinal-team", "spinal-surgeon", "physiotherapist", "oncology-team"])), date: \(date), note: \(Self.quoted(text("Seen in clinic.", hostile: 0.5)))\(restrict)}\n"
            } else {
                y += "clearance: []\n"
            }
        }
        if maybe() {
            var parts: [String] = []
            if maybe() {
                parts.append("platelets: \(chance(0.7) ? pick([150, 210, 300]) : pick([5, 15, 30, 49, 50, 80]))")
            }
            if maybe() { parts.append("haemoglobin: \(chance(0.7) ? pick([120, 140]) : pick([60, 75, 80, 95]))") }
            if maybe() {
                parts.append("neutrophils: \(chance(0.7) ? pick(["1.5", "3.1"]) : pick(["0.2", "0.5", "0.9", "1.0"]))")
            }
            if !parts.isEmpty { parts.append("date: \(assessed)") }
            y += "labs: {\(parts.joined(separator: ", "))}\n"
        }
        if maybe() { y += "fever: \(chance(0.06))\n" }
        if maybe() { y += "pain: \(int(0...8))\n" }
        if maybe() {
            y += "fatigue: \(chance(0.3) ? pick(["none", "mild", "moderate", "severe"]) : String(int(0...8)))\n"
        }
        return (y, compression)
    }
}
