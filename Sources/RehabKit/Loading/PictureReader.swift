import YAMLReader

/// Reads an exercise's `picture:` (FORMAT.md §1, "The picture") and checks it against the
/// exercise: a start pose in another position than the exercise's, or a pose that asks a movement
/// the tags do not list, is a warning at the pose (the picture would show the patient something
/// the safety rules were not told about).
enum PictureReader {
    static let keys = ["start", "end", "props", "brace", "arrows"]
    static let poseKeys = ["pose"] + Joint.allCases.map(\.rawValue)
    static let arrowKeys = ["at", "direction", "panel"]

    static func read(_ node: YAMLNode, _ r: NodeReader, position: Position, movements: Set<Movement>?) -> Located<
        Picture
    >? {
        guard let f = r.fields(node, "a picture", known: keys, required: ["start"]) else { return nil }
        let start = f["start"].flatMap { readPose($0, r) }
        let end = f["end"].flatMap { readPose($0, r) }
        let props = r.list(f["props"], "props") { r.word($0, "prop", as: Prop.self) } ?? []
        let brace = r.bool(f["brace"], "brace") ?? false
        let arrows = r.list(f["arrows"], "arrows") { readArrow($0, r, hasEnd: f["end"] != nil) } ?? []
        guard let start, f["end"] == nil || end != nil else { return nil }
        let picture = Picture(start: start.value, end: end?.value, props: props, brace: brace, arrows: arrows)

        if position != .any, start.value.posture.position != position {
            r.warning(
                "the picture starts \(start.value.posture.words), but the exercise's position is '\(position.rawValue)'",
                at: start.at,
                notes: [
                    "draw the position the steps start in: pose '\(Posture.allCases.first { $0.position == position }!.rawValue)'"
                ])
        }
        if let movements {
            let listed = Exercise.withImplied(movements, position: position)
            for pose in [start, end].compactMap({ $0 }) {
                let shown = pose.value.movements.union(pose.value.posture.position.impliedMovements)
                let missing = shown.subtracting(listed)
                if !missing.isEmpty {
                    let tags = missing.sorted().map(\.rawValue).joined(separator: ", ")
                    r.warning(
                        "the picture shows \(tags), which movements does not list", at: pose.at,
                        notes: [
                            "the safety rules judge the exercise by its tags: add \(tags) to movements, or draw the pose the steps ask"
                        ])
                }
            }
        }
        return Located(picture, at: r.location(node))
    }

    /// A pose and the node of its `pose:` word (where a warning about it points).
    static func readPose(_ node: YAMLNode, _ r: NodeReader) -> (value: Pose, at: YAMLNode)? {
        guard let f = r.fields(node, "a pose", known: poseKeys, required: ["pose"]),
            let postureNode = f["pose"]
        else { return nil }
        let posture = r.word(postureNode, "pose", as: Posture.self)
        var angles: [Joint: Int] = [:]
        var ok = true
        for joint in Joint.allCases {
            guard let value = f[joint.rawValue] else { continue }
            if let n = r.int(value, "\(joint.rawValue)", in: joint.range, unit: "degrees") {
                angles[joint] = n
            } else {
                ok = false
            }
        }
        guard let posture, ok else { return nil }
        let frontOnly: Set<Joint> = [.hipOut, .armOut, .shift]
        for joint in angles.keys.sorted() where (posture == .standingFront) != frontOnly.contains(joint) {
            r.warning(
                "'\(joint.rawValue)' is not drawn in pose '\(posture.rawValue)'", at: f.key(joint.rawValue) ?? node,
                notes: [
                    posture == .standingFront
                        ? "a figure seen from the front shows hip_out, arm_out and shift"
                        : "hip_out, arm_out and shift are drawn in pose 'standing-front'"
                ])
        }
        return (Pose(posture, angles), postureNode)
    }

    static func readArrow(_ node: YAMLNode, _ r: NodeReader, hasEnd: Bool) -> Arrow? {
        guard let f = r.fields(node, "an arrow", known: arrowKeys, required: ["at", "direction"]) else { return nil }
        let at = r.word(f["at"], "arrow point", as: Arrow.Point.self)
        let direction = r.word(f["direction"], "arrow direction", as: Arrow.Direction.self)
        var onEnd = false
        if let panel = f["panel"], let word = r.string(panel, "panel") {
            switch word {
            case "start": onEnd = false
            case "end" where hasEnd: onEnd = true
            case "end": r.error("an arrow on the end panel needs an end pose", at: panel)
            default: r.error("unknown panel '\(word)'", at: panel, notes: ["expected one of: start, end"])
            }
        }
        guard let at, let direction else { return nil }
        return Arrow(at: at, direction: direction, onEnd: onEnd)
    }
}
