import Foundation
import ProcessRunner
import RehabKit

/// The pages of a scanned PDF as grey images, through poppler's `pdftoppm` (Debian
/// `poppler-utils`) in a private temporary folder that is removed afterwards.
public enum PDFRaster {
    /// 200 dpi: boxes of 7.2 mm are 57 pixels across, the QR modules 7. At most 13 inches of a page
    /// each way are rendered (2,600 pixels at 200 dpi), whatever size the PDF claims.
    public static let dpi = 200
    /// Pages rendered at once when a scan reads a PDF (see `ScanLimits`); `pages` reads up to this
    /// many by default (the bench).
    public static let maxPages = 100
    public static let batch = 4

    public static func tool() -> String? {
        if let chosen = ProcessInfo.processInfo.environment["REHAB_PDFTOPPM"] { return chosen }
        return ["/usr/bin/pdftoppm", "/usr/local/bin/pdftoppm"].first {
            FileManager.default.isExecutableFile(atPath: $0)
        }
    }

    /// Pages `first` to `last` (1-based) of a PDF; fewer when the file ends before `last`.
    /// `viaPNG`: have pdftoppm write PNG, as before issue 23 (`rehab bench scan --pdf-speed` compares).
    public static func pages(
        file: String, dpi: Int = dpi, first: Int = 1, last: Int = maxPages, timeout: Double = 120,
        viaPNG: Bool = false
    ) throws(ScanError) -> [GrayImage] {
        guard let tool = tool() else {
            throw ScanError(
                "reading a PDF needs pdftoppm (Debian: apt-get install poppler-utils); or scan to PNG or JPEG")
        }
        let dir: String
        switch FileSystem.privateTemporaryDirectory("rehab-scan") {
        case .success(let d): dir = d
        case .failure(let e): throw ScanError(e.message)
        }
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let status: Int32
        do {
            status = try ProcessRunner.run(
                tool,
                ["-r", String(dpi), "-W", String(dpi * 13), "-H", String(dpi * 13), "-gray"] + (viaPNG ? ["-png"] : [])
                    + [
                        "-f", String(first), "-l", String(last),
                        FileSystem.absolute(file, base: FileManager.default.currentDirectoryPath), dir + "/page",
                    ],
                log: dir + "/pdftoppm.log", timeout: timeout)
        } catch {
            throw ScanError(error.description)
        }
        guard status == 0 else {
            let log = (try? String(contentsOfFile: dir + "/pdftoppm.log", encoding: .utf8)) ?? ""
            // Asked past the last page: poppler says "Wrong page range"; there are no more pages.
            if first > 1, log.contains("Wrong page range") { return [] }
            throw ScanError("pdftoppm could not read the PDF (exit \(status)): \(log.suffix(300))")
        }
        // page-1.pgm, page-2.pgm … (zero-padded to the page count's width): name order is page order.
        // PGM, not PNG: a noisy 300 dpi scan took pdftoppm 6.5 s to compress as PNG, 0.07 s as PGM.
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []).filter {
            $0.hasSuffix(viaPNG ? ".png" : ".pgm")
        }.sorted()
        var out: [GrayImage] = []
        for name in names {
            guard let bytes = try? FileSystem.read(dir + "/" + name, limit: 1 << 30) else {
                throw ScanError("cannot read a page pdftoppm wrote")
            }
            out.append(try viaPNG ? ImageCodec.decodePNG(bytes) : ImageCodec.decodePGM(bytes))
        }
        return out
    }
}
