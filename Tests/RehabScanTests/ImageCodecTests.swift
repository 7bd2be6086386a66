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
        #expect(throws: ScanError.self) { try ImageCodec.decodePGM(Array("P5\n64 48\n255\n".utf8) + image.pixels.dropLast()) }
        #expect(throws: ScanError.self) { try ImageCodec.decodePGM(Array("P5\n30000 30000\n255\n".utf8)) }
        #expect(throws: ScanError.self) { try ImageCodec.decodePGM(Array("P6\n2 1\n255\n".utf8) + [1, 2, 3, 4, 5, 6]) }
    }

    @Test func hostileFilesAreRefusedNotDecoded() throws {
        // Truncated, garbage after a valid header, and a PNG claiming 30000 × 30000 pixels.
        let png = try ImageCodec.encodePNG(Self.gradient())
        #expect(throws: ScanError.self) { try ImageCodec.decodePNG(Array(png.prefix(40))) }
        #expect(throws: ScanError.self) { try ImageCodec.decodeJPEG([0xFF, 0xD8, 0xFF, 0xE0] + [UInt8](repeating: 0x41, count: 100)) }
        var huge = png
        // IHDR width and height (bytes 16–23), CRC left wrong: refused either way, never allocated.
        huge.replaceSubrange(16..<24, with: [0, 0, 0x75, 0x30, 0, 0, 0x75, 0x30])
        #expect(throws: ScanError.self) { try ImageCodec.decodePNG(huge) }
        #expect(ImageCodec.kind(of: Array("hello".utf8)) == nil)
    }
}
