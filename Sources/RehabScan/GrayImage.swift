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
        let fx = x - 0.5, fy = y - 0.5
        let x0 = Int(fx.rounded(.down)), y0 = Int(fy.rounded(.down))
        guard x0 >= 0, y0 >= 0, x0 + 1 < width, y0 + 1 < height else {
            let cx = Int(x), cy = Int(y)
            return cx >= 0 && cy >= 0 && cx < width && cy < height ? Double(self[cx, cy]) : 255
        }
        let ax = fx - Double(x0), ay = fy - Double(y0)
        let i = y0 * width + x0
        let top = Double(pixels[i]) * (1 - ax) + Double(pixels[i + 1]) * ax
        let bottom = Double(pixels[i + width]) * (1 - ax) + Double(pixels[i + width + 1]) * ax
        return top * (1 - ay) + bottom * ay
    }

    /// Half the size in each direction (the mean of each 2 × 2 block).
    public func halved() -> GrayImage {
        let w = width / 2, h = height / 2
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
}
