/// Plan and exercise files for tests that write a workspace of their own: the lines every such
/// file repeats (a patient with nothing that restricts exercise, assessed before the plan starts)
/// in one place, so that a test shows only what it is about.
public enum PlanText {
    /// The `safety:` block of a patient with nothing that restricts exercise, assessed on
    /// 2026-11-20; `adding` is put inside it (e.g. `"fatigue: 8"`).
    public static func clearSafety(adding extra: String? = nil) -> String {
        """
        safety: {assessed: 2026-11-20, suspected_cord_compression: false, neuro_symptoms: [],
                 back_pain: {new: false, worsening: false, night_pain: false, worse_on_straining: false, region: lumbar},
                 spinal_metastases: {present: false}, bone_density: normal\(extra.map { ", " + $0 } ?? "")}
        """
    }

    /// A plan file. `patient` and `careTeam` are flow mappings as written in YAML; `extra` are lines
    /// put after `weeks:` (e.g. `"rest_days: [sunday]"`); `items` one flow mapping each.
    public static func plan(
        id: String, title: String = "T", patient: String = "{name: N}",
        careTeam: String? = #"{contact: "Team 555 0100", urgent: "Acute oncology 555 0199"}"#,
        start: String = "2026-11-30", weeks: Int = 1, extra: [String] = [], safety: String = clearSafety(),
        items: [String]
    ) -> String {
        var lines = ["id: \(id)", "title: \(title)", "patient: \(patient)"]
        if let careTeam { lines.append("care_team: \(careTeam)") }
        lines += ["start: \(start)", "weeks: \(weeks)"] + extra + [safety, "items:"]
        lines += items.map { "  - \($0)" }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A very light posture exercise file (sit tall); `extra` are lines added at its end
    /// (e.g. `"image: 'img/a.png'"`).
    public static func exercise(id: String, name: String, movements: String = "[]", extra: [String] = []) -> String {
        let lines = [
            "id: \(id)", "name: \(name)", "kind: posture", "summary: Sit tall.", "steps: [Sit tall.]",
            "movements: \(movements)", "intensity: very-light",
        ]
        return (lines + extra).joined(separator: "\n") + "\n"
    }
}
