import RehabBench
import RehabPrint
import RehabScan
import SheetGeometry
import Testing

/// One printed box read under conditions a scan brings, without a browser: a 7.2 mm box with a
/// 0.53 mm border drawn at 8 pixels a millimetre.
struct BoxReaderTests {
    static let ppm = 8.0
    static let box = SheetLayout.Rect(x: 10, y: 10, w: 7.2, h: 7.2)
    static let transform = Homography([ppm, 0, 0, 0, ppm, 0, 0, 0, 1])

    static func page() -> GrayImage {
        var image = GrayImage(width: 240, height: 240, fill: 245)
        let b = box
        let t = 0.53
        for (x0, y0, x1, y1) in [
            (b.x, b.y, b.x + b.w, b.y + t), (b.x, b.y + b.h - t, b.x + b.w, b.y + b.h),
            (b.x, b.y, b.x + t, b.y + b.h), (b.x + b.w - t, b.y, b.x + b.w, b.y + b.h),
        ] {
            for y in Int(y0 * ppm)..<Int((y1 * ppm).rounded(.up)) {
                for x in Int(x0 * ppm)..<Int((x1 * ppm).rounded(.up)) { image[x, y] = 20 }
            }
        }
        return image
    }

    static func read(_ image: GrayImage) -> MarkState {
        BoxReader(image, pixelsPerMillimetre: ppm).state(box, meaning: .pain(3), transform: transform).state
    }

    @Test func anEmptyBoxIsEmptyAndATickIsTicked() {
        #expect(Self.read(Self.page()) == .empty)
        var ticked = Self.page()
        var rng = ScanSynth.Random(seed: 1)
        ScanSynth.mark(Self.box, stroke: .tick, on: &ticked, transform: Self.transform, rng: &rng)
        #expect(Self.read(ticked) == .ticked)
        var pencil = Self.page()
        ScanSynth.mark(Self.box, stroke: .pencil, on: &pencil, transform: Self.transform, rng: &rng)
        #expect(Self.read(pencil) == .ticked)
    }

    @Test func aFilledBoxIsTicked() {
        var image = Self.page()
        for y in 88..<132 { for x in 88..<132 { image[x, y] = 30 } }
        #expect(Self.read(image) == .ticked)
    }

    /// The sharp edge of a shadow across an empty box darkens half of it: never a tick.
    @Test(arguments: [0.25, 0.4, 0.55])
    func aShadowsEdgeAcrossAnEmptyBoxIsNotATick(_ darkening: Double) {
        var image = Self.page()
        for y in 0..<image.height {
            for x in 110..<image.width { image[x, y] = UInt8(Double(image[x, y]) * (1 - darkening)) }
        }
        #expect(Self.read(image) != .ticked)
    }

    /// The box read half a border off on one axis: its border is not where the reading puts it.
    @Test func aMisplacedBoxIsUncertainNotTicked() {
        let shifted = Homography([Self.ppm, 0, 1.1 * Self.ppm, 0, Self.ppm, 0, 0, 0, 1])
        let r = BoxReader(Self.page(), pixelsPerMillimetre: Self.ppm).state(
            Self.box, meaning: .pain(3), transform: shifted)
        #expect(r.state == .uncertain)
        #expect(r.confidence == 0)
    }

    /// A box wholly in a moderate shadow is read against the shadowed paper: empty stays empty.
    @Test func aBoxInsideAShadowReadsAsItIs() {
        var image = Self.page()
        for y in 0..<image.height { for x in 40..<image.width { image[x, y] = UInt8(Double(image[x, y]) * 0.78) } }
        #expect(Self.read(image) == .empty)
        var rng = ScanSynth.Random(seed: 2)
        ScanSynth.mark(Self.box, stroke: .cross, on: &image, transform: Self.transform, rng: &rng)
        #expect(Self.read(image) == .ticked)
    }

    /// A reading a little off (0.3 mm: a scan's registration) still finds the border.
    @Test func aSlightlyOffReadingStillFindsTheBorder() {
        let off = Homography([Self.ppm, 0, 0.3 * Self.ppm, 0, Self.ppm, -0.3 * Self.ppm, 0, 0, 1])
        let r = BoxReader(Self.page(), pixelsPerMillimetre: Self.ppm).state(Self.box, meaning: .pain(3), transform: off)
        #expect(r.state == .empty)
    }
}
