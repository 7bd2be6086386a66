import RehabPrint

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
        /// The scans that went wrong, with their distortion (`rehab bench scan --verbose`).
        public var notes: [String] = []

        public var rightOrFlagged: Double { boxes == 0 ? 0 : Double(right + uncertain) / Double(boxes) }
        public var flagged: Double { boxes == 0 ? 0 : Double(uncertain) / Double(boxes) }

        public var description: String {
            func pct(_ v: Double) -> String { String(format: "%.3f %%", v * 100) }
            return """
                scans \(scans) (sheet not found: \(unread)), boxes \(boxes)
                right \(right), flagged uncertain \(uncertain) (\(pct(flagged))), right or flagged \(pct(rightOrFlagged))
                false ticks \(falseTicks), missed ticks \(missedTicks), false warning signs \(falseWarnings), missed warning signs \(missedWarnings)
                flagged because the border was not found \(flaggedBorder), for shade \(flaggedShade), for ink between the thresholds \(flaggedInk); on scans with a hard shadow \(flaggedInShadow)
                """
        }
    }

    public let layout: SheetLayout
    public let pages: [Page]

    public init(layout: SheetLayout, pages: [Page]) {
        self.layout = layout
        self.pages = pages
    }

    /// One synthetic scan: the image and the boxes ticked (by id).
    public func scan(_ rng: inout ScanSynth.Random, distortion: ScanSynth.Distortion? = nil) throws(ScanError) -> (GrayImage, Set<String>, ScanSynth.Distortion) {
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
            let pain = day.filter { if case .pain = $0.meaning { return true }; return false }
            if !pain.isEmpty, Double.random(in: 0..<1, using: &rng) < 0.85 { ticked.insert(pain[Int.random(in: 0..<pain.count, using: &rng)].id) }
        }
        for box in layout.boxes where ticked.contains(box.id) {
            ScanSynth.mark(box.rect, stroke: ScanSynth.Stroke.allCases.randomElement(using: &rng)!, on: &image, transform: page.transform, rng: &rng)
        }
        if let any = layout.boxes.first(where: { if case .session = $0.meaning { return true }; return false }) {
            ScanSynth.stray(near: any.rect, on: &image, transform: page.transform, rng: &rng)
        }
        var d = distortion ?? .random(&rng)
        if distortion == nil, Double.random(in: 0..<1, using: &rng) < 0.2 { d.jpeg = nil }
        return (try ScanSynth.distort(image, d, rng: &rng), ticked, d)
    }

    /// Reads `count` synthetic scans made from `seed`.
    public func run(count: Int, seed: UInt64) throws(ScanError) -> Result {
        var rng = ScanSynth.Random(seed: seed)
        var r = Result()
        for _ in 0..<count {
            let (image, ticked, d) = try scan(&rng)
            r.scans += 1
            let read = SheetScanner.read(image, preview: false) { _ in .success(layout) }
            guard let sheet = read.sheets.first else {
                r.unread += 1
                r.notes.append("sheet not found (\(read.problems.first ?? "no code")): \(d)")
                continue
            }
            for b in sheet.boxes where b.state == .ticked && !ticked.contains(b.box.id) {
                r.notes.append("false tick \(b.box.id) ink \(b.ink): \(d)")
            }
            let before = r.uncertain
            tally(sheet.boxes, ticked: ticked, into: &r)
            if d.shadow > 0 { r.flaggedInShadow += r.uncertain - before }
        }
        return r
    }

    public func tally(_ boxes: [BoxRead], ticked: Set<String>, into r: inout Result) {
        for b in boxes {
            r.boxes += 1
            let truth = ticked.contains(b.box.id)
            switch (b.state, truth) {
            case (.uncertain, _):
                r.uncertain += 1
                if b.confidence == 0 { r.flaggedBorder += 1 } else if b.confidence < 0.5 { r.flaggedShade += 1 } else { r.flaggedInk += 1 }
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
                guard let symbol = symbols.first, let t = SheetLocator.locate(symbol, layout: layout, in: image) else { continue }
                out.append(Page(dpi: dpi, image: image, transform: t))
            }
        }
        guard !out.isEmpty else { throw ScanError("no page of \(pdf) holds the sheet") }
        return out
    }
}
