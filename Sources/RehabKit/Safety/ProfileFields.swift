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
        ]
        f["clearance"] = .records(["by": .text, "date": .date, "note": .text])
        return f
    }()
}

extension SafetyProfile {
    /// The profile as a tree for the rule language. `asOf` is the date the check is for
    /// (for `assessment_age_days`).
    public func fieldTree(asOf: LocalDate?) -> FieldValue {
        func b(_ x: Bool?) -> FieldValue { x.map(FieldValue.bool) ?? .missing }
        func n(_ x: Int?) -> FieldValue { x.map { .number(Double($0)) } ?? .missing }
        func d(_ x: Double?) -> FieldValue { x.map(FieldValue.number) ?? .missing }
        func w<E: RawRepresentable>(_ x: E?) -> FieldValue where E.RawValue == String { x.map { .text($0.rawValue) } ?? .missing }
        func date(_ x: LocalDate?) -> FieldValue { x.map { .text($0.description) } ?? .missing }

        var root: [String: FieldValue] = [
            "assessed": date(assessed),
            "suspected_cord_compression": b(suspectedCordCompression),
            "neuro_symptoms": neuroSymptoms.map { .list($0.map { .text($0.rawValue) }) } ?? .missing,
            "bone_density": w(boneDensity),
            "vertebral_fracture": b(vertebralFracture),
            "weight_bearing": w(weightBearing),
            "fever": b(isFebrile),
            "temperature_c": d(temperatureC),
            "pain": n(pain),
            "fatigue": n(fatigue),
        ]
        if let assessed, let asOf { root["assessment_age_days"] = .number(Double(assessed.days(to: asOf))) }
        if let p = backPain {
            root["back_pain"] = .object(["new": b(p.new), "worsening": b(p.worsening), "night_pain": b(p.nightPain),
                                         "worse_on_straining": b(p.worseOnStraining), "region": w(p.region)])
        }
        if let m = spinalMetastases {
            var o: [String: FieldValue] = ["present": b(m.present), "stability": w(m.stability), "sins": n(m.sins)]
            o["levels"] = m.levels.map { .list($0.map { .text($0.description) }) } ?? .missing
            if let parts = m.sinsParts {
                o["sins_parts"] = .object(["location": w(parts.location), "pain": w(parts.pain), "lesion": w(parts.lesion),
                                           "alignment": w(parts.alignment), "collapse": w(parts.collapse),
                                           "posterolateral": w(parts.posterolateral)])
            }
            root["spinal_metastases"] = .object(o)
        }
        if let lesions = longBoneLesions {
            root["long_bone_lesions"] = .list(lesions.map {
                .object(["site": $0.site.map(FieldValue.text) ?? .missing, "limb": w($0.limb), "mirels": n($0.mirels)])
            })
        }
        if let brace {
            root["brace"] = .object(["type": .text(brace.type), "wear_when": w(brace.wearWhen)])
        }
        if let clearance {
            root["clearance"] = .list(clearance.map {
                .object(["by": .text($0.by), "date": .text($0.date.description), "note": $0.note.map(FieldValue.text) ?? .missing])
            })
        }
        if let labs {
            root["labs"] = .object(["platelets": d(labs.platelets), "haemoglobin": d(labs.haemoglobin),
                                    "neutrophils": d(labs.neutrophils), "date": date(labs.date)])
        }
        return .object(root)
    }
}
