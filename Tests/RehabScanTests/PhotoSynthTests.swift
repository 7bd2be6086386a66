import Testing

@testable import RehabBench
@testable import RehabScan

/// The bench's camera (issue 23): a curled page is drawn once, where the camera truly sees it.
struct PhotoSynthTests {
    /// A blank A4 page photographed with its edge curled, on a dark table, without noise, shading or
    /// JPEG: the paper-bright pixels are the page's own, as many as the outline of the page as the
    /// camera projects it holds (within 3 %). Before, rays whose search never settled on the paper
    /// were drawn as paper: a second, detached copy of the bent part lay on the table (the one
    /// curled photo the bench could not locate had its code and two marks twice).
    @Test(arguments: [
        (19.1, 344.0, 175.2, 1, 17.0, 63.0), (18.1, 227.0, 88.8, 1, 18.0, 87.0), (9.0, 340.0, 86.0, 3, 13.0, 73.0),
    ])
    func aCurledPageIsDrawnOnce(tilt: Double, towards: Double, roll: Double, edge: Int, curl: Double, length: Double)
        throws
    {
        let dpi = 50
        let mm = 25.4 / Double(dpi)
        let page = GrayImage(width: Int(210 / mm), height: Int(297 / mm), fill: 255)
        var p = ScanSynth.Photo()
        p.distance = 366
        p.tilt = tilt
        p.tiltDirection = towards
        p.roll = roll
        p.curl = curl
        p.curlEdge = edge
        p.curlLength = length
        p.longSide = 800
        p.table = 40
        p.light = 1
        p.blur = 0
        p.noise = 0
        p.jpeg = nil
        p.samples = 1
        var rng = ScanSynth.Random(seed: 1)
        let photo = try ScanSynth.photograph(page, dpi: dpi, p, rng: &rng)
        let bright = photo.pixels.filter { $0 > 150 }.count
        // The page's outline, 1 mm a step round its edge, through the camera.
        let camera = ScanSynth.Camera(p, pageWidth: Double(page.width) * mm, pageHeight: Double(page.height) * mm)
        let (w, h) = (Double(page.width) * mm, Double(page.height) * mm)
        var outline: [(Double, Double)] = []
        for x in stride(from: 0.0, to: w, by: 1) { outline.append(camera.project(x, 0)) }
        for y in stride(from: 0.0, to: h, by: 1) { outline.append(camera.project(w, y)) }
        for x in stride(from: w, to: 0, by: -1) { outline.append(camera.project(x, h)) }
        for y in stride(from: h, to: 0, by: -1) { outline.append(camera.project(0, y)) }
        let area = abs(SheetLocator.signedArea(outline))
        #expect(abs(Double(bright) - area) / area < 0.03, "paper pixels \(bright), the page's outline \(Int(area))")
    }
}
