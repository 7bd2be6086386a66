/// A patient's clinical state as the safety rules read it (FORMAT.md §3).
/// Every field is optional in the model: a field the file does not give is *missing*, and the
/// safety rules decide on missing fields by failing closed, never by assuming "no problem".
public struct SafetyProfile: Sendable {
    public var assessed: LocalDate?
    public var suspectedCordCompression: Bool?
    public var neuroSymptoms: [NeuroSymptom]?
    public var backPain: BackPain?
    public var spinalMetastases: SpinalMetastases?
    public var longBoneLesions: [LongBoneLesion]?
    public var boneDensity: BoneDensity?
    public var vertebralFracture: Bool?
    public var weightBearing: WeightBearing?
    public var brace: Brace?
    public var clearance: [Clearance]?
    public var labs: Labs?
    /// True when febrile; also true when `temperatureC` ≥ 38.0.
    public var fever: Bool?
    /// Body temperature in °C, when written instead of (or with) `fever`.
    public var temperatureC: Double?
    /// Current pain, NRS 0–10.
    public var pain: Int?
    /// Fatigue screen 0–10 (words none/mild/moderate/severe map to 0/1/4/7, NCCN bands).
    public var fatigue: Int?
    /// Red flags the patient reported in the progress log since `assessed` (nil: no log consulted).
    public var reportedRedFlags: [String]?
    /// The file it was read from and where it starts.
    public var location: SourceLocation

    public init(location: SourceLocation) {
        self.location = location
    }

    /// Fever as the rules see it: the flag, or a temperature of 38.0 °C or more.
    public var isFebrile: Bool? {
        if fever == true { return true }
        if let t = temperatureC { return t >= 38.0 }
        return fever
    }
}

public enum NeuroSymptom: String, CaseIterable, Sendable, Codable {
    case legWeakness = "leg-weakness"
    case armWeakness = "arm-weakness"
    case numbness
    case pinsAndNeedles = "pins-and-needles"
    case gaitDifficulty = "gait-difficulty"
    case bladderBowelChange = "bladder-bowel-change"
    case saddleNumbness = "saddle-numbness"
    case bandLikePain = "band-like-pain"
    case handStiffness = "hand-stiffness"
}

public enum SpinalRegion: String, CaseIterable, Sendable {
    case cervical, thoracic, lumbar, sacral
}

public struct BackPain: Hashable, Sendable {
    public var new: Bool?
    public var worsening: Bool?
    public var nightPain: Bool?
    public var worseOnStraining: Bool?
    public var region: SpinalRegion?

    public init(new: Bool? = nil, worsening: Bool? = nil, nightPain: Bool? = nil, worseOnStraining: Bool? = nil,
                region: SpinalRegion? = nil) {
        self.new = new
        self.worsening = worsening
        self.nightPain = nightPain
        self.worseOnStraining = worseOnStraining
        self.region = region
    }
}

public enum SpinalStability: String, CaseIterable, Sendable {
    case unknown, stable
    case potentiallyUnstable = "potentially-unstable"
    case unstable, stabilised
}

public struct SpinalMetastases: Sendable {
    public var present: Bool?
    public var levels: [VertebralLevel]?
    public var stability: SpinalStability?
    /// SINS 0–18: as written, or computed from `sinsParts`.
    public var sins: Int?
    public var sinsParts: SINSParts?

    public init(present: Bool? = nil, levels: [VertebralLevel]? = nil, stability: SpinalStability? = nil,
                sins: Int? = nil, sinsParts: SINSParts? = nil) {
        self.present = present
        self.levels = levels
        self.stability = stability
        self.sins = sins
        self.sinsParts = sinsParts
    }
}

public enum Limb: String, CaseIterable, Sendable {
    case upper, lower
}

public struct LongBoneLesion: Sendable {
    /// Free text: `left-femur`, `right humerus`.
    public var site: String?
    /// As written, or from `mirelsParts.site`, or from a bone named in `site`.
    public var limb: Limb?
    /// Mirels 4–12: as written, or computed from `mirelsParts`.
    public var mirels: Int?
    public var mirelsParts: MirelsParts?

    public init(site: String? = nil, limb: Limb? = nil, mirels: Int? = nil, mirelsParts: MirelsParts? = nil) {
        self.site = site
        self.limb = limb
        self.mirels = mirels
        self.mirelsParts = mirelsParts
    }
}

public enum BoneDensity: String, CaseIterable, Sendable {
    case normal, osteopenia, osteoporosis, unknown
}

public enum WeightBearing: String, CaseIterable, Sendable {
    case full, partial, none
}

/// When a prescribed brace is worn.
public enum BraceWear: String, CaseIterable, Sendable {
    /// Sitting up, standing and walking.
    case upright
    /// Whenever out of bed.
    case outOfBed = "out-of-bed"
    /// Day and night.
    case always
    case asNeeded = "as-needed"
}

public struct Brace: Hashable, Sendable {
    /// TLSO, lumbar, cervical collar … as prescribed.
    public var type: String
    public var wearWhen: BraceWear?
    public var notes: String?
}

public struct Clearance: Hashable, Sendable {
    /// Who cleared the patient: `spinal-team`, `oncologist`, a name.
    public var by: String
    public var date: LocalDate
    public var note: String?
}

/// Blood counts in the units the rules use.
public struct Labs: Hashable, Sendable {
    /// Platelets, ×10⁹/L.
    public var platelets: Double?
    /// Haemoglobin, g/L.
    public var haemoglobin: Double?
    /// Neutrophils, ×10⁹/L.
    public var neutrophils: Double?
    public var date: LocalDate?

    public init(platelets: Double? = nil, haemoglobin: Double? = nil, neutrophils: Double? = nil, date: LocalDate? = nil) {
        self.platelets = platelets
        self.haemoglobin = haemoglobin
        self.neutrophils = neutrophils
        self.date = date
    }
}
