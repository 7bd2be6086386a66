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

    /// Reads every box of `layout` through `transform`; a box whose border is not where the
    /// transform puts it is looked for near where its neighbours were found (`placeLocally`).
    public func read(_ layout: SheetLayout, transform: Homography) -> [BoxRead] {
        var reads = layout.boxes.map { box in
            let (state, confidence, ink) = self.state(box.rect, meaning: box.meaning, transform: transform)
            return BoxRead(box: box, state: state, confidence: confidence, ink: ink)
        }
        placeLocally(&reads, transform: transform)
        markCircledPain(&reads, transform: transform)
        return reads
    }

    /// Millimetres either way round the place its neighbours predict that a box's border is looked
    /// for (with `borderSearch` more on each side): well under half the 8.4 mm pitch of the boxes,
    /// so that a box is never taken for its neighbour.
    public static let localReach = 2.4

    /// A page that is not flat (a curl, issue 23): the four corner marks fit no single transform, and
    /// boxes on the bent part are off their place by millimetres. Each box whose border was not found
    /// is placed from the printed borders of the boxes round it, nearest first: its border is looked
    /// for within `localReach` of where the (up to three) nearest boxes placed so far put it — their
    /// offsets from the transform, averaged — and, found, the box is read there. A box whose border
    /// is still not found stays uncertain; one placed adds to the boxes that place the next.
    func placeLocally(_ reads: inout [BoxRead], transform: Homography) {
        var lost = Set(reads.indices.filter { reads[$0].confidence == 0 && reads[$0].state == .uncertain })
        guard !lost.isEmpty else { return }
        func border(_ i: Int) -> Double { reads[i].box.meaning == .warning ? 0.8 : 0.53 }
        func moved(_ r: SheetLayout.Rect, _ d: (Double, Double)) -> SheetLayout.Rect {
            SheetLayout.Rect(x: r.x + d.0, y: r.y + d.1, w: r.w, h: r.h)
        }
        func distance(_ a: Int, _ b: Int) -> Double {
            let p = reads[a].box.rect
            let q = reads[b].box.rect
            return
                ((p.centerX - q.centerX) * (p.centerX - q.centerX) + (p.centerY - q.centerY) * (p.centerY - q.centerY))
                .squareRoot()
        }
        // The boxes placed: their offsets from where the transform puts them (mm).
        var placed: [Int: (Double, Double)] = [:]
        for i in reads.indices where !lost.contains(i) {
            let (_, dx, dy) = borderDarkness(reads[i].box.rect, border: border(i), transform: transform)
            placed[i] = (dx, dy)
        }
        let step = Self.borderSearch * 4 / 3
        let steps = Int((Self.localReach / step).rounded())
        while let i = lost.min(by: { a, b in
            placed.keys.map { distance(a, $0) }.min() ?? 0 < placed.keys.map { distance(b, $0) }.min() ?? 0
        }) {
            lost.remove(i)
            let nearest = placed.keys.sorted { distance(i, $0) < distance(i, $1) }.prefix(3)
            let guess =
                nearest.isEmpty
                ? (0.0, 0.0)
                : (
                    nearest.map { placed[$0]!.0 }.reduce(0, +) / Double(nearest.count),
                    nearest.map { placed[$0]!.1 }.reduce(0, +) / Double(nearest.count)
                )
            let rect = reads[i].box.rect
            var best = (edge: 0.0, dx: 0.0, dy: 0.0)
            for gy in -steps...steps {
                for gx in -steps...steps {
                    let d = (guess.0 + Double(gx) * step, guess.1 + Double(gy) * step)
                    let (edge, sx, sy) = borderDarkness(moved(rect, d), border: border(i), transform: transform)
                    if edge > best.edge { best = (edge, d.0 + sx, d.1 + sy) }
                }
            }
            guard best.edge >= Self.borderLevel else { continue }
            let (state, confidence, ink) = self.state(
                moved(rect, (best.dx, best.dy)), meaning: reads[i].box.meaning, transform: transform)
            reads[i].state = state
            reads[i].confidence = confidence
            reads[i].ink = ink
            if confidence > 0 { placed[i] = (best.dx, best.dy) }
        }
    }

    /// A pain number circled, or crossed out past its box, instead of ticked (issue 23): a pain box
    /// not read as ticked with ink in at least three of the four gaps round it is uncertain. Ink in a
    /// gap: two samples or more along the gap's middle line darker than the paper by `besideLevel`,
    /// left and right of the box over its middle 80 % of height (a tick running past its box's corner
    /// leaves its gap in the top tenth), above and below it over its middle 60 % of width. The day
    /// then waits for a person, never silently without pain.
    func markCircledPain(_ reads: inout [BoxRead], transform: Homography) {
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
            if sides.filter({ inkAlong(from: $0.0, to: $0.1, transform: transform) }).count >= 3 {
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
        let border = meaning == .warning ? 0.8 : 0.53
        let inset = border + 0.85
        // The box re-centred on its printed border as found, then its inside sampled.
        let (edge, dx, dy) = borderDarkness(rect, border: border, transform: transform)
        let found = SheetLayout.Rect(x: rect.x + dx, y: rect.y + dy, w: rect.w, h: rect.h)
        let (ink, shade) = inkShare(found, inset: inset, transform: transform)
        let state: MarkState
        let confidence: Double
        if edge < Self.borderLevel {
            // The box's own border is not where the transform puts it: the place is wrong.
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
    func inkShare(_ r: SheetLayout.Rect, inset: Double, transform: Homography) -> (ink: Double, shade: Double) {
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
        for j in 0..<n {
            for i in 0..<n {
                let mx = x0 + w * (Double(i) + 0.5) / Double(n)
                let my = y0 + h * (Double(j) + 0.5) / Double(n)
                let (px, py) = transform.apply(mx, my)
                let dark = darkness(px, py)
                guard dark > Self.inkLevel else { continue }
                if dark >= Self.solidLevel {
                    inked += 1
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
                if 1 - g / max(light, 1) >= Self.strokeLevel { inked += 1 } else { shaded += 1 }
            }
        }
        return (Double(inked) / Double(n * n), Double(shaded) / Double(n * n))
    }

    /// The darkness of the box's printed border: along each side, the darkest point within
    /// `borderSearch` mm across the line's middle (a scan registered a little off still finds it),
    /// averaged; the least of the four sides (a box read a border's width off on one axis has pale
    /// sides). With it, how far the border lies from its place (mm, the mean of opposite sides).
    func borderDarkness(_ r: SheetLayout.Rect, border: Double, transform: Homography) -> (Double, Double, Double) {
        let e = border / 2
        let offsets = stride(from: -Self.borderSearch, through: Self.borderSearch + 1e-9, by: Self.borderSearch / 3).map
        { $0 }
        var sides = [0.0, 0, 0, 0]
        var shifts = [0.0, 0, 0, 0]
        for k in 0..<16 {
            let t = (Double(k) + 0.5) / 16
            // Each side's point on the line's middle, and the direction across the line.
            let points = [
                (r.x + e, r.y + r.h * t, 1.0, 0.0), (r.x + r.w - e, r.y + r.h * t, 1, 0),
                (r.x + r.w * t, r.y + e, 0, 1), (r.x + r.w * t, r.y + r.h - e, 0, 1),
            ]
            for (side, (x, y, dx, dy)) in points.enumerated() {
                var darkest = 0.0
                var at = 0.0
                for o in offsets {
                    let (px, py) = transform.apply(x + dx * o, y + dy * o)
                    let d = darkness(px, py)
                    if d > darkest {
                        darkest = d
                        at = o
                    }
                }
                sides[side] += darkest / 16
                shifts[side] += at / 16
            }
        }
        return (sides.min()!, (shifts[0] + shifts[1]) / 2, (shifts[2] + shifts[3]) / 2)
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
