import Foundation
import RehabScan
import Testing

struct ImageCodecTests {
    static func gradient() -> GrayImage {
        var image = GrayImage(width: 64, height: 48)
        for y in 0..<48 { for x in 0..<64 { image[x, y] = UInt8((x * 4 + y) % 256) } }
        return image
    }

    @Test func pngRoundTripsExactlyAndJPEGClosely() throws {
        let image = Self.gradient()
        #expect(try ImageCodec.decodePNG(ImageCodec.encodePNG(image)) == image)
        let jpeg = try ImageCodec.decodeJPEG(ImageCodec.encodeJPEG(image, quality: 95))
        #expect(jpeg.width == 64 && jpeg.height == 48)
        let worst = zip(jpeg.pixels, image.pixels).map { abs(Int($0) - Int($1)) }.max() ?? 0
        #expect(worst < 12)
    }

    /// pdftoppm's PGM (issue 23): read exactly, a comment and a maxval below 255 included; a short or
    /// oversized one refused.
    @Test func pgmIsReadAsPdftoppmWritesIt() throws {
        let image = Self.gradient()
        #expect(try ImageCodec.decodePGM(Array("P5\n64 48\n255\n".utf8) + image.pixels) == image)
        let halfScale = try ImageCodec.decodePGM(Array("P5 # a comment\n2 1\n127\n".utf8) + [127, 0])
        #expect(halfScale.pixels == [255, 0])
        #expect(throws: ScanError.self) {
            try ImageCodec.decodePGM(Array("P5\n64 48\n255\n".utf8) + image.pixels.dropLast())
        }
        #expect(throws: ScanError.self) { try ImageCodec.decodePGM(Array("P5\n30000 30000\n255\n".utf8)) }
        #expect(throws: ScanError.self) { try ImageCodec.decodePGM(Array("P6\n2 1\n255\n".utf8) + [1, 2, 3, 4, 5, 6]) }
    }

    @Test func hostileFilesAreRefusedNotDecoded() throws {
        // Truncated, garbage after a valid header, and a PNG claiming 30000 × 30000 pixels.
        let png = try ImageCodec.encodePNG(Self.gradient())
        #expect(throws: ScanError.self) { try ImageCodec.decodePNG(Array(png.prefix(40))) }
        #expect(throws: ScanError.self) {
            try ImageCodec.decodeJPEG([0xFF, 0xD8, 0xFF, 0xE0] + [UInt8](repeating: 0x41, count: 100))
        }
        var huge = png
        // IHDR width and height (bytes 16–23), CRC left wrong: refused either way, never allocated.
        huge.replaceSubrange(16..<24, with: [0, 0, 0x75, 0x30, 0, 0, 0x75, 0x30])
        #expect(throws: ScanError.self) { try ImageCodec.decodePNG(huge) }
        #expect(ImageCodec.kind(of: Array("hello".utf8)) == nil)
    }

    /// `GrayImage.slide` (the grey closing that flattens a shadow for zbar, issue 23) gives each
    /// pixel the most or least of its square, as looking at every pixel of the square does: random
    /// images and radii, sizes not a multiple of the window and smaller than it included.
    @Test func slidingExtremesAreTheSquaresExtremes() {
        // A generator of the test's own (the benchmarks' SplitMix64 lives with the benchmarks).
        struct Steps: RandomNumberGenerator {
            var state: UInt64 = 5
            mutating func next() -> UInt64 {
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                return state ^ (state >> 29)
            }
        }
        var rng = Steps()
        var checked = 0
        var smallerThanWindow = 0
        for _ in 0..<40 {
            let w = Int.random(in: 1...23, using: &rng)
            let h = Int.random(in: 1...17, using: &rng)
            let r = Int.random(in: 1...6, using: &rng)
            var image = GrayImage(width: w, height: h)
            for i in image.pixels.indices { image.pixels[i] = UInt8.random(in: 0...255, using: &rng) }
            for keepMost in [true, false] {
                var slid = image
                slid.slide(radius: r, keeping: keepMost ? max : min)
                for y in 0..<h {
                    for x in 0..<w {
                        var want: UInt8 = keepMost ? 0 : 255
                        for yy in max(0, y - r)...min(h - 1, y + r) {
                            for xx in max(0, x - r)...min(w - 1, x + r) {
                                want = keepMost ? max(want, image[xx, yy]) : min(want, image[xx, yy])
                            }
                        }
                        #expect(slid[x, y] == want, "\(w)×\(h) r \(r) at \(x),\(y)")
                        checked += 1
                    }
                }
            }
            if w < 2 * r + 1 || h < 2 * r + 1 { smallerThanWindow += 1 }
        }
        #expect(checked > 5000)
        #expect(smallerThanWindow > 3, "images smaller than the window were tried")
    }
}
