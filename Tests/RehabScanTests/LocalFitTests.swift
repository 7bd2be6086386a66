import RehabKit
import RehabScan
import SheetGeometry
import Testing

/// Boxes placed from the printed borders of the boxes round them (`BoxReader.place`, `LocalFit`,
/// issue 23): the foot of a sheet (its pain and warning boxes) drawn pulled and squeezed as a
/// curled edge shows it, and read through the transform of the flat sheet, as the corner marks
/// give it.
struct LocalFitTests {
    static let ppm = 8.0
    static let margin = 5.0
    static let foot = SheetLayout.dayRows(top: 4, metrics: .normal)
    /// Sheet millimetres to pixels, for the flat sheet.
    static let flat = Homography([ppm, 0, margin * ppm, 0, ppm, margin * ppm, 0, 0, 1])

    static func layout() -> SheetLayout {
        let monday = LocalDate("2026-11-30")!
        var boxes: [SheetLayout.Box] = []
        for d in 0..<7 {
            let date = monday.adding(days: d)
            for (n, r) in foot.pain[d].enumerated() {
                boxes.append(SheetLayout.Box(rect: r, meaning: .pain(n), day: d, date: date))
            }
            boxes.append(SheetLayout.Box(rect: foot.warning[d], meaning: .warning, day: d, date: date))
        }
        let w = SheetLayout.blockWidth
        let f = SheetLayout.mark
        return SheetLayout(
            width: w, height: foot.height, page: 1, pages: 1, metrics: .normal,
            marks: [SheetLayout.Rect(x: 0, y: 0, w: f, h: f), SheetLayout.Rect(x: w - f, y: 0, w: f, h: f)]
                + foot.bottomMarks,
            qr: foot.qr, boxes: boxes, labels: [], shades: [], rules: [],
            dates: (0..<7).map { monday.adding(days: $0) },
            plan: "test", week: 1, paper: .a4)
    }

    /// A curl's pull at the right: nothing left of x = 90 mm, then the page drawn in towards the
    /// left and down by up to `pull` mm (at x = 150), more the further right, so that the boxes there
    /// are squeezed as well as moved.
    static func warp(_ pull: Double) -> (Double, Double) -> (Double, Double) {
        { x, y in
            let s = max(0, x - 90) / 60
            return (x - pull * s * s, y + 0.3 * pull * s * s)
        }
    }

    /// The foot drawn through `warp` at `ppm`: each box's border (0.53 mm, the warning box's
    /// 0.8 mm), darkest in its middle, and a pen cross in each ticked box.
    static func drawn(_ layout: SheetLayout, warp: (Double, Double) -> (Double, Double), ticked: Set<String>)
        -> GrayImage
    {
        var image = GrayImage(
            width: Int((layout.width + 2 * margin) * ppm), height: Int((layout.height + 2 * margin) * ppm), fill: 238)
        // Ink darkest in a line's middle, as printed and photographed: `edge` 0 in the middle, 1 at
        // its edge.
        func ink(_ x: Double, _ y: Double, edge: Double) {
            let (wx, wy) = warp(x, y)
            let (px, py) = flat.apply(wx, wy)
            let (ix, iy) = (Int(px), Int(py))
            let grey = UInt8(25 + 150 * edge * edge)
            if ix >= 0, iy >= 0, ix < image.width, iy < image.height { image[ix, iy] = min(image[ix, iy], grey) }
        }
        /// A line from (x0, y0) to (x1, y1) (along x or along y), `t` wide.
        func rule(_ x0: Double, _ y0: Double, _ x1: Double, _ y1: Double, _ t: Double) {
            let alongX = y1 == y0
            for a in stride(from: 0, through: alongX ? x1 - x0 : y1 - y0, by: 0.04) {
                for c in stride(from: -t / 2, through: t / 2, by: 0.04) {
                    if alongX {
                        ink(x0 + a, y0 + c, edge: abs(c) / (t / 2))
                    } else {
                        ink(x0 + c, y0 + a, edge: abs(c) / (t / 2))
                    }
                }
            }
        }
        func line(_ a: (Double, Double), _ b: (Double, Double)) {
            let n = 200
            for k in 0...n {
                let t = Double(k) / Double(n)
                let (x, y) = (a.0 + (b.0 - a.0) * t, a.1 + (b.1 - a.1) * t)
                for dy in stride(from: -0.25, through: 0.25, by: 0.04) {
                    for dx in stride(from: -0.25, through: 0.25, by: 0.04) { ink(x + dx, y + dy, edge: 0) }
                }
            }
        }
        for box in layout.boxes {
            let r = box.rect
            let t = box.meaning == .warning ? 0.8 : 0.53
            rule(r.x, r.y + t / 2, r.x + r.w, r.y + t / 2, t)
            rule(r.x, r.y + r.h - t / 2, r.x + r.w, r.y + r.h - t / 2, t)
            rule(r.x + t / 2, r.y, r.x + t / 2, r.y + r.h, t)
            rule(r.x + r.w - t / 2, r.y, r.x + r.w - t / 2, r.y + r.h, t)
            if ticked.contains(box.id) {
                line((r.x + 1.5, r.y + 1.5), (r.x + r.w - 1.5, r.y + r.h - 1.5))
                line((r.x + r.w - 1.5, r.y + 1.5), (r.x + 1.5, r.y + r.h - 1.5))
            }
        }
        return image
    }

    /// A pain number a day (a different column each day, the last ones among them) and the warning
    /// sign on two days.
    static func ticks(_ layout: SheetLayout) -> Set<String> {
        Set(
            layout.boxes.filter { box in
                switch box.meaning {
                case .pain(let n): return n == [10, 9, 8, 3, 7, 10, 0][box.day]
                case .warning: return box.day == 1 || box.day == 4
                default: return false
                }
            }.map(\.id))
    }

    /// How far (mm) the warp moves the centre of a box.
    static func moved(_ read: BoxRead, _ warp: (Double, Double) -> (Double, Double)) -> Double {
        let r = read.box.rect
        let (x, y) = warp(r.centerX, r.centerY)
        return ((x - r.centerX) * (x - r.centerX) + (y - r.centerY) * (y - r.centerY)).squareRoot()
    }

    /// How far (mm) from where the warp truly put it a box was read.
    static func misplaced(_ read: BoxRead, _ warp: (Double, Double) -> (Double, Double)) -> Double {
        guard let place = read.place else { return .infinity }
        let r = read.box.rect
        let (u, v) = place.apply(r.centerX, r.centerY)
        let (x, y) = warp(r.centerX, r.centerY)
        let (tu, tv) = flat.apply(x, y)
        return ((u - tu) * (u - tu) + (v - tv) * (v - tv)).squareRoot() / ppm
    }

    /// The pain boxes pulled up to 1.7 mm and squeezed are each found from the boxes round them and
    /// read right: before, a box whose border was not within 0.45 mm of where the flat transform
    /// puts it was looked for only at its neighbours' mean shift, unsqueezed, and stayed uncertain.
    /// The warning boxes, pulled 3.8 mm and squeezed by a seventh 20 mm from the last pain box, are
    /// read right or left uncertain.
    @Test func boxesMovedAndSqueezedByACurlAreReadAtTheirPlace() {
        let layout = Self.layout()
        let ticked = Self.ticks(layout)
        let warp = Self.warp(5)
        let image = Self.drawn(layout, warp: warp, ticked: ticked)
        let reads = BoxReader(image, pixelsPerMillimetre: Self.ppm).read(layout, transform: Self.flat)
        var far = 0
        for read in reads {
            let truth: MarkState = ticked.contains(read.box.id) ? .ticked : .empty
            if read.box.meaning == .warning {
                #expect(read.state == truth || read.state == .uncertain, "\(read.box.id): \(read.state)")
                continue
            }
            #expect(read.state == truth, "\(read.box.id): \(read.state), ink \(read.ink)")
            if Self.moved(read, warp) > 0.9 { far += 1 }
        }
        #expect(far >= 7, "the warp must move pain boxes past the border's search: \(far)")
    }

    /// However far a curl pulls the boxes (up to 12 mm, more than their 8.4 mm pitch), a box is read
    /// at its own place (within 2 mm, the drawing's rounding included) or left uncertain, never read
    /// as its neighbour; boxes pulled past the border's search are still read.
    @Test func aBoxIsNeverReadAsItsNeighbour() {
        let layout = Self.layout()
        let ticked = Self.ticks(layout)
        var pulledAndRead = 0
        for pull in stride(from: 2.0, through: 12, by: 2) {
            let warp = Self.warp(pull)
            let image = Self.drawn(layout, warp: warp, ticked: ticked)
            let reads = BoxReader(image, pixelsPerMillimetre: Self.ppm).read(layout, transform: Self.flat)
            for read in reads where read.state != .uncertain {
                let truth: MarkState = ticked.contains(read.box.id) ? .ticked : .empty
                #expect(read.state == truth, "pull \(pull): \(read.box.id) read \(read.state)")
                #expect(Self.misplaced(read, warp) < 2, "pull \(pull): \(read.box.id) read off its place")
                if Self.moved(read, warp) > 0.9 { pulledAndRead += 1 }
            }
        }
        #expect(pulledAndRead >= 20, "boxes pulled past the border's search and read: \(pulledAndRead)")
    }
}
