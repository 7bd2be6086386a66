/// `rehab new`: commented YAML that `rehab validate` accepts as it stands — a plan from a template,
/// a safety profile, an exercise. A new profile states only what must be stated; every other field
/// is left out, and the safety rules fail closed on what is left out, so the plan stays restricted
/// or blocked until the clinician records the findings.
public enum Scaffold {
    /// A YAML double-quoted scalar.
    static func quoted(_ s: String) -> String {
        var out = "\""
        for c in s.unicodeScalars {
            switch c {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            default:
                if c.value < 0x20 || c.value == 0x7F { continue }
                out.unicodeScalars.append(c)
            }
        }
        return out + "\""
    }

    /// A profile with the two required fields and every other one as a comment.
    public static func profile(assessed: LocalDate, indent: String = "") -> String {
        let lines = [
            "assessed: \(assessed)                 # the day you assessed; update it at every reassessment",
            "suspected_cord_compression: false      # true at any suspicion: it stops all exercise",
            "# Everything below is left out until recorded; the safety rules treat a missing field as",
            "# possibly present (fail closed), so the plan stays restricted or blocked until you fill it in.",
            "# neuro_symptoms: []                   # leg-weakness, arm-weakness, numbness, pins-and-needles,",
            "#                                      # gait-difficulty, bladder-bowel-change, saddle-numbness,",
            "#                                      # band-like-pain, hand-stiffness",
            "# back_pain: {new: false, worsening: false, night_pain: false, worse_on_straining: false, region: lumbar}",
            "# spinal_metastases: {present: false}  # or present: true, levels: [T10], sins: 9 (or sins_parts)",
            "# long_bone_lesions: []                # one bone per entry: {site: left-femur, mirels: 7}",
            "# bone_density: normal                 # normal, osteopenia, osteoporosis, unknown",
            "# vertebral_fracture: false",
            "# weight_bearing: full                 # full, partial, none",
            "# brace: {type: TLSO, wear_when: upright}",
            "# clearance: []                        # [{by: spinal-team, date: YYYY-MM-DD, note: \"…\"}]",
            "# labs: {platelets: 220, haemoglobin: 125, neutrophils: 3.5, date: YYYY-MM-DD}",
            "# fever: false",
            "# pain: 2                              # 0–10",
            "# fatigue: 2                           # 0–10",
        ]
        return lines.map { indent + $0 }.joined(separator: "\n") + "\n"
    }

    /// A plan from a template file's text: its items and settings, with the patient, the start and
    /// a profile (a file when given, else an inline one to fill in).
    public static func plan(
        fromTemplate text: String, id: String, patient: String, ref: String?, start: LocalDate,
        profilePath: String?, assessed: LocalDate
    ) -> String {
        var out = [
            "# yaml-language-server: $schema=../schemas/plan.schema.json",
            "# Made by 'rehab new plan' from a template: check every item against the patient, then run",
            "# 'rehab validate' and 'rehab check' on this file.",
        ]
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        // A clinic's template may give its own lines (care_team with contact and urgent): kept as they are.
        let hasCareTeam = lines.contains { $0.hasPrefix("care_team:") }
        for line in lines {
            if line.hasPrefix("# yaml-language-server:") || line.hasPrefix("template:") { continue }
            if line.hasPrefix("id:") {
                out.append("id: \(id)")
                continue
            }
            if line.hasPrefix("title:") {
                out.append(line)
                out.append("template: false")
                out.append("patient: {name: \(quoted(patient))\(ref.map { ", ref: \(quoted($0))" } ?? "")}")
                out.append("start: \(start)")
                if !hasCareTeam {
                    // Placeholders that `rehab validate` refuses until the real lines are written in.
                    out.append("care_team:")
                    out.append(
                        "  contact: \"\(CareTeam.placeholderPrefix): the team's line and number (call today, next visit)\""
                    )
                    out.append(
                        "  urgent: \"\(CareTeam.placeholderPrefix): the 24-hour acute oncology or cord-compression line and number\""
                    )
                }
                continue
            }
            if line.hasPrefix("items:") {
                if let profilePath {
                    out.append("safety_profile: \(quoted(profilePath))")
                } else {
                    out.append("safety:")
                    out.append(profile(assessed: assessed, indent: "  ").trimmingCharacters(in: .newlines))
                }
            }
            out.append(line)
        }
        while out.last?.isEmpty == true { out.removeLast() }
        return out.joined(separator: "\n") + "\n"
    }

    /// An exercise to fill in, of `kind`, asking nothing of the body until its tags say otherwise.
    public static func exercise(id: String, kind: ExerciseKind) -> String {
        """
        # yaml-language-server: $schema=../../schemas/exercise.schema.json
        # Made by 'rehab new exercise': write the name, summary and steps in plain words, then list
        # what it asks of the body under movements (the safety rules act on those tags).
        id: \(id)
        name: \(quoted(id.split(separator: "-").joined(separator: " ").capitalizedFirst))
        kind: \(kind.rawValue)
        summary: Say in one short sentence what this exercise is for.
        steps:
          - Write the first step here.
        position: any                 # lying, side-lying, sitting, standing or any
        movements: []                 # [] says: asks none of the tagged movements; add every one it asks
        intensity: very-light         # very-light, light, moderate or vigorous
        dose: {minutes: 5}
        cautions: []
        stop_if: []

        """
    }
}

extension String {
    var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}
