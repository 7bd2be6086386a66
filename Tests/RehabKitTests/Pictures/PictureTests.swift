import Foundation
import RehabKit
import TestSupport
import Testing

/// Issue 27: an exercise's `picture:` — read, checked against the exercise, drawn.
struct PictureTests {
    /// One exercise file with `picture` (YAML lines indented by two) under the given position and tags.
    static func validate(position: String, movements: String, picture: String) throws -> [Diagnostic] {
        let ws = try TemporaryWorkspace()
        try ws.write(
            "Exercises/e.yaml",
            """
            id: e
            name: An exercise
            kind: mobility
            summary: Move gently.
            steps: [Move gently.]
            position: \(position)
            movements: \(movements)
            picture:
            \(picture)
            """)
        return Validation.run(root: ws.root, displayBase: ws.root, rules: nil).diagnostics
            .filter { $0.location.file == "Exercises/e.yaml" }
    }

    @Test func aPictureIsReadWithItsPosesPropsBraceAndArrows() throws {
        let ws = try TemporaryWorkspace()
        try ws.write(
            "Exercises/e.yaml",
            """
            id: e
            name: An exercise
            kind: strength
            summary: Lift your hips.
            steps: [Lift your hips.]
            position: lying
            movements: [spinal-extension, leg-loading]
            picture:
              start: {pose: lying, hip: 45, knee: 90}
              end: {pose: lying, trunk: -25, hip: 20, knee: 95}
              props: [bed, pillow]
              brace: true
              arrows: [{at: hips, direction: up}, {at: foot, direction: back, panel: end}]
            """)
        let report = Validation.run(root: ws.root, displayBase: ws.root, rules: nil)
        #expect(report.diagnostics.isEmpty, "\(report.diagnostics)")
        let picture = try #require(report.workspace.exercise("e")?.picture)
        #expect(
            picture.value
                == Picture(
                    start: Pose(.lying, [.hip: 45, .knee: 90]), end: Pose(.lying, [.trunk: -25, .hip: 20, .knee: 95]),
                    props: [.bed, .pillow], brace: true,
                    arrows: [Arrow(at: .hips, direction: .up), Arrow(at: .foot, direction: .back, onEnd: true)]))
        #expect(picture.location.line == 9)
    }

    /// A start pose in another position than the exercise's is a warning at its `pose:` word.
    @Test func aStartPoseContradictingThePositionIsAWarningAtThePose() throws {
        let found = try Self.validate(position: "sitting", movements: "[upright]", picture: "  start: {pose: lying}")
        #expect(found.count == 1, "\(found)")
        let d = try #require(found.first)
        #expect(d.severity == .warning)
        #expect(d.message == "the picture starts lying on the back, but the exercise's position is 'sitting'")
        #expect(d.location.line == 9 && d.location.column == 17, "\(d.location)")
        #expect(d.notes.contains { $0.contains("pose 'sitting'") })
    }

    /// A pose that shows a movement the tags leave out (arms overhead, a standing end pose) is a
    /// warning at that pose; an end pose in another posture is fine when the tags cover it.
    @Test func aPoseShowingAMovementTheTagsDoNotListIsAWarning() throws {
        let overhead = try Self.validate(
            position: "sitting", movements: "[upright]",
            picture: "  start: {pose: sitting}\n  end: {pose: sitting, shoulder: 160}")
        #expect(overhead.map(\.message) == ["the picture shows overhead, which movements does not list"])
        #expect(overhead.first?.location.line == 10)
        let standing = try Self.validate(
            position: "sitting", movements: "[upright]",
            picture: "  start: {pose: sitting}\n  end: {pose: standing}")
        #expect(standing.map(\.message) == ["the picture shows weight-bearing, which movements does not list"])
        let covered = try Self.validate(
            position: "sitting", movements: "[upright, weight-bearing, leg-loading]",
            picture: "  start: {pose: sitting}\n  end: {pose: standing}")
        #expect(covered.isEmpty, "\(covered)")
        let bridge = try Self.validate(
            position: "lying", movements: "[]", picture: "  start: {pose: lying, trunk: -25, hip: 20, knee: 95}")
        #expect(bridge.map(\.message) == ["the picture shows spinal-extension, which movements does not list"])
        // A straight body leaning at a wall is not spinal flexion.
        let wall = try Self.validate(
            position: "standing", movements: "[upright, weight-bearing]",
            picture: "  start: {pose: standing, trunk: 30, hip: -30, shoulder: 70, elbow: 90}\n  props: [wall]")
        #expect(wall.isEmpty, "\(wall)")
    }

    @Test func badPictureValuesAreLocatedErrors() throws {
        let found = try Self.validate(
            position: "lying", movements: "[]",
            picture: """
                  start: {pose: lieing, knee: 200}
                  end: {pose: lying, elbw: 10}
                  props: [sofa]
                  arrows: [{at: hips, direction: up, panel: middle}]
                """)
        let errors = found.filter { $0.severity == .error }.map(\.message)
        #expect(errors.contains("unknown pose 'lieing'"), "\(errors)")
        #expect(errors.contains("knee 200 is out of range (0 to 150 degrees)"), "\(errors)")
        #expect(errors.contains { $0.contains("elbw") }, "\(errors)")
        #expect(errors.contains("unknown prop 'sofa'"), "\(errors)")
        #expect(errors.contains("unknown panel 'middle'"), "\(errors)")
        #expect(found.first { $0.message == "unknown pose 'lieing'" }?.notes.contains { $0.contains("lying") } == true)
    }

    // MARK: The bundled library

    static let bundled = OpenWorkspace(root: Paths.packageRoot, displayBase: Paths.packageRoot)

    @Test func everyBundledExerciseButEducationHasAPicture() {
        let exercises = Self.bundled.workspace.exercises
        #expect(exercises.count >= 40)
        let missing = exercises.filter { $0.kind != .education && $0.picture == nil }.map(\.id.rawValue)
        #expect(missing.isEmpty, "without a picture: \(missing)")
    }

    @Test func bundledPicturesAgreeWithTheirExercises() {
        let warnings = Self.bundled.validation.diagnostics.filter { $0.message.contains("picture") }
        #expect(warnings.isEmpty, "\(warnings.map(\.description))")
    }

    /// The renderer's own output passes the check a clinic's SVG must pass, and has no script,
    /// no link and no style sheet at all.
    @Test func everyBundledPictureIsSafeSVG() {
        var drawn = 0
        for e in Self.bundled.workspace.exercises {
            guard let picture = e.picture?.value else { continue }
            let svg = FigureRenderer.svg(picture, title: e.name)
            #expect(SVGSafety.problem(Array(svg.utf8)) == nil, "\(e.id)")
            for word in ["script", "href", "<style", "url(", "foreignObject", "http"] {
                #expect(
                    !svg.contains(word) || (word == "http" && svg.components(separatedBy: "http").count == 2),
                    "\(e.id): \(word)")
            }
            #expect(
                svg.contains("<desc>")
                    && svg.contains("<title>\(e.name.replacingOccurrences(of: "&", with: "&amp;"))</title>"))
            drawn += 1
        }
        #expect(drawn >= 40)
    }

    @Test func theAltTextIsBuiltFromThePoses() {
        let picture = Picture(
            start: Pose(.lying, [.hip: 45, .knee: 90]), end: Pose(.lying, [.trunk: -25]), props: [.bed],
            brace: true, arrows: [Arrow(at: .hips, direction: .up)])
        #expect(
            FigureRenderer.altText(picture) == "Start: lying on the back, hip bent 45 degrees, knee bent 90 degrees. "
                + "End: lying on the back, trunk leaning back 25 degrees. With: bed. Wearing the brace. Arrows: hips up."
        )
    }

    // MARK: Goldens

    static let goldens: [(String, Picture)] = [
        ("lying-knees-bent", Picture(start: Pose(.lying, [.hip: 45, .knee: 90]), props: [.bed, .pillow])),
        ("side-lying", Picture(start: Pose(.sideLying), props: [.bed, .pillow])),
        ("sitting", Picture(start: Pose(.sitting), props: [.chair], arrows: [Arrow(at: .head, direction: .up)])),
        ("standing-brace", Picture(start: Pose(.standing), brace: true)),
        (
            "standing-front",
            Picture(
                start: Pose(.standingFront, [.armOut: 15]), end: Pose(.standingFront, [.armOut: 15, .hipOut: 25]),
                props: [.worktop], arrows: [Arrow(at: .foot, direction: .out)])
        ),
        (
            "bridge",
            Picture(
                start: Pose(.lying, [.hip: 45, .knee: 90]),
                end: Pose(.lying, [.trunk: -25, .hip: 20, .knee: 95, .neck: 25]),
                props: [.bed], arrows: [Arrow(at: .hips, direction: .up)])
        ),
        (
            "sit-to-stand",
            Picture(
                start: Pose(.sitting, [.trunk: 30, .shoulder: 20, .elbow: 120]),
                end: Pose(.standing, [.shoulder: 20, .elbow: 120]), props: [.chair],
                arrows: [Arrow(at: .hips, direction: .up)])
        ),
        ("wall", Picture(start: Pose(.standing, [.trunk: 15, .hip: -15, .shoulder: 75, .elbow: 0]), props: [.wall])),
        (
            "walking-aids",
            Picture(
                start: Pose(.standing, [.hip: 15, .knee: 10, .shoulder: 20, .elbow: 20]),
                end: Pose(.standing, [.shoulder: 45, .elbow: 45]),
                props: [.stick, .frame])
        ),
        (
            "band",
            Picture(
                start: Pose(.sitting, [.shoulder: 80, .elbow: 0]), end: Pose(.sitting, [.shoulder: -20, .elbow: 100]),
                props: [.chair, .band], arrows: [Arrow(at: .hand, direction: .back)])
        ),
    ]

    @Test(arguments: goldens.map(\.0))
    func theDrawnPoseMatchesItsGolden(_ name: String) throws {
        let picture = try #require(Self.goldens.first { $0.0 == name }?.1)
        let svg = FigureRenderer.svg(picture, title: name)
        if let problem = Golden.check(svg, file: Paths.packageRoot + "/Tests/RehabKitTests/Pictures/Golden/\(name).svg")
        {
            Issue.record("\(problem)")
        }
    }

    /// Fixed proportions: the same pose is drawn the same size whatever else the picture holds,
    /// and a standing figure is about 30 mm high at its natural size (1 unit = 1 CSS px).
    @Test func theFigureHasFixedProportions() throws {
        func size(_ p: Picture) -> (Double, Double) {
            let svg = FigureRenderer.svg(p, title: "t")
            let w = svg.firstMatch(of: /width="([0-9.]+)"/).map { Double($0.1)! } ?? 0
            let h = svg.firstMatch(of: /height="([0-9.]+)"/).map { Double($0.1)! } ?? 0
            return (w, h)
        }
        let one = size(Picture(start: Pose(.standing)))
        let two = size(Picture(start: Pose(.standing), end: Pose(.standing)))
        #expect(two.1 == one.1, "side by side: the same height")
        #expect(two.0 > 2 * one.0 - 1, "twice the width, plus the gap")
        let mm = one.1 * 25.4 / 96
        #expect(mm > 25 && mm < 32, "a standing figure is \(mm) mm high")
    }
}
