public enum SpinalStability: String, CaseIterable, Sendable {
    case unknown, stable
    case potentiallyUnstable = "potentially-unstable"
    case unstable, stabilised
}

/// Surgical stabilisation of the spine (`surgery: {date, procedure}`).
public struct SpinalSurgery: Hashable, Sendable {
    public var date: LocalDate
    public var procedure: String?

    public init(date: LocalDate, procedure: String? = nil) {
        self.date = date
        self.procedure = procedure
    }
}

public struct SpinalMetastases: Sendable {
    public var present: Bool?
    public var levels: [VertebralLevel]?
    public var stability: SpinalStability?
    /// SINS 0–18: as written, or computed from `sinsParts`. After surgical stabilisation this is
    /// the pre-operative score.
    public var sins: Int?
    public var sinsParts: SINSParts?
    public var surgery: SpinalSurgery?

    public init(
        present: Bool? = nil, levels: [VertebralLevel]? = nil, stability: SpinalStability? = nil,
        sins: Int? = nil, sinsParts: SINSParts? = nil, surgery: SpinalSurgery? = nil
    ) {
        self.present = present
        self.levels = levels
        self.stability = stability
        self.sins = sins
        self.sinsParts = sinsParts
        self.surgery = surgery
    }
}

extension SafetyProfile {
    /// Surgically stabilised and cleared after it (SAFETY.md): `stability: stabilised`, a date of
    /// surgery, and a spinal-team or spinal-surgeon clearance dated after the operation, on or after
    /// the assessment it clears, and not after `asOf`. Then a pre-operative SINS no longer drives the
    /// unstable-spine rules.
    public func isStabilisedAndCleared(asOf: LocalDate?) -> Bool {
        postOperativeClearance(asOf: asOf) != nil
    }

    /// The clearance that makes the spine count as stabilised (see `isStabilisedAndCleared`).
    public func postOperativeClearance(asOf: LocalDate?) -> Clearance? {
        guard let m = spinalMetastases, m.stability == .stabilised, let surgery = m.surgery else { return nil }
        return clearance?.first { c in
            ClinicalTeam.spinal.contains(c.by) && c.date > surgery.date && countsForThisAssessment(c.date)
                && (asOf.map { c.date <= $0 } ?? true)
        }
    }
}
