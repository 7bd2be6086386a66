import CScanImage
import Foundation

/// PNG and JPEG in and out. libspng and libjpeg-turbo (through its TurboJPEG API) do the decoding:
/// both are small, maintained and fuzzed continuously upstream, which matters for files that come
/// from outside. Images larger than `maxPixels` are refused before any pixel is decoded.
public enum ImageCodec {
    /// 120 megapixels: an A4 page at 1200 dpi is 140; at 600 dpi, 35.
    public static let maxPixels = 120_000_000

    public enum Kind: Sendable { case png, jpeg, pdf }

    /// The kind of file by its first bytes (not its name).
    public static func kind(of bytes: [UInt8]) -> Kind? {
        if bytes.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return .png }
        if bytes.starts(with: [0xFF, 0xD8, 0xFF]) { return .jpeg }
        if bytes.starts(with: Array("%PDF-".utf8)) { return .pdf }
        return nil
    }

    /// A binary grey PGM (`P5`, maxval up to 255), as `pdftoppm -gray` writes it: read directly,
    /// as PNG's compression of a noisy scanned page costs pdftoppm ten times the rendering (issue 23).
    public static func decodePGM(_ bytes: [UInt8]) throws(ScanError) -> GrayImage {
        // Header: "P5", width, height, maxval, as decimal words separated by white space (and
        // '#' comments to the end of a line), then one white space, then the pixels.
        var i = 2
        var fields: [Int] = []
        guard bytes.starts(with: Array("P5".utf8)) else { throw ScanError("not a grey PGM image") }
        func space(_ b: UInt8) -> Bool { b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 }
        while fields.count < 3 {
            while i < bytes.count, space(bytes[i]) || bytes[i] == UInt8(ascii: "#") {
                if bytes[i] == UInt8(ascii: "#") { while i < bytes.count, bytes[i] != 0x0A { i += 1 } } else { i += 1 }
            }
            var v = 0
            var digits = 0
            while i < bytes.count, bytes[i] >= 0x30, bytes[i] <= 0x39, digits < 7 {
                v = v * 10 + Int(bytes[i] - 0x30)
                i += 1
                digits += 1
            }
            guard digits > 0, i < bytes.count, space(bytes[i]) else {
                throw ScanError("a PGM image with a broken header")
            }
            fields.append(v)
        }
        i += 1
        let (w, h, maxval) = (fields[0], fields[1], fields[2])
        guard w > 0, h > 0, maxval > 0, maxval < 256 else {
            throw ScanError("a PGM image of \(w) × \(h), maxval \(maxval): not 8-bit grey")
        }
        guard w * h <= maxPixels else { throw tooLarge(w, h) }
        guard bytes.count - i >= w * h else { throw ScanError("a PGM image shorter than its header says") }
        var pixels = Array(bytes[i..<(i + w * h)])
        if maxval != 255 { for k in pixels.indices { pixels[k] = UInt8(min(255, Int(pixels[k]) * 255 / maxval)) } }
        return GrayImage(width: w, height: h, pixels: pixels)
    }

    public static func decodePNG(_ bytes: [UInt8]) throws(ScanError) -> GrayImage {
        guard let ctx = spng_ctx_new(0) else { throw ScanError("cannot start the PNG decoder") }
        defer { spng_ctx_free(ctx) }
        spng_set_image_limits(ctx, 30_000, 30_000)
        spng_set_chunk_limits(ctx, 16 * 1024 * 1024, 64 * 1024 * 1024)
        let result: Result<GrayImage, ScanError> = bytes.withUnsafeBytes { raw in
            guard spng_set_png_buffer(ctx, raw.baseAddress, raw.count) == 0 else {
                return .failure(ScanError("not a PNG file"))
            }
            var ihdr = spng_ihdr()
            if let e = check(spng_get_ihdr(ctx, &ihdr)) { return .failure(e) }
            let w = Int(ihdr.width)
            let h = Int(ihdr.height)
            guard w > 0, h > 0, w * h <= maxPixels else { return .failure(tooLarge(w, h)) }
            var size = 0
            if let e = check(spng_decoded_image_size(ctx, Int32(SPNG_FMT_RGBA8.rawValue), &size)) { return .failure(e) }
            var rgba = [UInt8](repeating: 0, count: size)
            let status = rgba.withUnsafeMutableBytes {
                spng_decode_image(
                    ctx, $0.baseAddress, size, Int32(SPNG_FMT_RGBA8.rawValue), Int32(SPNG_DECODE_TRNS.rawValue))
            }
            if let e = check(status) { return .failure(e) }
            var gray = [UInt8](repeating: 255, count: w * h)
            for i in 0..<(w * h) {
                let r = Int(rgba[4 * i])
                let g = Int(rgba[4 * i + 1])
                let b = Int(rgba[4 * i + 2])
                let a = Int(rgba[4 * i + 3])
                // Transparent pixels are paper.
                let y = (299 * r + 587 * g + 114 * b) / 1000
                gray[i] = UInt8((y * a + 255 * (255 - a)) / 255)
            }
            return .success(GrayImage(width: w, height: h, pixels: gray))
        }
        return try result.get()
    }

    public static func decodeJPEG(_ bytes: [UInt8]) throws(ScanError) -> GrayImage {
        guard let handle = tjInitDecompress() else { throw ScanError("cannot start the JPEG decoder") }
        defer { tjDestroy(handle) }
        var w: Int32 = 0
        var h: Int32 = 0
        var sub: Int32 = 0
        var space: Int32 = 0
        let header = bytes.withUnsafeBufferPointer {
            tjDecompressHeader3(handle, $0.baseAddress, UInt($0.count), &w, &h, &sub, &space)
        }
        guard header == 0 else {
            throw ScanError("not a readable JPEG file: \(String(cString: tjGetErrorStr2(handle)))")
        }
        guard w > 0, h > 0, Int(w) * Int(h) <= maxPixels else { throw tooLarge(Int(w), Int(h)) }
        var gray = [UInt8](repeating: 255, count: Int(w) * Int(h))
        // TJFLAG_LIMITSCANS: a progressive JPEG of thousands of scans is refused, not decoded for minutes.
        let status = bytes.withUnsafeBufferPointer { src in
            gray.withUnsafeMutableBufferPointer { dst in
                tjDecompress2(
                    handle, src.baseAddress, UInt(src.count), dst.baseAddress, w, 0, h, Int32(TJPF_GRAY.rawValue),
                    TJFLAG_LIMITSCANS)
            }
        }
        guard status == 0 else {
            throw ScanError("not a readable JPEG file: \(String(cString: tjGetErrorStr2(handle)))")
        }
        return GrayImage(width: Int(w), height: Int(h), pixels: gray)
    }

    /// A grey JPEG (tests' scans and the HTML preview).
    public static func encodeJPEG(_ image: GrayImage, quality: Int) throws(ScanError) -> [UInt8] {
        guard let handle = tjInitCompress() else { throw ScanError("cannot start the JPEG encoder") }
        defer { tjDestroy(handle) }
        var out: UnsafeMutablePointer<UInt8>? = nil
        var size: UInt = 0
        let status = image.pixels.withUnsafeBufferPointer {
            tjCompress2(
                handle, $0.baseAddress, Int32(image.width), 0, Int32(image.height), Int32(TJPF_GRAY.rawValue),
                &out, &size, Int32(TJSAMP_GRAY.rawValue), Int32(quality), 0)
        }
        defer { if let out { tjFree(out) } }
        guard status == 0, let out else {
            throw ScanError("cannot encode the JPEG: \(String(cString: tjGetErrorStr2(handle)))")
        }
        return Array(UnsafeBufferPointer(start: out, count: Int(size)))
    }

    /// A grey PNG (tests' scans).
    public static func encodePNG(_ image: GrayImage) throws(ScanError) -> [UInt8] {
        guard let ctx = spng_ctx_new(Int32(SPNG_CTX_ENCODER.rawValue)) else {
            throw ScanError("cannot start the PNG encoder")
        }
        defer { spng_ctx_free(ctx) }
        spng_set_option(ctx, SPNG_ENCODE_TO_BUFFER, 1)
        var ihdr = spng_ihdr(
            width: UInt32(image.width), height: UInt32(image.height), bit_depth: 8,
            color_type: UInt8(SPNG_COLOR_TYPE_GRAYSCALE.rawValue), compression_method: 0, filter_method: 0,
            interlace_method: 0)
        spng_set_ihdr(ctx, &ihdr)
        let status = image.pixels.withUnsafeBytes {
            spng_encode_image(
                ctx, $0.baseAddress, $0.count, Int32(SPNG_FMT_PNG.rawValue), Int32(SPNG_ENCODE_FINALIZE.rawValue))
        }
        if let e = check(status) { throw e }
        var len = 0
        var error: Int32 = 0
        guard let buffer = spng_get_png_buffer(ctx, &len, &error), error == 0 else {
            throw ScanError("cannot encode the PNG")
        }
        defer { free(buffer) }
        return Array(UnsafeRawBufferPointer(start: buffer, count: len))
    }

    private static func check(_ status: Int32) -> ScanError? {
        status == 0 ? nil : ScanError("not a readable PNG file: \(String(cString: spng_strerror(status)))")
    }

    private static func tooLarge(_ w: Int, _ h: Int) -> ScanError {
        ScanError(
            "the image is \(w) × \(h) pixels, more than rehab reads (\(maxPixels / 1_000_000) megapixels): scan at 150–300 dpi"
        )
    }
}
