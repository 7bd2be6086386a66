import RehabScan
import SheetGeometry

/// Box accuracy over synthetic scans (`rehab bench scan`, and the scan tests): each scan is a clean
/// raster of a printed sheet, ticked at random (pen ticks, crosses, light pencil, a stray mark,
/// sometimes a warning sign), distorted at random (`ScanSynth.Distortion.random`), then read.
public struct ScanBench: Sendable {
    /// A clean raster of the sheet's page and where the sheet lies on it.
    public struct Page: Sendable {
        public var dpi: Int
        public var image: GrayImage
        public var transform: Homography
        public init(dpi: Int, image: GrayImage, transform: Homography) {
            self.dpi = dpi
            self.image = image
            self.transform = transform
        }
    }

    public struct Result: Sendable, CustomStringConvertible {
        public var scans = 0
        /// Scans whose sheet was not found at all.
        public var unread = 0
        public var boxes = 0
        public var right = 0
        public var uncertain = 0
        /// Empty boxes read as ticked, and ticked boxes read as empty.
        public var falseTicks = 0
        public var missedTicks = 0
        public var falseWarnings = 0
        public var missedWarnings = 0
        /// Why boxes were flagged: the border not found, shade (a shadow's edge), ink between the
        /// thresholds; and how many of them were on scans with a hard shadow.
        public var flaggedBorder = 0
        public var flaggedShade = 0
        public var flaggedInk = 0
        public var flaggedInShadow = 0
        /// Boxes read as ticked or empty at a place more than `offPlaceLimit` from where the photo
        /// truly has them (photos only: a box taken for its neighbour would be 8.4 mm off).
        public var offPlace = 0
        /// Warning boxes of sheets that were not located said as ticked or possibly ticked though empty.
        public var refusedFalseWarnings = 0
        /// The scans whose sheet was not found, when asked for.
        public var failures: [GrayImage] = []
        /// Seconds spent reading the scans (finding the code, locating, reading the boxes).
        public var readSeconds = 0.0
        /// The scans that went wrong (a sheet not found, a false tick, boxes whose border was not found),
        /// with their distortion (`rehab bench scan --verbose`).
        public var notes: [String] = []

        static var offPlaceText: String { String(format: "%.0f", ScanBench.offPlaceLimit) }
        public var rightOrFlagged: Double { boxes == 0 ? 0 : Double(right + uncertain) / Double(boxes) }
        public var flagged: Double { boxes == 0 ? 0 : Double(uncertain) / Double(boxes) }

        public var description: String {
            func pct(_ v: Double) -> String { String(format: "%.3f %%", v * 100) }
            return """
                scans \(scans) (sheet not found: \(unread)), boxes \(boxes)
                right \(right), flagged uncertain \(uncertain) (\(pct(flagged))), right or flagged \(pct(rightOrFlagged))
                false ticks \(falseTicks), missed ticks \(missedTicks), false warning signs \(falseWarnings), missed warning signs \(missedWarnings)
                boxes read more than \(Self.offPlaceText) mm off their true place (photos): \(offPlace)
                flagged because the border was not found \(flaggedBorder), for shade \(flaggedShade), for ink between the thresholds or beside a box \(flaggedInk); on scans with a hard shadow \(flaggedInShadow)
                warning boxes of sheets not located said as possibly ticked though empty: \(refusedFalseWarnings)
                """
        }
    }

    public let layout: SheetLayout
    public let pages: [Page]

    public init(layout: SheetLayout, pages: [Page]) {
        self.layout = layout
        self.pages = pages
    }

    /// What a synthetic scan is made as (`rehab bench scan --condition`, issue 23): a flatbed scan
    /// (`ScanSynth.Distortion.random`), or a phone photo (`ScanSynth.Photo.random`) at a range of
    /// tilts, upside down, with a hard shadow, with some pain numbers circled instead of ticked, or
    /// on a check-patterned table.
    public enum Condition: String, Sendable, CaseIterable {
        case flatbed
        case tilt0to10 = "photo-tilt-0-10"
        case tilt10to20 = "photo-tilt-10-20"
        case tilt20to25 = "photo-tilt-20-25"
        case upsideDown = "photo-upside-down"
        case shadow = "photo-hard-shadow"
        case circled = "photo-circled-pain"
        case pattern = "photo-patterned-table"
        case curled = "photo-curled"

        public var summary: String {
            switch self {
            case .flatbed:
                return "flatbed scan: any quarter turn ± 5°, scale 0.85–1.15, keystone ± 4 %, light, noise, JPEG 45–95"
            case .tilt0to10: return "phone photo 30–45 cm, tilt 0–10°, any quarter turn ± 8°"
            case .tilt10to20: return "phone photo, tilt 10–20°"
            case .tilt20to25: return "phone photo, tilt 20–25°"
            case .upsideDown: return "phone photo upside down (180° ± 8°), tilt 0–20°"
            case .shadow: return "phone photo, tilt 0–20°, a hard shadow darkening 20–50 % of the light"
            case .circled: return "phone photo, tilt 0–20°, on half the days the pain number circled, not ticked"
            case .pattern: return "phone photo, tilt 0–20°, on a table of 5–25 mm checks"
            case .curled:
                return "phone photo, tilt 0–20°, one edge of the page curled up 5–20 mm over its last 40–100 mm"
            }
        }

        /// The photo of this condition (nil: a flatbed scan).
        func photo(_ rng: inout ScanSynth.Random) -> ScanSynth.Photo? {
            switch self {
            case .flatbed: return nil
            case .tilt0to10: return .random(&rng, tilt: 0...10)
            case .tilt10to20: return .random(&rng, tilt: 10...20)
            case .tilt20to25: return .random(&rng, tilt: 20...25)
            case .upsideDown:
                var p = ScanSynth.Photo.random(&rng, tilt: 0...20)
                p.roll = 180 + Double.random(in: -8...8, using: &rng)
                return p
            case .shadow:
                var p = ScanSynth.Photo.random(&rng, tilt: 0...20)
                p.shadow = Double.random(in: 0.2...0.5, using: &rng)
                p.shadowAngle = Double.random(in: 0..<(2 * .pi), using: &rng)
                p.shadowOffset = Double.random(in: -0.6...0.6, using: &rng)
                return p
            case .circled: return .random(&rng, tilt: 0...20)
            case .pattern:
                var p = ScanSynth.Photo.random(&rng, tilt: 0...20)
                p.pattern = Double.random(in: 5...25, using: &rng)
                p.patternDark = Double.random(in: 20...90, using: &rng)
                p.table = Double.random(in: 150...220, using: &rng)
                return p
            case .curled:
                var p = ScanSynth.Photo.random(&rng, tilt: 0...20)
                p.curl = Double.random(in: 5...20, using: &rng)
                p.curlEdge = Int.random(in: 0..<4, using: &rng)
                p.curlLength = Double.random(in: 40...100, using: &rng)
                return p
            }
        }
    }

    /// One synthetic scan: the image and the boxes ticked (by id).
    public func scan(_ rng: inout ScanSynth.Random, distortion: ScanSynth.Distortion? = nil) throws(ScanError) -> (
        GrayImage, Set<String>, ScanSynth.Distortion
    ) {
        let (image, ticked, d) = try scan(&rng, condition: .flatbed, distortion: distortion)
        return (image, ticked, d as? ScanSynth.Distortion ?? ScanSynth.Distortion())
    }

    /// One synthetic scan of a condition: the image, the boxes ticked (a circled pain number counts
    /// as ticked: it must read ticked or uncertain, never empty) and how it was made.
    public func scan(_ rng: inout ScanSynth.Random, condition: Condition, distortion: ScanSynth.Distortion? = nil)
        throws(ScanError) -> (GrayImage, Set<String>, any Sendable & CustomStringConvertible)
    {
        let made = try make(&rng, condition: condition, distortion: distortion)
        return (made.image, made.ticked, made.how)
    }

    /// A synthetic scan as made: the image, the boxes ticked, how it was made, and — for a photo —
    /// where each point of the sheet (mm) truly is in it (pixels).
    struct Made {
        var image: GrayImage
        var ticked: Set<String>
        var how: any Sendable & CustomStringConvertible
        var truth: ((Double, Double) -> (Double, Double))?
    }

    func make(_ rng: inout ScanSynth.Random, condition: Condition, distortion: ScanSynth.Distortion? = nil)
        throws(ScanError) -> Made
    {
        let page = pages[Int.random(in: 0..<pages.count, using: &rng)]
        var image = page.image
        var ticked = Set<String>()
        for date in layout.dates {
            let day = layout.boxes.filter { $0.date == date }
            for box in day {
                var tick = false
                switch box.meaning {
                case .session, .habit: tick = Double.random(in: 0..<1, using: &rng) < 0.6
                case .warning: tick = Double.random(in: 0..<1, using: &rng) < 0.05
                case .pain: break
                }
                if tick { ticked.insert(box.id) }
            }
            // One pain number on most days.
            let pain = day.filter {
                if case .pain = $0.meaning { return true }
                return false
            }
            if !pain.isEmpty, Double.random(in: 0..<1, using: &rng) < 0.85 {
                ticked.insert(pain[Int.random(in: 0..<pain.count, using: &rng)].id)
            }
        }
        for box in layout.boxes where ticked.contains(box.id) {
            if condition == .circled, case .pain = box.meaning, Double.random(in: 0..<1, using: &rng) < 0.5 {
                ScanSynth.circle(box.rect, on: &image, transform: page.transform, rng: &rng)
                continue
            }
            ScanSynth.mark(
                box.rect, stroke: ScanSynth.Stroke.allCases.randomElement(using: &rng)!, on: &image,
                transform: page.transform, rng: &rng)
        }
        if let any = layout.boxes.first(where: {
            if case .session = $0.meaning { return true }
            return false
        }) {
            ScanSynth.stray(near: any.rect, on: &image, transform: page.transform, rng: &rng)
        }
        if let photo = condition.photo(&rng) {
            let mm = 25.4 / Double(page.dpi)
            let camera = ScanSynth.Camera(
                photo, pageWidth: Double(image.width) * mm, pageHeight: Double(image.height) * mm)
            let transform = page.transform
            return Made(
                image: try ScanSynth.photograph(image, dpi: page.dpi, photo, rng: &rng), ticked: ticked, how: photo,
                truth: { x, y in
                    let (px, py) = transform.apply(x, y)
                    return camera.project(px * mm, py * mm)
                })
        }
        var d = distortion ?? .random(&rng)
        if distortion == nil, Double.random(in: 0..<1, using: &rng) < 0.2 { d.jpeg = nil }
        return Made(image: try ScanSynth.distort(image, d, rng: &rng), ticked: ticked, how: d, truth: nil)
    }

    /// Reads `count` synthetic scans of `condition` made from `seed`.
    /// `keepFailures`: keep each scan whose sheet was not found (`Result.failures`).
    public func run(count: Int, seed: UInt64, condition: Condition = .flatbed, keepFailures: Bool = false)
        throws(ScanError) -> Result
    {
        var rng = ScanSynth.Random(seed: seed)
        var r = Result()
        for _ in 0..<count {
            let made = try make(&rng, condition: condition)
            let (image, ticked, d) = (made.image, made.ticked, made.how)
            r.scans += 1
            let started = ContinuousClock.now
            let read = SheetScanner.read(image, preview: false) { _ in .success(layout) }
            r.readSeconds += (ContinuousClock.now - started) / .seconds(1)
            guard let sheet = read.sheets.first else {
                r.unread += 1
                r.notes.append("sheet not found (\(read.problems.first ?? "no code")): \(d)")
                if keepFailures { r.failures.append(image) }
                // A refused sheet: a warning box is said only where ink is seen in it.
                for w in read.footWarnings where !w.unread {
                    let truth =
                        w.day.map { d in
                            layout.boxes.contains { $0.meaning == .warning && $0.day == d && ticked.contains($0.id) }
                        } ?? false
                    if !truth { r.refusedFalseWarnings += 1 }
                }
                continue
            }
            for b in sheet.boxes where b.state == .ticked && !ticked.contains(b.box.id) {
                r.notes.append("false tick \(b.box.id) ink \(b.ink): \(d)")
            }
            if let truth = made.truth {
                for b in sheet.boxes where b.state != .uncertain {
                    let off = Self.offPlace(b, truth: truth)
                    guard off > Self.offPlaceLimit else { continue }
                    r.offPlace += 1
                    r.notes.append("\(b.box.id) read \(String(format: "%.1f", off)) mm off its place: \(d)")
                }
            }
            let before = r.uncertain
            let lost = r.flaggedBorder
            tally(sheet.boxes, ticked: ticked, into: &r)
            if r.flaggedBorder > lost {
                r.notes.append("\(r.flaggedBorder - lost) boxes whose border was not found: \(d)")
            }
            if ((d as? ScanSynth.Distortion)?.shadow ?? (d as? ScanSynth.Photo)?.shadow ?? 0) > 0 {
                r.flaggedInShadow += r.uncertain - before
            }
        }
        return r
    }

    /// Millimetres a box read as ticked or empty may lie from its true place (the photo's truth):
    /// a quarter of the boxes' pitch; its neighbour is 8.4 mm away.
    public static let offPlaceLimit = 2.0

    /// How far (mm) the place a box was read at lies from where the photo truly has it.
    static func offPlace(_ b: BoxRead, truth: (Double, Double) -> (Double, Double)) -> Double {
        guard let place = b.place else { return .infinity }
        let (x, y) = (b.box.rect.centerX, b.box.rect.centerY)
        let (u, v) = place.apply(x, y)
        let (tu, tv) = truth(x, y)
        return ((u - tu) * (u - tu) + (v - tv) * (v - tv)).squareRoot() / place.scale(at: x, y)
    }

    public func tally(_ boxes: [BoxRead], ticked: Set<String>, into r: inout Result) {
        for b in boxes {
            r.boxes += 1
            let truth = ticked.contains(b.box.id)
            switch (b.state, truth) {
            case (.uncertain, _):
                r.uncertain += 1
                if b.confidence == 0 {
                    r.flaggedBorder += 1
                } else if b.confidence < 0.5 {
                    r.flaggedShade += 1
                } else {
                    r.flaggedInk += 1
                }
            case (.ticked, true), (.empty, false): r.right += 1
            case (.ticked, false):
                r.falseTicks += 1
                if b.box.meaning == .warning { r.falseWarnings += 1 }
            case (.empty, true):
                r.missedTicks += 1
                if b.box.meaning == .warning { r.missedWarnings += 1 }
            }
        }
    }
}

extension ScanBench {
    /// The clean pages of a printed PDF that hold `layout`'s sheet, rasterised at each of `dpis`.
    public static func pages(pdf: String, dpis: [Int], layout: SheetLayout) throws(ScanError) -> [Page] {
        var out: [Page] = []
        for dpi in dpis {
            for image in try PDFRaster.pages(file: pdf, dpi: dpi) {
                let symbols = SheetScanner.findSymbols(image).filter { SheetCode($0.text) == layout.code }
                guard let symbol = symbols.first, let t = SheetLocator.locate(symbol, layout: layout, in: image) else {
                    continue
                }
                out.append(Page(dpi: dpi, image: image, transform: t))
            }
        }
        guard !out.isEmpty else { throw ScanError("no page of \(pdf) holds the sheet") }
        return out
    }
}
