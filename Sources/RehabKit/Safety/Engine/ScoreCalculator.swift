/// `rehab score sins|mirels`: a score from its parts with the same code the profile reader uses,
/// its band, and what the default rules then do to a home programme.
public struct ScoreResult: Sendable {
    public var total: Int
    /// Each part with its points ("lesion lytic 2").
    public var parts: [(name: String, value: String, points: Int)]
    public var band: String
    /// What the rules do with it, rule by rule, in the care team's words.
    public var meaning: [String]
}

public enum ScoreCalculator {
    /// SINS (Fisher et al., Spine 2010) from its six parts; `location` may come from `levels`.
    public static func sins(_ parts: SINSParts, levels: [VertebralLevel] = [], rules: RuleSet = .defaults)
        -> ScoreResult?
    {
        var p = parts
        if p.location == nil { p.location = levels.map(\.sinsLocation).max { $0.points < $1.points } }
        guard let location = p.location, let total = p.total else { return nil }
        let band = SINSParts.band(total)
        var profile = SafetyProfile(location: SourceLocation(file: "score", line: 1, column: 1))
        profile.spinalMetastases = SpinalMetastases(present: true, levels: levels, sins: total, sinsParts: p)
        return ScoreResult(
            total: total,
            parts: [
                ("location", location.rawValue, location.points), ("pain", p.pain.rawValue, p.pain.points),
                ("lesion", p.lesion.rawValue, p.lesion.points), ("alignment", p.alignment.rawValue, p.alignment.points),
                ("collapse", p.collapse.rawValue, p.collapse.points),
                ("posterolateral", p.posterolateral.rawValue, p.posterolateral.points),
            ],
            band:
                "\(band == .stable ? "stable" : band == .potentiallyUnstable ? "potentially unstable" : "unstable") (0–6 stable, 7–12 potentially unstable, 13–18 unstable)",
            meaning: meaning(profile, rules: rules, reading: "spinal_metastases"))
    }

    /// Mirels (Clin Orthop 1989) from its four parts, for a lesion of `bone` when given.
    public static func mirels(_ parts: MirelsParts, bone: Bone? = nil, rules: RuleSet = .defaults) -> ScoreResult {
        let total = parts.total
        var profile = SafetyProfile(location: SourceLocation(file: "score", line: 1, column: 1))
        profile.longBoneLesions = [
            LongBoneLesion(
                site: bone?.rawValue, bone: bone, limb: bone?.limb ?? parts.site.limb,
                mirels: total, mirelsParts: parts)
        ]
        profile.weightBearing = .full
        let band =
            total >= 9
            ? "high risk of fracture (9 or more: 33–100 %; prophylactic fixation)"
            : total == 8 ? "borderline (8: about 15 %; clinical judgement)" : "low risk (7 or less: 4 % or less)"
        return ScoreResult(
            total: total,
            parts: [
                ("site", parts.site.rawValue, parts.site.points), ("pain", parts.pain.rawValue, parts.pain.points),
                ("lesion", parts.lesion.rawValue, parts.lesion.points),
                ("size", parts.size.rawValue, parts.size.points),
            ],
            band: band, meaning: meaning(profile, rules: rules, reading: "long_bone_lesions"))
    }

    /// The rules that read `reading` and fire for the profile, with what they do.
    static func meaning(_ profile: SafetyProfile, rules: RuleSet, reading: String) -> [String] {
        let view = ProfileView(profile, asOf: nil)
        let fired = rules.rules.filter { $0.when.fieldNames.contains { $0.hasPrefix(reading) } }
            .compactMap { SafetyEngine.evaluate($0, view) }.filter { $0.truth == .yes }
        guard !fired.isEmpty else { return ["no default rule restricts exercise for this score"] }
        return fired.map { f in
            var effects = f.rule.then.summaries
            if let level = f.rule.then.alert { effects.append("alert \(level.rawValue)") }
            return "\(f.rule.id): \(effects.joined(separator: "; "))"
        }
    }
}
