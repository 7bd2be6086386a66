/// Closed vocabularies of the file formats. Raw values are the words authors write.

public enum ExerciseKind: String, CaseIterable, Sendable, Codable {
    case activity, posture, bracing, breathing, mobility, strength, relaxation, education
}

public enum Position: String, CaseIterable, Sendable, Codable {
    case lying
    case sideLying = "side-lying"
    case sitting, standing, any

    /// What the position asks of the body whatever the tags say (SAFETY.md): standing is upright
    /// and weight-bearing, sitting is upright.
    public var impliedMovements: Set<Movement> {
        switch self {
        case .standing: return [.upright, .weightBearing]
        case .sitting: return [.upright]
        default: return []
        }
    }
}

/// What an exercise asks of the body; the safety rules act on these tags.
public enum Movement: String, CaseIterable, Sendable, Codable, Comparable {
    case spinalFlexion = "spinal-flexion"
    case spinalExtension = "spinal-extension"
    case spinalRotation = "spinal-rotation"
    case sideBending = "side-bending"
    case axialLoading = "axial-loading"
    case lifting, impact, resistance
    case breathHolding = "breath-holding"
    case weightBearing = "weight-bearing"
    case upright, balance, overhead, prone
    case legLoading = "leg-loading"
    case armLoading = "arm-loading"
    case aerobic
    /// Extension: loading through the hip (trochanteric region). Implies `leg-loading`.
    case hipLoading = "hip-loading"
    /// Extension: loading through the shoulder (proximal humerus). Implies `arm-loading`.
    case shoulderLoading = "shoulder-loading"

    public static func < (a: Movement, b: Movement) -> Bool { a.rawValue < b.rawValue }

    /// The tags this one implies, so that a rule blocking leg-loading also blocks hip-loading
    /// (fail closed: a more specific tag never escapes a general block).
    public var implied: [Movement] {
        switch self {
        case .hipLoading: return [.legLoading]
        case .shoulderLoading: return [.armLoading]
        default: return []
        }
    }
}

/// Borg 6–20 RPE bands: very-light ≤ 9, light 10–11, moderate 12–13, vigorous ≥ 14.
public enum Intensity: String, CaseIterable, Sendable, Codable, Comparable {
    case veryLight = "very-light"
    case light, moderate, vigorous

    public var rank: Int { Intensity.allCases.firstIndex(of: self)! }

    public static func < (a: Intensity, b: Intensity) -> Bool { a.rank < b.rank }

}

public enum TimeOfDay: String, CaseIterable, Sendable, Codable {
    case morning, midday, afternoon, evening, any
}

public enum Side: String, CaseIterable, Sendable, Codable {
    case each, left, right, both
}
