/// An 8-bit grey image, row by row (0 black, 255 white).
public struct GrayImage: Sendable, Equatable {
    public let width: Int
    public let height: Int
    public var pixels: [UInt8]

    public init(width: Int, height: Int, pixels: [UInt8]) {
        precondition(pixels.count == width * height)
        self.width = width
        self.height = height
        self.pixels = pixels
    }

    public init(width: Int, height: Int, fill: UInt8 = 255) {
        self.init(width: width, height: height, pixels: [UInt8](repeating: fill, count: width * height))
    }

    @inline(__always) public subscript(x: Int, y: Int) -> UInt8 {
        get { pixels[y * width + x] }
        set { pixels[y * width + x] = newValue }
    }

    /// The grey at a point between pixels (bilinear); white outside the image.
    @inline(__always) public func sample(_ x: Double, _ y: Double) -> Double {
        guard x.isFinite, y.isFinite, abs(x) < 1e9, abs(y) < 1e9 else { return 255 }
        let fx = x - 0.5
        let fy = y - 0.5
        let x0 = Int(fx.rounded(.down))
        let y0 = Int(fy.rounded(.down))
        guard x0 >= 0, y0 >= 0, x0 + 1 < width, y0 + 1 < height else {
            let cx = Int(x)
            let cy = Int(y)
            return cx >= 0 && cy >= 0 && cx < width && cy < height ? Double(self[cx, cy]) : 255
        }
        let ax = fx - Double(x0)
        let ay = fy - Double(y0)
        let i = y0 * width + x0
        let top = Double(pixels[i]) * (1 - ax) + Double(pixels[i + 1]) * ax
        let bottom = Double(pixels[i + width]) * (1 - ax) + Double(pixels[i + width + 1]) * ax
        return top * (1 - ay) + bottom * ay
    }

    /// Half the size in each direction (the mean of each 2 × 2 block).
    public func halved() -> GrayImage {
        let w = width / 2
        let h = height / 2
        var out = [UInt8](repeating: 255, count: w * h)
        for y in 0..<h {
            for x in 0..<w {
                let i = 2 * y * width + 2 * x
                let sum = Int(pixels[i]) + Int(pixels[i + 1]) + Int(pixels[i + width]) + Int(pixels[i + width + 1])
                out[y * w + x] = UInt8(sum / 4)
            }
        }
        return GrayImage(width: w, height: h, pixels: out)
    }

    /// Each pixel replaced by the most (or least) of the square `2 · radius + 1` pixels a side round
    /// it, within the image: rows then columns, each in three comparisons a pixel (van Herk, Gil and
    /// Werman: the window spans at most two blocks of its own length, whose running extremes from
    /// each end are kept).
    public mutating func slide(radius: Int, keeping pick: (UInt8, UInt8) -> UInt8) {
        guard radius > 0, width > 0, height > 0 else { return }
        let window = 2 * radius + 1
        // Outside the image: the value that never wins (pick(a, outside) == a).
        let outside: UInt8 = pick(0, 255) == 0 ? 255 : 0
        func line(_ n: Int, _ get: (Int) -> UInt8, _ set: (Int, UInt8) -> Void) {
            let m = (n + 2 * radius + window - 1) / window * window
            var a = [UInt8](repeating: outside, count: m)
            for i in 0..<n { a[i + radius] = get(i) }
            var fromStart = a
            var toEnd = a
            for b in stride(from: 0, to: m, by: window) {
                for j in (b + 1)..<(b + window) { fromStart[j] = pick(fromStart[j - 1], a[j]) }
                for j in stride(from: b + window - 2, through: b, by: -1) { toEnd[j] = pick(toEnd[j + 1], a[j]) }
            }
            for i in 0..<n { set(i, pick(toEnd[i], fromStart[i + window - 1])) }
        }
        var source = self
        for y in 0..<height { line(width, { source[$0, y] }, { self[$0, y] = $1 }) }
        source = self
        for x in 0..<width { line(height, { source[x, $0] }, { self[x, $0] = $1 }) }
    }
}
