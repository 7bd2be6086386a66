import SheetGeometry

/// Reads each box of a located sheet as empty, ticked or uncertain, with a confidence.
///
/// Lighting first: the paper's own brightness is estimated everywhere (the brightest of each
/// 3 mm block, spread to its neighbours and smoothed), and each sample's darkness is taken against
/// it, so a shadow or a yellowed corner is not ink. Then the inside of each box, well clear of its
/// printed border, is sampled on a 24 × 24 grid. A sample darker than the paper by `inkLevel` is ink
/// when it is a stroke (the paper `strokeReach` away on both sides of it, in one of four directions,
/// is lighter by `strokeLevel`: a pen or pencil line) or very dark (`solidLevel`: a box filled in); darker but neither, it is shade (the
/// edge of a shadow, a shaded box). Thresholds (docs/TRACKING.md, "Scanning", measured by `rehab
/// bench scan`): ink share at most `emptyBelow` is empty, at least `tickedFrom` ticked; anything
/// between, or a box with as much shade as a tick has ink, is uncertain and never guessed.
public struct BoxReader: Sendable {
    public static let inkLevel = 0.2
    public static let emptyBelow = 0.02
    public static let tickedFrom = 0.06
    public static let strokeLevel = 0.12
    public static let solidLevel = 0.7
    /// Millimetres: a line up to about 1.5 mm wide has paper this near it.
    public static let strokeReach = 0.9
    /// Each side of the printed border must read this dark on average, or the sheet is not where
    /// we think; the line is looked for up to `borderSearch` mm either side of where it should be.
    public static let borderLevel = 0.3
    public static let borderSearch = 0.45

    let image: GrayImage
    let paper: PaperLevel

    public init(_ image: GrayImage, pixelsPerMillimetre: Double) {
        self.image = image
        let ppm = pixelsPerMillimetre.isFinite ? min(60, max(1, pixelsPerMillimetre)) : 8
        paper = PaperLevel(image, block: max(4, Int((3 * ppm).rounded())))
    }

    /// Reads every box of `layout` through `transform`, each at the place its printed border is
    /// found (`place`: on a page that is not flat, near where the boxes round it were found).
    public func read(_ layout: SheetLayout, transform: Homography) -> [BoxRead] {
        let places = place(layout, transform: transform)
        var reads = layout.boxes.indices.map { i in
            let box = layout.boxes[i]
            guard let place = places[i] else {
                // Its border not found where it can be: never read where the transform puts it.
                let ink = self.state(box.rect, meaning: box.meaning, transform: transform).ink
                return BoxRead(box: box, state: .uncertain, confidence: 0, ink: ink)
            }
            let (state, confidence, ink) = self.state(box.rect, meaning: box.meaning, transform: place)
            return BoxRead(box: box, state: state, confidence: confidence, ink: ink, place: place)
        }
        markCircledPain(&reads, places: places.map { $0 ?? transform })
        return reads
    }

    /// Millimetres either way round the place its neighbours predict that a box's border is looked
    /// for (with `borderSearch` more on each side): well under half the 8.4 mm pitch of the boxes,
    /// so that a box is never taken for its neighbour.
    public static let localReach = 2.4
    /// Millimetres at most from a box to the nearest box found, for it to be placed from the boxes
    /// found (three pitches: a warning box from the last pain box of its row, 20 mm away).
    public static let localGap = 25.0

    /// Where each box of `layout` lies: the transform that puts its printed border where it is
    /// found in the image, or nil when it is not found (the box then reads uncertain).
    ///
    /// A box whose border is found where the marks' transform puts it (within `borderSearch`) is
    /// there. A page that is not flat (a curl, issue 23) fits no single transform: boxes on the bent
    /// part are millimetres off and squeezed. Each other box, nearest to a box found first, is
    /// predicted from the boxes found round it (`LocalFit`: an affine correction fitted to their
    /// borders as found) and its border looked for within `localReach` of that prediction; found,
    /// it helps place the next. With no box found at all, the box nearest a corner mark (where the
    /// transform is exact) is looked for first, where the transform puts it.
    func place(_ layout: SheetLayout, transform h: Homography) -> [Homography?] {
        let boxes = layout.boxes
        var places = [Homography?](repeating: nil, count: boxes.count)
        var fit = LocalFit()
        for (i, box) in boxes.enumerated() {
            let border = Self.border(box.meaning)
            let sides = borderFit(box.rect, border: border, transform: h)
            guard sides.found,
                let p = refine(box.rect, border: border, transform: h, placing: .translation(sides.dx, sides.dy))
            else { continue }
            places[i] = h.after(p)
            fit.add(printed: box.rect, placing: p)
        }
        var lost = boxes.indices.filter { places[$0] == nil }
        let marks = layout.marks.map { ($0.centerX, $0.centerY) }
        func priority(_ i: Int) -> Double {
            let r = boxes[i].rect
            return fit.isEmpty
                ? marks.map { LocalFit.distance($0, (r.centerX, r.centerY)) }.min() ?? 0 : fit.gap(r)
        }
        let step = Self.borderSearch * 4 / 3
        let steps = Int((Self.localReach / step).rounded())
        // Nearest a box found first (the first of equals: the same order on every run).
        while let k = lost.indices.min(by: { priority(lost[$0]) < priority(lost[$1]) }) {
            let i = lost.remove(at: k)
            let rect = boxes[i].rect
            let border = Self.border(boxes[i].meaning)
            guard fit.isEmpty || fit.gap(rect) <= Self.localGap else { continue }
            let correction = fit.isEmpty ? Homography.translation(0, 0) : fit.correction(near: rect)
            guard let correction else { continue }
            let t = h.after(correction)
            var best: (sides: BorderFit, at: SheetLayout.Rect)?
            for gy in -steps...steps {
                for gx in -steps...steps {
                    let at = rect.moved(Double(gx) * step, Double(gy) * step)
                    let sides = borderFit(at, border: border, transform: t)
                    if sides.dark, sides.edge > best?.sides.edge ?? 0 { best = (sides, at) }
                }
            }
            guard let best,
                let p = refine(
                    rect, border: border, transform: h,
                    placing: correction.after(
                        .translation(best.at.x - rect.x + best.sides.dx, best.at.y - rect.y + best.sides.dy)))
            else { continue }
            places[i] = h.after(p)
            fit.add(printed: rect, placing: p)
        }
        // Each box found where the boxes found round it put it (within `localReach`), or it is not
        // found: a box found at its neighbour's place (8.4 mm off) disagrees with its own neighbours.
        for (i, box) in boxes.enumerated() where places[i] != nil {
            if let miss = fit.disagreement(box.rect), miss > Self.localReach { places[i] = nil }
        }
        return places
    }

    /// The box's place made exact: its border looked for again where `placing` (then `h`) puts it,
    /// and the place moved onto the border as found, until it is found within 0.1 mm of it (at most
    /// four times: a side found at the edge of its search is only nearer). Only moved, never
    /// squeezed: a side may find the next box's border (1.2 mm beyond its own; a warning box's top,
    /// the bottom of the one above) and stretch the box over both; the squeeze is the correction's,
    /// from where the boxes round it lie, and the opposite sides must be found as far apart as it
    /// says (`BorderFit.found`). Nil when the border is not found there.
    func refine(_ rect: SheetLayout.Rect, border: Double, transform h: Homography, placing: Homography)
        -> Homography?
    {
        var p = placing
        for _ in 0..<4 {
            let sides = borderFit(rect, border: border, transform: h.after(p))
            guard sides.dark else { return nil }
            p = p.after(.translation(sides.dx, sides.dy))
            if max(abs(sides.dx), abs(sides.dy)) < 0.1 { return sides.found ? p : nil }
        }
        return borderFit(rect, border: border, transform: h.after(p)).found ? p : nil
    }

    /// The printed border's width (mm): the warning box's is bolder.
    static func border(_ meaning: SheetLayout.Meaning) -> Double { meaning == .warning ? 0.8 : 0.53 }

    /// A pain number circled, or crossed out past its box, instead of ticked (issue 23): a pain box
    /// not read as ticked with ink in at least three of the four gaps round it is uncertain. Ink in a
    /// gap: two samples or more along the gap's middle line darker than the paper by `besideLevel`,
    /// left and right of the box over its middle 80 % of height (a tick running past its box's corner
    /// leaves its gap in the top tenth), above and below it over its middle 60 % of width. The day
    /// then waits for a person, never silently without pain.
    /// `places`: the transform that places each box (`place`).
    func markCircledPain(_ reads: inout [BoxRead], places: [Homography]) {
        let pain = reads.indices.filter {
            if case .pain = reads[$0].box.meaning { return true }
            return false
        }
        guard pain.count > 1 else { return }
        // The gaps between the boxes of a row and between rows, from the layout itself.
        let rects = pain.map { reads[$0].box.rect }
        let a = rects[0]
        let gapX = rects.first { $0.y == a.y && $0.x > a.x }.map { $0.x - a.x - a.w } ?? 1.2
        let gapY = rects.filter { $0.x == a.x && $0.y > a.y }.map { $0.y - a.y - a.h }.min() ?? gapX
        let gx = max(0.5, gapX) / 2
        let gy = max(0.5, gapY) / 2
        for i in pain where reads[i].state != .ticked {
            let r = reads[i].box.rect
            let sides = [
                ((r.x - gx, r.y + 0.1 * r.h), (r.x - gx, r.y + 0.9 * r.h)),
                ((r.x + r.w + gx, r.y + 0.1 * r.h), (r.x + r.w + gx, r.y + 0.9 * r.h)),
                ((r.x + 0.2 * r.w, r.y - gy), (r.x + 0.8 * r.w, r.y - gy)),
                ((r.x + 0.2 * r.w, r.y + r.h + gy), (r.x + 0.8 * r.w, r.y + r.h + gy)),
            ]
            if sides.filter({ inkAlong(from: $0.0, to: $0.1, transform: places[i]) }).count >= 3 {
                reads[i].state = .uncertain
                reads[i].confidence = 0.5
                reads[i].besideInk = true
            }
        }
    }

    /// Darker than the paper by this much is ink in the gap beside a box: more than a tick's
    /// `inkLevel`, as the printed borders lie 0.6 mm from the gap's middle.
    public static let besideLevel = 0.35

    /// Whether two samples or more (every 0.15 mm) along the segment (mm) are ink.
    func inkAlong(from p: (Double, Double), to q: (Double, Double), transform: Homography) -> Bool {
        let length = ((q.0 - p.0) * (q.0 - p.0) + (q.1 - p.1) * (q.1 - p.1)).squareRoot()
        let steps = max(2, Int(length / 0.15))
        var dark = 0
        for k in 0...steps {
            let (px, py) = transform.apply(
                p.0 + (q.0 - p.0) * Double(k) / Double(steps), p.1 + (q.1 - p.1) * Double(k) / Double(steps))
            if darkness(px, py) >= Self.besideLevel { dark += 1 }
            if dark >= 2 { return true }
        }
        return false
    }

    /// How one box reads: its state, the confidence (two decimals) and its ink share.
    public func state(_ rect: SheetLayout.Rect, meaning: SheetLayout.Meaning, transform: Homography) -> (
        state: MarkState, confidence: Double, ink: Double
    ) {
        let border = Self.border(meaning)
        let inset = border + 0.85
        // The box re-centred on its printed border as found, then its inside sampled.
        let sides = borderFit(rect, border: border, transform: transform)
        let (ink, shade, edgeLine) = inkShare(rect.moved(sides.dx, sides.dy), inset: inset, transform: transform)
        let state: MarkState
        let confidence: Double
        if !sides.found || (edgeLine && ink < Self.edgeLineBelow) {
            // The box's own border is not where the transform puts it, or a printed border runs
            // along the edge of its inside: the place is wrong (by a millimetre or more).
            state = .uncertain
            confidence = 0
        } else if ink >= Self.tickedFrom {
            state = .ticked
            confidence = min(0.99, 0.6 + 3 * (ink - Self.tickedFrom))
        } else if shade >= Self.tickedFrom {
            // Dark, but not as a line is: a shadow's edge, or a box shaded in. A person looks.
            state = .uncertain
            confidence = 0.3
        } else if ink <= Self.emptyBelow {
            state = .empty
            confidence = min(0.99, 0.99 - 15 * ink)
        } else {
            state = .uncertain
            confidence = 0.5
        }
        return (state, (confidence * 100).rounded() / 100, (ink * 1000).rounded() / 1000)
    }

    /// The shares of the box's inside (clear of the border by `inset` mm) that are ink and shade.
    func inkShare(_ r: SheetLayout.Rect, inset: Double, transform: Homography) -> (
        ink: Double, shade: Double, edgeLine: Bool
    ) {
        let n = 24
        let x0 = r.x + inset
        let y0 = r.y + inset
        let w = r.w - 2 * inset
        let h = r.h - 2 * inset
        let d = Self.strokeReach
        let e = d * 0.7071
        let across = [(d, 0.0), (0, d), (e, e), (e, -e)]
        var inked = 0
        var shaded = 0
        // Ink along each edge of the grid: the first and last row, the first and last column.
        var edges = [0, 0, 0, 0]
        func ink(_ i: Int, _ j: Int) {
            inked += 1
            if j == 0 { edges[0] += 1 }
            if j == n - 1 { edges[1] += 1 }
            if i == 0 { edges[2] += 1 }
            if i == n - 1 { edges[3] += 1 }
        }
        for j in 0..<n {
            for i in 0..<n {
                let mx = x0 + w * (Double(i) + 0.5) / Double(n)
                let my = y0 + h * (Double(j) + 0.5) / Double(n)
                let (px, py) = transform.apply(mx, my)
                let dark = darkness(px, py)
                guard dark > Self.inkLevel else { continue }
                if dark >= Self.solidLevel {
                    ink(i, j)
                    continue
                }
                // A line has paper on both sides of it, in some direction; the edge of a shadow has
                // paper on one side only, and a shaded area on neither.
                let g = image.sample(px, py)
                var light = g
                for (dx, dy) in across {
                    let (ax, ay) = transform.apply(mx + dx, my + dy)
                    let (bx, by) = transform.apply(mx - dx, my - dy)
                    light = max(light, min(image.sample(ax, ay), image.sample(bx, by)))
                }
                if 1 - g / max(light, 1) >= Self.strokeLevel { ink(i, j) } else { shaded += 1 }
            }
        }
        return (Double(inked) / Double(n * n), Double(shaded) / Double(n * n), edges.contains { $0 >= n * 5 / 6 })
    }

    /// How a box's printed border was found: its darkness (the least of its four sides' averages)
    /// and how far each side lies from its place (mm, across the side: `left` and `right` along x,
    /// `top` and `bottom` along y), by two measures: the darkest point of each line across the
    /// side, and its inner edge (`borderFit`). The darkest points are taken when the sides they
    /// give are as far apart as printed; else the inner edges, when theirs are.
    struct BorderFit {
        var edge = 0.0
        /// Left, right, top and bottom by the darkest points, and by the inner edges.
        var darkest = [0.0, 0, 0, 0]
        var inner = [0.0, 0, 0, 0]
        var sides: [Double] { Self.fits(darkest) || !Self.fits(inner) ? darkest : inner }
        var left: Double { sides[0] }
        var right: Double { sides[1] }
        var top: Double { sides[2] }
        var bottom: Double { sides[3] }
        /// How far the box lies from its place: the mean of opposite sides.
        var dx: Double { (left + right) / 2 }
        var dy: Double { (top + bottom) / 2 }
        /// Each side of the border reads dark enough (`borderLevel`).
        var dark: Bool { edge >= BoxReader.borderLevel }
        /// The border is there: dark enough, its opposite sides as far apart as printed (within
        /// `sizeTolerance`) by either measure.
        var found: Bool { dark && (Self.fits(darkest) || Self.fits(inner)) }

        static func fits(_ s: [Double]) -> Bool {
            abs(s[1] - s[0]) <= BoxReader.sizeTolerance && abs(s[3] - s[2]) <= BoxReader.sizeTolerance
        }
    }

    /// Millimetres by which a box's opposite sides may be found nearer together or further apart
    /// than printed. More, and one side was found on the next box's border (1.2 mm beyond its own)
    /// while the other was found on its own — the box between two places — or the box is squeezed
    /// more than the transform says (a curl: `place` looks for it with its neighbours' squeeze).
    public static let sizeTolerance = 0.3
    /// A line of ink along a whole edge of a box's inside (5/6 of it) with less ink than this in all
    /// is its printed border, read a millimetre off: not a tick (a box filled in has more).
    public static let edgeLineBelow = 0.3

    /// The box's printed border: how dark it is and where each side lies.
    ///
    /// Darkness: along each side, the darkest point within `borderSearch` mm across the line's
    /// middle (a scan registered a little off still finds it), averaged; the least of the four sides
    /// (a box read a border's width off on one axis has pale sides).
    ///
    /// Place, by two measures. The darkest point of each line across a side (the first of equals),
    /// averaged: right for a line alone, but where the next box's border lies just beyond it the
    /// darkest point may as well be on that one. The stacked warning boxes are 0.4 mm apart, a gap
    /// a 200 dpi scan or a soft photo fills in, and a box was then read a border's width off, its
    /// opposite sides too far apart, uncertain (issue 23). So each side also by its inner edge, where
    /// the line's darkness falls to half its darkest on the way into the box, whose inside is
    /// paper: where the line is seen whole and as wide as printed (within -0.25 to +0.45 mm: a
    /// rasteriser draws a 0.53 mm line three or four pixels wide), its middle; else its inner edge
    /// less half the width of the side's lines seen whole, or of the printed line. The median of the
    /// side's 16 lines, so that a tick crossing the border does not move it; a side with no inner
    /// edge on half its lines (a box filled in) has only the darkest points.
    func borderFit(_ r: SheetLayout.Rect, border: Double, transform: Homography) -> BorderFit {
        let e = border / 2
        let step = Self.borderSearch / 3
        // Offsets into the box from the line's middle: the darkest point looked for in the first
        // `searched` (within `borderSearch` either way), the inner edge in all.
        let searched = 7
        let count = Int(((e + 2 * Self.borderSearch + step) / step).rounded(.up)) + 1
        let offsets = (0..<count).map { -Self.borderSearch + Double($0) * step }
        let widths = (border - 0.25)...(border + 0.45)
        var sides = [0.0, 0, 0, 0]
        var darkest = [0.0, 0, 0, 0]
        // Each line's inner edge, and its middle when it is seen whole.
        var lines = [[(inner: Double, middle: Double?)]](repeating: [], count: 4)
        var d = [Double](repeating: 0, count: count)
        for k in 0..<16 {
            let t = (Double(k) + 0.5) / 16
            // Each side's point on the line's middle, and the direction into the box.
            let points = [
                (r.x + e, r.y + r.h * t, 1.0, 0.0), (r.x + r.w - e, r.y + r.h * t, -1, 0),
                (r.x + r.w * t, r.y + e, 0, 1), (r.x + r.w * t, r.y + r.h - e, 0, -1),
            ]
            for (side, (x, y, ux, uy)) in points.enumerated() {
                for j in 0..<count {
                    let (px, py) = transform.apply(x + ux * offsets[j], y + uy * offsets[j])
                    d[j] = darkness(px, py)
                }
                // The darkest, the first of equals along x or y (the right and bottom sides' samples
                // run the other way).
                var most = 0.0
                var at = 0.0
                for n in 0..<searched {
                    let j = side % 2 == 0 ? n : searched - 1 - n
                    if d[j] > most {
                        most = d[j]
                        at = offsets[j]
                    }
                }
                sides[side] += most / 16
                darkest[side] += (side % 2 == 0 ? at : -at) / 16
                // From inside the box outwards: the first sample at least half as dark as the line.
                let half = most / 2
                guard most > 0, d[count - 1] < half, let j = (0..<count - 1).reversed().first(where: { d[$0] >= half })
                else { continue }
                let inner = offsets[j] + step * (d[j] - half) / max(1e-9, d[j] - d[j + 1])
                // On outwards to the line's outer edge, when it is seen within the search.
                var middle: Double?
                if let o = (0..<j).reversed().first(where: { d[$0] < half }) {
                    let outer = offsets[o] + step * (half - d[o]) / max(1e-9, d[o + 1] - d[o])
                    if widths.contains(inner - outer) { middle = (inner + outer) / 2 }
                }
                lines[side].append((inner, middle))
            }
        }
        func median(_ v: [Double]) -> Double {
            let s = v.sorted()
            return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
        }
        // How far each side lies into the box, by its inner edge, then along x or y.
        var inner = darkest
        for side in 0..<4 where lines[side].count >= 8 {
            let seen = lines[side]
            let whole = seen.compactMap { l in l.middle.map { 2 * (l.inner - $0) } }
            let width = whole.count >= 4 ? median(whole) : border
            let into = median(seen.map { $0.middle ?? $0.inner - width / 2 })
            inner[side] = side % 2 == 0 ? into : -into
        }
        return BorderFit(edge: sides.min()!, darkest: darkest, inner: inner)
    }

    @inline(__always) func darkness(_ x: Double, _ y: Double) -> Double {
        let white = paper.level(x, y)
        return max(0, 1 - image.sample(x, y) / max(white, 1))
    }

    /// The sheet as it would be printed, straightened: `pixelsPerMillimetre` across (the preview).
    public static func rectify(
        _ image: GrayImage, layout: SheetLayout, transform: Homography, pixelsPerMillimetre: Double = 5
    ) -> GrayImage {
        let w = Int(layout.width * pixelsPerMillimetre)
        let h = Int(layout.height * pixelsPerMillimetre)
        var out = GrayImage(width: w, height: h)
        for y in 0..<h {
            for x in 0..<w {
                let (px, py) = transform.apply(
                    (Double(x) + 0.5) / pixelsPerMillimetre, (Double(y) + 0.5) / pixelsPerMillimetre)
                out[x, y] = UInt8(max(0, min(255, image.sample(px, py).rounded())))
            }
        }
        return out
    }
}
