import CQREncode

/// A QR symbol's modules, made by libqrencode (Debian `libqrencode-dev`): the sheet code is
/// printed as QR so that the scanner finds it with a maintained decoder (zbar), and any phone can
/// read what it says.
public struct QRSymbol: Sendable, Equatable {
    /// Modules a side.
    public let size: Int
    /// Row by row, true for a dark module.
    public let dark: [Bool]

    /// Encodes `text` at error correction M, version `version` or the smallest larger one that holds it.
    public init?(_ text: String, version: Int = 2) {
        guard let code = QRcode_encodeString(text, Int32(version), QR_ECLEVEL_M, QR_MODE_8, 1) else { return nil }
        defer { QRcode_free(code) }
        let size = Int(code.pointee.width)
        self.size = size
        dark = (0..<(size * size)).map { code.pointee.data[$0] & 1 == 1 }
    }

    /// The dark modules as one SVG path in module units: a rectangle per horizontal run.
    public var path: String {
        var out = ""
        for y in 0..<size {
            var x = 0
            while x < size {
                guard dark[y * size + x] else {
                    x += 1
                    continue
                }
                var run = 1
                while x + run < size, dark[y * size + x + run] { run += 1 }
                out += "M\(x) \(y)h\(run)v1h-\(run)z"
                x += run
            }
        }
        return out
    }
}
