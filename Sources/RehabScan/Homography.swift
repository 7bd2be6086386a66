/// A plane projective transform (3 × 3, h33 = 1): maps the sheet's millimetres to the scan's pixels.
public struct Homography: Sendable, Equatable {
    public var m: [Double]

    public init(_ m: [Double]) { self.m = m }

    /// The transform taking each `from` point to its `to` point (four pairs, no three in a line).
    public init?(from: [(Double, Double)], to: [(Double, Double)]) {
        guard from.count == 4, to.count == 4 else { return nil }
        // Eight equations in h11…h32: x' (h31 x + h32 y + 1) = h11 x + h12 y + h13, same for y'.
        var a = [[Double]](repeating: [Double](repeating: 0, count: 9), count: 8)
        for i in 0..<4 {
            let (x, y) = from[i]
            let (u, v) = to[i]
            a[2 * i] = [x, y, 1, 0, 0, 0, -u * x, -u * y, u]
            a[2 * i + 1] = [0, 0, 0, x, y, 1, -v * x, -v * y, v]
        }
        // Gaussian elimination with partial pivoting.
        for col in 0..<8 {
            guard let pivot = (col..<8).max(by: { abs(a[$0][col]) < abs(a[$1][col]) }), abs(a[pivot][col]) > 1e-12
            else { return nil }
            a.swapAt(col, pivot)
            for row in 0..<8 where row != col {
                let f = a[row][col] / a[col][col]
                if f == 0 { continue }
                for k in col..<9 { a[row][k] -= f * a[col][k] }
            }
        }
        m = (0..<8).map { a[$0][8] / a[$0][$0] } + [1]
    }

    /// The affine transform that best fits the point pairs (least squares), as a homography: a
    /// first guess that extrapolates far from a small symbol without a perspective's blow-up.
    public static func affine(from: [(Double, Double)], to: [(Double, Double)]) -> Homography? {
        guard from.count >= 3, from.count == to.count else { return nil }
        // Normal equations AᵀA p = Aᵀb, rows [x y 1], solved once for u and once for v.
        var ata = [[Double]](repeating: [0, 0, 0], count: 3)
        var atu = [0.0, 0, 0]
        var atv = [0.0, 0, 0]
        for ((x, y), (u, v)) in zip(from, to) {
            let row = [x, y, 1.0]
            for i in 0..<3 {
                for j in 0..<3 { ata[i][j] += row[i] * row[j] }
                atu[i] += row[i] * u
                atv[i] += row[i] * v
            }
        }
        func solve(_ b: [Double]) -> [Double]? {
            let m = ata
            func det(_ a: [[Double]]) -> Double {
                a[0][0] * (a[1][1] * a[2][2] - a[1][2] * a[2][1]) - a[0][1] * (a[1][0] * a[2][2] - a[1][2] * a[2][0])
                    + a[0][2] * (a[1][0] * a[2][1] - a[1][1] * a[2][0])
            }
            let d = det(m)
            guard abs(d) > 1e-9 else { return nil }
            return (0..<3).map { k in
                var mk = m
                for i in 0..<3 { mk[i][k] = b[i] }
                return det(mk) / d
            }
        }
        guard let p = solve(atu), let q = solve(atv) else { return nil }
        return Homography([p[0], p[1], p[2], q[0], q[1], q[2], 0, 0, 1])
    }

    @inline(__always) public func apply(_ x: Double, _ y: Double) -> (Double, Double) {
        let w = m[6] * x + m[7] * y + m[8]
        return ((m[0] * x + m[1] * y + m[2]) / w, (m[3] * x + m[4] * y + m[5]) / w)
    }

    /// Pixels per millimetre near a point (the mean of the two axes' scales).
    public func scale(at x: Double, _ y: Double) -> Double {
        let (px, py) = apply(x, y)
        let (ax, ay) = apply(x + 1, y)
        let (bx, by) = apply(x, y + 1)
        return
            (((ax - px) * (ax - px) + (ay - py) * (ay - py)).squareRoot()
            + ((bx - px) * (bx - px) + (by - py) * (by - py)).squareRoot()) / 2
    }
}

extension Homography {
    /// The shift by `dx`, `dy` (millimetres), as a homography.
    public static func translation(_ dx: Double, _ dy: Double) -> Homography {
        Homography([1, 0, dx, 0, 1, dy, 0, 0, 1])
    }

    /// `inner` first, then this transform: a correction in the sheet's millimetres (`inner`) put
    /// before the marks' transform.
    public func after(_ inner: Homography) -> Homography {
        let a = m
        let b = inner.m
        var out = [Double](repeating: 0, count: 9)
        for r in 0..<3 {
            for c in 0..<3 { out[3 * r + c] = (0..<3).reduce(0) { $0 + a[3 * r + $1] * b[3 * $1 + c] } }
        }
        return Homography(out.map { $0 / out[8] })
    }
}
