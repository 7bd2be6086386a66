import SheetGeometry

/// Where the boxes of a page that is not flat lie (issue 23: a curled edge), from the printed
/// borders of the boxes already found round them.
///
/// The corner marks' homography is exact at the marks, but a bent page is no plane: on the bent part
/// (and, when a mark is on it, across the sheet) the boxes are millimetres off where it puts them,
/// and foreshortened. Each box found records its printed corners and where its border was found,
/// both in the sheet's millimetres as the homography has them. A box not yet found is predicted by
/// the affine correction (least squares) that takes the printed corners of its `neighbours` nearest
/// found boxes to where they were found: their offset, and how it changes across them (a curl
/// bends more towards the edge) and the boxes' squeeze on the bent part. The prediction is then
/// refined on the box's own border, within `BoxReader.localReach`.
struct LocalFit {
    /// Found boxes whose corners make a box's correction: enough to see the offset change across
    /// them, few enough to stay local (two or three boxes of the box's own row and column).
    static let neighbours = 4

    /// A box whose printed border was found.
    struct Found {
        var center: (Double, Double)
        /// The box's corners as printed, and where they were found (the homography's millimetres).
        var printed: [(Double, Double)]
        var found: [(Double, Double)]
    }

    private(set) var boxes: [Found] = []

    var isEmpty: Bool { boxes.isEmpty }

    /// A box found: `printed` is its place on the sheet, `placing` takes it to where its border was
    /// found (both in the sheet's millimetres, before the homography).
    mutating func add(printed: SheetLayout.Rect, placing: Homography) {
        let corners = Self.corners(printed)
        boxes.append(
            Found(
                center: (printed.centerX, printed.centerY), printed: corners,
                found: corners.map { placing.apply($0.0, $0.1) }))
    }

    /// Millimetres from `rect`'s centre to the nearest found box's centre (infinity when none is).
    func gap(_ rect: SheetLayout.Rect) -> Double {
        boxes.map { Self.distance($0.center, (rect.centerX, rect.centerY)) }.min() ?? .infinity
    }

    /// The correction near `rect` (sheet millimetres → the homography's), from the nearest found
    /// boxes: fitted to their centres when those span both ways (their spacing gives the squeeze),
    /// else to their corners; nil when no box is found, or the fit squeezes or stretches a box past
    /// what a bent page shows (under half or over one and a half its size).
    func correction(near rect: SheetLayout.Rect, excludingItself: Bool = false) -> Homography? {
        let c = (rect.centerX, rect.centerY)
        let nearest = boxes.filter { !excludingItself || Self.distance($0.center, c) > 1e-6 }
            .sorted { Self.distance($0.center, c) < Self.distance($1.center, c) }.prefix(Self.neighbours)
        guard !nearest.isEmpty else { return nil }
        let centres = nearest.map { ($0.center, Self.mean($0.found)) }
        let spans =
            Set(nearest.map { ($0.center.0 * 10).rounded() }).count > 1
            && Set(nearest.map { ($0.center.1 * 10).rounded() }).count > 1
        guard
            let a = (spans ? Homography.affine(from: centres.map(\.0), to: centres.map(\.1)) : nil)
                ?? Homography.affine(from: nearest.flatMap(\.printed), to: nearest.flatMap(\.found))
        else { return nil }
        let sx = (a.m[0] * a.m[0] + a.m[3] * a.m[3]).squareRoot()
        let sy = (a.m[1] * a.m[1] + a.m[4] * a.m[4]).squareRoot()
        guard (0.5...1.5).contains(sx), (0.5...1.5).contains(sy) else { return nil }
        return a
    }

    /// For a found box: millimetres between where it was found and where the correction from the
    /// other found boxes round it (within `BoxReader.localGap`) puts it; nil when none is near.
    func disagreement(_ rect: SheetLayout.Rect) -> Double? {
        let c = (rect.centerX, rect.centerY)
        guard let mine = boxes.first(where: { Self.distance($0.center, c) <= 1e-6 }),
            boxes.contains(where: {
                Self.distance($0.center, c) > 1e-6 && Self.distance($0.center, c) <= BoxReader.localGap
            }),
            let other = correction(near: rect, excludingItself: true)
        else { return nil }
        return Self.distance(other.apply(c.0, c.1), Self.mean(mine.found))
    }

    static func mean(_ points: [(Double, Double)]) -> (Double, Double) {
        let n = Double(max(1, points.count))
        return (points.map(\.0).reduce(0, +) / n, points.map(\.1).reduce(0, +) / n)
    }

    static func corners(_ r: SheetLayout.Rect) -> [(Double, Double)] {
        [(r.x, r.y), (r.x + r.w, r.y), (r.x + r.w, r.y + r.h), (r.x, r.y + r.h)]
    }

    static func distance(_ a: (Double, Double), _ b: (Double, Double)) -> Double {
        ((a.0 - b.0) * (a.0 - b.0) + (a.1 - b.1) * (a.1 - b.1)).squareRoot()
    }
}

extension SheetLayout.Rect {
    /// The same rectangle moved by `dx`, `dy`.
    func moved(_ dx: Double, _ dy: Double) -> SheetLayout.Rect {
        SheetLayout.Rect(x: x + dx, y: y + dy, w: w, h: h)
    }
}
