/// Which arm lymphoedema affects (`lymphoedema: {side: left | right | both}`).
public enum LymphoedemaSide: String, CaseIterable, Sendable {
    case left, right, both
}

/// Arm lymphoedema (`lymphoedema: {side, garment}`). It blocks nothing by itself: slowly
/// progressed resistance work of that arm is safe and lowers flare-ups (Schmitz et al., NEJM
/// 2009; Campbell et al., MSSE 2019). It adds a patient note and slows the progression of
/// arm-loading items (the rule `lymphoedema`).
public struct Lymphoedema: Hashable, Sendable {
    public var side: LymphoedemaSide
    /// A compression garment is prescribed (nil: not said).
    public var garment: Bool?

    public init(side: LymphoedemaSide, garment: Bool? = nil) {
        self.side = side
        self.garment = garment
    }
}
