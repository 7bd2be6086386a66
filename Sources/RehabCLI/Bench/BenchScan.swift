import ArgumentParser
import Foundation
import RehabBench
import RehabKit
import RehabPrint
import RehabScan
import SheetGeometry

/// `rehab bench scan`: box accuracy of `rehab log scan` over synthetic scans of a printed week.
struct BenchScan: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scan",
        abstract:
            "Print a week (Chromium), rasterise it at 150, 200 and 300 dpi, tick and distort it at random, and read it back.",
        discussion:
            "Reports box accuracy, the share flagged uncertain, and false ticks (docs/TRACKING.md, \"Scanning\")."
    )

    @OptionGroup var workspace: WorkspaceOptions
    @OptionGroup var store: StoreOptions
    @Option(help: "The plan to print (id or file).") var plan = "gentle-start-osteopenia"
    @Option(help: "The week.") var week = 1
    @Option(help: "Synthetic scans to read, of each condition.") var count = 200
    @Option(help: "Seed of the random ticks and distortions.") var seed: UInt64 = 1
    @Option(
        name: .customLong("condition"),
        help: ArgumentHelp(
            "A condition to read (repeatable; default flatbed): \(ScanBench.Condition.allCases.map(\.rawValue).joined(separator: ", ")), or all.",
            valueName: "name"))
    var conditions: [String] = []
    @Flag(
        help:
            "List each sheet not found, each false tick and each scan with boxes whose border was not found, with its distortion."
    ) var verbose = false
    @Option(
        name: .customLong("save-failures"),
        help: ArgumentHelp("Write each scan whose sheet was not found into this folder, as PNG.", valueName: "folder"))
    var saveFailures: String?
    @Flag(
        name: .customLong("pdf-speed"),
        help:
            "Also time a scanned PDF (noisy 300 dpi pages): pdftoppm writing PNG against PGM, and 'log scan''s reading a page."
    )
    var pdfSpeed = false

    func run() throws {
        let tracking = try store.tracking(workspace, rules: RuleSet.defaults, create: false)
        guard let named = PlanArgument.resolveOrPrint(plan, in: tracking.open) else { throw ExitStatus.invalidInput }
        let printer = try RoutinePrinter(overrides: nil)
        let patient = try tracking.patientPlan(named, today: Today.date)
        let schedule = try patient.week(week, checked: .weekStart)
        let html = try printer.render(
            [schedule], plan: patient.plan, workspace: tracking.open.workspace, format: .html, paper: .a4, cards: .none)
        // The last sheet page: the one with the pain and warning rows (a long week goes on over two).
        guard
            let layout = printer.models([schedule], plan: patient.plan, workspace: tracking.open.workspace, paper: .a4)
                .first?.scan.last?.layout
        else {
            Output.err("week \(week) of '\(named.id)' prints no tick sheet")
            throw ExitStatus.invalidInput
        }
        let dir = try FileSystem.privateTemporaryDirectory("rehab-bench-scan").get()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let pdf = dir + "/week.pdf"
        try OutputTarget.write(try PDFPrinter.render(html: html), to: pdf, protected: ProtectedPaths())
        var chosen: [ScanBench.Condition] = []
        for name in conditions.isEmpty ? ["flatbed"] : conditions {
            if name == "all" {
                chosen += ScanBench.Condition.allCases
                continue
            }
            guard let c = ScanBench.Condition(rawValue: name) else {
                Output.err(
                    "--condition \(name): not a condition; one of \(ScanBench.Condition.allCases.map(\.rawValue).joined(separator: ", ")), or all"
                )
                throw ExitStatus.invalidInput
            }
            chosen.append(c)
        }
        let started = Date()
        let bench = ScanBench(
            layout: layout, pages: try ScanBench.pages(pdf: pdf, dpis: [150, 200, 300], layout: layout))
        var rows: [(ScanBench.Condition, ScanBench.Result)] = []
        for condition in chosen {
            let result = try bench.run(
                count: count, seed: seed, condition: condition, keepFailures: saveFailures != nil)
            if let folder = saveFailures {
                for (i, image) in result.failures.enumerated() {
                    try OutputTarget.write(
                        try ImageCodec.encodePNG(image), to: folder + "/\(condition.rawValue)-\(i + 1).png",
                        protected: ProtectedPaths())
                }
            }
            rows.append((condition, result))
            if chosen.count == 1 { Output.out(result.description) }
            if verbose { for n in result.notes { Output.out("  \(condition.rawValue): " + n) } }
        }
        if chosen.count > 1 || chosen != [.flatbed] { Output.out(Self.table(rows)) }
        Output.out(
            String(
                format: "%.1f s for %d scans of each of %d conditions (%d boxes a sheet)",
                Date().timeIntervalSince(started), count, chosen.count, layout.boxes.count))
        if pdfSpeed { try Self.pdfSpeed(bench, layout: layout, dir: dir, seed: seed) }
    }

    /// A scanned PDF of four pages (flatbed scans at 300 dpi, noisy, JPEG, put in a PDF by Chromium as
    /// a scanner's software would), read page by page: pdftoppm to PNG, to PGM, and the whole reading.
    static func pdfSpeed(_ bench: ScanBench, layout: SheetLayout, dir: String, seed: UInt64) throws {
        var rng = ScanSynth.Random(seed: seed)
        let pages = 4
        var html =
            "<!DOCTYPE html><html><head><style>@page { size: A4; margin: 0 } body { margin: 0 } img { display: block; width: 210mm; height: 297mm; page-break-after: always }</style></head><body>"
        let three = ScanBench(layout: layout, pages: bench.pages.filter { $0.dpi == 300 })
        for _ in 0..<pages {
            var d = ScanSynth.Distortion()
            d.angle = Double.random(in: -2...2, using: &rng)
            d.noise = 6
            d.light = 0.8
            let (image, _, _) = try three.scan(&rng, condition: .flatbed, distortion: d)
            html +=
                "<img src=\"data:image/jpeg;base64,\(Data(try ImageCodec.encodeJPEG(image, quality: 85)).base64EncodedString())\">"
        }
        html += "</body></html>"
        let pdf = dir + "/scanned.pdf"
        try OutputTarget.write(try PDFPrinter.render(html: html), to: pdf, protected: ProtectedPaths())
        func time(_ f: () throws -> Void) rethrows -> Double {
            let start = ContinuousClock.now
            try f()
            return (ContinuousClock.now - start) / .seconds(1)
        }
        for dpi in [200, 300] {
            let png = try time { _ = try PDFRaster.pages(file: pdf, dpi: dpi, viaPNG: true) }
            let pgm = try time { _ = try PDFRaster.pages(file: pdf, dpi: dpi) }
            Output.out(
                String(
                    format:
                        "scanned PDF, %d pages at %d dpi: pdftoppm to PNG %.2f s a page, to PGM %.2f s a page (%.1f times faster)",
                    pages, dpi, png / Double(pages), pgm / Double(pages), png / max(pgm, 1e-9)))
        }
        var sheets = 0
        let read = time {
            sheets = SheetScanner.scan(files: [pdf], preview: false) { _ in .success(layout) }.sheets.count
        }
        Output.out(
            String(
                format: "log scan's reading of it (200 dpi, PGM): %.2f s a page, %d of %d sheets found",
                read / Double(pages), sheets, pages))
    }

    /// A Markdown table, a row per condition (docs/TRACKING.md).
    static func table(_ rows: [(ScanBench.Condition, ScanBench.Result)]) -> String {
        var lines = [
            "| condition | scans | located | boxes | right | flagged | right or flagged | false ticks | missed ticks | missed warning signs | read off its place | refused sheets' warnings said though empty | read s/scan |",
            "|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|",
        ]
        for (c, r) in rows {
            lines.append(
                "| \(c.rawValue) "
                    + String(
                        format: "| %d | %d | %d | %d | %d (%.2f %%) | %.2f %% | %d | %d | %d | %d | %d | %.2f |",
                        r.scans,
                        r.scans - r.unread, r.boxes, r.right, r.uncertain, r.flagged * 100,
                        r.rightOrFlagged * 100, r.falseTicks, r.missedTicks, r.missedWarnings, r.offPlace,
                        r.refusedFalseWarnings,
                        r.readSeconds / Double(max(1, r.scans))))
        }
        return lines.joined(separator: "\n")
    }
}
