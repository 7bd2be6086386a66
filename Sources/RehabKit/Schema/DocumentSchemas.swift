import Foundation

/// The JSON Schemas of the file kinds (`rehab schema exercise|plan|profile|rules`), built from the
/// same key tables and vocabularies the readers use; `DocumentSchemaTests` checks that every key a
/// reader accepts is in its schema and no other.
public enum DocumentSchemas {
    public enum Kind: String, CaseIterable, Sendable {
        case exercise, plan, profile, rules
    }

    static func words<E: RawRepresentable & CaseIterable>(_: E.Type) -> [String] where E.RawValue == String {
        E.allCases.map(\.rawValue)
    }

    static let id = SchemaNode.string("kebab-case identifier", pattern: "^[a-z0-9]+(-[a-z0-9]+)*$")
    static func strings(_ d: String, minItems: Int? = nil) -> SchemaNode {
        .array(d, of: .string("text"), minItems: minItems)
    }
    static func word<E: RawRepresentable & CaseIterable>(_ d: String, _ e: E.Type) -> SchemaNode
    where E.RawValue == String {
        .string(d, values: words(e))
    }

    static let dose: SchemaNode = .object(
        "a dose: minutes, reps or hold_seconds, and the rest",
        Dose.keys.map { key in
            key == "side"
                ? (key, word("each, left, right or both sides", Side.self))
                : (key, .integer("\(key.replacingOccurrences(of: "_", with: " ")), a positive whole number", min: 1))
        }, required: [])

    static let pose: SchemaNode = .object(
        "a pose: a posture and the joint angles that differ from it, in degrees (flexion positive)",
        [("pose", word("the posture", Posture.self))]
            + Joint.allCases.map { joint in
                (
                    joint.rawValue,
                    .integer("\(joint.words), in degrees", min: joint.range.lowerBound, max: joint.range.upperBound)
                )
            }, required: ["pose"])

    static let picture: SchemaNode = .object(
        "the drawn picture: start and end poses, props, brace, arrows",
        [
            ("start", pose), ("end", pose),
            ("props", .array("things drawn with the figure", of: word("a prop", Prop.self))),
            ("brace", .boolean("the brace drawn on the trunk")),
            (
                "arrows",
                .array(
                    "arrows for the movement",
                    of: .object(
                        "an arrow",
                        [
                            ("at", word("the point of the figure", Arrow.Point.self)),
                            ("direction", word("the way it points, as the figure faces", Arrow.Direction.self)),
                            ("panel", .string("the panel it is drawn in (default start)", values: ["start", "end"])),
                        ], required: ["at", "direction"]))
            ),
        ], required: ["start"])

    public static let exercise: SchemaNode = .object(
        "one exercise of the library (Exercises/**/ID.yaml)",
        [
            ("id", id), ("name", .string("the name the patient reads")),
            ("kind", word("what kind of exercise", ExerciseKind.self)),
            ("summary", .string("one plain-language sentence")),
            ("steps", strings("the steps, in order", minItems: 1)),
            (
                "position",
                word("the position; standing implies upright and weight-bearing, sitting upright", Position.self)
            ),
            (
                "movements",
                .array(
                    "what it asks of the body (required; [] says: none of these)",
                    of: word("a movement tag", Movement.self))
            ),
            (
                "intensity",
                word("Borg RPE band: very-light ≤ 9, light 10–11, moderate 12–13, vigorous ≥ 14", Intensity.self)
            ),
            ("dose", dose), ("equipment", strings("equipment, free text")),
            ("cautions", strings("shown on the card under 'Take care'")),
            ("stop_if", strings("shown on the card under 'Stop and call if'")),
            ("easier", .string("the id of the easier variant (regression)", pattern: "^[a-z0-9]+(-[a-z0-9]+)*$")),
            ("harder", .string("the id of the harder variant (progression)", pattern: "^[a-z0-9]+(-[a-z0-9]+)*$")),
            (
                "image",
                .string(
                    "a PNG, JPEG or SVG (no script, no external reference) inside the workspace, relative to this file")
            ),
            ("picture", picture),
            (
                "sources",
                .array(
                    "published sources",
                    of: .object(
                        "a source",
                        [
                            ("title", .string("title")), ("publisher", .string("publisher")),
                            ("url", .string("address")),
                            ("year", .integer("year", min: 1800, max: 2200)),
                        ], required: ["title"]))
            ),
            (
                "precaution",
                .boolean("a spinal precaution (log roll, positioning, brace regimen): kept when all exercise stops")
            ),
        ], required: ExerciseReader.required)

    static let lab: SchemaNode = .anyOf(
        "a number in the canonical unit, or text with its unit ('9.1 g/dL')",
        [.number("in the canonical unit"), .string("a number with its unit")])

    static let team = word("who: a closed vocabulary", ClinicalTeam.self)

    public static let profile: SchemaNode = .object(
        "a safety profile (Patients/NAME.yaml, or a plan's safety:)",
        [
            ("assessed", .date("the day the profile was assessed; not in the future")),
            ("suspected_cord_compression", .boolean("suspected metastatic spinal cord compression (required)")),
            ("neuro_symptoms", .array("neurological symptoms now", of: word("a symptom", NeuroSymptom.self))),
            (
                "back_pain",
                .object(
                    "back pain",
                    [
                        ("new", .boolean("new")), ("worsening", .boolean("getting worse")),
                        ("night_pain", .boolean("wakes at night")),
                        ("worse_on_straining", .boolean("worse on coughing or straining")),
                        ("region", word("where", SpinalRegion.self)),
                    ], required: [])
            ),
            (
                "spinal_metastases",
                .object(
                    "spinal metastases",
                    [
                        ("present", .boolean("present")), ("levels", strings("vertebral levels such as T10")),
                        ("stability", word("stability", SpinalStability.self)),
                        ("sins", .integer("SINS 0–18", min: 0, max: 18)),
                        (
                            "sins_parts",
                            .object(
                                "the six SINS parts (the total is computed)",
                                [
                                    ("location", word("location (from levels when left out)", SINSLocation.self)),
                                    ("pain", word("pain", SINSPain.self)),
                                    ("lesion", word("bone lesion", SINSLesion.self)),
                                    ("alignment", word("alignment", SINSAlignment.self)),
                                    ("collapse", word("vertebral body collapse", SINSCollapse.self)),
                                    ("posterolateral", word("posterolateral involvement", SINSPosterolateral.self)),
                                ], required: ["pain", "lesion", "alignment", "collapse", "posterolateral"])
                        ),
                        (
                            "surgery",
                            .object(
                                "surgical stabilisation",
                                [("date", .date("the day of the operation")), ("procedure", .string("what was done"))],
                                required: ["date"])
                        ),
                    ], required: [])
            ),
            (
                "long_bone_lesions",
                .array(
                    "long-bone lesions, one bone per entry",
                    of: .object(
                        "a lesion",
                        [
                            (
                                "site",
                                .string(
                                    "[left-|right-][proximal-|distal-|mid-]BONE, the bone one of: "
                                        + words(Bone.self).joined(separator: ", "))
                            ),
                            ("limb", word("follows from the bone; must agree when given", Limb.self)),
                            ("mirels", .integer("Mirels 4–12", min: 4, max: 12)),
                            (
                                "mirels_parts",
                                .object(
                                    "the four Mirels parts",
                                    [
                                        ("site", word("site", MirelsSite.self)),
                                        ("pain", word("pain", MirelsPain.self)),
                                        ("lesion", word("lesion", MirelsLesion.self)),
                                        ("size", word("size", MirelsSize.self)),
                                    ], required: ["site", "pain", "lesion", "size"])
                            ),
                        ], required: ["site"]))
            ),
            ("bone_density", word("bone density (unknown counts as osteoporosis)", BoneDensity.self)),
            ("vertebral_fracture", .boolean("a vertebral fracture")),
            ("weight_bearing", word("the prescribed weight bearing", WeightBearing.self)),
            (
                "brace",
                .object(
                    "a prescribed brace",
                    [
                        ("type", .string("TLSO, lumbar, collar …")),
                        ("wear_when", word("when it is worn", BraceWear.self)), ("notes", .string("notes")),
                    ],
                    required: ["type", "wear_when"])
            ),
            (
                "clearance",
                .array(
                    "clearances",
                    of: .object(
                        "a clearance",
                        [
                            ("by", team), ("date", .date("the day given; after the assessment to count")),
                            ("note", .string("note")),
                            (
                                "restrict_movements",
                                .array(
                                    "restrictions given with it: they block", of: word("a movement tag", Movement.self))
                            ),
                        ], required: ["by", "date"]))
            ),
            (
                "labs",
                .object(
                    "blood counts",
                    [
                        ("platelets", lab), ("haemoglobin", lab), ("neutrophils", lab),
                        ("date", .date("the day taken")),
                    ], required: [])
            ),
            ("fever", .boolean("febrile")),
            ("temperature_c", .number("body temperature, °C (38.0 or more is a fever)", min: 30, max: 45)),
            ("pain", .integer("pain now, NRS 0–10", min: 0, max: 10)),
            (
                "fatigue",
                .anyOf(
                    "fatigue 0–10, or none, mild, moderate or severe",
                    [
                        .integer("0–10", min: 0, max: 10),
                        .string("a band", values: ["none", "mild", "moderate", "severe"]),
                    ])
            ),
            (
                "known_deficits",
                .array(
                    "deficits the spinal or acute oncology team assessed as known and stable",
                    of: .object(
                        "a deficit",
                        [
                            ("symptom", word("the symptom", NeuroSymptom.self)), ("assessed_by", team),
                            ("date", .date("when")), ("note", .string("note")),
                        ], required: ["symptom", "assessed_by", "date"]))
            ),
            (
                "resolved",
                .array(
                    "red flags from the log addressed by a clinician",
                    of: .object(
                        "a resolved red flag",
                        [
                            ("symptom", word("the red flag", RedFlag.self)), ("date", .date("when")), ("by", team),
                            ("note", .string("note")),
                        ], required: ["symptom", "date", "by"]))
            ),
            (
                "acknowledged",
                .array(
                    "findings the team has acted on: their alerts leave the patient's sheet",
                    of: .object(
                        "an acknowledgement",
                        [
                            ("rule", id), ("by", team), ("date", .date("when; on or after the assessment")),
                            ("note", .string("note")),
                        ], required: ["rule", "by", "date"]))
            ),
            (
                "lymphoedema",
                .object(
                    "arm lymphoedema: a note and slower arm progression, no block",
                    [
                        ("side", word("which arm", LymphoedemaSide.self)),
                        ("garment", .boolean("a compression garment is prescribed")),
                    ], required: ["side"])
            ),
            (
                "history",
                .array(
                    "earlier assessments, kept by rehab reassess: each a whole profile as it was, without a history",
                    of: .openObject("an earlier assessment"))
            ),
        ], required: ["assessed", "suspected_cord_compression"])

    public static let plan: SchemaNode = .object(
        "a plan (Plans/ID.yaml)",
        [
            ("id", id), ("title", .string("the title the patient reads")),
            ("template", .boolean("a template: no patient, not printable until applied")),
            (
                "patient",
                .object(
                    "the patient",
                    [
                        ("name", .string("name")), ("ref", .string("reference (MRN)")),
                        ("born", .integer("year of birth, for the outcome measures' age bands", min: 1900, max: 2100)),
                        ("sex", word("female or male, for the outcome measures' norms", Sex.self)),
                    ], required: ["name"])
            ),
            (
                "care_team",
                .object(
                    "the care team (required in a patient's plan)",
                    [
                        ("contact", .string("the team's line with its number: 'call today' and 'next visit'")),
                        (
                            "urgent",
                            .string(
                                "the 24-hour urgent line with its number (acute oncology, cord-compression pathway): 'stop and call now' and the stop page"
                            )
                        ),
                        ("clinician", .string("the physiotherapist")),
                    ], required: [])
            ),
            ("start", .date("week 1 starts here")), ("weeks", .integer("weeks, 1–52", min: 1, max: 52)),
            ("rest_days", .array("days without sessions", of: word("a weekday", Weekday.self))),
            ("daily_minutes_limit", .integer("scheduled session minutes a day at most", min: 1)),
            ("safety", .ref("profile")), ("safety_profile", .string("a profile file, relative to this plan")),
            (
                "items",
                .array(
                    "the exercises of the plan",
                    of: .object(
                        "an item",
                        [
                            ("exercise", id),
                            (
                                "frequency",
                                .string(
                                    "daily, N/day, N/week, all-day or as-needed",
                                    pattern: "^(daily|all-day|as-needed|[0-9]+/(day|week))$")
                            ),
                            ("time", word("time of day", TimeOfDay.self)), ("dose", dose),
                            ("rest_day_between", .boolean("never on two days running (N/week only)")),
                            ("notes", .string("printed with the item")),
                            (
                                "progression",
                                .object(
                                    "how the dose grows",
                                    [
                                        ("every_weeks", .integer("weeks between steps", min: 1)), ("add", dose),
                                        ("up_to", dose),
                                        (
                                            "when",
                                            .object(
                                                "judged on the previous week's log",
                                                [
                                                    ("pain_at_most", .integer("pain 0–10", min: 0, max: 10)),
                                                    (
                                                        "adherence_at_least",
                                                        .number("a fraction: 0.8 for 80 %", min: 0, max: 1)
                                                    ),
                                                ], required: [])
                                        ),
                                        ("else", .string("what happens otherwise", values: ["hold", "regress"])),
                                    ], required: ["add"])
                            ),
                        ], required: ["exercise", "frequency"]), minItems: 1)
            ),
            (
                "pauses",
                .array(
                    "times the plan is paused: nothing is scheduled, nothing is missed",
                    of: .object(
                        "a pause",
                        [
                            ("from", .date("the first paused day")),
                            ("to", .date("the last paused day; none while still paused")),
                            ("reason", .string("why: admitted, radiotherapy")),
                        ], required: ["from"]))
            ),
        ], required: ["id", "title", "weeks", "items"])

    static let condition: SchemaNode = .object(
        "a condition: {field, OPERATOR: value}, or any/all/not",
        [
            ("field", .string("a dotted path into the profile ('rehab rules fields' lists them)")),
            ("is", .anyOf("equal to", [.string("a word"), .number("a number"), .boolean("true or false")])),
            ("at_least", .number("≥")), ("at_most", .number("≤")), ("below", .number("<")), ("above", .number(">")),
            ("includes_any", .array("any of these words", of: .string("a word"))),
            ("is_missing", .boolean("the field is not given")),
            ("any", .array("any of these", of: .ref("condition"), minItems: 1)),
            ("all", .array("all of these", of: .ref("condition"), minItems: 1)),
            ("not", .ref("condition")),
        ], required: [])

    static let filter: SchemaNode = .object(
        "items by kind, position and movement",
        [
            ("kinds", .array("kinds", of: word("a kind", ExerciseKind.self))),
            ("positions", .array("positions", of: word("a position", Position.self))),
            ("movements", .array("movements", of: word("a movement tag", Movement.self))),
            (
                "combinations",
                .array(
                    "items with every tag of one combination",
                    of: .array("a combination", of: word("a movement tag", Movement.self), minItems: 2))
            ),
        ], required: [])

    /// A rule's `then`: each kind of effect's keys (in its own file, `RuleEffectKinds`), then the scope
    /// and alert keys every rule has.
    static let effect: SchemaNode = .object(
        "what the rule does",
        RuleEffectKinds.schema.map { ($0.key, $0.node) } + [
            ("except_kinds", .array("kinds the rule never touches", of: word("a kind", ExerciseKind.self))),
            ("except", .array("items the rule never touches", of: filter)),
            ("applies_to", filter),
            ("alert", word("how urgent", AlertLevel.self)),
            ("message", .string("for the care team")),
            ("patient_message", .string("plain words for the printed sheet")),
        ], required: [])

    public static let rule: SchemaNode = .object(
        "a safety rule",
        [
            ("id", id), ("title", .string("title")), ("rationale", .string("why, for the care team")),
            ("source", .string("the published source, or 'design choice'")), ("when", .ref("condition")),
            ("then", effect),
            ("superseded_by", .array("rules whose alert, at least as urgent, stands for this one's", of: id)),
            ("when_missing", word("when a field is missing", MissingPolicy.self)),
            (
                "examples",
                .object(
                    "examples",
                    [
                        (
                            "triggers",
                            .array(
                                "profiles that make it fire",
                                of: .openObject("a profile with only the fields it is about, and as_of"))
                        ),
                        (
                            "does_not_trigger",
                            .array(
                                "profiles that do not",
                                of: .openObject("a profile with only the fields it is about, and as_of"))
                        ),
                        (
                            "expect",
                            .array(
                                "what it does to the reference exercises",
                                of: .object(
                                    "an expectation",
                                    [
                                        (
                                            "profile",
                                            .openObject("a profile with only the fields it is about, and as_of")
                                        ), ("as_of", .date("the day checked")),
                                        ("blocked", strings("ids")), ("supervised", strings("ids")),
                                        ("modified", strings("ids")), ("precaution", strings("ids")),
                                        (
                                            "alert",
                                            .string("the alert, or none", values: words(AlertLevel.self) + ["none"])
                                        ),
                                    ], required: ["profile"]))
                        ),
                    ], required: [])
            ),
            ("weakens", .boolean("a clinic's replacement that blocks or alerts less says so")),
            ("reason", .string("why it weakens the default")),
        ], required: ["id", "title", "source", "when", "then"])

    /// The whole JSON Schema document of a file kind.
    public static func document(_ kind: Kind) -> [String: Any] {
        var root: [String: Any]
        var defs: [String: Any] = [:]
        switch kind {
        case .exercise: root = exercise.json
        case .plan:
            root = plan.json
            defs["profile"] = profile.json
        case .profile: root = profile.json
        case .rules:
            root = [
                "type": "array",
                "description": "a rules file: a list of rules (a rule with a default's id replaces it)",
                "items": rule.json,
            ]
            defs["condition"] = condition.json
        }
        // Examples are profiles with an extra as_of: open objects, checked by `rehab rules test`.
        root["$schema"] = "https://json-schema.org/draft/2020-12/schema"
        root["$id"] = "https://rehab.invalid/schemas/\(kind.rawValue).schema.json"
        root["title"] = "rehab \(kind.rawValue)"
        if !defs.isEmpty { root["$defs"] = defs }
        return root
    }

    /// The schema as JSON text, keys sorted.
    public static func text(_ kind: Kind) -> String {
        // Strings, numbers, booleans, arrays and dictionaries only: this cannot fail.
        guard
            let data = try? JSONSerialization.data(
                withJSONObject: document(kind), options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        else { return "" }
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}
