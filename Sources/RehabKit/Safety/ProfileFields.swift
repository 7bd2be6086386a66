/// A safety profile seen as the rule language sees it: a tree of named values that dotted
/// paths reach into. A field the profile does not give is `missing`, never false or zero.
public enum FieldValue: Sendable, Equatable {
    case missing
    case bool(Bool)
    case number(Double)
    case text(String)
    case list([FieldValue])
    case object([String: FieldValue])

    subscript(key: String) -> FieldValue {
        if case .object(let o) = self { return o[key] ?? .missing }
        return .missing
    }
}

/// The type of a profile field, for checking rule files.
public enum FieldType: Sendable, Equatable {
    case bool, number, date
    /// One word of a closed set.
    case word([String])
    /// A list of words of a closed set (`neuro_symptoms`) or of free text (`levels`).
    case words([String]?)
    case text
    /// A list of records; paths select elements with `[key=value]`.
    case records([String: FieldType])

    var name: String {
        switch self {
        case .bool: return "true/false"
        case .number: return "a number"
        case .date: return "a date"
        case .word: return "a word"
        case .words: return "a list"
        case .text: return "text"
        case .records: return "a list of records"
        }
    }
}

/// The fields rules may name, with their types. Derived fields: `assessment_age_days` (days from
/// `assessed` to the date checked), `fever` (the flag, or `temperature_c` ≥ 38.0).
public enum ProfileSchema {
    static func words<E: RawRepresentable & CaseIterable>(_: E.Type) -> [String] where E.RawValue == String {
        E.allCases.map(\.rawValue)
    }

    public static let fields: [String: FieldType] = {
        var f: [String: FieldType] = [
            "assessed": .date,
            "assessment_age_days": .number,
            "suspected_cord_compression": .bool,
            "neuro_symptoms": .words(words(NeuroSymptom.self)),
            "back_pain.new": .bool, "back_pain.worsening": .bool, "back_pain.night_pain": .bool,
            "back_pain.worse_on_straining": .bool, "back_pain.region": .word(words(SpinalRegion.self)),
            "spinal_metastases.present": .bool,
            "spinal_metastases.levels": .words(nil),
            "spinal_metastases.stability": .word(words(SpinalStability.self)),
            "spinal_metastases.sins": .number,
            "spinal_metastases.sins_parts.location": .word(words(SINSLocation.self)),
            "spinal_metastases.sins_parts.pain": .word(words(SINSPain.self)),
            "spinal_metastases.sins_parts.lesion": .word(words(SINSLesion.self)),
            "spinal_metastases.sins_parts.alignment": .word(words(SINSAlignment.self)),
            "spinal_metastases.sins_parts.collapse": .word(words(SINSCollapse.self)),
            "spinal_metastases.sins_parts.posterolateral": .word(words(SINSPosterolateral.self)),
            "long_bone_lesions": .records(["site": .text, "limb": .word(words(Limb.self)), "mirels": .number]),
            "bone_density": .word(words(BoneDensity.self)),
            "vertebral_fracture": .bool,
            "weight_bearing": .word(words(WeightBearing.self)),
            "brace.type": .text,
            "brace.wear_when": .word(words(BraceWear.self)),
            "labs.platelets": .number, "labs.haemoglobin": .number, "labs.neutrophils": .number, "labs.date": .date,
            "fever": .bool, "temperature_c": .number, "pain": .number, "fatigue": .number,
            "reported_red_flags": .words(words(RedFlag.self)),
        ]
        f["clearance"] = .records(["by": .text, "date": .date, "note": .text])
        return f
    }()
}

/// A profile as of the date a check is for: what rule conditions read.
public struct ProfileView: Sendable {
    public let profile: SafetyProfile
    /// The date the check is for (for `assessment_age_days`).
    public let asOf: LocalDate?

    public init(_ profile: SafetyProfile, asOf: LocalDate?) {
        self.profile = profile
        self.asOf = asOf
    }
}

/// Reads each field the rules may name straight from the typed profile: no intermediate tree,
/// no hashing, so checking a thousand plans costs little more than loading them.
enum ProfileAccess {
    typealias Get = @Sendable (ProfileView) -> FieldValue

    static func b(_ x: Bool?) -> FieldValue { x.map(FieldValue.bool) ?? .missing }
    static func n(_ x: Int?) -> FieldValue { x.map { .number(Double($0)) } ?? .missing }
    static func d(_ x: Double?) -> FieldValue { x.map(FieldValue.number) ?? .missing }
    static func w<E: RawRepresentable>(_ x: E?) -> FieldValue where E.RawValue == String { x.map { .text($0.rawValue) } ?? .missing }
    static func date(_ x: LocalDate?) -> FieldValue { x.map { .text($0.description) } ?? .missing }

    /// Fields that hold one value, by their dotted name.
    static let scalars: [String: Get] = [
        "assessed": { date($0.profile.assessed) },
        "assessment_age_days": { v in
            guard let a = v.profile.assessed, let asOf = v.asOf else { return .missing }
            return .number(Double(a.days(to: asOf)))
        },
        "suspected_cord_compression": { b($0.profile.suspectedCordCompression) },
        "neuro_symptoms": { v in v.profile.neuroSymptoms.map { .list($0.map { .text($0.rawValue) }) } ?? .missing },
        "back_pain.new": { b($0.profile.backPain?.new) },
        "back_pain.worsening": { b($0.profile.backPain?.worsening) },
        "back_pain.night_pain": { b($0.profile.backPain?.nightPain) },
        "back_pain.worse_on_straining": { b($0.profile.backPain?.worseOnStraining) },
        "back_pain.region": { w($0.profile.backPain?.region) },
        "spinal_metastases.present": { b($0.profile.spinalMetastases?.present) },
        "spinal_metastases.levels": { v in
            v.profile.spinalMetastases?.levels.map { .list($0.map { .text($0.description) }) } ?? .missing
        },
        "spinal_metastases.stability": { w($0.profile.spinalMetastases?.stability) },
        "spinal_metastases.sins": { n($0.profile.spinalMetastases?.sins) },
        "spinal_metastases.sins_parts.location": { w($0.profile.spinalMetastases?.sinsParts?.location) },
        "spinal_metastases.sins_parts.pain": { w($0.profile.spinalMetastases?.sinsParts?.pain) },
        "spinal_metastases.sins_parts.lesion": { w($0.profile.spinalMetastases?.sinsParts?.lesion) },
        "spinal_metastases.sins_parts.alignment": { w($0.profile.spinalMetastases?.sinsParts?.alignment) },
        "spinal_metastases.sins_parts.collapse": { w($0.profile.spinalMetastases?.sinsParts?.collapse) },
        "spinal_metastases.sins_parts.posterolateral": { w($0.profile.spinalMetastases?.sinsParts?.posterolateral) },
        "bone_density": { w($0.profile.boneDensity) },
        "vertebral_fracture": { b($0.profile.vertebralFracture) },
        "weight_bearing": { w($0.profile.weightBearing) },
        "brace.type": { v in v.profile.brace.map { .text($0.type) } ?? .missing },
        "brace.wear_when": { w($0.profile.brace?.wearWhen) },
        "labs.platelets": { d($0.profile.labs?.platelets) },
        "labs.haemoglobin": { d($0.profile.labs?.haemoglobin) },
        "labs.neutrophils": { d($0.profile.labs?.neutrophils) },
        "labs.date": { date($0.profile.labs?.date) },
        "fever": { b($0.profile.isFebrile) },
        "temperature_c": { d($0.profile.temperatureC) },
        "pain": { n($0.profile.pain) },
        "fatigue": { n($0.profile.fatigue) },
        "reported_red_flags": { v in v.profile.reportedRedFlags.map { .list($0.map(FieldValue.text)) } ?? .missing },
    ]

    /// Lists of records, each record an object for `[key=value]` selectors.
    static let records: [String: Get] = [
        "long_bone_lesions": { v in
            v.profile.longBoneLesions.map { lesions in
                .list(lesions.map {
                    .object(["site": $0.site.map(FieldValue.text) ?? .missing, "limb": w($0.limb), "mirels": n($0.mirels)])
                })
            } ?? .missing
        },
        "clearance": { v in
            v.profile.clearance.map { list in
                .list(list.map {
                    .object(["by": .text($0.by), "date": .text($0.date.description), "note": $0.note.map(FieldValue.text) ?? .missing])
                })
            } ?? .missing
        },
    ]
}
