/// The paper's brightness at each point of a scan, for reading darkness against it.
struct PaperLevel: Sendable {
    /// Paper up to this much darker than its surroundings is taken as paper in shade.
    static let shadeDepth = 0.3

    let block: Int
    let columns: Int
    let rows: Int
    let levels: [Double]

    init(_ image: GrayImage, block: Int) {
        self.block = block
        let columns = (image.width + block - 1) / block
        let rows = (image.height + block - 1) / block
        self.columns = columns
        self.rows = rows
        // The 95th percentile of each block: the paper, unless the block is all ink.
        var raw = [Double](repeating: 255, count: columns * rows)
        var histogram = [Int](repeating: 0, count: 256)
        for by in 0..<rows {
            for bx in 0..<columns {
                for i in 0..<256 { histogram[i] = 0 }
                let x0 = bx * block
                let y0 = by * block
                let x1 = min(image.width, x0 + block)
                let y1 = min(image.height, y0 + block)
                for y in y0..<y1 {
                    let row = y * image.width
                    for x in x0..<x1 { histogram[Int(image.pixels[row + x])] += 1 }
                }
                let count = (x1 - x0) * (y1 - y0)
                var seen = 0
                var v = 255
                while v > 0 {
                    seen += histogram[v]
                    if seen >= max(1, count / 20) { break }
                    v -= 1
                }
                raw[by * columns + bx] = Double(v)
            }
        }
        // A block much darker than the brightest within two blocks of it is ink (a filled box, a
        // mark) and takes that brightness; one a little darker is paper in shade and keeps its own,
        // so that boxes inside a shadow are read against the shadowed paper. Then smoothed.
        func pass(_ a: [Double], _ f: ([Double]) -> Double) -> [Double] {
            var out = a
            for y in 0..<rows {
                for x in 0..<columns {
                    var around: [Double] = []
                    for dy in -1...1 {
                        for dx in -1...1 {
                            let nx = x + dx
                            let ny = y + dy
                            if nx >= 0, ny >= 0, nx < columns, ny < rows { around.append(a[ny * columns + nx]) }
                        }
                    }
                    out[y * columns + x] = f(around)
                }
            }
            return out
        }
        let brightest = pass(pass(raw) { $0.max()! }) { $0.max()! }
        let own = zip(raw, brightest).map { r, b in r < b * (1 - Self.shadeDepth) ? b : r }
        levels = pass(own) { $0.reduce(0, +) / Double($0.count) }
    }

    /// The paper's brightness at a point (bilinear between block centres).
    @inline(__always) func level(_ x: Double, _ y: Double) -> Double {
        let fx = max(0, min(Double(columns - 1), x / Double(block) - 0.5))
        let fy = max(0, min(Double(rows - 1), y / Double(block) - 0.5))
        let x0 = Int(fx)
        let y0 = Int(fy)
        let x1 = min(columns - 1, x0 + 1)
        let y1 = min(rows - 1, y0 + 1)
        let ax = fx - Double(x0)
        let ay = fy - Double(y0)
        let top = levels[y0 * columns + x0] * (1 - ax) + levels[y0 * columns + x1] * ax
        let bottom = levels[y1 * columns + x0] * (1 - ax) + levels[y1 * columns + x1] * ax
        return top * (1 - ay) + bottom * ay
    }
}
