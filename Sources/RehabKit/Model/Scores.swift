/// A part of a clinical score: a closed set of words, each worth some points.
public protocol ScoredPart: RawRepresentable, CaseIterable, Sendable where RawValue == String {
    var points: Int { get }
}

// MARK: SINS — Spinal Instability Neoplastic Score (Fisher et al., Spine 2010), 0–18.

public enum SINSLocation: String, ScoredPart {
    case junctional, mobile
    case semiRigid = "semi-rigid"
    case rigid
    public var points: Int { [3, 2, 1, 0][Self.allCases.firstIndex(of: self)!] }
}

public enum SINSPain: String, ScoredPart {
    case mechanical, occasional
    case painFree = "pain-free"
    public var points: Int { [3, 1, 0][Self.allCases.firstIndex(of: self)!] }
}

public enum SINSLesion: String, ScoredPart {
    case lytic, mixed, blastic
    public var points: Int { [2, 1, 0][Self.allCases.firstIndex(of: self)!] }
}

public enum SINSAlignment: String, ScoredPart {
    case subluxation
    case newDeformity = "new-deformity"
    case normal
    public var points: Int { [4, 2, 0][Self.allCases.firstIndex(of: self)!] }
}

public enum SINSCollapse: String, ScoredPart {
    case over50 = "over-50"
    case under50 = "under-50"
    case noneOver50Involved = "none-over-50-involved"
    case none
    public var points: Int { [3, 2, 1, 0][Self.allCases.firstIndex(of: self)!] }
}

public enum SINSPosterolateral: String, ScoredPart {
    case bilateral, unilateral, none
    public var points: Int { [3, 1, 0][Self.allCases.firstIndex(of: self)!] }
}

public struct SINSParts: Hashable, Sendable {
    /// May be omitted when the levels give it.
    public var location: SINSLocation?
    public var pain: SINSPain
    public var lesion: SINSLesion
    public var alignment: SINSAlignment
    public var collapse: SINSCollapse
    public var posterolateral: SINSPosterolateral

    public init(
        location: SINSLocation?, pain: SINSPain, lesion: SINSLesion, alignment: SINSAlignment,
        collapse: SINSCollapse, posterolateral: SINSPosterolateral
    ) {
        self.location = location
        self.pain = pain
        self.lesion = lesion
        self.alignment = alignment
        self.collapse = collapse
        self.posterolateral = posterolateral
    }

    /// The total, or nil while the location is unknown.
    public var total: Int? {
        guard let location else { return nil }
        return location.points + pain.points + lesion.points + alignment.points + collapse.points
            + posterolateral.points
    }

    /// Fisher 2010 bands: 0–6 stable, 7–12 potentially unstable, 13–18 unstable.
    public static func band(_ total: Int) -> SpinalStability {
        switch total {
        case ..<7: return .stable
        case 7...12: return .potentiallyUnstable
        default: return .unstable
        }
    }
}

/// A vertebra: C1–C7, T1–T12, L1–L5, S1–S5, or the occiput (`C0`).
public struct VertebralLevel: Hashable, Comparable, Sendable, CustomStringConvertible {
    public enum Region: Int, Sendable, Comparable {
        case cervical, thoracic, lumbar, sacral
        public static func < (a: Region, b: Region) -> Bool { a.rawValue < b.rawValue }
        var letter: String { ["C", "T", "L", "S"][rawValue] }
        var range: ClosedRange<Int> { [0...7, 1...12, 1...5, 1...5][rawValue] }
    }

    public let region: Region
    public let number: Int

    /// Parses `T10`, `t10`, `L5`; nil for anything else.
    public init?(_ text: String) {
        guard let first = text.uppercased().first, let n = Int(text.dropFirst()) else { return nil }
        let region: Region
        switch first {
        case "C": region = .cervical
        case "T": region = .thoracic
        case "L": region = .lumbar
        case "S": region = .sacral
        default: return nil
        }
        guard region.range.contains(n) else { return nil }
        self.region = region
        self.number = n
    }

    public static func < (a: VertebralLevel, b: VertebralLevel) -> Bool { (a.region, a.number) < (b.region, b.number) }

    public var description: String { "\(region.letter)\(number)" }

    /// SINS location: junctional occiput–C2, C7–T2, T11–L1, L5–S1; mobile C3–C6, L2–L4;
    /// semi-rigid T3–T10; rigid S2–S5.
    public var sinsLocation: SINSLocation {
        switch (region, number) {
        case (.cervical, 0...2), (.cervical, 7), (.thoracic, 1...2), (.thoracic, 11...12), (.lumbar, 1),
            (.lumbar, 5), (.sacral, 1):
            return .junctional
        case (.cervical, _), (.lumbar, _): return .mobile
        case (.thoracic, _): return .semiRigid
        case (.sacral, _): return .rigid
        }
    }
}

// MARK: Mirels score for long-bone metastases (Mirels, Clin Orthop 1989), 4–12.

public enum MirelsSite: String, ScoredPart {
    case upperLimb = "upper-limb"
    case lowerLimb = "lower-limb"
    case trochanteric
    public var points: Int { Self.allCases.firstIndex(of: self)! + 1 }
    public var limb: Limb { self == .upperLimb ? .upper : .lower }
}

public enum MirelsPain: String, ScoredPart {
    case mild, moderate, functional
    public var points: Int { Self.allCases.firstIndex(of: self)! + 1 }
}

public enum MirelsLesion: String, ScoredPart {
    case blastic, mixed, lytic
    public var points: Int { Self.allCases.firstIndex(of: self)! + 1 }
}

public enum MirelsSize: String, ScoredPart {
    case underThird = "under-third"
    case thirdToTwoThirds = "third-to-two-thirds"
    case overTwoThirds = "over-two-thirds"
    public var points: Int { Self.allCases.firstIndex(of: self)! + 1 }
}

public struct MirelsParts: Hashable, Sendable {
    public var site: MirelsSite
    public var pain: MirelsPain
    public var lesion: MirelsLesion
    public var size: MirelsSize

    public init(site: MirelsSite, pain: MirelsPain, lesion: MirelsLesion, size: MirelsSize) {
        self.site = site
        self.pain = pain
        self.lesion = lesion
        self.size = size
    }

    public var total: Int { site.points + pain.points + lesion.points + size.points }
}
