import Foundation
import RehabKit
import RehabPrint
import RehabScan
import TestSupport
import Testing

/// Issue 27: every bundled picture printed by real Chromium and read back rasterised — none blank,
/// none drawn outside its box (a stroke past the SVG's edge is cut there, and shows as ink on the
/// edge). The page printed is the contact sheet of docs/images/ (`REHAB_RECORD=1` rewrites it and
/// its PNG); the test fails when that sheet is not the one the bundled exercises draw.
@Suite(.serialized) struct PictureRasterTests {
    static let dpi = 100
    static let sheetHTML = Paths.packageRoot + "/docs/images/pictures.html"
    static let sheetPNG = Paths.packageRoot + "/docs/images/pictures.png"

    struct Measure {
        /// The share of the picture's area that is ink.
        var ink: Double
        /// Ink pixels in the ring just inside the picture's edge (its margin).
        var edgeInk: Int
    }

    /// Where entry `index`'s picture is on its page, in pixels, and how much ink is in and at its edge.
    static func measure(_ pages: [GrayImage], index: Int, svg: String) -> Measure {
        let c = PictureSheet.cell(index)
        let (w, h) = PictureSheet.size(svg)
        let px = Double(dpi) / 25.4
        let cssPx = Double(dpi) / 96
        let x0 = Int((c.x * px).rounded())
        let y0 = Int((c.y * px).rounded())
        let width = Int(w * cssPx)
        let height = Int(h * cssPx)
        let page = pages[c.page]
        var ink = 0
        var edge = 0
        // The ring 1 to 4 pixels inside the edge: the renderer keeps a 6-unit (6 px) margin.
        let ring = 1...max(1, Int(6 * cssPx) - 2)
        for y in y0..<min(y0 + height, page.height) {
            for x in x0..<min(x0 + width, page.width) where page[x, y] < 128 {
                ink += 1
                let dx = min(x - x0, x0 + width - 1 - x)
                let dy = min(y - y0, y0 + height - 1 - y)
                if ring.contains(min(dx, dy)) { edge += 1 }
            }
        }
        return Measure(ink: Double(ink) / Double(max(1, width * height)), edgeInk: edge)
    }

    static func rasterise(_ html: String) throws -> [GrayImage] {
        try #require(PDFPrinter.browser() != nil, "headless Chromium is not installed: run 'make test'")
        try #require(PDFRaster.tool() != nil, "pdftoppm is not installed: run 'make test'")
        let ws = try TemporaryWorkspace()
        let pdf = try ws.write("pictures.pdf", Data(try PDFPrinter.render(html: html)))
        return try PDFRaster.pages(file: pdf, dpi: dpi)
    }

    @Test func everyBundledPictureIsDrawnNotBlankAndInsideItsBox() throws {
        let open = OpenWorkspace(root: Paths.packageRoot, displayBase: Paths.packageRoot)
        let entries = PictureSheet.entries(open.workspace)
        #expect(entries.count >= 40)
        let html = PictureSheet.html(entries)
        let pages = try Self.rasterise(html)
        #expect(pages.count == (entries.count + 14) / 15)
        var checked = 0
        for (i, e) in entries.enumerated() {
            let m = Self.measure(pages, index: i, svg: e.svg)
            #expect(m.ink > 0.03, "\(e.id): \(Int(m.ink * 100)) % ink — blank?")
            #expect(m.ink < 0.5, "\(e.id): \(Int(m.ink * 100)) % ink")
            #expect(m.edgeInk == 0, "\(e.id): \(m.edgeInk) ink pixels at the edge: drawn outside its box")
            checked += 1
        }
        #expect(checked == entries.count)
        if Golden.recording {
            var stacked = GrayImage(width: pages[0].width, height: pages.reduce(0) { $0 + $1.height })
            var top = 0
            for page in pages {
                for y in 0..<page.height {
                    for x in 0..<min(page.width, stacked.width) { stacked[x, top + y] = page[x, y] }
                }
                top += page.height
            }
            try Data(ImageCodec.encodePNG(stacked)).write(to: URL(fileURLWithPath: Self.sheetPNG))
        }
        if let problem = Golden.check(html, file: Self.sheetHTML) { Issue.record("\(problem.prefix(600))") }
    }

    /// The check above can fail: a picture with a stroke past its right edge, and a blank one.
    @Test func aPictureDrawnOutsideItsBoxOrBlankIsCaught() throws {
        let outside = """
            <svg xmlns="http://www.w3.org/2000/svg" width="100" height="100" viewBox="0 0 100 100"><path d="M50 50 L120 50" stroke="#000" stroke-width="5"/></svg>
            """
        let blank = #"<svg xmlns="http://www.w3.org/2000/svg" width="100" height="100" viewBox="0 0 100 100"></svg>"#
        let entries = [
            PictureSheet.Entry(id: "outside", name: "Outside", svg: outside),
            PictureSheet.Entry(id: "blank", name: "Blank", svg: blank),
        ]
        let pages = try Self.rasterise(PictureSheet.html(entries))
        #expect(Self.measure(pages, index: 0, svg: outside).edgeInk > 0)
        #expect(Self.measure(pages, index: 1, svg: blank).ink == 0)
    }
}

/// `rehab exercises --pictures DIR`: one SVG per exercise with a picture, 0600, and the rest named.
struct ExercisePicturesCommandTests {
    @Test func writesOneSVGPerExerciseAndNamesThoseWithout() throws {
        let ws = try TemporaryWorkspace.clinicCopy()
        try FileManager.default.createDirectory(atPath: ws.root + "/pictures", withIntermediateDirectories: true)
        let run = try Run(["exercises", "--pictures", "pictures"], in: ws.root)
        #expect(run.status == 0, "\(run.stderr)")
        let open = OpenWorkspace(root: ws.root, displayBase: ws.root)
        let drawn = open.workspace.exercises.filter { $0.picture != nil }
        let without = open.workspace.exercises.filter { $0.picture == nil }.map(\.id.rawValue).sorted()
        #expect(run.stdout.contains("wrote \(drawn.count) pictures to pictures"), "\(run.stdout)")
        #expect(run.stdout.contains("without a picture: \(without.joined(separator: ", "))"), "\(run.stdout)")
        let files = try FileManager.default.contentsOfDirectory(atPath: ws.root + "/pictures").sorted()
        #expect(files == drawn.map { $0.id.rawValue + ".svg" }.sorted())
        for e in drawn.prefix(3) {
            let path = ws.root + "/pictures/\(e.id.rawValue).svg"
            #expect(
                try String(contentsOfFile: path, encoding: .utf8) == FigureRenderer.svg(e.picture!.value, title: e.name)
            )
            let mode = try #require(try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int)
            #expect(mode == 0o600)
        }
        let missing = try Run(["exercises", "--pictures", "nowhere"], in: ws.root)
        #expect(missing.status == 1 && missing.stderr.contains("'nowhere' is not a folder"), "\(missing.stderr)")
    }
}
