/// Reads each field the rules may name straight from the typed profile: no intermediate tree,
/// no hashing, so checking a thousand plans costs little more than loading them.
enum ProfileAccess {
    typealias Get = @Sendable (ProfileView) -> FieldValue

    /// A field: its type (for checking rule files) and how to read it.
    struct Field: Sendable {
        let type: FieldType
        let get: Get

        init(_ type: FieldType, _ get: @escaping Get) {
            self.type = type
            self.get = get
        }
    }

    static func words<E: RawRepresentable & CaseIterable>(_: E.Type) -> [String] where E.RawValue == String {
        E.allCases.map(\.rawValue)
    }

    static func b(_ x: Bool?) -> FieldValue { x.map(FieldValue.bool) ?? .missing }
    static func n(_ x: Int?) -> FieldValue { x.map { .number(Double($0)) } ?? .missing }
    static func d(_ x: Double?) -> FieldValue { x.map(FieldValue.number) ?? .missing }
    static func w<E: RawRepresentable>(_ x: E?) -> FieldValue where E.RawValue == String {
        x.map { .text($0.rawValue) } ?? .missing
    }
    static func date(_ x: LocalDate?) -> FieldValue { x.map { .text($0.description) } ?? .missing }

    /// Fields that hold one value, by their dotted name.
    static let scalars: [String: Field] = [
        "assessed": Field(.date) { date($0.profile.assessed) },
        "assessment_age_days": Field(.number) { v in
            guard let a = v.profile.assessed, let asOf = v.asOf else { return .missing }
            return .number(Double(a.days(to: asOf)))
        },
        "suspected_cord_compression": Field(.bool) { b($0.profile.suspectedCordCompression) },
        // Known and stable deficits recorded by the right team are left out (SAFETY.md).
        "neuro_symptoms": Field(.words(words(NeuroSymptom.self))) { v in
            v.profile.judgedNeuroSymptoms(asOf: v.asOf).map { .list($0.map { .text($0.rawValue) }) } ?? .missing
        },
        "back_pain.new": Field(.bool) { b($0.profile.backPain?.new) },
        "back_pain.worsening": Field(.bool) { b($0.profile.backPain?.worsening) },
        "back_pain.night_pain": Field(.bool) { b($0.profile.backPain?.nightPain) },
        "back_pain.worse_on_straining": Field(.bool) { b($0.profile.backPain?.worseOnStraining) },
        "back_pain.region": Field(.word(words(SpinalRegion.self))) { w($0.profile.backPain?.region) },
        "spinal_metastases.present": Field(.bool) { b($0.profile.spinalMetastases?.present) },
        "spinal_metastases.levels": Field(.words(nil)) { v in
            v.profile.spinalMetastases?.levels.map { .list($0.map { .text($0.description) }) } ?? .missing
        },
        "spinal_metastases.stability": Field(.word(words(SpinalStability.self))) {
            w($0.profile.spinalMetastases?.stability)
        },
        "spinal_metastases.sins": Field(.number) { n($0.profile.spinalMetastases?.sins) },
        // Derived: stabilised by surgery and cleared by the spinal team after it (never missing).
        "spinal_metastases.surgically_stabilised": Field(.bool) {
            .bool($0.profile.isStabilisedAndCleared(asOf: $0.asOf))
        },
        "spinal_metastases.sins_parts.location": Field(.word(words(SINSLocation.self))) {
            w($0.profile.spinalMetastases?.sinsParts?.location)
        },
        "spinal_metastases.sins_parts.pain": Field(.word(words(SINSPain.self))) {
            w($0.profile.spinalMetastases?.sinsParts?.pain)
        },
        "spinal_metastases.sins_parts.lesion": Field(.word(words(SINSLesion.self))) {
            w($0.profile.spinalMetastases?.sinsParts?.lesion)
        },
        "spinal_metastases.sins_parts.alignment": Field(.word(words(SINSAlignment.self))) {
            w($0.profile.spinalMetastases?.sinsParts?.alignment)
        },
        "spinal_metastases.sins_parts.collapse": Field(.word(words(SINSCollapse.self))) {
            w($0.profile.spinalMetastases?.sinsParts?.collapse)
        },
        "spinal_metastases.sins_parts.posterolateral": Field(.word(words(SINSPosterolateral.self))) {
            w($0.profile.spinalMetastases?.sinsParts?.posterolateral)
        },
        "bone_density": Field(.word(words(BoneDensity.self))) { w($0.profile.boneDensity) },
        "vertebral_fracture": Field(.bool) { b($0.profile.vertebralFracture) },
        "weight_bearing": Field(.word(words(WeightBearing.self))) { w($0.profile.weightBearing) },
        "brace.type": Field(.text) { v in v.profile.brace.map { .text($0.type) } ?? .missing },
        "brace.wear_when": Field(.word(words(BraceWear.self))) { w($0.profile.brace?.wearWhen) },
        "labs.platelets": Field(.number) { d($0.profile.labs?.platelets) },
        "labs.haemoglobin": Field(.number) { d($0.profile.labs?.haemoglobin) },
        "labs.neutrophils": Field(.number) { d($0.profile.labs?.neutrophils) },
        "labs.date": Field(.date) { date($0.profile.labs?.date) },
        "fever": Field(.bool) { b($0.profile.isFebrile) },
        "temperature_c": Field(.number) { d($0.profile.temperatureC) },
        "pain": Field(.number) { n($0.profile.pain) },
        "fatigue": Field(.number) { n($0.profile.fatigue) },
        "lymphoedema.side": Field(.word(words(LymphoedemaSide.self))) { w($0.profile.lymphoedema?.side) },
        "lymphoedema.garment": Field(.bool) { b($0.profile.lymphoedema?.garment) },
        "reported_red_flags": Field(.words(words(RedFlag.self))) { v in
            v.profile.reportedRedFlags.map { .list($0.map(FieldValue.text)) } ?? .missing
        },
    ]

    static func team(_ t: ClinicalTeam) -> FieldValue { .text(t.rawValue) }
    static func note(_ n: String?) -> FieldValue { n.map(FieldValue.text) ?? .missing }

    /// Lists of records, each record an object for `[key=value]` selectors.
    static let records: [String: Field] = [
        "known_deficits": Field(
            .records([
                "symptom": .word(words(NeuroSymptom.self)), "assessed_by": .word(words(ClinicalTeam.self)),
                "date": .date, "note": .text,
            ])
        ) { v in
            v.profile.knownDeficits.map { list in
                .list(
                    list.map {
                        .object([
                            "symptom": .text($0.symptom.rawValue), "assessed_by": team($0.assessedBy),
                            "date": .text($0.date.description), "note": note($0.note),
                        ])
                    })
            } ?? .missing
        },
        "resolved": Field(
            .records([
                "symptom": .word(words(RedFlag.self)), "by": .word(words(ClinicalTeam.self)),
                "date": .date, "note": .text,
            ])
        ) { v in
            v.profile.resolved.map { list in
                .list(
                    list.map {
                        .object([
                            "symptom": .text($0.symptom.rawValue), "by": team($0.by),
                            "date": .text($0.date.description), "note": note($0.note),
                        ])
                    })
            } ?? .missing
        },
        "acknowledged": Field(
            .records(["rule": .text, "by": .word(words(ClinicalTeam.self)), "date": .date, "note": .text])
        ) { v in
            v.profile.acknowledged.map { list in
                .list(
                    list.map {
                        .object([
                            "rule": .text($0.rule.rawValue), "by": team($0.by),
                            "date": .text($0.date.description), "note": note($0.note),
                        ])
                    })
            } ?? .missing
        },
        "long_bone_lesions": Field(
            .records([
                "site": .text, "bone": .word(words(Bone.self)), "limb": .word(words(Limb.self)),
                "mirels": .number, "lesion": .word(words(MirelsLesion.self)),
            ])
        ) { v in
            v.profile.longBoneLesions.map { lesions in
                .list(
                    lesions.map {
                        .object([
                            "site": $0.site.map(FieldValue.text) ?? .missing, "bone": w($0.bone), "limb": w($0.limb),
                            "mirels": n($0.mirels), "lesion": w($0.mirelsParts?.lesion),
                        ])
                    })
            } ?? .missing
        },
        "clearance": Field(.records(["by": .word(words(ClinicalTeam.self)), "date": .date, "note": .text])) { v in
            v.profile.clearance.map { list in
                .list(
                    list.map {
                        .object([
                            "by": .text($0.by.rawValue), "date": .text($0.date.description),
                            "note": $0.note.map(FieldValue.text) ?? .missing,
                        ])
                    })
            } ?? .missing
        },
    ]
}
