import SheetGeometry

/// Where a sheet lies in a scan: the four corner marks give the exact transform from the sheet's
/// millimetres to the scan's pixels. They are looked for first over the whole image, the QR
/// symbol's corners deciding which four dark squares they are (`MarkSearch`: any rotation, a photo
/// at an angle); failing that, near where the code's pose puts them (a flat scan whose marks are
/// touched by a tick or a shadow).
public enum SheetLocator {
    /// The transform, or nil when the four corner marks are not all where the code says.
    public static func locate(_ symbol: QRFinder.Symbol, layout: SheetLayout, in image: GrayImage) -> Homography? {
        if let t = MarkSearch.locate(symbol, qr: layout.qr, marks: layout.marks, in: image) { return t }
        return locateNearGuess(symbol, layout: layout, in: image) ?? locateBent(symbol, layout: layout, in: image)
    }

    /// A share of the QR symbol's side: how far from where zbar found them a page bent under its
    /// code (a curled edge through the code and two marks) may put the code's corners.
    static let bentTolerance = 1.0 / 3
    /// The share of the boxes whose printed borders must be found (`BoxReader.place`) for such a fit
    /// to be the sheet's.
    static let bentConfirmation = 0.9

    /// A page bent under its code (issue 23): its four marks fit the code less well than a flat
    /// page's, so four candidates that put the code's corners within `bentTolerance` of its side are
    /// taken, but only when the printed grid confirms them: the borders of `bentConfirmation` of the
    /// boxes found, where the fit puts them or from the boxes round them.
    static func locateBent(_ symbol: QRFinder.Symbol, layout: SheetLayout, in image: GrayImage) -> Homography? {
        guard !layout.boxes.isEmpty,
            let t = MarkSearch.locate(
                symbol, qr: layout.qr, marks: layout.marks, in: image, tolerance: bentTolerance)
        else { return nil }
        let reader = BoxReader(image, pixelsPerMillimetre: t.scale(at: layout.width / 2, layout.height / 2))
        let found = reader.place(layout, transform: t).filter { $0 != nil }.count
        return Double(found) >= bentConfirmation * Double(layout.boxes.count) ? t : nil
    }

    /// The marks nearest where an affine fit of the code puts them (the search before issue 23).
    static func locateNearGuess(_ symbol: QRFinder.Symbol, layout: SheetLayout, in image: GrayImage) -> Homography? {
        let q = layout.qr
        let qrCorners = [(q.x, q.y), (q.x + q.w, q.y), (q.x + q.w, q.y + q.h), (q.x, q.y + q.h)]
        var best: (found: [Point], score: Double)?
        for pts in cornerOrders(symbol) {
            guard let guess = Homography.affine(from: qrCorners, to: pts) else { continue }
            var found: [Point] = []
            var score = 0.0
            for mark in layout.marks {
                guard let (p, fit) = findMark(mark, guess: guess, in: image) else { break }
                found.append(p)
                score += fit
            }
            // A scan is never a mirror image: a guess that finds the marks reflected (a sheet whose code
            // sits halfway down finds all four either way up) is not the sheet's pose.
            if found.count == 4, score > (best?.score ?? -1),
                Self.sameWinding(layout.marks.map { ($0.centerX, $0.centerY) }, found.map { ($0.x, $0.y) })
            {
                best = (found, score)
            }
        }
        guard let best else { return nil }
        let from = layout.marks.map { ($0.centerX, $0.centerY) }
        return Homography(from: from, to: best.found.map { ($0.x, $0.y) })
    }

    /// Where the foot of a sheet lies (`SheetLayout.Foot`, laid from `top` 0): from the QR code and
    /// the two bottom marks alone, an affine fit. For a sheet that cannot be read whole, so that its
    /// warning boxes are still read.
    public static func locateFoot(_ symbol: QRFinder.Symbol, foot: SheetLayout.Foot, in image: GrayImage) -> Homography?
    {
        let q = foot.qr
        let qrCorners = [(q.x, q.y), (q.x + q.w, q.y), (q.x + q.w, q.y + q.h), (q.x, q.y + q.h)]
        var best: (from: [(Double, Double)], to: [(Double, Double)], score: Double)?
        for pts in cornerOrders(symbol) {
            guard let guess = Homography.affine(from: qrCorners, to: pts) else { continue }
            var from = qrCorners
            var to = pts
            var score = 0.0
            var found = 0
            for mark in foot.bottomMarks {
                guard let (p, fit) = findMark(mark, guess: guess, in: image) else { break }
                from.append((mark.centerX, mark.centerY))
                to.append((p.x, p.y))
                score += fit
                found += 1
            }
            if found == 2, score > (best?.score ?? -1), Self.sameWinding(from, to) { best = (from, to, score) }
        }
        guard let best else { return nil }
        return Homography.affine(from: best.from, to: best.to)
    }

    /// Whether two polygons (the same points, on the sheet and in the scan) wind the same way: a
    /// rotation keeps the sign of the area, a reflection turns it.
    static func sameWinding(_ a: [(Double, Double)], _ b: [(Double, Double)]) -> Bool {
        signedArea(a) * signedArea(b) > 0
    }

    /// The area of a polygon, positive or negative by the way it winds (the shoelace formula).
    static func signedArea(_ p: [(Double, Double)]) -> Double {
        p.indices.reduce(0) { s, i in
            let j = (i + 1) % p.count
            return s + p[i].0 * p[j].1 - p[j].0 * p[i].1
        } / 2
    }

    /// zbar's four corners in each of the eight orders (four starting corners, both windings): its
    /// order and winding are not relied on; the one that finds the marks, fitting best, wins.
    static func cornerOrders(_ symbol: QRFinder.Symbol) -> [[(Double, Double)]] {
        let corners = symbol.corners.map { ($0.x, $0.y) }
        return [corners, corners.reversed()].flatMap { pts in (0..<4).map { Array(pts[$0...] + pts[..<$0]) } }
    }

    /// The centre of the solid square nearest where `guess` puts `mark`, with how well it fits
    /// (1 for a square of the expected size, filled); nil when there is none.
    static func findMark(_ mark: SheetLayout.Rect, guess: Homography, in image: GrayImage) -> (Point, Double)? {
        let (cx, cy) = guess.apply(mark.centerX, mark.centerY)
        let scale = guess.scale(at: mark.centerX, mark.centerY)
        guard scale > 1, scale < 60 else { return nil }
        let side = mark.w * scale
        let r = Int((side * 2.4).rounded())
        let x0 = max(0, Int(cx) - r)
        let x1 = min(image.width - 1, Int(cx) + r)
        let y0 = max(0, Int(cy) - r)
        let y1 = min(image.height - 1, Int(cy) + r)
        guard x1 > x0 + 4, y1 > y0 + 4 else { return nil }
        let w = x1 - x0 + 1
        let h = y1 - y0 + 1
        // Ink: darker than halfway between the window's paper (its 90th percentile) and its darkest.
        let histogram = GrayHistogram(image, xs: x0...x1, ys: y0...y1)
        let paper = histogram.percentile(0.9)
        let dark = histogram.percentile(0.02)
        guard paper - dark > 40 else { return nil }
        let threshold = UInt8((paper + dark) / 2)
        var label = [Int32](repeating: 0, count: w * h)
        var best: (Point, Double)?
        var bestDistance = Double.infinity
        var next: Int32 = 0
        var stack: [Int] = []
        let expected = side * side
        for sy in 0..<h {
            for sx in 0..<w where label[sy * w + sx] == 0 && image[x0 + sx, y0 + sy] < threshold {
                next += 1
                label[sy * w + sx] = next
                stack.append(sy * w + sx)
                var area = 0
                var sumX = 0.0
                var sumY = 0.0
                var minX = sx
                var maxX = sx
                var minY = sy
                var maxY = sy
                while let i = stack.popLast() {
                    let px = i % w
                    let py = i / w
                    area += 1
                    sumX += Double(px)
                    sumY += Double(py)
                    minX = min(minX, px)
                    maxX = max(maxX, px)
                    minY = min(minY, py)
                    maxY = max(maxY, py)
                    for (nx, ny) in [(px - 1, py), (px + 1, py), (px, py - 1), (px, py + 1)]
                    where nx >= 0 && ny >= 0 && nx < w && ny < h && label[ny * w + nx] == 0
                        && image[x0 + nx, y0 + ny] < threshold
                    {
                        label[ny * w + nx] = next
                        stack.append(ny * w + nx)
                    }
                }
                // A solid square the mark's size: its area, and most of its bounding box (a rotated
                // square fills half of it at 45°, at least 0.8 of it within ±10°).
                let sizeFit = Double(area) / expected
                let boxArea = Double((maxX - minX + 1) * (maxY - minY + 1))
                let fill = Double(area) / boxArea
                guard sizeFit > 0.55, sizeFit < 1.7, fill > 0.72 else { continue }
                let p = Point(Double(x0) + sumX / Double(area) + 0.5, Double(y0) + sumY / Double(area) + 0.5)
                let d = ((p.x - cx) * (p.x - cx) + (p.y - cy) * (p.y - cy)).squareRoot()
                if d < bestDistance {
                    bestDistance = d
                    best = (p, 1 - abs(1 - sizeFit) - d / (side * 4))
                }
            }
        }
        return best
    }
}
