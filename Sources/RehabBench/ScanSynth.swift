import Foundation
import RehabKit
import RehabScan
import SheetGeometry

/// Synthetic scans for the tests and `rehab bench scan`: a clean raster of a printed sheet, ticked
/// with pen-like strokes, crosses, light pencil and stray marks, then rotated, skewed, scaled,
/// unevenly lit, noisy and JPEG-compressed.
public struct ScanSynth: Sendable {
    public enum Stroke: String, Sendable, CaseIterable {
        /// A pen check mark, its long arm often running past the box.
        case tick
        /// A pen cross.
        case cross
        /// A light pencil check mark.
        case pencil
        /// A small pen check mark in the lower half of the box.
        case small
    }

    /// The seeded generator of the synthetic scans: the same seed makes the same scans everywhere.
    public typealias Random = SplitMix64

    public struct Distortion: Sendable {
        /// Degrees, any angle (quarter turns plus a skew).
        public var angle: Double = 0
        public var scale: Double = 1
        /// Horizontal shear (a sheet fed crooked): x += shear · y.
        public var shear: Double = 0
        /// A photo taken at an angle: the page's top this share wider than its middle, its bottom as
        /// much narrower (negative: the other way).
        public var keystone: Double = 0
        /// The darkest corner's share of full light (1: even lighting).
        public var light: Double = 1
        /// Gaussian noise, grey levels.
        public var noise: Double = 0
        /// JPEG quality, or nil for none.
        public var jpeg: Int?
        /// A hard shadow (a hand, a phone) over part of the page: its darkening (0: none), and its
        /// edge as an angle and a distance from the centre (a share of the half-diagonal).
        public var shadow: Double = 0
        public var shadowAngle: Double = 0
        public var shadowOffset: Double = 0
        public init() {}

        /// A random distortion within the tested bounds: ±5° skew on any quarter turn, scale
        /// 0.85–1.15, shear ±0.03, keystone ±0.04 (a photo at an angle), light 0.55–1, noise 0–8 levels, JPEG quality 45–95, and on three
        /// scans in ten a hard shadow darkening part of the page by 15–40 %.
        public static func random(_ rng: inout Random) -> Distortion {
            var d = Distortion()
            d.angle = Double(Int.random(in: 0..<4, using: &rng)) * 90 + Double.random(in: -5...5, using: &rng)
            d.scale = Double.random(in: 0.85...1.15, using: &rng)
            d.shear = Double.random(in: -0.03...0.03, using: &rng)
            d.keystone = Double.random(in: -0.04...0.04, using: &rng)
            d.light = Double.random(in: 0.55...1, using: &rng)
            d.noise = Double.random(in: 0...8, using: &rng)
            d.jpeg = Int.random(in: 45...95, using: &rng)
            if Double.random(in: 0..<1, using: &rng) < 0.3 {
                d.shadow = Double.random(in: 0.15...0.4, using: &rng)
                d.shadowAngle = Double.random(in: 0..<(2 * .pi), using: &rng)
                d.shadowOffset = Double.random(in: -0.6...0.6, using: &rng)
            }
            return d
        }
    }

    /// Draws a stroke into the box (its rect in mm, placed by `transform` on `image`).
    public static func mark(
        _ box: SheetLayout.Rect, stroke: Stroke, on image: inout GrayImage, transform: Homography, rng: inout Random
    ) {
        func jitter(_ v: Double) -> Double { v + Double.random(in: -0.6...0.6, using: &rng) }
        let x = box.x
        let y = box.y
        let w = box.w
        let h = box.h
        let segments: [((Double, Double), (Double, Double))]
        switch stroke {
        case .tick, .pencil:
            // The long arm ends inside the box or up to a fifth of it beyond.
            let over = Double.random(in: 0...0.2, using: &rng)
            let a = (jitter(x + w * 0.18), jitter(y + h * 0.5))
            let b = (jitter(x + w * 0.42), jitter(y + h * 0.8))
            let c = (x + w * (0.88 + over), y + h * (0.12 - over))
            segments = [(a, b), (b, c)]
        case .small:
            let a = (x + w * 0.3, y + h * 0.62)
            let b = (x + w * 0.45, y + h * 0.78)
            let c = (x + w * 0.72, y + h * 0.45)
            segments = [(a, b), (b, c)]
        case .cross:
            segments = [
                ((jitter(x + w * 0.15), jitter(y + h * 0.15)), (jitter(x + w * 0.85), jitter(y + h * 0.85))),
                ((jitter(x + w * 0.85), jitter(y + h * 0.15)), (jitter(x + w * 0.15), jitter(y + h * 0.85))),
            ]
        }
        let width = stroke == .pencil ? 0.35 : Double.random(in: 0.45...0.7, using: &rng)
        let ink =
            stroke == .pencil ? Double.random(in: 110...175, using: &rng) : Double.random(in: 20...60, using: &rng)
        for (p, q) in segments { line(p, q, widthMM: width, ink: ink, on: &image, transform: transform) }
    }

    /// A stray mark: a short pen stroke across the labels of the row of `box`, clear of every box.
    public static func stray(
        near box: SheetLayout.Rect, on image: inout GrayImage, transform: Homography, rng: inout Random
    ) {
        let x = Double.random(in: 10...50, using: &rng)
        let y = box.y + Double.random(in: 0...box.h, using: &rng)
        line(
            (x, y), (x + Double.random(in: 3...8, using: &rng), y + Double.random(in: -2...2, using: &rng)),
            widthMM: 0.5, ink: 40, on: &image, transform: transform)
    }

    /// An anti-aliased line `widthMM` wide from p to q (mm).
    public static func line(
        _ p: (Double, Double), _ q: (Double, Double), widthMM: Double, ink: Double, on image: inout GrayImage,
        transform: Homography
    ) {
        let (ax, ay) = transform.apply(p.0, p.1)
        let (bx, by) = transform.apply(q.0, q.1)
        let half = widthMM * transform.scale(at: p.0, p.1) / 2
        let x0 = max(0, Int(min(ax, bx) - half - 2))
        let x1 = min(image.width - 1, Int(max(ax, bx) + half + 2))
        let y0 = max(0, Int(min(ay, by) - half - 2))
        let y1 = min(image.height - 1, Int(max(ay, by) + half + 2))
        guard x0 <= x1, y0 <= y1 else { return }
        let dx = bx - ax
        let dy = by - ay
        let len2 = max(1e-9, dx * dx + dy * dy)
        for y in y0...y1 {
            for x in x0...x1 {
                let px = Double(x) + 0.5
                let py = Double(y) + 0.5
                let t = max(0, min(1, ((px - ax) * dx + (py - ay) * dy) / len2))
                let cx = ax + t * dx - px
                let cy = ay + t * dy - py
                let d = (cx * cx + cy * cy).squareRoot()
                let cover = max(0, min(1, half + 0.5 - d))
                guard cover > 0 else { continue }
                let old = Double(image[x, y])
                image[x, y] = UInt8(min(old, old * (1 - cover) + ink * cover))
            }
        }
    }

    /// The image as a scanner or camera would give it back.
    public static func distort(_ image: GrayImage, _ d: Distortion, rng: inout Random) throws(ScanError) -> GrayImage {
        let a = d.angle * .pi / 180
        let c = cos(a) * d.scale
        let s = sin(a) * d.scale
        // Forward: u = c·x' − s·y, v = s·x' + c·y, with x' = x + shear·y.
        func forward(_ x: Double, _ y: Double) -> (Double, Double) {
            let xs = x + d.shear * y
            return (c * xs - s * y, s * xs + c * y)
        }
        let corners = [
            (0.0, 0.0), (Double(image.width), 0), (0, Double(image.height)),
            (Double(image.width), Double(image.height)),
        ].map { forward($0.0, $0.1) }
        let margin = 40.0 + abs(d.keystone) * Double(max(image.width, image.height))
        let minU = corners.map(\.0).min()! - margin
        let minV = corners.map(\.1).min()! - margin
        let w = Int(corners.map(\.0).max()! + margin - minU)
        let h = Int(corners.map(\.1).max()! + margin - minV)
        var out = GrayImage(width: w, height: h, fill: 200)
        let det = c * c + s * s
        var gauss = GaussianNoise()
        for v in 0..<h {
            for u in 0..<w {
                let uu = Double(u) + 0.5 + minU
                let vv = Double(v) + 0.5 + minV
                // Inverse of the rotation-scale, then of the shear.
                let xs = (c * uu + s * vv) / det
                let ya = (-s * uu + c * vv) / det
                var x = xs - d.shear * ya
                // The keystone, a true perspective: one plane seen at an angle (x and y divided by the
                // same 1 + q·y), the page's far edge about 2 × keystone narrower than its near one.
                let half = Double(image.width) / 2
                let depth = 1 + 2 * d.keystone * (ya / Double(image.height) - 0.5)
                x = half + (x - half) / depth
                let y = ya / depth
                var g =
                    x >= 0 && y >= 0 && x < Double(image.width) && y < Double(image.height) ? image.sample(x, y) : 200
                // Light falls off towards one corner.
                let fall = (Double(u) / Double(w) + Double(v) / Double(h)) / 2
                g *= 1 - (1 - d.light) * fall
                if d.shadow > 0 {
                    let cx = Double(u) - Double(w) / 2
                    let cy = Double(v) - Double(h) / 2
                    let reach = (Double(w * w + h * h)).squareRoot() / 2
                    if cx * cos(d.shadowAngle) + cy * sin(d.shadowAngle) > d.shadowOffset * reach { g *= 1 - d.shadow }
                }
                if d.noise > 0 { g += gauss.next(&rng) * d.noise }
                out[u, v] = UInt8(max(0, min(255, g.rounded())))
            }
        }
        if let q = d.jpeg { out = try ImageCodec.decodeJPEG(ImageCodec.encodeJPEG(out, quality: q)) }
        return out
    }

    struct GaussianNoise {
        var spare: Double?
        mutating func next(_ rng: inout Random) -> Double {
            if let s = spare {
                spare = nil
                return s
            }
            let u1 = max(1e-12, Double.random(in: 0..<1, using: &rng))
            let u2 = Double.random(in: 0..<1, using: &rng)
            let r = (-2 * log(u1)).squareRoot()
            spare = r * sin(2 * .pi * u2)
            return r * cos(2 * .pi * u2)
        }
    }
}

extension ScanSynth.Distortion: CustomStringConvertible {
    public var description: String {
        var s = String(
            format: "scan angle %.1f°, scale %.2f, shear %.3f, keystone %.3f, light %.2f, noise %.1f", angle, scale,
            shear, keystone, light, noise)
        if shadow > 0 { s += String(format: ", shadow %.2f", shadow) }
        if let jpeg { s += ", JPEG \(jpeg)" }
        return s
    }
}
