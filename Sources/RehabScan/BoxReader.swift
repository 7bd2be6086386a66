import RehabPrint

/// Reads each box of a located sheet as empty, ticked or uncertain, with a confidence.
///
/// Lighting first: the paper's own brightness is estimated everywhere (the brightest of each
/// 3 mm block, spread to its neighbours and smoothed), and each sample's darkness is taken against
/// it, so a shadow or a yellowed corner is not ink. Then the inside of each box, well clear of its
/// printed border, is sampled on a 24 × 24 grid: the share of samples darker than `inkLevel` is the
/// box's ink. Thresholds (docs/TRACKING.md, "Scanning", measured by `rehab bench scan`):
/// at most `emptyBelow` is empty, at least `tickedFrom` is ticked, anything between is uncertain
/// and never guessed.
public struct BoxReader: Sendable {
    public static let inkLevel = 0.2
    public static let emptyBelow = 0.02
    public static let tickedFrom = 0.06
    /// The printed border must read this dark on average, or the sheet is not where we think.
    public static let borderLevel = 0.3

    let image: GrayImage
    let paper: PaperLevel

    public init(_ image: GrayImage, pixelsPerMillimetre: Double) {
        self.image = image
        let ppm = pixelsPerMillimetre.isFinite ? min(60, max(1, pixelsPerMillimetre)) : 8
        paper = PaperLevel(image, block: max(4, Int((3 * ppm).rounded())))
    }

    /// Reads every box of `layout` through `transform`.
    public func read(_ layout: SheetLayout, transform: Homography) -> [BoxRead] {
        layout.boxes.map { box in
            let (state, confidence, ink) = self.state(box.rect, meaning: box.meaning, transform: transform)
            return BoxRead(box: box, state: state, confidence: confidence, ink: ink)
        }
    }

    /// How one box reads: its state, the confidence (two decimals) and its ink share.
    public func state(_ rect: SheetLayout.Rect, meaning: SheetLayout.Meaning, transform: Homography) -> (state: MarkState, confidence: Double, ink: Double) {
        let border = meaning == .warning ? 0.8 : 0.53
        let inset = border + 0.85
        let ink = inkShare(rect, inset: inset, transform: transform)
        let edge = borderDarkness(rect, border: border, transform: transform)
        let state: MarkState
        let confidence: Double
        if edge < Self.borderLevel {
            // The box's own border is not where the transform puts it: the place is wrong.
            state = .uncertain
            confidence = 0
        } else if ink >= Self.tickedFrom {
            state = .ticked
            confidence = min(0.99, 0.6 + 3 * (ink - Self.tickedFrom))
        } else if ink <= Self.emptyBelow {
            state = .empty
            confidence = min(0.99, 0.99 - 15 * ink)
        } else {
            state = .uncertain
            confidence = 0.5
        }
        return (state, (confidence * 100).rounded() / 100, (ink * 1000).rounded() / 1000)
    }

    /// The share of the box's inside (clear of the border by `inset` mm) that is ink.
    func inkShare(_ r: SheetLayout.Rect, inset: Double, transform: Homography) -> Double {
        let n = 24
        let x0 = r.x + inset, y0 = r.y + inset, w = r.w - 2 * inset, h = r.h - 2 * inset
        var inked = 0
        for j in 0..<n {
            for i in 0..<n {
                let (px, py) = transform.apply(x0 + w * (Double(i) + 0.5) / Double(n), y0 + h * (Double(j) + 0.5) / Double(n))
                if darkness(px, py) > Self.inkLevel { inked += 1 }
            }
        }
        return Double(inked) / Double(n * n)
    }

    /// The darkness along the middle of the box's printed border: the mean of each side, and the
    /// least of the four (a box read half a border off on one axis has two pale sides).
    func borderDarkness(_ r: SheetLayout.Rect, border: Double, transform: Homography) -> Double {
        let e = border / 2
        var sides = [0.0, 0, 0, 0]
        for k in 0..<16 {
            let t = (Double(k) + 0.5) / 16
            for (side, (x, y)) in [(r.x + e, r.y + r.h * t), (r.x + r.w - e, r.y + r.h * t), (r.x + r.w * t, r.y + e), (r.x + r.w * t, r.y + r.h - e)].enumerated() {
                let (px, py) = transform.apply(x, y)
                sides[side] += darkness(px, py) / 16
            }
        }
        return sides.min()!
    }

    @inline(__always) func darkness(_ x: Double, _ y: Double) -> Double {
        let white = paper.level(x, y)
        return max(0, 1 - image.sample(x, y) / max(white, 1))
    }

    /// The sheet as it would be printed, straightened: `pixelsPerMillimetre` across (the preview).
    public static func rectify(_ image: GrayImage, layout: SheetLayout, transform: Homography, pixelsPerMillimetre: Double = 5) -> GrayImage {
        let w = Int(layout.width * pixelsPerMillimetre), h = Int(layout.height * pixelsPerMillimetre)
        var out = GrayImage(width: w, height: h)
        for y in 0..<h {
            for x in 0..<w {
                let (px, py) = transform.apply((Double(x) + 0.5) / pixelsPerMillimetre, (Double(y) + 0.5) / pixelsPerMillimetre)
                out[x, y] = UInt8(max(0, min(255, image.sample(px, py).rounded())))
            }
        }
        return out
    }
}
