public enum Limb: String, CaseIterable, Sendable {
    case upper, lower
}

public enum BodySide: String, CaseIterable, Sendable {
    case left, right
}

/// The bones a long-bone lesion may name (SAFETY.md): one bone per entry, its limb derived.
public enum Bone: String, CaseIterable, Sendable {
    case femur, tibia, fibula, patella, pelvis, acetabulum
    case humerus, radius, ulna, clavicle, scapula

    public var limb: Limb {
        switch self {
        case .femur, .tibia, .fibula, .patella, .pelvis, .acetabulum: return .lower
        case .humerus, .radius, .ulna, .clavicle, .scapula: return .upper
        }
    }
}

public struct LongBoneLesion: Sendable {
    /// As written: `left-femur`, `right humerus`.
    public var site: String?
    /// The bone `site` names.
    public var bone: Bone?
    public var side: BodySide?
    /// From the bone; as written when no bone is named.
    public var limb: Limb?
    /// Mirels 4–12: as written, or computed from `mirelsParts`.
    public var mirels: Int?
    public var mirelsParts: MirelsParts?

    public init(
        site: String? = nil, bone: Bone? = nil, side: BodySide? = nil, limb: Limb? = nil, mirels: Int? = nil,
        mirelsParts: MirelsParts? = nil
    ) {
        self.site = site
        self.bone = bone
        self.side = side
        self.limb = limb ?? bone?.limb
        self.mirels = mirels
        self.mirelsParts = mirelsParts
    }
}
