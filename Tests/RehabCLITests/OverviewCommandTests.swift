import Foundation
import TestSupport
import Testing

/// `rehab overview`: the bundled clinic with a week of log, one plan with a red flag, as golden text,
/// and the HTML through Chromium read back as a picture and as text.
struct OverviewCommandTests {
    static func clinic() throws -> TemporaryWorkspace {
        let ws = try TemporaryWorkspace.clinicCopy()
        let plan = "Plans/gentle-start-osteopenia.yaml"
        for (date, item, session) in try validTicks(ws, count: 10) {
            _ = try Run(["log", plan, "--date", date, "--done", item, "--session", "\(session)"], in: ws.root)
        }
        _ = try Run(["log", plan, "--date", "2026-12-01", "--pain-today", "6"], in: ws.root)
        _ = try Run(
            ["log", "Plans/braced-t10-metastasis.yaml", "--date", "2026-12-03", "--symptom", "pins-and-needles"],
            in: ws.root)
        return ws
    }

    @Test func textIsGoldenAndMostUrgentFirst() throws {
        let ws = try Self.clinic()
        let run = try Run(["overview", "--as-of", "2026-12-08"], in: ws.root)
        #expect(run.status == 0, "\(run.stderr)")
        if let problem = Golden.check(run.stdout, file: Paths.packageRoot + "/Tests/RehabCLITests/Golden/overview.txt")
        {
            Issue.record("\(problem)")
        }
        let order = ["Aisha K.", "Helen T.", "Maria R."].compactMap { run.stdout.range(of: $0)?.lowerBound }
        #expect(order == order.sorted() && order.count == 3, "red flag first, then the blocked plan, then the rest")
    }

    @Test func htmlPrintsAsOneLandscapePage() throws {
        try #require(
            ["/usr/bin/chromium-headless-shell", "/usr/bin/chromium"].contains {
                FileManager.default.isExecutableFile(atPath: $0)
            },
            "headless Chromium is not installed: run 'make test'")
        let ws = try Self.clinic()
        let html = try Run(["overview", "--as-of", "2026-12-08", "--format", "html"], in: ws.root)
        #expect(html.status == 0)
        #expect(html.stdout.contains("<tr class=\"urgent\">"))
        let pdf = ws.root + "/overview.pdf"
        let printed = try Run(["overview", "--as-of", "2026-12-08", "--format", "pdf", "-o", pdf], in: ws.root)
        #expect(printed.status == 0, "\(printed.stderr)")
        let info = try PDFTestTool.run("pdfinfo", [pdf])
        #expect(info.contains("Pages:           1\n"), "\(info)")
        #expect(info.contains("841.92 x 594.96 pts (A4)"), "A4 landscape: \(info)")
        let text = try PDFTestTool.run("pdftotext", [pdf, "-"]).split(whereSeparator: \.isWhitespace).joined(
            separator: " ")
        for name in ["Aisha K.", "Helen T.", "Maria R.", "red flag: pins"] {
            #expect(text.contains(name), "\(name)")
        }
        // The screenshot: a PNG of the page that is not blank.
        _ = try PDFTestTool.run("pdftoppm", ["-png", "-r", "50", "-singlefile", pdf, ws.root + "/overview"])
        let png = try Data(contentsOf: URL(fileURLWithPath: ws.root + "/overview.png"))
        #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]))
        #expect(png.count > 5_000, "a page with text and a table, not a blank one")
    }
}

enum PDFTestTool {
    static func run(_ name: String, _ args: [String]) throws -> String {
        try Subprocess("/usr/bin/" + name, args).output
    }
}
