/// An exercise's drawn picture (`picture:` in an exercise file, FORMAT.md §1): one or two poses
/// (start and end), the props around the figure, the brace when worn, and arrows for the movement.
/// `FigureRenderer` draws it as black line art in SVG.
public struct Picture: Sendable, Equatable {
    public var start: Pose
    /// The end pose; nil for a picture of one panel (a position held, a breathing exercise).
    public var end: Pose?
    public var props: [Prop]
    /// The brace drawn on the trunk (the exercise is done in the brace).
    public var brace: Bool
    public var arrows: [Arrow]

    public init(start: Pose, end: Pose? = nil, props: [Prop] = [], brace: Bool = false, arrows: [Arrow] = []) {
        self.start = start
        self.end = end
        self.props = props
        self.brace = brace
        self.arrows = arrows
    }

    /// The poses in panel order.
    public var poses: [Pose] { [start] + (end.map { [$0] } ?? []) }
}

/// The base postures a pose starts from; its joint angles then say what differs.
public enum Posture: String, CaseIterable, Sendable, Codable {
    /// Lying on the back, seen from the side.
    case lying
    /// Lying on one side, seen from above (the bed an outline).
    case sideLying = "side-lying"
    /// Sitting on a chair (or the edge of the bed), seen from the side.
    case sitting
    /// Standing, seen from the side.
    case standing
    /// Standing, seen from the front (sideways movements: a leg out to the side, weight shifts).
    case standingFront = "standing-front"

    /// The exercise position this posture is done in.
    public var position: Position {
        switch self {
        case .lying: return .lying
        case .sideLying: return .sideLying
        case .sitting: return .sitting
        case .standing, .standingFront: return .standing
        }
    }

    /// The posture in the patient's words, for alt text.
    public var words: String {
        switch self {
        case .lying: return "lying on the back"
        case .sideLying: return "lying on one side"
        case .sitting: return "sitting"
        case .standing: return "standing"
        case .standingFront: return "standing, seen from the front"
        }
    }
}

/// The joints whose angle a pose may set, in degrees. Flexion is positive (`hip: 90` is the hip of
/// a person sitting; `knee: 90` a knee bent at a right angle); 0 is the straight, neutral joint.
public enum Joint: String, CaseIterable, Sendable, Codable, Comparable {
    /// Whole trunk leaning forward (negative: back) from the posture's line, pivoting at the hips.
    case trunk
    case neck, shoulder, elbow, hip, knee
    /// Pointing the foot (plantar flexion) positive; pulling the toes up negative.
    case ankle
    /// Front view only: the leg (`hip_out`) and arm (`arm_out`) moved out to the side.
    case hipOut = "hip_out"
    case armOut = "arm_out"
    /// Front view only: the body's weight shifted to one side, in degrees of lean.
    case shift

    public static func < (a: Joint, b: Joint) -> Bool { a.rawValue < b.rawValue }

    /// The angles a joint may be given.
    public var range: ClosedRange<Int> {
        switch self {
        case .trunk: return -30...90
        case .neck: return -45...60
        case .shoulder: return -45...180
        case .elbow: return 0...150
        case .hip: return -30...130
        case .knee: return 0...150
        case .ankle: return -30...50
        case .hipOut: return 0...45
        case .armOut: return 0...180
        case .shift: return -20...20
        }
    }

    /// The joint in the patient's words, for alt text.
    public var words: String {
        switch self {
        case .trunk: return "trunk leaning"
        case .neck: return "neck bent"
        case .shoulder: return "arm raised"
        case .elbow: return "elbow bent"
        case .hip: return "hip bent"
        case .knee: return "knee bent"
        case .ankle: return "foot pointed"
        case .hipOut: return "leg out to the side"
        case .armOut: return "arm out to the side"
        case .shift: return "weight shifted"
        }
    }
}

/// One panel's figure: a posture and the joint angles that differ from it.
public struct Pose: Sendable, Equatable {
    public var posture: Posture
    public var angles: [Joint: Int]

    public init(_ posture: Posture, _ angles: [Joint: Int] = [:]) {
        self.posture = posture
        self.angles = angles
    }

    /// The angle of `joint`: the one written, else the posture's own.
    public func angle(_ joint: Joint) -> Int { angles[joint] ?? Self.defaults(posture)[joint] ?? 0 }

    /// Each posture's resting angles (a joint not listed is at 0).
    public static func defaults(_ posture: Posture) -> [Joint: Int] {
        switch posture {
        case .lying: return [.ankle: 0]
        case .sideLying: return [.hip: 45, .knee: 60, .shoulder: 70, .elbow: 60]
        case .sitting: return [.hip: 90, .knee: 90, .elbow: 30]
        case .standing: return [.elbow: 10]
        case .standingFront: return [.armOut: 10]
        }
    }

    /// What the pose asks of the body beyond its posture's position: the trunk bent forward 30°
    /// or more from the hips or the bed (spinal flexion; a straight body leaning at a wall is not),
    /// bent back (spinal extension: a bridge, a back bend; not sitting back against a backrest),
    /// the head tilted back, arms above the head (overhead), a leg out or the weight shifted (balance).
    public var movements: Set<Movement> {
        var out: Set<Movement> = []
        let trunk = angle(.trunk)
        switch posture {
        case .lying, .sideLying:
            if trunk >= 30 { out.insert(.spinalFlexion) }
            if trunk <= -10 { out.insert(.spinalExtension) }
        case .sitting, .standing:
            // The trunk against the thigh, beyond the posture's own hip angle.
            let bend = trunk + angle(.hip) - (Self.defaults(posture)[.hip] ?? 0)
            if trunk >= 30, bend >= 15 { out.insert(.spinalFlexion) }
            if posture == .standing, trunk <= -10 { out.insert(.spinalExtension) }
        case .standingFront:
            break
        }
        if angle(.neck) <= -20 { out.insert(.spinalExtension) }
        if angle(.shoulder) >= 150 || angle(.armOut) >= 150 { out.insert(.overhead) }
        if angle(.shift) != 0 || angle(.hipOut) != 0 { out.insert(.balance) }
        return out
    }
}

/// Things drawn with the figure; each is placed from the figure (the wall at its hands, the chair
/// under it when sitting and at its hand when standing).
public enum Prop: String, CaseIterable, Sendable, Codable {
    case bed, chair, wall, pillow, stick, frame, band, worktop
}

/// An arrow for the movement, at a point of the figure.
public struct Arrow: Sendable, Equatable {
    public enum Point: String, CaseIterable, Sendable, Codable {
        case head, chest, tummy, shoulder, hand, hips, knee, foot
    }

    /// Directions as the figure faces: `forward` is the way it looks.
    public enum Direction: String, CaseIterable, Sendable, Codable {
        case up, down, forward, back, out
    }

    public var at: Point
    public var direction: Direction
    /// The panel it is drawn in: the start (default) or the end.
    public var onEnd: Bool

    public init(at: Point, direction: Direction, onEnd: Bool = false) {
        self.at = at
        self.direction = direction
        self.onEnd = onEnd
    }
}
