import Foundation

/// What one `log scan` may cost: pages, pixels and time, per file and per run. A scan file is outside
/// data — a small PDF can hold thousands of pages covered in QR codes — so reading stops at the first
/// limit reached, with a problem saying which (and what was left unread), and the pages read so far
/// are kept. Pages are rasterised a few at a time, so memory holds a handful of pages, never a file.
public struct ScanLimits: Sendable, Equatable {
    /// Pages read from one file.
    public var pagesPerFile = 100
    /// Pages read in one run, all files together.
    public var pagesPerRun = 500
    /// Pixels decoded in one run, all pages together (a page at 200 dpi is about 4 megapixels; one
    /// image is bounded by `ImageCodec.maxPixels` too).
    public var pixelsPerRun = 2_000_000_000
    /// Seconds spent on one file, and on the whole run.
    public var secondsPerFile: Double = 180
    public var secondsPerRun: Double = 900

    public init() {}

    /// The standard limits, with `REHAB_SCAN_LIMITS` lowering or raising some
    /// (`pages-per-file=3,pages-per-run=5,pixels-per-run=…,seconds-per-file=…,seconds-per-run=…`);
    /// an entry that does not read is ignored.
    public init(environment: [String: String]) {
        self.init()
        for entry in (environment["REHAB_SCAN_LIMITS"] ?? "").split(separator: ",") {
            let kv = entry.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard kv.count == 2, let n = Double(kv[1]), n > 0 else { continue }
            switch kv[0] {
            case "pages-per-file": pagesPerFile = Int(n)
            case "pages-per-run": pagesPerRun = Int(n)
            case "pixels-per-run": pixelsPerRun = Int(n)
            case "seconds-per-file": secondsPerFile = n
            case "seconds-per-run": secondsPerRun = n
            default: continue
            }
        }
    }
}

/// The limits as a scan spends them.
struct ScanBudget {
    let limits: ScanLimits
    let runStart = ContinuousClock.now
    var pages = 0
    var pixels = 0

    init(_ limits: ScanLimits) { self.limits = limits }

    static func seconds(since start: ContinuousClock.Instant) -> Double {
        let d = ContinuousClock.now - start
        return Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
    }

    /// Why no further file may be started, or nil.
    func runLimit() -> String? {
        if pages >= limits.pagesPerRun { return "the limit of \(limits.pagesPerRun) pages a run was reached" }
        if pixels >= limits.pixelsPerRun { return "the limit of \(Self.pixels(limits.pixelsPerRun)) a run was reached" }
        if Self.seconds(since: runStart) >= limits.secondsPerRun {
            return "the limit of \(Self.number(limits.secondsPerRun)) seconds a run was reached"
        }
        return nil
    }

    /// Why no further page of this file may be read (`read`: its pages read so far), or nil.
    func pageLimit(read: Int, fileStart: ContinuousClock.Instant) -> String? {
        if read >= limits.pagesPerFile { return "the limit of \(limits.pagesPerFile) pages a file was reached" }
        if Self.seconds(since: fileStart) >= limits.secondsPerFile {
            return "the limit of \(Self.number(limits.secondsPerFile)) seconds a file was reached"
        }
        return runLimit()
    }

    static func number(_ d: Double) -> String { d == d.rounded() ? String(Int(d)) : String(d) }

    static func pixels(_ n: Int) -> String { n >= 1_000_000 ? "\(n / 1_000_000) megapixels" : "\(n) pixels" }

    /// Seconds the next step of this file may take (the tool that rasterises a PDF is stopped after them).
    func secondsLeft(fileStart: ContinuousClock.Instant) -> Double {
        max(
            1,
            min(
                limits.secondsPerFile - Self.seconds(since: fileStart),
                limits.secondsPerRun - Self.seconds(since: runStart)))
    }
}
