import Foundation
import RehabScan
import SheetGeometry

/// Synthetic phone photos of a printed page (issue 23): a pinhole camera 30–45 cm from the page,
/// tilted up to 25° from straight above in any direction and turned any way about its own axis, so
/// that the page is a true perspective (its far edge smaller than its near one by up to half);
/// on a plain or patterned table, unevenly lit, with a hard shadow, blurred, noisy and JPEG.
extension ScanSynth {
    public struct Photo: Sendable, CustomStringConvertible {
        /// Millimetres from the camera to the point of the page it is aimed at; the camera moves
        /// back (5 % a step) until the whole page is in the frame, as a person framing it would.
        public var distance = 400.0
        /// Degrees from straight above, and the direction of the tilt in the page's plane.
        public var tilt = 0.0
        public var tiltDirection = 0.0
        /// Degrees the camera is turned about its own axis: 0 the page upright, 180 upside down.
        public var roll = 0.0
        /// Where the camera is aimed, millimetres from the page's centre.
        public var aimX = 0.0, aimY = 0.0
        /// The photo's long side in pixels (4:3), and the field of view along it in degrees (a phone's
        /// main camera: 26 mm equivalent, about 66°).
        public var longSide = 2400
        public var fieldOfView = 66.0
        /// The table: its grey, and a check pattern of this many millimetres a square (0: plain) in
        /// `patternDark` and the table's grey.
        public var table = 120.0
        public var pattern = 0.0
        public var patternDark = 60.0
        /// The darkest corner's share of full light; a hard shadow's darkening (0: none), its edge's
        /// angle and distance from the centre (a share of the half-diagonal).
        public var light = 1.0
        public var shadow = 0.0
        public var shadowAngle = 0.0
        public var shadowOffset = 0.0
        /// A curled page: one edge (0 top, 1 right, 2 bottom, 3 left of the page) lifted this many
        /// millimetres towards the camera, the paper bent round a cylinder over its last
        /// `curlLength` millimetres (0: flat).
        public var curl = 0.0
        public var curlEdge = 0
        public var curlLength = 80.0
        /// 0–1: how much of a 3 × 3 blur is mixed in (a photo a little out of focus or shaken).
        public var blur = 0.0
        public var noise = 3.0
        public var jpeg: Int? = 60
        /// Samples a pixel each way (2: the camera's pixels average the page, as a sensor does).
        public var samples = 2
        public init() {}

        public var description: String {
            var s = String(
                format: "photo %.0f mm, tilt %.1f° towards %.0f°, roll %.1f°, light %.2f, blur %.2f, noise %.1f",
                distance, tilt, tiltDirection, roll, light, blur, noise)
            if shadow > 0 { s += String(format: ", shadow %.2f", shadow) }
            if pattern > 0 { s += String(format: ", table checks %.0f mm", pattern) }
            if curl > 0 { s += String(format: ", edge %d curled %.0f mm over %.0f mm", curlEdge, curl, curlLength) }
            if let jpeg { s += ", JPEG \(jpeg)" }
            return s
        }

        /// A random photo: 300–450 mm, tilt within `tilt`, any direction, any quarter turn ± 8°,
        /// light 0.6–1, blur 0–0.6, noise 2–6 levels, JPEG 50–70, a plain table.
        public static func random(_ rng: inout Random, tilt: ClosedRange<Double> = 0...25, longSide: Int = 2400)
            -> Photo
        {
            var p = Photo()
            p.distance = Double.random(in: 300...450, using: &rng)
            p.tilt = Double.random(in: tilt, using: &rng)
            p.tiltDirection = Double.random(in: 0..<360, using: &rng)
            p.roll = Double(Int.random(in: 0..<4, using: &rng)) * 90 + Double.random(in: -8...8, using: &rng)
            p.aimX = Double.random(in: -15...15, using: &rng)
            p.aimY = Double.random(in: -15...15, using: &rng)
            p.longSide = longSide
            p.table = Double.random(in: 60...190, using: &rng)
            p.light = Double.random(in: 0.6...1, using: &rng)
            p.blur = Double.random(in: 0...0.6, using: &rng)
            p.noise = Double.random(in: 2...6, using: &rng)
            p.jpeg = Int.random(in: 50...70, using: &rng)
            return p
        }
    }

    /// The camera of a photo: where it stands and looks, and the page as it lies (flat, or curled
    /// at one edge). `hit` follows a pixel's ray to the page; `project` takes a point of the page to
    /// the photo (the truth the bench measures where a box was read against).
    public struct Camera: Sendable {
        typealias V = (x: Double, y: Double, z: Double)
        let photo: Photo
        /// The page's size (mm), the photo's (pixels), its centre and focal length (pixels).
        let pw: Double, ph: Double
        let w: Int, h: Int
        let cx: Double, cy: Double, focal: Double
        let position: V, forward: V, right: V, down: V
        /// The bent part's length along the page and the radius it is bent round (mm).
        let bendLength: Double, radius: Double

        static func dot(_ a: V, _ b: V) -> Double { a.x * b.x + a.y * b.y + a.z * b.z }
        static func norm(_ a: V) -> V {
            let l = dot(a, a).squareRoot()
            return (a.x / l, a.y / l, a.z / l)
        }

        /// The camera of `p` over a page `pw` × `ph` mm: moved back 5 % at a time until the whole
        /// page is in the frame.
        init(_ p: Photo, pageWidth pw: Double, pageHeight ph: Double) {
            photo = p
            self.pw = pw
            self.ph = ph
            // The page lies in z = 0, millimetres from its top-left corner, printed side towards -z.
            let t = p.tilt * .pi / 180
            let dir = p.tiltDirection * .pi / 180
            let roll = p.roll * .pi / 180
            let forward = Self.norm((sin(t) * cos(dir), sin(t) * sin(dir), cos(t)))
            let a: V = (cos(roll), sin(roll), 0)
            let right = Self.norm(
                (
                    a.x - Self.dot(a, forward) * forward.x, a.y - Self.dot(a, forward) * forward.y,
                    a.z - Self.dot(a, forward) * forward.z
                ))
            let down: V = (
                forward.y * right.z - forward.z * right.y, forward.z * right.x - forward.x * right.z,
                forward.x * right.y - forward.y * right.x
            )
            let portrait = abs(cos(roll)) >= abs(sin(roll))
            let short = p.longSide * 3 / 4
            (w, h) = portrait ? (short, p.longSide) : (p.longSide, short)
            focal = Double(p.longSide) / 2 / tan(p.fieldOfView * .pi / 360)
            cx = Double(w) / 2
            cy = Double(h) / 2
            (self.forward, self.right, self.down) = (forward, right, down)
            let target: V = (pw / 2 + p.aimX, ph / 2 + p.aimY, 0)
            var distance = p.distance
            var camera: V = (0, 0, 0)
            let (focal, cx, cy, w, h) = (self.focal, self.cx, self.cy, self.w, self.h)
            for _ in 0..<40 {
                camera = (
                    target.x - distance * forward.x, target.y - distance * forward.y, target.z - distance * forward.z
                )
                let inside = [(0.0, 0.0), (pw, 0), (pw, ph), (0, ph)].allSatisfy { (x, y) in
                    let d: V = (x - camera.x, y - camera.y, -camera.z)
                    let z = Self.dot(d, forward)
                    let u = cx + focal * Self.dot(d, right) / z
                    let v = cy + focal * Self.dot(d, down) / z
                    return z > 0 && u > 0.03 * Double(w) && u < 0.97 * Double(w) && v > 0.03 * Double(h)
                        && v < 0.97 * Double(h)
                }
                if inside { break }
                distance *= 1.05
            }
            position = camera
            // A curl: the paper past `curlLength` from the edge is flat; nearer it, bent round a
            // cylinder of radius r (r (1 − cos(L / r)) = lift), so the paper keeps its length.
            let bendLength = min(p.curlLength, p.curlEdge % 2 == 0 ? ph : pw)
            var radius = bendLength * bendLength / max(1e-9, 2 * p.curl)
            for _ in 0..<20 where p.curl > 0 {
                radius = max(bendLength / 1.5, radius * radius * (1 - cos(bendLength / radius)) / p.curl)
            }
            self.bendLength = bendLength
            self.radius = radius
        }

        /// Along the bent axis: millimetres from the curled edge (on the flat page).
        func fromEdge(_ x: Double, _ y: Double) -> Double { [y, pw - x, ph - y, x][photo.curlEdge & 3] }
        func onAxis(_ x: Double, _ y: Double, _ d: Double) -> (Double, Double) {
            [(x, d), (pw - d, y), (x, ph - d), (d, y)][photo.curlEdge & 3]
        }

        /// The ray through the photo's point (`u`, `v`) in pixels.
        func ray(_ u: Double, _ v: Double) -> V {
            let x = (u - cx) / focal
            let y = (v - cy) / focal
            return (
                right.x * x + down.x * y + forward.x, right.y * x + down.y * y + forward.y,
                right.z * x + down.z * y + forward.z
            )
        }

        /// Where a ray from the camera meets the page: the page's point (mm) and the bend's angle
        /// there, or the table's point (z = 0) when it misses the page.
        func hit(_ ray: V) -> (x: Double, y: Double, angle: Double, onPage: Bool) {
            let camera = position
            func plane(_ z: Double) -> (Double, Double) {
                let s = (z - camera.z) / ray.z
                return (camera.x + s * ray.x, camera.y + s * ray.y)
            }
            var (wx, wy) = plane(0)
            guard photo.curl > 0 else { return (wx, wy, 0, true) }
            // The height under the ray, found by following it (the bend is gentle enough to converge).
            var z = 0.0
            var met = false
            for _ in 0..<24 {
                (wx, wy) = plane(z)
                let past = bendLength - fromEdge(wx, wy)
                let next = past > 0 ? -radius * (1 - cos(asin(min(1, past / radius)))) : 0
                if abs(next - z) < 0.005 {
                    met = true
                    break
                }
                z = next
            }
            // A ray the following did not settle on the paper (it went on to the cylinder's far side
            // or over the edge) meets the table: before, such rays drew a second, detached copy of
            // the bent part beside the page (a code and two marks on the table).
            guard met else {
                let (tx, ty) = plane(0)
                return (tx, ty, 0, false)
            }
            let past = bendLength - fromEdge(wx, wy)
            guard past > 0 else { return (wx, wy, 0, true) }
            let angle = asin(min(1, past / radius))
            guard past < radius, radius * angle <= bendLength else {
                let (tx, ty) = plane(0)
                return (tx, ty, 0, false)
            }
            let (px, py) = onAxis(wx, wy, bendLength - radius * angle)
            return (px, py, angle, true)
        }

        /// Where the page's point (`x`, `y`) in mm is in the photo (pixels): on the bent part, lifted
        /// and drawn in towards the edge's line as the paper keeps its length.
        public func project(_ x: Double, _ y: Double) -> (Double, Double) {
            var point: V = (x, y, 0)
            let past = bendLength - fromEdge(x, y)
            if photo.curl > 0, past > 0 {
                let angle = past / radius
                let (bx, by) = onAxis(x, y, bendLength - radius * sin(angle))
                point = (bx, by, -radius * (1 - cos(angle)))
            }
            let d: V = (point.x - position.x, point.y - position.y, point.z - position.z)
            let z = Self.dot(d, forward)
            return (cx + focal * Self.dot(d, right) / z, cy + focal * Self.dot(d, down) / z)
        }
    }

    /// The page (a raster at `dpi` of the whole sheet of paper) photographed as `p` says.
    public static func photograph(_ page: GrayImage, dpi: Int, _ p: Photo, rng: inout Random) throws(ScanError)
        -> GrayImage
    {
        let mm = 25.4 / Double(dpi)
        let camera = Camera(p, pageWidth: Double(page.width) * mm, pageHeight: Double(page.height) * mm)
        let (w, h, cx, cy) = (camera.w, camera.h, camera.cx, camera.cy)
        let (pw, ph) = (camera.pw, camera.ph)
        var out = GrayImage(width: w, height: h)
        let n = max(1, p.samples)
        let reach = (Double(w * w + h * h)).squareRoot() / 2
        var gauss = GaussianNoise()
        for v in 0..<h {
            for u in 0..<w {
                var g = 0.0
                for sj in 0..<n {
                    for si in 0..<n {
                        let (wx, wy, angle, onPage) = camera.hit(
                            camera.ray(
                                Double(u) + (Double(si) + 0.5) / Double(n), Double(v) + (Double(sj) + 0.5) / Double(n)))
                        if onPage, wx >= 0, wy >= 0, wx < pw, wy < ph {
                            // The bent paper turned from the light a little.
                            g += page.sample(wx / mm, wy / mm) * (1 - 0.3 * sin(angle))
                        } else if p.pattern > 0,
                            (Int((wx / p.pattern).rounded(.down)) + Int((wy / p.pattern).rounded(.down))) % 2 != 0
                        {
                            g += p.patternDark
                        } else {
                            g += p.table
                        }
                    }
                }
                g /= Double(n * n)
                let fall = (Double(u) / Double(w) + Double(v) / Double(h)) / 2
                g *= 1 - (1 - p.light) * fall
                if p.shadow > 0 {
                    // A hard shadow: its edge a pixel or two wide.
                    let along =
                        (Double(u) - cx) * cos(p.shadowAngle) + (Double(v) - cy) * sin(p.shadowAngle) - p.shadowOffset
                        * reach
                    g *= 1 - p.shadow * max(0, min(1, along / 3 + 0.5))
                }
                out[u, v] = UInt8(max(0, min(255, g.rounded())))
            }
        }
        if p.blur > 0 {
            let src = out
            for v in 1..<(h - 1) {
                for u in 1..<(w - 1) {
                    var sum = 0
                    for dy in -1...1 { for dx in -1...1 { sum += Int(src[u + dx, v + dy]) } }
                    out[u, v] = UInt8((Double(src[u, v]) * (1 - p.blur) + Double(sum) / 9 * p.blur).rounded())
                }
            }
        }
        if p.noise > 0 {
            for i in out.pixels.indices {
                out.pixels[i] = UInt8(max(0, min(255, (Double(out.pixels[i]) + gauss.next(&rng) * p.noise).rounded())))
            }
        }
        if let q = p.jpeg { out = try ImageCodec.decodeJPEG(ImageCodec.encodeJPEG(out, quality: q)) }
        return out
    }

    /// A pen circle round a box (a pain number circled instead of ticked): an ellipse 0.8–1.6 mm
    /// clear of the box each way, not always closed.
    public static func circle(
        _ box: SheetLayout.Rect, on image: inout GrayImage, transform: Homography, rng: inout Random
    ) {
        let cx = box.centerX + Double.random(in: -0.3...0.3, using: &rng)
        let cy = box.centerY + Double.random(in: -0.3...0.3, using: &rng)
        let rx = box.w / 2 + Double.random(in: 0.8...1.6, using: &rng)
        let ry = box.h / 2 + Double.random(in: 0.6...1.1, using: &rng)
        let start = Double.random(in: 0..<(2 * .pi), using: &rng)
        let sweep = Double.random(in: 1.8...2.1, using: &rng) * .pi
        let ink = Double.random(in: 20...60, using: &rng)
        let width = Double.random(in: 0.45...0.7, using: &rng)
        let steps = 32
        var last = (cx + rx * cos(start), cy + ry * sin(start))
        for k in 1...steps {
            let a = start + sweep * Double(k) / Double(steps)
            let next = (cx + rx * cos(a), cy + ry * sin(a))
            line(last, next, widthMM: width, ink: ink, on: &image, transform: transform)
            last = next
        }
    }
}
