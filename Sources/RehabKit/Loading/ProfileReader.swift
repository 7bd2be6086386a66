import YAMLReader

/// Reads a safety profile (FORMAT.md §3), inline in a plan or as its own file: converts unit
/// strings, rejects implausible values with the likely mix-up named, computes SINS and Mirels
/// from their parts and checks them against a given total.
enum ProfileReader {
    static let keys = [
        "assessed", "suspected_cord_compression", "neuro_symptoms", "back_pain", "spinal_metastases",
        "long_bone_lesions", "bone_density", "vertebral_fracture", "weight_bearing", "brace",
        "clearance", "labs", "fever", "temperature_c", "pain", "fatigue", "known_deficits", "resolved",
        "acknowledged", "lymphoedema", "history",
    ]

    /// `partial`: a rule example, which gives only the fields it is about.
    static func read(_ node: YAMLNode, _ r: NodeReader, partial: Bool = false) -> SafetyProfile? {
        // Counted before the keys are read, so that an unknown or missing key also makes the
        // profile unusable: a misspelt safety flag must never pass as absent.
        let before = r.diagnostics.filter { $0.severity == .error }.count
        // Rule examples may also say what the progress log reported; plan files cannot.
        guard
            let f = r.fields(
                node, "a safety profile", known: partial ? keys + ["reported_red_flags"] : keys,
                required: partial ? [] : ["assessed", "suspected_cord_compression"])
        else { return nil }
        var p = SafetyProfile(location: r.location(node))
        let dates = DateLog(r)
        p.assessed = dates.read(f["assessed"], "assessed")
        p.suspectedCordCompression = r.bool(f["suspected_cord_compression"], "suspected_cord_compression")
        p.neuroSymptoms = r.list(f["neuro_symptoms"], "neuro_symptoms") {
            r.word($0, "neuro symptom", as: NeuroSymptom.self)
        }
        p.backPain = f["back_pain"].flatMap { readBackPain($0, r) }
        p.spinalMetastases = f["spinal_metastases"].flatMap { readMetastases($0, r, dates) }
        p.longBoneLesions = r.list(f["long_bone_lesions"], "long_bone_lesions") { readLesion($0, r) }
        p.boneDensity = r.word(f["bone_density"], "bone_density", as: BoneDensity.self)
        p.vertebralFracture = r.bool(f["vertebral_fracture"], "vertebral_fracture")
        p.weightBearing = r.word(f["weight_bearing"], "weight_bearing", as: WeightBearing.self)
        p.brace = f["brace"].flatMap { readBrace($0, r) }
        p.clearance = r.list(f["clearance"], "clearance") { readClearance($0, r, dates) }
        p.labs = f["labs"].flatMap { readLabs($0, r, dates) }
        p.fever = r.bool(f["fever"], "fever")
        p.temperatureC = f["temperature_c"].flatMap { readTemperature($0, r) }
        p.pain = r.int(f["pain"], "pain", in: 0...10, unit: "on the 0–10 scale")
        p.fatigue = f["fatigue"].flatMap { readFatigue($0, r) }
        p.reportedRedFlags = r.list(f["reported_red_flags"], "reported_red_flags") {
            r.word($0, "red flag", as: RedFlag.self)?.rawValue
        }
        p.knownDeficits = r.list(f["known_deficits"], "known_deficits") { readKnownDeficit($0, r, dates) }
        p.resolved = r.list(f["resolved"], "resolved") { readResolved($0, r, dates) }
        p.acknowledged = r.list(f["acknowledged"], "acknowledged") { readAcknowledgement($0, r, dates) }
        p.lymphoedema = f["lymphoedema"].flatMap { readLymphoedema($0, r) }
        p.history = readHistory(f["history"], r, before: p.assessed)
        p.writtenDates = dates.written
        if let fever = f["fever"], p.fever == false, let t = p.temperatureC, t >= 38.0 {
            r.error("fever is false but temperature_c is \(r.format(t)) (38.0 or more is a fever)", at: fever)
        }
        // A profile with an error is not used: a misread field must never pass as "no problem".
        let after = r.diagnostics.filter { $0.severity == .error }.count
        return after == before ? p : nil
    }

    static func readBackPain(_ node: YAMLNode, _ r: NodeReader) -> BackPain? {
        guard
            let f = r.fields(
                node, "back_pain",
                known: ["new", "worsening", "night_pain", "worse_on_straining", "region"])
        else { return nil }
        return BackPain(
            new: r.bool(f["new"], "new"), worsening: r.bool(f["worsening"], "worsening"),
            nightPain: r.bool(f["night_pain"], "night_pain"),
            worseOnStraining: r.bool(f["worse_on_straining"], "worse_on_straining"),
            region: r.word(f["region"], "region", as: SpinalRegion.self))
    }

    // MARK: Spine

    static func readMetastases(_ node: YAMLNode, _ r: NodeReader, _ dates: DateLog) -> SpinalMetastases? {
        guard
            let f = r.fields(
                node, "spinal_metastases",
                known: ["present", "levels", "stability", "sins", "sins_parts", "surgery"])
        else { return nil }
        var m = SpinalMetastases()
        m.present = r.bool(f["present"], "present")
        m.levels = r.list(f["levels"], "levels") { item -> VertebralLevel? in
            guard let s = r.string(item, "level") else { return nil }
            guard let level = VertebralLevel(s) else {
                r.error(
                    "unknown vertebral level '\(s)'", at: item,
                    notes: ["write C1–C7, T1–T12, L1–L5 or S1–S5, such as T10"])
                return nil
            }
            return level
        }
        m.stability = r.word(f["stability"], "stability", as: SpinalStability.self)
        let given = r.int(f["sins"], "sins", in: 0...18)
        m.sins = given
        if let partsNode = f["sins_parts"], let parts = readSINSParts(partsNode, levels: m.levels, r) {
            m.sinsParts = parts
            if let total = parts.total {
                if let given, given != total {
                    r.error(
                        "sins \(given) does not match its parts, which add up to \(total)", at: f["sins"]!,
                        notes: [sinsBreakdown(parts)])
                }
                m.sins = total
            }
        }
        if let surgeryNode = f["surgery"],
            let sf = r.fields(surgeryNode, "surgery", known: ["date", "procedure"], required: ["date"]),
            let date = dates.read(sf["date"], "surgery.date")
        {
            m.surgery = SpinalSurgery(date: date, procedure: r.string(sf["procedure"], "procedure"))
            if m.stability != .stabilised, let at = f["stability"] ?? f.key("surgery") {
                r.warning(
                    "spinal_metastases records surgery but stability is not 'stabilised'", at: at,
                    notes: [
                        "after surgical stabilisation write stability: stabilised; the pre-operative SINS then no longer drives the unstable-spine rules once the spinal team clears the patient after the operation"
                    ])
            }
        }
        if m.stability == .stabilised, m.surgery == nil, let at = f["stability"] {
            r.warning(
                "stability 'stabilised' without the date of surgery: the unstable-spine rules still apply", at: at,
                notes: ["add surgery: {date: YYYY-MM-DD, procedure: …} and the spinal team's clearance after it"])
        }
        let details =
            m.levels?.isEmpty == false || m.sins != nil || m.sinsParts != nil
            || (m.stability != nil && m.stability != .unknown)
        if m.present == false, details {
            // A contradiction is not resolved in either direction: the profile is not used.
            r.error(
                "spinal_metastases says present: false but gives levels, a SINS or a stability",
                at: f["present"] ?? node,
                notes: ["set present: true, or remove the details"])
        } else if m.present == nil, details {
            // Details of a metastasis mean there is one (fail closed).
            m.present = true
            r.warning(
                "spinal_metastases gives levels, a SINS or a stability but not 'present'; taken as present: true",
                at: node,
                notes: ["write present: true"])
        }
        if let sins = m.sins, let stability = m.stability, let stabilityNode = f["stability"],
            stability != .stabilised, stability != .unknown, SINSParts.band(sins) != stability
        {
            r.warning(
                "stability '\(stability.rawValue)' disagrees with SINS \(sins) (\(SINSParts.band(sins).rawValue))",
                at: stabilityNode,
                notes: [
                    "SINS bands (Fisher 2010): 0–6 stable, 7–12 potentially unstable, 13–18 unstable; the safety rules act on both"
                ])
        }
        return m
    }

    static func readSINSParts(_ node: YAMLNode, levels: [VertebralLevel]?, _ r: NodeReader) -> SINSParts? {
        let names = ["location", "pain", "lesion", "alignment", "collapse", "posterolateral"]
        guard
            let f = r.fields(
                node, "sins_parts", known: names,
                required: ["pain", "lesion", "alignment", "collapse", "posterolateral"])
        else { return nil }
        var location = r.word(f["location"], "SINS location", as: SINSLocation.self)
        let derived = levels.flatMap { $0.map(\.sinsLocation).max { $0.points < $1.points } }
        if let given = location, let levels, !levels.isEmpty, let locNode = f["location"],
            !levels.contains(where: { $0.sinsLocation == given })
        {
            let list = levels.map { "\($0) is \($0.sinsLocation.rawValue)" }.joined(separator: ", ")
            r.error("SINS location '\(given.rawValue)' does not match the levels (\(list))", at: locNode)
            return nil
        }
        if location == nil {
            guard let derived else {
                r.error(
                    "sins_parts needs 'location' when spinal_metastases has no levels", at: node,
                    notes: ["add location (junctional, mobile, semi-rigid, rigid) or levels such as [T10]"])
                return nil
            }
            location = derived
        }
        guard let pain = r.word(f["pain"], "SINS pain", as: SINSPain.self),
            let lesion = r.word(f["lesion"], "SINS lesion", as: SINSLesion.self),
            let alignment = r.word(f["alignment"], "SINS alignment", as: SINSAlignment.self),
            let collapse = r.word(f["collapse"], "SINS collapse", as: SINSCollapse.self),
            let posterolateral = r.word(f["posterolateral"], "SINS posterolateral", as: SINSPosterolateral.self)
        else { return nil }
        return SINSParts(
            location: location, pain: pain, lesion: lesion, alignment: alignment, collapse: collapse,
            posterolateral: posterolateral)
    }

    static func sinsBreakdown(_ p: SINSParts) -> String {
        let parts: [(String, String, Int)] = [
            ("location", p.location?.rawValue ?? "?", p.location?.points ?? 0),
            ("pain", p.pain.rawValue, p.pain.points),
            ("lesion", p.lesion.rawValue, p.lesion.points), ("alignment", p.alignment.rawValue, p.alignment.points),
            ("collapse", p.collapse.rawValue, p.collapse.points),
            ("posterolateral", p.posterolateral.rawValue, p.posterolateral.points),
        ]
        return parts.map { "\($0.0) \($0.1) \($0.2)" }.joined(separator: " + ") + " = \(p.total ?? 0)"
    }

    // MARK: Long bones

    static func readLesion(_ node: YAMLNode, _ r: NodeReader) -> LongBoneLesion? {
        guard
            let f = r.fields(
                node, "a long-bone lesion", known: ["site", "limb", "mirels", "mirels_parts"],
                required: ["site"])
        else {
            return nil
        }
        var lesion = LongBoneLesion()
        let before = r.errorCount
        if let siteNode = f["site"], let site = r.string(siteNode, "site") {
            lesion.site = site
            if let (side, bone) = bone(named: site, at: siteNode, r) {
                lesion.side = side
                lesion.bone = bone
            }
        }
        let written = r.word(f["limb"], "limb", as: Limb.self)
        if let written, let bone = lesion.bone, written != bone.limb, let limbNode = f["limb"] {
            r.error(
                "limb '\(written.rawValue)' disagrees with the bone '\(bone.rawValue)' (\(bone.limb.rawValue) limb)",
                at: limbNode,
                notes: ["the limb follows from the bone; leave 'limb' out"])
        }
        lesion.limb = lesion.bone?.limb ?? written
        let given = r.int(f["mirels"], "mirels", in: 4...12)
        lesion.mirels = given
        if let partsNode = f["mirels_parts"],
            let pf = r.fields(
                partsNode, "mirels_parts", known: ["site", "pain", "lesion", "size"],
                required: ["site", "pain", "lesion", "size"]),
            let site = r.word(pf["site"], "Mirels site", as: MirelsSite.self),
            let pain = r.word(pf["pain"], "Mirels pain", as: MirelsPain.self),
            let kind = r.word(pf["lesion"], "Mirels lesion", as: MirelsLesion.self),
            let size = r.word(pf["size"], "Mirels size", as: MirelsSize.self)
        {
            let parts = MirelsParts(site: site, pain: pain, lesion: kind, size: size)
            lesion.mirelsParts = parts
            if let given, given != parts.total {
                r.error(
                    "mirels \(given) does not match its parts, which add up to \(parts.total)", at: f["mirels"]!,
                    notes: [
                        "site \(site.rawValue) \(site.points) + pain \(pain.rawValue) \(pain.points) + lesion \(kind.rawValue) \(kind.points) + size \(size.rawValue) \(size.points) = \(parts.total)"
                    ])
            }
            lesion.mirels = parts.total
            // The Mirels site scores the bone's region: it must agree with the bone named.
            if let bone = lesion.bone, site.limb != bone.limb || (site == .trochanteric && bone != .femur) {
                r.error(
                    "Mirels site '\(site.rawValue)' disagrees with the bone '\(bone.rawValue)' (\(bone.limb.rawValue) limb)",
                    at: pf["site"]!,
                    notes: [
                        bone.limb == .lower
                            ? "a \(bone.rawValue) lesion scores lower-limb\(bone == .femur ? " (or trochanteric near the hip)" : "")"
                            : "a \(bone.rawValue) lesion scores upper-limb"
                    ])
            } else if lesion.bone == nil, let written, written != site.limb, let limbNode = f["limb"] {
                r.error("limb '\(written.rawValue)' disagrees with Mirels site '\(site.rawValue)'", at: limbNode)
            }
            lesion.limb = lesion.limb ?? site.limb
        }
        // A lesion the rules cannot judge is an error, never a lesion without risk.
        if lesion.mirels == nil, !f.has("mirels"), !f.has("mirels_parts") {
            r.error(
                "a long-bone lesion needs 'mirels' (4–12) or 'mirels_parts'", at: node,
                notes: ["without a score the fracture-risk rules cannot judge it"])
        }
        return r.errorCount == before ? lesion : nil
    }

    /// `[left-|right-][proximal-|distal-|mid-]BONE` (spaces for the hyphens are accepted): one bone of
    /// the closed vocabulary.
    static func bone(named site: String, at node: YAMLNode, _ r: NodeReader) -> (BodySide?, Bone)? {
        let words = site.lowercased().split { $0 == " " || $0 == "-" || $0 == "_" }.map(String.init)
        var rest = words[...]
        let side = rest.first.flatMap(BodySide.init(rawValue:))
        if side != nil { rest = rest.dropFirst() }
        // Where on the bone does not change which bone it is.
        if let first = rest.first, ["proximal", "distal", "mid"].contains(first) { rest = rest.dropFirst() }
        let bones = Bone.allCases.map(\.rawValue)
        let named = rest.filter { bones.contains($0) }
        if named.count > 1 {
            r.error(
                "site '\(site)' names \(named.count) bones; give one entry per bone", at: node,
                notes: ["for example: - {site: left-femur, mirels: 9}  and  - {site: left-tibia, mirels: 6}"])
            return nil
        }
        guard rest.count == 1, let bone = Bone(rawValue: rest[rest.startIndex]) else {
            let guess = rest.joined(separator: "-")
            r.error(
                "unknown bone in site '\(site)'", at: node,
                notes: [
                    DidYouMean.note(for: guess, in: bones).map {
                        "\($0) (write [left-|right-]BONE, such as left-femur)"
                    }
                        ?? "write [left-|right-]BONE, the bone one of: \(bones.joined(separator: ", "))"
                ])
            return nil
        }
        return (side, bone)
    }

    // MARK: Other sections

    /// `history:` — earlier assessments, each a whole profile without a history of its own, each
    /// assessed before the current one; kept newest first.
    static func readHistory(_ node: YAMLNode?, _ r: NodeReader, before current: LocalDate?) -> [SafetyProfile] {
        let entries =
            r.list(node, "history") { entry -> SafetyProfile? in
                if let key = entry.mapping?.first(where: { $0.key.scalar == "history" })?.key {
                    r.error(
                        "an earlier assessment in history has no history of its own", at: key,
                        notes: ["list every earlier assessment under the profile's own history:"])
                    return nil
                }
                guard let earlier = read(entry, r) else { return nil }
                if let current, let then = earlier.assessed, then >= current,
                    let at = entry.mapping?.first(where: { $0.key.scalar == "assessed" })?.value
                {
                    r.error(
                        "an earlier assessment in history is dated \(then), not before the current assessment of \(current)",
                        at: at,
                        notes: ["history keeps earlier assessments only; the current one is the profile itself"])
                    return nil
                }
                return earlier
            } ?? []
        return entries.sorted { a, b in
            switch (a.assessed, b.assessed) {
            case (let x?, let y?): return x > y
            case (_?, nil): return true
            default: return false
            }
        }
    }

    static func readLymphoedema(_ node: YAMLNode, _ r: NodeReader) -> Lymphoedema? {
        guard let f = r.fields(node, "lymphoedema", known: ["side", "garment"], required: ["side"]),
            let side = r.word(f["side"], "lymphoedema side", as: LymphoedemaSide.self)
        else { return nil }
        let garment = r.bool(f["garment"], "garment")
        if f.has("garment"), garment == nil { return nil }
        return Lymphoedema(side: side, garment: garment)
    }

    static func readBrace(_ node: YAMLNode, _ r: NodeReader) -> Brace? {
        guard let f = r.fields(node, "brace", known: ["type", "wear_when", "notes"], required: ["type", "wear_when"]),
            let type = r.string(f["type"], "brace type")
        else { return nil }
        return Brace(
            type: type, wearWhen: r.word(f["wear_when"], "wear_when", as: BraceWear.self),
            notes: r.string(f["notes"], "notes"))
    }

    static func readClearance(_ node: YAMLNode, _ r: NodeReader, _ dates: DateLog) -> Clearance? {
        guard
            let f = r.fields(
                node, "a clearance", known: ["by", "date", "note", "restrict_movements"], required: ["by", "date"]),
            let by = r.word(f["by"], "clearing team", as: ClinicalTeam.self),
            let date = dates.read(f["date"], "clearance.date")
        else { return nil }
        let note = r.string(f["note"], "note")
        let restrict = ExerciseReader.readMovements(f["restrict_movements"], r)
        if f.has("restrict_movements"), restrict == nil { return nil }
        if let note, restrict == nil, let noteNode = f["note"], RestrictionWords.readsLikeRestriction(note) {
            r.warning(
                "the clearance note reads like a restriction, but free text does not block anything", at: noteNode,
                notes: ["write it as restrict_movements, such as restrict_movements: [spinal-flexion, spinal-rotation]"]
            )
        }
        return Clearance(
            by: by, date: date, note: note, restrictMovements: restrict ?? [], location: r.location(f["date"]!))
    }

    static func readKnownDeficit(_ node: YAMLNode, _ r: NodeReader, _ dates: DateLog) -> KnownDeficit? {
        guard
            let f = r.fields(
                node, "a known deficit", known: ["symptom", "assessed_by", "date", "note"],
                required: ["symptom", "assessed_by", "date"]),
            let symptom = r.word(f["symptom"], "neuro symptom", as: NeuroSymptom.self),
            let by = r.word(f["assessed_by"], "assessing team", as: ClinicalTeam.self),
            let date = dates.read(f["date"], "known_deficits.date")
        else { return nil }
        if !ClinicalTeam.deficitAssessors.contains(by), let byNode = f["assessed_by"] {
            r.warning(
                "a deficit recorded by '\(by.rawValue)' does not count as known and stable", at: byNode,
                notes: [
                    "only spinal-team, spinal-surgeon or acute-oncology may record one; until they do, the cord-compression rule judges '\(symptom.rawValue)'"
                ])
        }
        return KnownDeficit(
            symptom: symptom, assessedBy: by, date: date, note: r.string(f["note"], "note"),
            location: r.location(f["symptom"]!))
    }

    static func readResolved(_ node: YAMLNode, _ r: NodeReader, _ dates: DateLog) -> ResolvedSymptom? {
        guard
            let f = r.fields(
                node, "a resolved symptom", known: ["symptom", "date", "by", "note"],
                required: ["symptom", "date", "by"]),
            let symptom = r.word(f["symptom"], "red flag", as: RedFlag.self),
            let by = r.word(f["by"], "team", as: ClinicalTeam.self),
            let date = dates.read(f["date"], "resolved.date")
        else { return nil }
        return ResolvedSymptom(
            symptom: symptom, date: date, by: by, note: r.string(f["note"], "note"),
            location: r.location(f["symptom"]!))
    }

    static func readAcknowledgement(_ node: YAMLNode, _ r: NodeReader, _ dates: DateLog) -> Acknowledgement? {
        guard
            let f = r.fields(
                node, "an acknowledgement", known: ["rule", "by", "date", "note"], required: ["rule", "by", "date"]),
            let rule = r.identifier(f["rule"], "rule"),
            let by = r.word(f["by"], "team", as: ClinicalTeam.self),
            let date = dates.read(f["date"], "acknowledged.date")
        else { return nil }
        return Acknowledgement(
            rule: RuleID(rule.value), by: by, date: date, note: r.string(f["note"], "note"), location: rule.location)
    }

    static func readFatigue(_ node: YAMLNode, _ r: NodeReader) -> Int? {
        // NCCN bands: none 0, mild 1–3, moderate 4–6, severe 7–10; a word counts as its band's
        // lowest score, so "severe" meets a rule at 7 and "moderate" one at 4.
        let words = ["none": 0, "mild": 1, "moderate": 4, "severe": 7]
        if node.isPlainScalar, let s = node.scalar, Int(s) == nil {
            if let n = words[s] { return n }
            r.error(
                "fatigue must be a score 0–10 or none, mild, moderate or severe, not '\(s)'", at: node,
                notes: [DidYouMean.note(for: s, in: words.keys.sorted())])
            return nil
        }
        return r.int(node, "fatigue", in: 0...10, unit: "on the 0–10 scale")
    }

    static func readTemperature(_ node: YAMLNode, _ r: NodeReader) -> Double? {
        guard node.isPlainScalar, let s = node.scalar, let t = Double(s) else {
            r.error("temperature_c must be a number of degrees Celsius, not \(r.describe(node))", at: node)
            return nil
        }
        if (86...113).contains(t) {
            r.error(
                "temperature_c \(s) looks like degrees Fahrenheit", at: node,
                notes: ["write degrees Celsius: \(s) °F is \(r.format((((t - 32) * 5 / 9) * 10).rounded() / 10)) °C"])
            return nil
        }
        guard (30...45).contains(t) else {
            r.error("temperature_c \(s) is not a plausible body temperature (30 to 45 °C)", at: node)
            return nil
        }
        return t
    }

    // MARK: Labs

    static func readLabs(_ node: YAMLNode, _ r: NodeReader, _ dates: DateLog) -> Labs? {
        guard let f = r.fields(node, "labs", known: ["platelets", "haemoglobin", "neutrophils", "date"]) else {
            return nil
        }
        return Labs(
            platelets: f["platelets"].flatMap { LabUnits.platelets.read($0, r) },
            haemoglobin: f["haemoglobin"].flatMap { LabUnits.haemoglobin.read($0, r) },
            neutrophils: f["neutrophils"].flatMap { LabUnits.neutrophils.read($0, r) },
            date: dates.read(f["date"], "labs.date"))
    }
}

/// A blood count's canonical unit, the units converted into it, its plausible range and the
/// mix-ups that produce a number outside that range.
struct LabUnits {
    let name: String
    let unit: String
    /// Normalised unit text → factor to the canonical unit.
    let factors: [String: Double]
    let plausible: ClosedRange<Double>
    /// For a bare number outside the plausible range: the range it falls in and what it looks like.
    let mixUps: [(range: ClosedRange<Double>, looksLike: String, factor: Double, write: String)]

    private static let perLitre: [String: Double] = [
        "x109/l": 1, "109/l": 1, "x10e9/l": 1, "10e9/l": 1, "g/l": 1, "gpt/l": 1,
        "k/ul": 1, "x103/ul": 1, "103/ul": 1, "x10e3/ul": 1, "thou/ul": 1,
        "/ul": 0.001, "cells/ul": 0.001, "/mm3": 0.001, "cells/mm3": 0.001,
    ]

    static let platelets = LabUnits(
        name: "platelets", unit: "×10⁹/L", factors: perLitre, plausible: 0...2000,
        mixUps: [(2000...2_000_000, "a count per µL", 0.001, "/uL")])
    static let neutrophils = LabUnits(
        name: "neutrophils", unit: "×10⁹/L", factors: perLitre, plausible: 0...100,
        mixUps: [(100...200_000, "a count per µL", 0.001, "/uL")])
    static let haemoglobin = LabUnits(
        name: "haemoglobin", unit: "g/L",
        factors: ["g/l": 1, "g/dl": 10, "mmol/l": 16.11],
        plausible: 30...250,
        mixUps: [(3...25, "g/dL", 10, "g/dL"), (1.8...15.5, "mmol/L", 16.11, "mmol/L")])

    /// Reads a number in the canonical unit, or a string with its unit, converted.
    func read(_ node: YAMLNode, _ r: NodeReader) -> Double? {
        guard let text = node.scalar, !node.isNull else {
            r.error("\(name) must be a number in \(unit) or text with its unit, not \(node.kindDescription)", at: node)
            return nil
        }
        let (number, unitText) = Self.split(text)
        guard let number else {
            r.error(
                "\(name) '\(text)' is not a number", at: node,
                notes: ["write it in \(unit), or with its unit such as '\(example)'"])
            return nil
        }
        var value = number
        if !unitText.isEmpty {
            let key = Self.normalise(unitText)
            guard let factor = factors[key] else {
                r.error(
                    "unknown unit '\(unitText)' for \(name)", at: node,
                    notes: ["write \(name) in \(unit), or with one of these units: \(knownUnits)"])
                return nil
            }
            value = number * factor
        }
        if plausible.contains(value) { return value }
        let shown = r.format(number)
        if unitText.isEmpty, let mix = mixUps.first(where: { $0.range.contains(number) }) {
            r.error(
                "\(name) \(shown) is not plausible in \(unit); it looks like \(mix.looksLike)", at: node,
                notes: [
                    "write '\(shown) \(mix.write)' to have it converted, or give the value in \(unit) (\(r.format(((number * mix.factor) * 100).rounded() / 100)))"
                ])
        } else {
            r.error(
                "\(name) \(unitText.isEmpty ? shown : "'\(text)'") is not plausible (\(r.format(plausible.lowerBound)) to \(r.format(plausible.upperBound)) \(unit))",
                at: node, notes: ["check the value and its unit"])
        }
        return nil
    }

    private var example: String { name == "haemoglobin" ? "9.1 g/dL" : "45 x10^9/L" }
    private var knownUnits: String { name == "haemoglobin" ? "g/L, g/dL, mmol/L" : "x10^9/L, K/uL, /uL" }

    /// "9.1 g/dL" → (9.1, "g/dL"); "45" → (45, "").
    static func split(_ text: String) -> (Double?, String) {
        let trimmed = text.trimmingCharacters(in: " ")
        var end = trimmed.startIndex
        for i in trimmed.indices {
            let c = trimmed[i]
            if c.isNumber || c == "." || (i == trimmed.startIndex && (c == "-" || c == "+")) {
                end = trimmed.index(after: i)
            } else {
                break
            }
        }
        let number = Double(trimmed[..<end])
        return (number, trimmed[end...].trimmingCharacters(in: " "))
    }

    /// Lower-case, without spaces, `^`, `*`; ×→x, ⁹→9, ³→3, µ/μ→u.
    static func normalise(_ unit: String) -> String {
        var out = ""
        for c in unit.lowercased() {
            switch c {
            case " ", "^", "*": continue
            case "×": out.append("x")
            case "⁹": out.append("9")
            case "³": out.append("3")
            case "µ", "μ": out.append("u")
            default: out.append(c)
            }
        }
        return out
    }
}

/// Reads the clinical dates of a profile and keeps each with where it was written, so that a
/// date after the day checked can be reported at its place.
final class DateLog {
    let r: NodeReader
    private(set) var written: [WrittenDate] = []

    init(_ r: NodeReader) { self.r = r }

    func read(_ node: YAMLNode?, _ field: String) -> LocalDate? {
        guard let node, let d = r.date(node, field.split(separator: ".").last.map(String.init) ?? field) else {
            return nil
        }
        written.append(WrittenDate(field: field, date: d, location: r.location(node)))
        return d
    }
}

/// Words in a clearance note that say what not to do ("no flexion", "avoid twisting").
enum RestrictionWords {
    static let negations = ["no", "not", "avoid", "without", "never"]
    static let movements = [
        "flexion", "bending", "bend", "twist", "twisting", "rotation", "lifting", "lift", "impact",
        "loading", "overhead", "extension", "side-bending",
    ]

    static func readsLikeRestriction(_ note: String) -> Bool {
        let words = note.lowercased().split { !$0.isLetter && $0 != "-" }.map(String.init)
        guard words.contains(where: negations.contains) else { return false }
        return words.contains(where: movements.contains)
    }
}
