import Foundation

/// Draws an exercise's `Picture` as black line art in SVG: one figure of fixed proportions (a
/// head, a trunk and limbs as rounded strokes), one panel per pose (start, then end, with an arrow
/// between), the props placed from the figure, the brace on the trunk, arrows for the movement.
/// One SVG unit is one CSS pixel, the same scale in every picture, so a standing figure is
/// about 26 mm high at its natural size. The SVG carries a `<title>` and a `<desc>` (the alt text)
/// and nothing else: no script, no style sheet, no link, no external reference.
public enum FigureRenderer {
    /// Segment lengths, in SVG units.
    enum Body {
        static let trunk = 30.0, neck = 3.0, head = 6.5
        static let upperArm = 15.0, forearm = 14.0
        static let thigh = 23.0, shin = 22.0, foot = 7.0
        static let pelvis = 5.0, shoulders = 9.0
    }

    /// Stroke widths: the trunk, the limbs, the head's outline, the props, the arrows.
    enum Stroke {
        static let trunk = 9.0, limb = 5.0, head = 3.0, prop = 2.0, arrow = 2.2
    }

    static let margin = 6.0, gap = 18.0

    /// The picture as an SVG document with `title` (the exercise's name) and its alt text. Two
    /// panels stand side by side, or one above the other when both are wide (figures lying down),
    /// so that the picture stays compact beside the steps.
    public static func svg(_ picture: Picture, title: String) -> String {
        let panels = picture.poses.enumerated().map { i, pose in
            panel(pose, picture: picture, arrows: picture.arrows.filter { $0.onEnd == (i == 1) })
        }
        let stacked = panels.count > 1 && panels.allSatisfy { $0.box.width > 1.4 * $0.box.height }
        var body = ""
        var width = 0.0
        var height = 0.0
        if stacked {
            width = (panels.map(\.box.width).max() ?? 0) + 2 * margin
            for (i, p) in panels.enumerated() {
                if i > 0 {
                    // The arrow from start to end, between the panels.
                    body += line(Point(width / 2, height + 3), Point(width / 2, height + gap - 3), width: Stroke.arrow)
                    body += head(at: Point(width / 2, height + gap - 3), towards: 90)
                    height += gap
                }
                let h = p.box.height + 2 * margin
                body += place(p, dx: (width - p.box.width) / 2 - p.box.minX, dy: height + h - margin - p.box.maxY)
                height += h
            }
        } else {
            height = (panels.map(\.box.height).max() ?? 0) + 2 * margin
            for (i, p) in panels.enumerated() {
                if i > 0 {
                    body += line(Point(width + 3, height / 2), Point(width + gap - 3, height / 2), width: Stroke.arrow)
                    body += head(at: Point(width + gap - 3, height / 2), towards: 0)
                    width += gap
                }
                // Bottom-aligned: the ground is at the same height in every panel.
                body += place(p, dx: width + margin - p.box.minX, dy: height - margin - p.box.maxY)
                width += p.box.width + 2 * margin
            }
        }
        return """
            <svg xmlns="http://www.w3.org/2000/svg" width="\(fmt(width))" height="\(fmt(height))" viewBox="0 0 \(fmt(width)) \(fmt(height))" role="img">\
            <title>\(escape(title))</title><desc>\(escape(altText(picture)))</desc>\
            <g fill="none" stroke="#000" stroke-linecap="round" stroke-linejoin="round">\(body)</g></svg>

            """
    }

    static func place(_ p: Panel, dx: Double, dy: Double) -> String {
        "<g transform=\"translate(\(fmt(dx)) \(fmt(dy)))\">\(p.svg)</g>"
    }

    /// The picture in words, for alt text: each pose with the angles written, the props, the
    /// brace, the arrows.
    public static func altText(_ picture: Picture) -> String {
        var parts: [String] = []
        for (i, pose) in picture.poses.enumerated() {
            let label = picture.end == nil ? "" : (i == 0 ? "Start: " : "End: ")
            let angles = Joint.allCases.compactMap { j in pose.angles[j].map { angleWords(j, $0) } }
            parts.append(label + ([pose.posture.words] + angles).joined(separator: ", ") + ".")
        }
        if !picture.props.isEmpty {
            parts.append("With: " + picture.props.map(\.rawValue).joined(separator: ", ") + ".")
        }
        if picture.brace { parts.append("Wearing the brace.") }
        if !picture.arrows.isEmpty {
            parts.append(
                "Arrows: " + picture.arrows.map { "\($0.at.rawValue) \($0.direction.rawValue)" }.joined(separator: ", ")
                    + ".")
        }
        return parts.joined(separator: " ")
    }

    static func angleWords(_ joint: Joint, _ n: Int) -> String {
        if n >= 0 { return "\(joint.words) \(n) degrees" }
        let back: String
        switch joint {
        case .trunk: back = "trunk leaning back"
        case .neck: back = "head tilted back"
        case .shoulder: back = "arm behind the body"
        case .hip: back = "leg behind the body"
        case .ankle: back = "toes pulled up"
        case .shift: back = "weight shifted to the other side"
        default: back = joint.words
        }
        return "\(back) \(-n) degrees"
    }

    // MARK: Geometry

    struct Point: Equatable {
        var x, y: Double
        init(_ x: Double, _ y: Double) {
            self.x = x
            self.y = y
        }
        static func + (a: Point, b: Point) -> Point { Point(a.x + b.x, a.y + b.y) }
        /// The point `length` from here in direction `degrees` (0: forward, 90: up).
        func towards(_ degrees: Double, _ length: Double) -> Point {
            let r = degrees * .pi / 180
            return Point(x + cos(r) * length, y + sin(r) * length)
        }
    }

    struct Box {
        var minX = Double.infinity, minY = Double.infinity, maxX = -Double.infinity, maxY = -Double.infinity
        var width: Double { maxX - minX }
        var height: Double { maxY - minY }
        mutating func add(_ p: Point, pad: Double = 0) {
            minX = min(minX, p.x - pad)
            maxX = max(maxX, p.x + pad)
            minY = min(minY, p.y - pad)
            maxY = max(maxY, p.y + pad)
        }
    }

    /// The figure's points, y up, the hips at the origin.
    struct Figure {
        var hips = Point(0, 0), shoulder = Point(0, 0), head = Point(0, 0)
        var elbow = Point(0, 0), hand = Point(0, 0), knee = Point(0, 0), ankle = Point(0, 0), toe = Point(0, 0)
        /// Front view: the second arm and leg (elbow and knee unused), the pelvis and shoulder line.
        var hand2: Point?, ankle2: Point?, toe2: Point?
        var trunkDirection = 90.0

        /// Every point of the figure moved by `t` (the second arm and leg too, where there are).
        mutating func move(_ t: (Point) -> Point) {
            (hips, shoulder, head, elbow, hand) = (t(hips), t(shoulder), t(head), t(elbow), t(hand))
            (knee, ankle, toe) = (t(knee), t(ankle), t(toe))
            (hand2, ankle2, toe2) = (hand2.map(t), ankle2.map(t), toe2.map(t))
        }

        var limbs: [[Point]] {
            var out = [[shoulder, elbow, hand], [hips, knee, ankle, toe]]
            if let hand2 { out.append([shoulder, hand2]) }
            if let ankle2, let toe2 { out.append([hips, ankle2, toe2]) }
            return out
        }
        var chest: Point { along(0.7) }
        var tummy: Point { along(0.35) }
        func along(_ t: Double) -> Point {
            Point(hips.x + (shoulder.x - hips.x) * t, hips.y + (shoulder.y - hips.y) * t)
        }
        var foot: Point { Point((ankle.x + toe.x) / 2, (ankle.y + toe.y) / 2) }
        var lowest: Double {
            (limbs.flatMap { $0 } + [hips, shoulder]).map { $0.y - Stroke.limb / 2 }.min()!
                .clampedBelow(head.y - Body.head - Stroke.head / 2)
        }
        func point(_ p: Arrow.Point) -> Point {
            switch p {
            case .head: return head
            case .chest: return chest
            case .tummy: return tummy
            case .shoulder: return shoulder
            case .hand: return hand
            case .hips: return hips
            case .knee: return knee
            case .foot: return foot
            }
        }
    }

    /// The figure of `pose`: side views from the joint angles (the figure faces right; lying, its
    /// feet are to the right), side-lying as the back-lying figure seen from above.
    static func figure(_ pose: Pose) -> Figure {
        let a = { (j: Joint) in Double(pose.angle(j)) }
        var f = Figure()
        if pose.posture == .standingFront {
            let trunk = 90 - a(.shift)
            f.trunkDirection = trunk
            f.shoulder = f.hips.towards(trunk, Body.trunk)
            f.head = f.shoulder.towards(trunk, Body.neck + Body.head)
            let leg = Body.thigh + Body.shin
            let left = Point(-Body.pelvis, 0)
            let right = Point(Body.pelvis, 0)
            f.knee = left.towards(-90, Body.thigh)
            f.ankle = left.towards(-90, leg)
            f.toe = f.ankle.towards(180, Body.foot * 0.6)
            f.ankle2 = right.towards(-90 + a(.hipOut), leg)
            f.toe2 = f.ankle2!.towards(a(.hipOut), Body.foot * 0.6)
            let arm = Body.upperArm + Body.forearm
            let ls = f.shoulder.towards(trunk + 90, Body.shoulders)
            let rs = f.shoulder.towards(trunk - 90, Body.shoulders)
            f.elbow = ls.towards(trunk + 180 + a(.armOut), Body.upperArm)
            f.hand = ls.towards(trunk + 180 + a(.armOut), arm)
            f.hand2 = rs.towards(trunk + 180 - a(.armOut), arm)
            return f
        }
        let base: Double = [.lying, .sideLying].contains(pose.posture) ? 180 : 90
        let trunk = base - a(.trunk)
        f.trunkDirection = trunk
        f.shoulder = f.hips.towards(trunk, Body.trunk)
        f.head = f.shoulder.towards(trunk - a(.neck), Body.neck + Body.head)
        let upper = trunk - 180 + a(.shoulder)
        f.elbow = f.shoulder.towards(upper, Body.upperArm)
        f.hand = f.elbow.towards(upper + a(.elbow), Body.forearm)
        let thigh = base - 180 + a(.hip)
        f.knee = f.hips.towards(thigh, Body.thigh)
        let shin = thigh - a(.knee)
        f.ankle = f.knee.towards(shin, Body.shin)
        f.toe = f.ankle.towards(shin + 90 - a(.ankle), Body.foot)
        if pose.posture == .sideLying {
            // Seen from above: the figure's front faces down the page.
            // The hips are the origin (the panel lifts every point after).
            f.move { Point($0.x, -$0.y) }
            f.trunkDirection = -trunk
        }
        return f
    }

    // MARK: Panels

    struct Panel {
        var svg: String
        var box: Box
    }

    /// One pose drawn with its props, brace and arrows, in figure coordinates (y up; the SVG
    /// group flips it).
    static func panel(_ pose: Pose, picture: Picture, arrows: [Arrow]) -> Panel {
        var f = figure(pose)
        // Stand the figure on the ground (y = 0): its lowest point; a sitting figure sits at the
        // seat height of a chair (a foot lifted off the floor stays lifted).
        let seat = pose.posture == .sitting ? f.hips.y - Body.shin - Stroke.limb / 2 : f.lowest
        let lift = -min(seat, f.lowest)
        f.move { Point($0.x, $0.y + lift) }

        var box = Box()
        var out = ""
        func stroke(_ points: [Point], _ width: Double) {
            for p in points { box.add(p, pad: width / 2) }
            out += polyline(points, width: width)
        }
        // Props first, so the figure is drawn over them.
        let props = Set(picture.props)
        var body = Box()
        for p in f.limbs.flatMap({ $0 }) + [f.hips, f.shoulder] { body.add(p, pad: Stroke.limb / 2) }
        body.add(f.head, pad: Body.head + Stroke.head / 2)
        for prop in Self.drawn(props, posture: pose.posture) {
            for shape in propShapes(prop, f, body: body, posture: pose.posture) { stroke(shape, Stroke.prop) }
        }
        // The floor under a figure that is not on a bed (seen from above, side-lying has none).
        if pose.posture != .sideLying, pose.posture != .lying || !props.contains(.bed) {
            stroke([Point(min(body.minX, box.minX) - 4, 0), Point(max(body.maxX, box.maxX) + 4, 0)], Stroke.prop)
        }
        stroke([f.hips, f.shoulder], Stroke.trunk)
        for limb in f.limbs { stroke(limb, Stroke.limb) }
        box.add(f.head, pad: Body.head + Stroke.head / 2)
        out +=
            "<circle cx=\"\(fmt(f.head.x))\" cy=\"\(fmt(-f.head.y))\" r=\"\(fmt(Body.head))\" stroke-width=\"\(fmt(Stroke.head))\"/>"
        if picture.brace {
            // A band round the middle of the trunk, with a strap line.
            let t = f.trunkDirection
            let a = f.hips.towards(t, Body.trunk * 0.2)
            let b = f.hips.towards(t, Body.trunk * 0.75)
            let w = 8.0
            let corners = [
                a.towards(t + 90, w), b.towards(t + 90, w), b.towards(t - 90, w), a.towards(t - 90, w),
                a.towards(t + 90, w),
            ]
            out += "<g fill=\"#fff\">" + polyline(corners, width: Stroke.prop) + "</g>"
            for corner in corners { box.add(corner, pad: Stroke.prop) }
            let m = f.hips.towards(t, Body.trunk * 0.475)
            out += polyline([m.towards(t + 90, w), m.towards(t - 90, w)], width: Stroke.prop)
        }
        for arrow in arrows {
            let d = direction(arrow.direction, posture: pose.posture)
            let p = f.point(arrow.at)
            let from = p.towards(d, 9)
            let to = p.towards(d, 22)
            box.add(from, pad: 3)
            box.add(to, pad: 5)
            out += line(flip(from), flip(to), width: Stroke.arrow) + head(at: flip(to), towards: -d)
        }
        return Panel(svg: out, box: Box(minX: box.minX, minY: -box.maxY, maxX: box.maxX, maxY: -box.minY))
    }

    /// The props a pose is drawn with: those written, and a chair under a figure sitting on nothing.
    static func drawn(_ props: Set<Prop>, posture: Posture) -> [Prop] {
        var out = Prop.allCases.filter(props.contains)
        if posture == .sitting, !props.contains(.chair), !props.contains(.bed) { out.insert(.chair, at: 0) }
        return out
    }

    /// The page direction (degrees, y up) of an arrow: up and down on the page, forward the way the
    /// figure faces (to the right; lying, towards its feet), out to the side (front view: to the right).
    static func direction(_ d: Arrow.Direction, posture: Posture) -> Double {
        switch d {
        case .up: return posture == .sideLying ? -90 : 90
        case .down: return posture == .sideLying ? 90 : -90
        case .forward, .out: return 0
        case .back: return 180
        }
    }

    /// The outlines of a prop, placed from the figure (ground at y = 0, `body` its extent).
    static func propShapes(_ prop: Prop, _ f: Figure, body: Box, posture: Posture) -> [[Point]] {
        // Reaching out in front (to a wall, a worktop, a chair's back), not arms crossed on the chest.
        let handForward = f.hand.x > f.hips.x + 16
        switch (prop, posture) {
        case (.bed, .sideLying):
            return [rect(body.minX - 6, body.minY - 6, body.maxX + 6, body.maxY + 6)]
        case (.bed, .lying):
            let top = 0.0
            return [
                rect(body.minX - 5, top - 8, body.maxX + 5, top),
                [Point(body.minX - 2, top - 8), Point(body.minX - 2, top - 16)],
                [Point(body.maxX + 2, top - 8), Point(body.maxX + 2, top - 16)],
            ]
        case (.bed, .sitting):
            let seat = f.hips.y - Stroke.trunk / 2
            return [
                rect(f.hips.x - 45, seat - 8, f.hips.x + 10, seat),
                [Point(f.hips.x + 8, seat - 8), Point(f.hips.x + 8, 0)],
                [Point(f.hips.x - 43, seat - 8), Point(f.hips.x - 43, 0)],
            ]
        case (.chair, .sitting):
            return chair(backX: f.hips.x - 8, seat: f.hips.y - Stroke.trunk / 2, facing: 1)
        case (.chair, .standing), (.chair, .standingFront):
            if posture == .standingFront {
                // Beside the figure, its back under the hand.
                return chair(backX: f.hand.x - 2, seat: max(f.hand.y - 22, 12), facing: -1, backTop: f.hand.y - 2)
            }
            if handForward {
                return chair(backX: f.hand.x + 3, seat: max(f.hand.y - 22, 12), facing: 1, backTop: f.hand.y - 2)
            }
            // The chair just got up from, behind the legs.
            return chair(backX: body.minX - 22, seat: 24, facing: 1)
        case (.bed, _):
            return [
                rect(body.minX - 40, 22, body.minX - 4, 30), [Point(body.minX - 38, 22), Point(body.minX - 38, 0)],
                [Point(body.minX - 6, 22), Point(body.minX - 6, 0)],
            ]
        case (.chair, _):
            return chair(backX: body.maxX + 20, seat: 24, facing: -1)
        case (.wall, _):
            let top = max(body.maxY + 6, 40)
            if handForward || posture == .sideLying {
                let x = max(f.hand.x, f.toe.x) + Stroke.limb / 2 + 1
                return [[Point(x, 0), Point(x, top)]]
            }
            let x = body.minX - 1
            return [[Point(x, 0), Point(x, top)]]
        case (.pillow, .lying), (.pillow, .sideLying):
            let y = posture == .sideLying ? f.head.y : f.head.y - Body.head - 1
            return [rect(f.head.x - 10, y - 3, f.head.x + 9, y + 3)]
        case (.pillow, _):
            // Behind the back of a sitting figure.
            let p = f.chest
            return [rect(p.x - 8, p.y - 7, p.x - 4, p.y + 7)]
        case (.stick, .standing), (.stick, .standingFront):
            if f.hand.y < f.shoulder.y { return [[Point(f.hand.x + 1, f.hand.y + 3), Point(f.hand.x + 3, 0)]] }
            fallthrough
        case (.stick, _):
            // Held in the hands, across the forearm.
            let d = atan2(f.hand.y - f.elbow.y, f.hand.x - f.elbow.x) * 180 / .pi
            return [[f.hand.towards(d + 90, 9), f.hand.towards(d - 90, 9)]]
        case (.frame, _):
            let x = max(f.hand.x, body.maxX - 4)
            let top = f.hand.y
            return [
                [Point(x - 2, 0), Point(x - 2, top), Point(x + 16, top), Point(x + 18, 0)],
                [Point(x - 1, top - 14), Point(x + 17, top - 14)],
            ]
        case (.worktop, .standingFront):
            // Its edge, across the figure at the hands.
            return [[Point(body.minX - 8, f.hand.y), Point(body.maxX + 8, f.hand.y)]]
        case (.worktop, _):
            let x = f.hand.x + Stroke.limb / 2
            return [
                rect(x, 0, x + 26, f.hand.y - Stroke.limb / 2),
                [Point(x - 3, f.hand.y - Stroke.limb / 2), Point(x + 26, f.hand.y - Stroke.limb / 2)],
            ]
        case (.band, _):
            // From the hand to an anchor in front of the figure.
            let anchor = Point(body.maxX + 22, f.hand.y)
            return [[f.hand, anchor], [Point(anchor.x, anchor.y - 3), Point(anchor.x, anchor.y + 3)]]
        }
    }

    /// A chair seen from the side: `facing` 1 faces right (its back on the left).
    static func chair(backX: Double, seat: Double, facing: Double, backTop: Double? = nil) -> [[Point]] {
        let front = backX + facing * 20
        let top = backTop ?? seat + 24
        return [[Point(backX, top), Point(backX, 0)], [Point(backX, seat), Point(front, seat), Point(front, 0)]]
    }

    static func rect(_ x0: Double, _ y0: Double, _ x1: Double, _ y1: Double) -> [Point] {
        [Point(x0, y0), Point(x1, y0), Point(x1, y1), Point(x0, y1), Point(x0, y0)]
    }

    // MARK: SVG

    static func flip(_ p: Point) -> Point { Point(p.x, -p.y) }

    /// A polyline in figure coordinates (y up), flipped for SVG.
    static func polyline(_ points: [Point], width: Double) -> String {
        let d = points.enumerated().map { i, p in (i == 0 ? "M" : "L") + "\(fmt(p.x)) \(fmt(-p.y))" }.joined(
            separator: " ")
        return "<path d=\"\(d)\" stroke-width=\"\(fmt(width))\"/>"
    }

    /// A straight line in SVG coordinates (y down).
    static func line(_ a: Point, _ b: Point, width: Double) -> String {
        "<path d=\"M\(fmt(a.x)) \(fmt(a.y)) L\(fmt(b.x)) \(fmt(b.y))\" stroke-width=\"\(fmt(width))\"/>"
    }

    /// An arrowhead at `p` (SVG coordinates) pointing `degrees` (SVG: y down).
    static func head(at p: Point, towards degrees: Double) -> String {
        let a = p.towards(degrees + 150, 6)
        let b = p.towards(degrees - 150, 6)
        return
            "<path d=\"M\(fmt(a.x)) \(fmt(a.y)) L\(fmt(p.x)) \(fmt(p.y)) L\(fmt(b.x)) \(fmt(b.y))\" stroke-width=\"\(fmt(Stroke.arrow))\"/>"
    }

    /// A number with at most one decimal, never "-0".
    static func fmt(_ x: Double) -> String {
        let r = (x * 10).rounded() / 10
        if r == 0 { return "0" }
        return r == r.rounded() ? String(Int(r)) : String(format: "%.1f", r)
    }

    static func escape(_ s: String) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}

extension Double {
    fileprivate func clampedBelow(_ other: Double) -> Double { Swift.min(self, other) }
}
