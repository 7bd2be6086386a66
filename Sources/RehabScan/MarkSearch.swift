import Foundation
import SheetGeometry

/// The corner marks found without a first guess (issue 23): every dark solid blob of the whole
/// image that could be a mark is a candidate, and the four that, fitted as the sheet's corners,
/// put the QR code where zbar saw it win. A photo at an angle (a true perspective, the far edge
/// half again smaller than the near one) or upside down is located as a flat scan is; a filled box,
/// a dark tablecloth or a bold letter is a candidate too, but no four of them fit the code.
enum MarkSearch {
    /// A dark connected blob: its pixel count, centre and second moments.
    struct Blob {
        var area = 0
        var sx = 0.0, sy = 0.0, sxx = 0.0, syy = 0.0, sxy = 0.0
        var minX = Int.max, maxX = Int.min, minY = Int.max, maxY = Int.min
        var touchesEdge = false
        var center: Point { Point(sx / Double(area) + 0.5, sy / Double(area) + 0.5) }

        /// A solid square (or a square seen at an angle): its area about 0.95 of the ellipse of its
        /// moments', not much longer one way than the other, and filling its bounding box.
        var isSquareLike: Bool {
            guard area >= 9 else { return false }
            let n = Double(area)
            let mx = sx / n
            let my = sy / n
            let vxx = sxx / n - mx * mx
            let vyy = syy / n - my * my
            let vxy = sxy / n - mx * my
            let det = vxx * vyy - vxy * vxy
            guard det > 0 else { return false }
            let tr = vxx + vyy
            let disc = max(0, tr * tr / 4 - det).squareRoot()
            let l1 = tr / 2 + disc
            let l2 = tr / 2 - disc
            guard l2 > 0, l1 / l2 < 4 else { return false }
            let solidity = n / (4 * Double.pi * det.squareRoot())
            let box = Double((maxX - minX + 1) * (maxY - minY + 1))
            return solidity > 0.78 && solidity < 1.2 && n / box > 0.45
        }
    }

    /// The 4-connected blobs of pixels darker than `threshold(x, y)` in the image.
    static func blobs(_ image: GrayImage, dark: (Int, Int) -> Bool) -> [Blob] {
        let w = image.width
        let h = image.height
        var seen = [Bool](repeating: false, count: w * h)
        var out: [Blob] = []
        var stack: [Int] = []
        for start in 0..<(w * h) where !seen[start] && dark(start % w, start / w) {
            seen[start] = true
            stack.append(start)
            var b = Blob()
            while let i = stack.popLast() {
                let px = i % w
                let py = i / w
                let x = Double(px)
                let y = Double(py)
                b.area += 1
                b.sx += x
                b.sy += y
                b.sxx += x * x
                b.syy += y * y
                b.sxy += x * y
                b.minX = min(b.minX, px)
                b.maxX = max(b.maxX, px)
                b.minY = min(b.minY, py)
                b.maxY = max(b.maxY, py)
                if px == 0 || py == 0 || px == w - 1 || py == h - 1 { b.touchesEdge = true }
                for (nx, ny) in [(px - 1, py), (px + 1, py), (px, py - 1), (px, py + 1)]
                where nx >= 0 && ny >= 0 && nx < w && ny < h && !seen[ny * w + nx] && dark(nx, ny) {
                    seen[ny * w + nx] = true
                    stack.append(ny * w + nx)
                }
            }
            out.append(b)
        }
        return out
    }

    /// Where dark solid squares of about `side` pixels (a factor of 1.7 either way) lie in the image,
    /// in full-size pixels, with their areas.
    static func candidates(_ image: GrayImage, side: Double) -> [(center: Point, area: Double)] {
        // Searched at a size where a mark is 12 to 24 pixels across: cheap, and a pen stroke thins out.
        var small = image
        var factor = 1.0
        while side / factor > 24, small.width > 64, small.height > 64 {
            small = small.halved()
            factor *= 2
        }
        let s = side / factor
        let paper = PaperLevel(small, block: max(4, Int((s * 0.6).rounded())))
        let blobs = blobs(small) { x, y in
            Double(small[x, y]) < paper.level(Double(x) + 0.5, Double(y) + 0.5) * 0.55
        }
        let lo = s * s * 0.3
        let hi = s * s * 3
        // A mark stands on the paper: a ring 1.1 of its side from its centre is paper all round but
        // for at most two of 16 points, or one arc of at most seven (the print that follows the
        // sheet's block, on one side). A table's check square has its four diagonal neighbours
        // there, a letter the letters either side.
        func alone(_ b: Blob) -> Bool {
            let c = b.center
            let r = 1.1 * Double(b.area).squareRoot()
            let dark = (0..<16).map { k -> Bool in
                let a = Double(k) * .pi / 8
                let x = c.x + r * cos(a)
                let y = c.y + r * sin(a)
                return small.sample(x, y) < paper.level(x, y) * 0.55
            }
            let count = dark.filter { $0 }.count
            let arcs = (0..<16).filter { dark[$0] && !dark[($0 + 15) % 16] }.count
            return count <= 2 || (arcs == 1 && count <= 7)
        }
        return blobs.filter {
            !$0.touchesEdge && Double($0.area) >= lo && Double($0.area) <= hi && $0.isSquareLike && alone($0)
        }
        .map { b in (Point(b.center.x * factor, b.center.y * factor), Double(b.area) * factor * factor) }
    }

    /// The transform from the sheet's millimetres to the image: four candidates as the layout's
    /// marks, the one whose fit puts the QR symbol's corners nearest where zbar found them (within
    /// a seventh of the symbol's side), the marks' sizes as the fit expects and the sheet not a
    /// mirror image. Nil when no four candidates fit.
    static func locate(
        _ symbol: QRFinder.Symbol, qr q: SheetLayout.Rect, marks: [SheetLayout.Rect], in image: GrayImage,
        tolerance: Double = 1.0 / 7
    ) -> Homography? {
        let qrCorners = [(q.x, q.y), (q.x + q.w, q.y), (q.x + q.w, q.y + q.h), (q.x, q.y + q.h)]
        let c = symbol.corners
        let qrSide = (0..<4).map { i in hypot(c[i].x - c[(i + 1) % 4].x, c[i].y - c[(i + 1) % 4].y) }.reduce(0, +) / 4
        guard qrSide > 8, marks.count == 4 else { return nil }
        let ppm = qrSide / q.w
        let found = candidates(image, side: marks[0].w * ppm).map {
            (refine($0.center, side: marks[0].w * ppm, in: image) ?? $0.center, $0.area)
        }
        guard found.count >= 4 else { return nil }
        let from = marks.map { ($0.centerX, $0.centerY) }
        var best: (t: Homography, error: Double)?
        for pts in SheetLocator.cornerOrders(symbol) {
            // Each mark's likely candidates: the nearest few to where the code's pose puts it, as an
            // affine fit (far from the code, right to a few per cent of the sheet) and as a
            // perspective one (right in a steep photo); the four-point fit then decides.
            let guesses = [Homography.affine(from: qrCorners, to: pts), Homography(from: qrCorners, to: pts)].compactMap
            { $0 }
            guard !guesses.isEmpty else { continue }
            let near: [[Int]] = marks.map { m in
                var picks: [Int] = []
                for g in guesses {
                    let (ex, ey) = g.apply(m.centerX, m.centerY)
                    guard ex.isFinite, ey.isFinite else { continue }
                    let order = found.indices.sorted {
                        hypot(found[$0].0.x - ex, found[$0].0.y - ey) < hypot(found[$1].0.x - ex, found[$1].0.y - ey)
                    }
                    for i in order.prefix(4) where !picks.contains(i) { picks.append(i) }
                }
                return picks
            }
            for a in near[0] {
                for b in near[1] where b != a {
                    for c2 in near[2] where c2 != a && c2 != b {
                        for d in near[3] where d != a && d != b && d != c2 {
                            let to = [a, b, c2, d].map { (found[$0].0.x, found[$0].0.y) }
                            guard SheetLocator.sameWinding(from, to), let t = Homography(from: from, to: to) else {
                                continue
                            }
                            var error = 0.0
                            for (k, (x, y)) in qrCorners.enumerated() {
                                let (u, v) = t.apply(x, y)
                                error = max(error, hypot(u - pts[k].0, v - pts[k].1))
                            }
                            guard error.isFinite, error < qrSide * tolerance, error < (best?.error ?? .infinity) else {
                                continue
                            }
                            // Each mark about the size the fit gives it there.
                            let sizes = [a, b, c2, d].enumerated().allSatisfy { k, i in
                                let s = t.scale(at: from[k].0, from[k].1) * marks[k].w
                                let ratio = found[i].1 / (s * s)
                                return ratio > 0.5 && ratio < 2
                            }
                            if sizes { best = (t, error) }
                        }
                    }
                }
            }
        }
        return best?.t
    }

    /// The centre of the blob at `p` at full size (the search found it at a reduced size): the
    /// pixels darker than halfway between the window's paper and its darkest, connected to `p`.
    static func refine(_ p: Point, side: Double, in image: GrayImage) -> Point? {
        let r = Int((side * 1.6).rounded())
        let x0 = max(0, Int(p.x) - r)
        let x1 = min(image.width - 1, Int(p.x) + r)
        let y0 = max(0, Int(p.y) - r)
        let y1 = min(image.height - 1, Int(p.y) + r)
        guard x1 > x0 + 4, y1 > y0 + 4 else { return nil }
        let histogram = GrayHistogram(image, xs: x0...x1, ys: y0...y1)
        let paper = histogram.percentile(0.9)
        let darkest = histogram.percentile(0.02)
        guard paper - darkest > 30 else { return nil }
        let threshold = UInt8((paper + darkest) / 2)
        let window = GrayImage(
            width: x1 - x0 + 1, height: y1 - y0 + 1,
            pixels: (y0...y1).flatMap { y in image.pixels[(y * image.width + x0)...(y * image.width + x1)] })
        let local = Point(p.x - Double(x0), p.y - Double(y0))
        let blobs = blobs(window) { x, y in window[x, y] < threshold }
        guard
            let nearest = blobs.filter({ $0.area > 8 }).min(by: {
                hypot($0.center.x - local.x, $0.center.y - local.y)
                    < hypot($1.center.x - local.x, $1.center.y - local.y)
            }),
            hypot(nearest.center.x - local.x, nearest.center.y - local.y) < side / 2
        else { return nil }
        return Point(nearest.center.x + Double(x0), nearest.center.y + Double(y0))
    }
}
