/// How many pixels of each grey level a region of an image holds.
struct GrayHistogram {
    private(set) var counts = [Int](repeating: 0, count: 256)
    private(set) var total = 0

    /// The pixels of `image` in the rows `ys` and columns `xs` (the whole image when nil).
    init(_ image: GrayImage, xs: ClosedRange<Int>? = nil, ys: ClosedRange<Int>? = nil) {
        let xs = xs ?? 0...(image.width - 1)
        let ys = ys ?? 0...(image.height - 1)
        for y in ys {
            let row = y * image.width
            for x in xs { counts[Int(image.pixels[row + x])] += 1 }
        }
        total = xs.count * ys.count
    }

    /// The least grey level below or at which more than the share `q` of the pixels lie.
    func percentile(_ q: Double) -> Int {
        var n = 0
        for v in 0..<256 {
            n += counts[v]
            if Double(n) > Double(total) * q { return v }
        }
        return 255
    }
}
