import Foundation
import RehabKit
import SheetGeometry

/// Reads scan files: PDF (each page through pdftoppm), PNG or JPEG. Finds each sheet's code, asks
/// `resolve` for the layout it names (or why it is refused), locates the sheet and reads its boxes.
public enum SheetScanner {
    public struct Outcome: Sendable {
        public var sheets: [SheetRead] = []
        public var problems: [ScanProblem] = []
        /// Pages read, and pages on which no sheet code was found (a card page, a blank).
        public var pages = 0
        public var pagesWithoutCode: [(file: String, page: Int)] = []
        /// Warning boxes not empty on refused sheets.
        public var footWarnings: [(file: String, page: Int, warning: FootWarning)] = []
    }

    /// 200 MB: a scan file larger than this is refused before it is read.
    public static let maxFileBytes = 200 * 1024 * 1024

    /// `limits`: what the run may cost (see `ScanLimits`); reading stops at the first one reached, with
    /// a problem saying which. `progress` hears of each page read: its file, its number and the
    /// sheets found on it.
    public static func scan(
        files: [String], preview: Bool, limits: ScanLimits = ScanLimits(),
        progress: ((_ file: String, _ page: Int, _ sheets: Int) -> Void)? = nil,
        resolve: (SheetCode) -> Result<SheetLayout, ScanError>
    ) -> Outcome {
        var out = Outcome()
        var budget = ScanBudget(limits)
        for (f, file) in files.enumerated() {
            if let hit = budget.runLimit() {
                let after = files.count - f - 1
                out.problems.append(
                    ScanProblem(
                        file: file, page: 0,
                        message:
                            "not read\(after > 0 ? ", nor the \(after) files after it" : ""): \(hit); scan \(after > 0 ? "them" : "it") in another run"
                    ))
                break
            }
            let fileStart = ContinuousClock.now
            var source: PageSource
            do {
                source = try PageSource(file)
            } catch {
                out.problems.append(ScanProblem(file: file, page: 0, message: error.message))
                continue
            }
            var read = 0
            while true {
                if let hit = budget.pageLimit(read: read, fileStart: fileStart) {
                    if source.hasMore(timeout: min(30, max(1, budget.secondsLeft(fileStart: fileStart)))) {
                        out.problems.append(
                            ScanProblem(
                                file: file, page: read,
                                message:
                                    "reading stopped after page \(read): \(hit); the pages after it were not read: split the scan into smaller files"
                            ))
                    }
                    break
                }
                let image: GrayImage
                do {
                    guard let next = try source.next(timeout: budget.secondsLeft(fileStart: fileStart)) else { break }
                    image = next
                } catch {
                    out.problems.append(ScanProblem(file: file, page: read + 1, message: error.message))
                    break
                }
                read += 1
                budget.pages += 1
                budget.pixels += image.pixels.count
                out.pages += 1
                let page = self.read(image, preview: preview, resolve: resolve)
                progress?(file, read, page.sheets.count)
                if page.noCode { out.pagesWithoutCode.append((file, read)) }
                out.footWarnings += page.footWarnings.map { (file, read, $0) }
                out.problems += page.problems.map { ScanProblem(file: file, page: read, message: $0) }
                out.sheets += page.sheets.map { sheet in
                    var sheet = sheet
                    (sheet.file, sheet.page) = (file, read)
                    return sheet
                }
            }
        }
        return out
    }

    /// The pages of one scan file, a few at a time: one image, or a PDF rasterised `PDFRaster.batch`
    /// pages at once.
    struct PageSource {
        let file: String
        var pending: [GrayImage] = []
        var nextPage = 1
        var ended = false

        init(_ file: String) throws(ScanError) {
            self.file = file
            if let image = try SheetScanner.open(file) {
                pending = [image]
                ended = true
            }
        }

        /// Whether a page follows the ones read: a PDF whose last batch came back full may or may not
        /// have one, so one more page is asked for (and kept for `next`).
        mutating func hasMore(timeout: Double) -> Bool {
            if !pending.isEmpty { return true }
            if ended { return false }
            guard let one = try? PDFRaster.pages(file: file, first: nextPage, last: nextPage, timeout: timeout),
                !one.isEmpty
            else {
                ended = true
                return false
            }
            nextPage += 1
            pending = one
            return true
        }

        mutating func next(timeout: Double) throws(ScanError) -> GrayImage? {
            if pending.isEmpty, !ended {
                let batch = try PDFRaster.pages(
                    file: file, first: nextPage, last: nextPage + PDFRaster.batch - 1, timeout: timeout)
                nextPage += PDFRaster.batch
                if batch.count < PDFRaster.batch { ended = true }
                pending = batch
            }
            return pending.isEmpty ? nil : pending.removeFirst()
        }
    }

    /// One page: its sheets (file and page left empty), what could not be read, and whether it
    /// holds no QR code at all.
    public static func read(
        _ image: GrayImage, preview: Bool,
        resolve: (SheetCode) -> Result<SheetLayout, ScanError>
    ) -> Page {
        let symbols = findSymbols(image)
        let codes = symbols.compactMap { s in SheetCode(s.text).map { (s, $0) } }
        if codes.isEmpty {
            return Page(
                sheets: [], problems: symbols.isEmpty ? [] : ["the QR code on this page is not a rehab sheet code"],
                noCode: symbols.isEmpty)
        }
        var sheets: [SheetRead] = []
        var problems: [String] = []
        var footWarnings: [FootWarning] = []
        for (symbol, code) in codes {
            let layout: SheetLayout
            switch resolve(code) {
            case .failure(let e):
                problems.append(e.message)
                // Refused, but its warning boxes are still read: a red flag is never left unread. A
                // sheet of another layout cannot be read here: its warning boxes are unknown. A sheet
                // page before the last has none.
                if code.layout != SheetLayout.version {
                    footWarnings.append(FootWarning(code: code, day: nil, state: .uncertain))
                } else if code.page == code.pages {
                    footWarnings += readFoot(symbol, code: code, in: image)
                }
                continue
            case .success(let l): layout = l
            }
            guard
                let transform = SheetLocator.locate(symbol, layout: layout, in: image).flatMap({
                    plausible($0, layout: layout) ? $0 : nil
                })
            else {
                problems.append(Self.notLocated)
                // Nothing of a sheet that was not located is read, but a warning box whose place was
                // found (from the code and the bottom marks) with ink in it is still said; the others
                // could not be read (issue 23: never "possibly ticked" on a guess of where they are).
                if code.page == code.pages {
                    footWarnings += readFoot(symbol, code: code, in: image).map { w in
                        var w = w
                        if w.state == .uncertain, w.day == nil || !w.inkSeen { w.unread = true }
                        return w
                    }
                }
                continue
            }
            let reader = BoxReader(image, pixelsPerMillimetre: transform.scale(at: layout.width / 2, layout.height / 2))
            sheets.append(
                SheetRead(
                    file: "", page: 0, code: code, layout: layout, boxes: reader.read(layout, transform: transform),
                    preview: preview ? BoxReader.rectify(image, layout: layout, transform: transform) : nil))
        }
        return Page(sheets: sheets, problems: problems, noCode: false, footWarnings: footWarnings)
    }

    /// What one page held.
    public struct Page: Sendable {
        public var sheets: [SheetRead]
        public var problems: [String]
        public var noCode: Bool
        /// Warning boxes ticked or uncertain on sheets that were refused.
        public var footWarnings: [FootWarning] = []
    }

    /// A warning box of a refused sheet that is not empty (or whose foot could not be found).
    public struct FootWarning: Sendable {
        public var code: SheetCode
        /// 0 for the week's first day; nil when the foot of the sheet could not be found at all.
        public var day: Int?
        public var state: MarkState
        /// Uncertain with ink (or shade) seen inside its border; false when its border was not found.
        public var inkSeen = false
        /// On a sheet that was not located, a box that could not be read: said as "could not be
        /// read — ask the patient", not as possibly ticked.
        public var unread = false
    }

    /// Why a sheet whose code was read is refused when its corner marks are not found.
    public static let notLocated =
        "the sheet could not be located (its four black corner marks were not all found): nothing on it was read. Take the photo again from straight above, the whole sheet flat and in the frame, with a margin around it"

    static func plausibleScale(_ t: Homography, _ r: SheetLayout.Rect) -> Bool {
        let s = t.scale(at: r.centerX, r.centerY)
        return s.isFinite && s >= 1 && s <= 60
    }

    /// The transform puts the block on the image as a sheet can lie there: every corner and the
    /// centre at 1–60 pixels a millimetre, the corners in order round a convex shape.
    static func plausible(_ t: Homography, layout: SheetLayout) -> Bool {
        let corners = [(0.0, 0.0), (layout.width, 0), (layout.width, layout.height), (0, layout.height)]
        for (x, y) in corners + [(layout.width / 2, layout.height / 2)] {
            let s = t.scale(at: x, y)
            guard s.isFinite, s >= 1, s <= 60 else { return false }
        }
        let p = corners.map { t.apply($0.0, $0.1) }
        let turns = (0..<4).map { i -> Double in
            let a = p[i]
            let b = p[(i + 1) % 4]
            let c = p[(i + 2) % 4]
            return (b.0 - a.0) * (c.1 - b.1) - (b.1 - a.1) * (c.0 - b.0)
        }
        return turns.allSatisfy { $0 > 0 } || turns.allSatisfy { $0 < 0 }
    }

    /// The warning boxes of a sheet refused before reading, from its code and bottom marks alone.
    static func readFoot(_ symbol: QRFinder.Symbol, code: SheetCode, in image: GrayImage) -> [FootWarning] {
        let foot = SheetLayout.dayRows(top: 0, metrics: .of(largePrint: code.largePrint))
        let region = SheetLayout.Rect(x: 0, y: 0, w: SheetLayout.blockWidth, h: foot.height)
        guard let t = SheetLocator.locateFoot(symbol, foot: foot, in: image), plausibleScale(t, region) else {
            return [FootWarning(code: code, day: nil, state: .uncertain)]
        }
        let reader = BoxReader(image, pixelsPerMillimetre: t.scale(at: foot.qr.centerX, foot.qr.centerY))
        return foot.warning.enumerated().compactMap { d, rect in
            let read = reader.state(rect, meaning: .warning, transform: t)
            return read.state == .empty
                ? nil : FootWarning(code: code, day: d, state: read.state, inkSeen: read.confidence > 0)
        }
    }

    /// A scan file's one image (PNG or JPEG), or nil for a PDF (whose pages `PDFRaster` reads).
    static func open(_ file: String) throws(ScanError) -> GrayImage? {
        guard FileSystem.kind(file) == .file else {
            throw ScanError("not a regular file (a pipe, a device or a folder), or no such file")
        }
        let bytes: [UInt8]
        do {
            bytes = try FileSystem.read(file, limit: maxFileBytes)
        } catch {
            throw ScanError("cannot read the file (at most \(maxFileBytes / 1024 / 1024) MB): \(error)")
        }
        switch ImageCodec.kind(of: bytes) {
        case .png: return try ImageCodec.decodePNG(bytes)
        case .jpeg: return try ImageCodec.decodeJPEG(bytes)
        case .pdf: return nil
        case nil: throw ScanError("not a PDF, PNG or JPEG file: scan the sheet to one of these")
        }
    }

    /// The QR symbols of a page: as it is, else — when no code at all could be read — at half size
    /// (noise and large scans), else with its contrast stretched (a faint or grey scan), else
    /// sharpened, else at 1.5 times the size (a small, soft code in a photo).
    public static func findSymbols(_ image: GrayImage) -> [QRFinder.Symbol] {
        let direct = QRFinder.find(image)
        if direct.contains(where: { SheetCode($0.text) != nil }) { return direct }
        // Codes that read but are not sheet codes: the page is not a sheet, and reading it again at
        // half size or stretched would find the same codes at twice or thrice the cost.
        if !direct.isEmpty { return direct }
        let half = QRFinder.find(image.halved()).map { s in
            QRFinder.Symbol(text: s.text, corners: s.corners.map { Point($0.x * 2, $0.y * 2) })
        }
        if half.contains(where: { SheetCode($0.text) != nil }) { return half }
        let stretched = QRFinder.find(stretch(image))
        if stretched.contains(where: { SheetCode($0.text) != nil }) { return stretched }
        // A phone photo at an angle, its code small and soft (issue 23): sharpened, else at one and
        // a half times the size (each found a code that the others missed in the bench's steep photos).
        let sharp = QRFinder.find(sharpened(image))
        if sharp.contains(where: { SheetCode($0.text) != nil }) { return sharp }
        // A hard shadow's edge across the code (issue 23): the light divided out.
        let flat = QRFinder.find(flattened(image))
        if flat.contains(where: { SheetCode($0.text) != nil }) { return flat }
        // Not for a large page (300 dpi and up: its code is large enough), where it would cost a card
        // page or a blank seconds.
        guard image.pixels.count <= 6_000_000 else {
            return direct.isEmpty ? (half.isEmpty ? stretched : half) : direct
        }
        let larger = QRFinder.find(scaled(image, by: 1.5)).map { s in
            QRFinder.Symbol(text: s.text, corners: s.corners.map { Point($0.x / 1.5, $0.y / 1.5) })
        }
        if larger.contains(where: { SheetCode($0.text) != nil }) { return larger }
        return direct.isEmpty ? (half.isEmpty ? stretched : half) : direct
    }

    /// The image divided by its paper (issue 23): each pixel against the brightest level that fills
    /// a square round it of about 1/55 of the image's long side (a grey closing: the most of each
    /// square, then the least of those), rescaled to white. A shadow's hard edge is kept in that
    /// level, so it is divided out, while the code's modules (a 25-module code is a few such
    /// squares across, its darkest patches a few modules wide) are narrower than the square and
    /// stay dark. Only for zbar: boxes are read against `PaperLevel` on the image itself.
    static func flattened(_ image: GrayImage) -> GrayImage {
        let radius = max(3, max(image.width, image.height) / 110)
        var paper = image
        paper.slide(radius: radius, keeping: max)
        paper.slide(radius: radius, keeping: min)
        var out = image
        for i in out.pixels.indices {
            out.pixels[i] = UInt8(min(255, Int(image.pixels[i]) * 255 / max(1, Int(paper.pixels[i]))))
        }
        return out
    }

    /// The image with each pixel's difference from its four neighbours added (a 3 × 3 sharpening).
    static func sharpened(_ image: GrayImage) -> GrayImage {
        var out = image
        guard image.width > 2, image.height > 2 else { return out }
        for y in 1..<(image.height - 1) {
            for x in 1..<(image.width - 1) {
                let c =
                    5 * Int(image[x, y]) - Int(image[x - 1, y]) - Int(image[x + 1, y]) - Int(image[x, y - 1])
                    - Int(image[x, y + 1])
                out[x, y] = UInt8(max(0, min(255, c)))
            }
        }
        return out
    }

    /// The image `factor` times the size each way (bilinear).
    static func scaled(_ image: GrayImage, by factor: Double) -> GrayImage {
        let w = Int(Double(image.width) * factor)
        let h = Int(Double(image.height) * factor)
        guard w * h <= ImageCodec.maxPixels else { return image }
        var out = GrayImage(width: w, height: h)
        for y in 0..<h {
            for x in 0..<w {
                out[x, y] = UInt8(image.sample((Double(x) + 0.5) / factor, (Double(y) + 0.5) / factor).rounded())
            }
        }
        return out
    }

    /// The image with its grey levels spread from its 1st to its 90th percentile.
    static func stretch(_ image: GrayImage) -> GrayImage {
        let histogram = GrayHistogram(image)
        let lo = histogram.percentile(0.01)
        let hi = max(lo + 1, histogram.percentile(0.9))
        var out = image
        for i in out.pixels.indices {
            out.pixels[i] = UInt8(max(0, min(255, (Int(image.pixels[i]) - lo) * 255 / (hi - lo))))
        }
        return out
    }
}
