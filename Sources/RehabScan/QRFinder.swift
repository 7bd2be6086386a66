import CScanImage

/// Finds QR symbols in a grey image with zbar (Debian `libzbar-dev`): each symbol's text and the
/// four corners of its square, in pixels.
public enum QRFinder {
    public struct Symbol: Sendable, Equatable {
        public var text: String
        /// The symbol's corners in zbar's order (the scanner tries every order against the marks).
        public var corners: [Point]
    }

    public static func find(_ image: GrayImage) -> [Symbol] {
        guard image.width > 0, image.height > 0, let scanner = zbar_image_scanner_create() else { return [] }
        defer { zbar_image_scanner_destroy(scanner) }
        zbar_image_scanner_set_config(scanner, ZBAR_NONE, ZBAR_CFG_ENABLE, 0)
        zbar_image_scanner_set_config(scanner, ZBAR_QRCODE, ZBAR_CFG_ENABLE, 1)
        guard let zimage = zbar_image_create() else { return [] }
        defer { zbar_image_destroy(zimage) }
        // 'Y800': 8-bit grey.
        let fourcc =
            UInt(UInt8(ascii: "Y")) | UInt(UInt8(ascii: "8")) << 8 | UInt(UInt8(ascii: "0")) << 16 | UInt(
                UInt8(ascii: "0")) << 24
        zbar_image_set_format(zimage, fourcc)
        zbar_image_set_size(zimage, UInt32(image.width), UInt32(image.height))
        var out: [Symbol] = []
        image.pixels.withUnsafeBufferPointer { buffer in
            // zbar only reads the pixels, and only during zbar_scan_image; no cleanup handler: the buffer is ours.
            zbar_image_set_data(zimage, buffer.baseAddress, UInt(buffer.count), nil)
            guard zbar_scan_image(scanner, zimage) > 0 else { return }
            var symbol = zbar_image_first_symbol(zimage)
            while let s = symbol {
                let length = Int(zbar_symbol_get_data_length(s))
                if let data = zbar_symbol_get_data(s), length > 0, length < 256 {
                    let text = String(decoding: UnsafeRawBufferPointer(start: data, count: length), as: UTF8.self)
                    let n = zbar_symbol_get_loc_size(s)
                    let corners = (0..<n).map {
                        Point(Double(zbar_symbol_get_loc_x(s, $0)), Double(zbar_symbol_get_loc_y(s, $0)))
                    }
                    if corners.count == 4 { out.append(Symbol(text: text, corners: corners)) }
                }
                symbol = zbar_symbol_next(s)
            }
            zbar_image_set_data(zimage, nil, 0, nil)
        }
        return out
    }
}
