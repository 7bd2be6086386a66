import Foundation
import RehabKit
import RehabPrint
import RehabScan
import TestSupport
import Testing

/// Issue 22 through the command line: where the log lives, what a template may hide, what outputs
/// carry, what a scan may cost.
struct HardeningRoundThreeTests {
    static let plan = "Plans/gentle-start-osteopenia.yaml"

    /// Every file and folder under `root`, links included (but SQLite's -wal and -shm, which reading
    /// a log in WAL mode makes).
    static func tree(_ root: String) -> Set<String> {
        Set(
            FileManager.default.enumerator(atPath: root)?.compactMap { $0 as? String }.filter {
                !$0.hasSuffix("-wal") && !$0.hasSuffix("-shm")
            } ?? [])
    }

    // MARK: The log never goes local by mistake

    @Test(arguments: [
        "POSTGRES://ann:s3cret@db.hospital.example/rehab?sslmode=require", "Postgresql://ann:s3cret@localhost/rehab",
        "postgres:ann:s3cret@localhost/rehab", "mysql://ann:s3cret@localhost/rehab", "ann:s3cret@db/rehab",
    ])
    func logWithAnAddressNotReadAsOneFailsAndCreatesNothing(_ address: String) throws {
        let ws = try TemporaryWorkspace.clinicCopy()
        let before = Self.tree(ws.root)
        for env in [["REHAB_DB": address], [:]] {
            let run = try Run(
                ["log", Self.plan, "--date", "2026-12-01", "--symptom", "leg-weakness"]
                    + (env.isEmpty ? ["--db", address] : []),
                in: ws.root,
                environment: env.merging(["PGPASSFILE": "/dev/null", "PGCONNECT_TIMEOUT": "2"]) { a, _ in a })
            #expect(run.status != 0, "\(address): \(run.stdout)")
            #expect(!run.stderr.contains("s3cret") && !run.stdout.contains("s3cret"), "\(run.stderr)")
            #expect(Self.tree(ws.root) == before, "\(address) created \(Self.tree(ws.root).subtracting(before))")
        }
    }

    @Test func storeCopyToAnAddressInCapitalsIsNeverAPathAndNeverShowsThePassword() throws {
        let ws = try TemporaryWorkspace.clinicCopy()
        let log = try Run(["log", Self.plan, "--date", "2026-12-01", "--symptom", "leg-weakness"], in: ws.root)
        try #require([0, 3].contains(log.status), "\(log.stderr)")  // 3: the red flag stops the plan
        let before = Self.tree(ws.root)
        let copy = try Run(
            ["store", "copy", "--from", ".rehab/progress.sqlite", "--to", "POSTGRES:ann:s3cret@db/rehab"], in: ws.root)
        #expect(copy.status != 0)
        #expect(!(copy.stdout + copy.stderr).contains("s3cret"), "\(copy.stdout)\(copy.stderr)")
        #expect(Self.tree(ws.root) == before)
    }

    /// An empty or oddly written sslmode is not TLS: refused before any connection is tried.
    @Test(arguments: ["?sslmode=", "?sslmode", "?sslmode=%20", "?sslmode=&", "?SSLMODE="])
    func aRemoteAddressWithAnEmptySslmodeIsRefused(_ query: String) throws {
        let run = try Run(
            [
                "log", Self.plan, "--date", "2026-12-01", "--done", "walking-gentle", "--db",
                "postgres://ann@192.0.2.1:5432/rehab" + query,
            ],
            environment: ["PGPASSFILE": "/dev/null"])
        #expect(run.status == 1)
        #expect(run.stderr.contains("is not on this machine: add ?sslmode=verify-full"), "\(query): \(run.stderr)")
    }

    /// `%1b` in the user name: never a raw escape on the terminal.
    @Test func anEscapeInTheUserNameNeverReachesTheTerminal() throws {
        let run = try Run(
            [
                "log", Self.plan, "--date", "2026-12-01", "--done", "walking-gentle", "--db",
                "postgres://ann%1B%5B2J%1B%5D0;x%07@127.0.0.1:1/rehab",
            ],
            environment: ["PGPASSFILE": "/dev/null"])
        #expect(run.status == 1)
        #expect(
            !(run.stdout + run.stderr).unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 },
            "\(run.stderr.debugDescription)")
    }

    /// The default store a link to nowhere (committed to the plans' repository): refused, nothing made.
    @Test func aLinkedDefaultStoreIsRefusedByLog() throws {
        let ws = try TemporaryWorkspace.clinicCopy()
        let outside = try TemporaryWorkspace()
        try? FileManager.default.removeItem(atPath: ws.root + "/.rehab")
        try FileManager.default.createDirectory(atPath: ws.root + "/.rehab", withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(
            atPath: ws.root + "/.rehab/progress.sqlite", withDestinationPath: outside.root + "/log.sqlite")
        let run = try Run(["log", Self.plan, "--date", "2026-12-01", "--symptom", "leg-weakness"], in: ws.root)
        #expect(run.status == 1, "\(run.stderr)")
        #expect(run.stderr.contains("is a symbolic link"), "\(run.stderr)")
        #expect(!FileManager.default.fileExists(atPath: outside.root + "/log.sqlite"))
    }

    // MARK: Invisible characters

    static let override = "\u{202E}"

    @Test func validateLocatesAnInvisibleCharacterInANote() throws {
        let ws = try TemporaryWorkspace.clinicCopy()
        let path = ws.root + "/Plans/back-care-template.yaml"
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let lines = text.components(separatedBy: "\n")
        let index = try #require(lines.firstIndex { $0.contains("notes: \"Flat route only.\"") })
        let column = try #require(lines[index].range(of: "Flat")).lowerBound.utf16Offset(in: lines[index]) + 1
        try
            (text.replacingOccurrences(
                of: "notes: \"Flat route only.\"", with: "notes: \"Flat\(Self.override) route 01.\"")).write(
                toFile: path, atomically: true, encoding: .utf8)
        let run = try Run(["validate"], in: ws.root)
        #expect(run.status == 1, "\(run.stdout)\(run.stderr)")
        let all = run.stdout + run.stderr
        #expect(
            all.contains(
                "Plans/back-care-template.yaml:\(index + 1):\(column + 4): error: invisible character U+202E (right-to-left override)"
            ), "\(all)")
        #expect(!all.contains(Self.override))
    }

    @Test func anEscapedInvisibleCharacterIsLocatedAtItsText() throws {
        let ws = try TemporaryWorkspace.clinicCopy()
        let path = ws.root + "/Plans/back-care-template.yaml"
        let text = try String(contentsOfFile: path, encoding: .utf8)
        try text.replacingOccurrences(of: "notes: \"Flat route only.\"", with: "notes: \"Flat\\u2066 route only.\"")
            .write(toFile: path, atomically: true, encoding: .utf8)
        let run = try Run(["validate"], in: ws.root)
        #expect(run.status == 1)
        #expect(
            (run.stdout + run.stderr).contains(
                "error: invisible character U+2066 (left-to-right isolate), written as an escape,"),
            "\(run.stdout)\(run.stderr)")
    }

    /// Every output drops what `validate` refuses (a plan loaded anyway, e.g. by `--format` of a
    /// command that does not stop on errors, must not carry it): checked on the shared function's
    /// outputs directly.
    @Test func everyOutputDropsInvisibleCharacters() throws {
        let invisible = [
            "\u{202A}", "\u{202E}", "\u{2066}", "\u{2069}", "\u{200E}", "\u{200F}", "\u{061C}", "\u{200B}", "\u{200D}",
            "\u{2060}", "\u{FEFF}", "\u{00AD}",
        ]
        var reached = 0
        for c in invisible {
            let s = "dose 0\(c)1 \u{1B}[8m"
            #expect(UserText.plain(s) == "dose 01 [8m")
            #expect(!UserText.markdown(s).contains(c))
            #expect(!JSONText.encode(["note": s]).contains(c))
            reached += 1
        }
        #expect(reached == invisible.count)
    }

    @Test func calendarFHIRAndHTMLCarryNoOverride() throws {
        // A plan as a command that renders it would hold it (validate refuses the file; the outputs
        // must not depend on that).
        let printer = try RoutinePrinter(overrides: nil)
        let open = OpenWorkspace(root: Paths.packageRoot, displayBase: Paths.packageRoot)
        var plan = try #require(open.workspace.plan(id: "gentle-start-osteopenia"))
        plan.title = "Zq\(Self.override)01 back care"
        for i in plan.items.indices { plan.items[i].notes = "Flat\(Self.override) route 01." }
        let week = try WeekScheduler(
            workspace: open.workspace, engine: SafetyEngine(RuleSet.defaults, today: LocalDate("2026-12-07"))
        ).schedule(plan, week: 1)
        let html = try printer.render([week], plan: plan, workspace: open.workspace, format: .html, paper: .a4)
        #expect(!html.contains(Self.override) && html.contains("Zq01 back care"), "\(html.prefix(2000))")
        let ics = ScheduleCalendar.render([week], plan: plan, workspace: open.workspace, stamp: "20261201T000000Z")
        #expect(!ics.contains(Self.override) && ics.contains("Zq01"), "\(ics.prefix(600))")
        let fhir = FHIRExport.bundle(
            plan: plan, week: week, workspace: open.workspace, log: [], generated: "2026-12-01T00:00:00Z")
        #expect(!fhir.contains(Self.override) && fhir.contains("Flat route 01"))
    }

    // MARK: Scans bounded

    /// A PDF of `pages` pages, each with a QR code that is not a sheet code, drawn as rectangles.
    static func qrPDF(pages: Int) -> Data {
        var objects: [String] = ["<< /Type /Catalog /Pages 2 0 R >>", ""]
        var kids: [String] = []
        for p in 0..<pages {
            let qr = QRSymbol("https://example.org/leaflet/\(p)")!
            var content = "0 g\n"
            let m = 6
            let x0 = 40
            let y0 = 260
            for y in 0..<qr.size {
                for x in 0..<qr.size where qr.dark[y * qr.size + x] {
                    content += "\(x0 + x * m) \(y0 - (y + 1) * m) \(m) \(m) re\n"
                }
            }
            content += "f\n"
            kids.append("\(objects.count + 1) 0 R")
            objects.append("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 300] /Contents \(objects.count + 2) 0 R >>")
            objects.append("<< /Length \(content.utf8.count) >>\nstream\n\(content)endstream")
        }
        objects[1] = "<< /Type /Pages /Kids [\(kids.joined(separator: " "))] /Count \(pages) >>"
        var out = "%PDF-1.4\n"
        var offsets: [Int] = []
        for (i, o) in objects.enumerated() {
            offsets.append(out.utf8.count)
            out += "\(i + 1) 0 obj\n\(o)\nendobj\n"
        }
        let xref = out.utf8.count
        out += "xref\n0 \(objects.count + 1)\n0000000000 65535 f \n"
        for o in offsets { out += String(repeating: "0", count: 10 - String(o).count) + "\(o) 00000 n \n" }
        out += "trailer\n<< /Size \(objects.count + 1) /Root 1 0 R >>\nstartxref\n\(xref)\n%%EOF\n"
        return Data(out.utf8)
    }

    @Test func aScanStopsAtThePageLimitsAndSaysWhich() throws {
        try #require(PDFRaster.tool() != nil, "needs pdftoppm: make test installs poppler-utils")
        let ws = try TemporaryWorkspace.clinicCopy()
        _ = try ws.write("many.pdf", Self.qrPDF(pages: 7))
        _ = try ws.write("more.pdf", Self.qrPDF(pages: 3))
        _ = try ws.write("last.pdf", Self.qrPDF(pages: 1))
        let run = try Run(
            ["log", "scan", "many.pdf", "more.pdf", "last.pdf"], in: ws.root,
            environment: ["REHAB_SCAN_LIMITS": "pages-per-file=5,pages-per-run=6"])
        #expect(run.status == 1)
        let all = run.stdout + run.stderr
        #expect(
            all.contains(
                "many.pdf page 5: error: reading stopped after page 5: the limit of 5 pages a file was reached"),
            "\(all)")
        #expect(
            all.contains(
                "more.pdf page 1: error: reading stopped after page 1: the limit of 6 pages a run was reached"),
            "\(all)")
        #expect(
            all.contains("last.pdf: error: not read: the limit of 6 pages a run was reached; scan it in another run"),
            "\(all)")
        #expect(
            all.contains("many.pdf page 1: error: the QR code on this page is not a rehab sheet code"),
            "the codes were read: \(all)")
        #expect(!all.contains("many.pdf page 6"), "\(all)")
        // Unlimited, every page is read, the PDF's end found between two batches.
        let whole = try Run(["log", "scan", "many.pdf"], in: ws.root)
        #expect(
            whole.stdout.contains("many.pdf page 7") || whole.stderr.contains("many.pdf page 7"),
            "\(whole.stdout)\(whole.stderr)")
        #expect(!(whole.stdout + whole.stderr).contains("reading stopped"))
        // A PDF of exactly the page limit, a whole number of batches: nothing is said to be left unread.
        _ = try ws.write("four.pdf", Self.qrPDF(pages: 4))
        let exact = try Run(
            ["log", "scan", "four.pdf"], in: ws.root, environment: ["REHAB_SCAN_LIMITS": "pages-per-file=4"])
        #expect(
            exact.stdout.contains("four.pdf page 4") || exact.stderr.contains("four.pdf page 4"),
            "\(exact.stdout)\(exact.stderr)")
        #expect(!(exact.stdout + exact.stderr).contains("reading stopped"), "\(exact.stdout)\(exact.stderr)")
    }

    /// The pixel and time limits stop a scan after the page that reached them (a limit so low that the
    /// first page reaches it: no timing is asserted).
    @Test(arguments: [
        ("pixels-per-run=1", "the limit of 1 pixels a run was reached"),
        ("seconds-per-file=0.001", "the limit of 0.001 seconds a file was reached"),
        ("seconds-per-run=0.001", "the limit of 0.001 seconds a run was reached"),
    ])
    func aScanStopsAtThePixelAndTimeLimits(_ limit: String, _ message: String) throws {
        try #require(PDFRaster.tool() != nil, "needs pdftoppm: make test installs poppler-utils")
        let ws = try TemporaryWorkspace.clinicCopy()
        _ = try ws.write("many.pdf", Self.qrPDF(pages: 3))
        let run = try Run(["log", "scan", "many.pdf"], in: ws.root, environment: ["REHAB_SCAN_LIMITS": limit])
        #expect(run.status == 1)
        let all = run.stdout + run.stderr
        #expect(all.contains("many.pdf page 1: error: reading stopped after page 1: \(message)"), "\(all)")
        #expect(!all.contains("many.pdf page 2"), "\(all)")
    }

    // MARK: What a template may hide

    @Test func aTemplateThatHidesTheStopBoxPrintsNoPDF() throws {
        try #require(PDFPrinter.browser() != nil, "needs Chromium: make test installs chromium-headless-shell")
        let ws = try TemporaryWorkspace.clinicCopy()
        let bundled = try String(
            contentsOfFile: Paths.packageRoot + "/Sources/RehabPrint/Templates/routine.html.mustache", encoding: .utf8)
        _ = try ws.write(
            "clinic/routine.html.mustache",
            bundled.replacingOccurrences(of: "</head>", with: "<style>.stop { display: none }</style></head>"))
        let run = try Run(
            ["print", Self.plan, "--week", "1", "--format", "pdf", "--template", "clinic", "-o", "out.pdf"], in: ws.root
        )
        #expect(run.status == 1, "\(run.stderr)")
        #expect(run.stderr.contains("the printed PDF does not show"), "\(run.stderr)")
        #expect(!FileManager.default.fileExists(atPath: ws.root + "/out.pdf"))
    }
}
