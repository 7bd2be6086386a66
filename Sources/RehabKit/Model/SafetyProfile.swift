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
    /// The open reports behind `reportedRedFlags`, with their dates.
    public var openRedFlags: [ReportedRedFlag] = []
    /// Neurological deficits a team has assessed as known and stable (SAFETY.md): they do not fire
    /// the cord-compression rule while the team that may record them did so.
    public var knownDeficits: [KnownDeficit]?
    /// Red flags from the log that a clinician has addressed after the report.
    public var resolved: [ResolvedSymptom]?
    /// Findings the team has already acted on: their alerts move to "acknowledged".
    public var acknowledged: [Acknowledgement]?
    /// Arm lymphoedema: a note for the patient and slower arm-loading progression, no block.
    public var lymphoedema: Lymphoedema?
    /// Earlier assessments kept by `rehab reassess` (`history:`), newest first: what a carried-over
    /// clearance, acknowledgement or known deficit is compared with.
    public var history: [SafetyProfile] = []
    /// Every clinical date the profile gives, with where it was written: none may lie after the
    /// day checked.
    public var writtenDates: [WrittenDate] = []
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

    public init(
        new: Bool? = nil, worsening: Bool? = nil, nightPain: Bool? = nil, worseOnStraining: Bool? = nil,
        region: SpinalRegion? = nil
    ) {
        self.new = new
        self.worsening = worsening
        self.nightPain = nightPain
        self.worseOnStraining = worseOnStraining
        self.region = region
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

/// Blood counts in the units the rules use.
public struct Labs: Hashable, Sendable {
    /// Platelets, ×10⁹/L.
    public var platelets: Double?
    /// Haemoglobin, g/L.
    public var haemoglobin: Double?
    /// Neutrophils, ×10⁹/L.
    public var neutrophils: Double?
    public var date: LocalDate?

    public init(
        platelets: Double? = nil, haemoglobin: Double? = nil, neutrophils: Double? = nil, date: LocalDate? = nil
    ) {
        self.platelets = platelets
        self.haemoglobin = haemoglobin
        self.neutrophils = neutrophils
        self.date = date
    }
}
