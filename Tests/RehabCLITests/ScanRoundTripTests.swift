import Foundation
import RehabBench
import RehabKit
import RehabPrint
import RehabScan
import RehabTracking
import SheetGeometry
import TestSupport
import Testing

/// The paper round trip end to end: `rehab print` (real Chromium) → pdftoppm at 150, 200 and
/// 300 dpi → ticks drawn like a patient's (pen ticks, crosses, light pencil, a stray mark) →
/// rotated, skewed, photographed at an angle, unevenly lit, noisy, JPEG → `rehab log scan` → the log
/// holds exactly the ticks.
@Suite(.serialized) struct ScanRoundTripTests {
    static let plan = "gentle-start-osteopenia"
    /// The end of week 1: every day of the sheet is past, the assessment is recent.
    static let env = ["REHAB_TODAY": "2026-12-07"]

    struct Printed {
        var ws: TemporaryWorkspace
        var pdf: String
        /// The sheet page with the pain and warning rows (the last), which the tests tick.
        var layout: SheetLayout
        /// The week's other sheet pages (issue 20: a long sheet goes on on a second page), scanned
        /// clean beside it: a week is imported once every page is in the scan.
        var others: [SheetLayout]
    }

    /// The other sheet pages of `p`, flat and clean at 200 dpi, as PNG files.
    static func others(_ p: Printed) throws -> [String] {
        try p.others.enumerated().map { i, layout in
            let page = try #require(try ScanBench.pages(pdf: p.pdf, dpis: [200], layout: layout).first)
            let file = p.ws.root + "/other-page-\(i + 1).png"
            try Data(try ImageCodec.encodePNG(page.image)).write(to: URL(fileURLWithPath: file))
            return file
        }
    }

    static func printWeek() throws -> Printed {
        try #require(
            PDFPrinter.browser() != nil, "the round trip needs Chromium: make test installs chromium-headless-shell")
        try #require(PDFRaster.tool() != nil, "the round trip needs pdftoppm: make test installs poppler-utils")
        let ws = try TemporaryWorkspace.clinicCopy()
        let pdf = ws.root + "/week1.pdf"
        let print = try Run(
            ["print", "Plans/\(plan).yaml", "--week", "1", "--format", "pdf", "-o", pdf], in: ws.root, environment: env)
        try #require(print.status == 0, "\(print.stderr)")
        // The layout as rehab builds it (the scan refuses a sheet whose boxes differ from it).
        let open = OpenWorkspace(root: ws.root, displayBase: ws.root)
        let named = try #require(open.workspace.plan(id: plan))
        let schedule = try WeekScheduler(
            workspace: open.workspace, engine: SafetyEngine(RuleSet.defaults, today: LocalDate("2026-12-07"))
        )
        .schedule(named, week: 1)
        let pages = try #require(
            try RoutinePrinter(overrides: nil).models([schedule], plan: named, workspace: open.workspace, paper: .a4)
                .first?.scan.map(\.layout))
        let layout = try #require(pages.last)
        return Printed(ws: ws, pdf: pdf, layout: layout, others: Array(pages.dropLast()))
    }

    /// The ticks of the test: sessions on the first five days in turn as pen tick, cross and
    /// pencil; pain 3, 5, 0, 7, 2, 4, 1; the warning sign on `warningDay` when given.
    static func ticks(_ layout: SheetLayout, warningDay: Int?) -> [(SheetLayout.Box, ScanSynth.Stroke)] {
        var out: [(SheetLayout.Box, ScanSynth.Stroke)] = []
        var i = 0
        for box in layout.boxes {
            switch box.meaning {
            case .session, .habit:
                guard box.day < 5 else { break }
                i += 1
                if i % 2 == 0 { out.append((box, ScanSynth.Stroke.allCases[(i / 2) % 4])) }
            case .pain(let n) where [3, 5, 0, 7, 2, 4, 1][box.day] == n:
                out.append((box, [.tick, .cross, .pencil][box.day % 3]))
            case .warning where box.day == warningDay:
                out.append((box, .cross))
            default: break
            }
        }
        return out
    }

    /// The page of `pdf` that holds the sheet, at `dpi`, ticked and distorted, written as `name`.
    static func scanned(
        _ p: Printed, dpi: Int, ticks: [(SheetLayout.Box, ScanSynth.Stroke)], angle: Double,
        jpeg: Int?, name: String
    ) throws -> String {
        let page = try #require(try ScanBench.pages(pdf: p.pdf, dpis: [dpi], layout: p.layout).first)
        var rng = ScanSynth.Random(seed: UInt64(dpi))
        var image = page.image
        for (box, stroke) in ticks {
            ScanSynth.mark(box.rect, stroke: stroke, on: &image, transform: page.transform, rng: &rng)
        }
        // A stray stroke in the label column, clear of every box: beside an item row's name, or the caption.
        let anchor = p.layout.labels.first { $0.style == .item }?.rect ?? p.layout.labels[0].rect
        ScanSynth.stray(near: anchor, on: &image, transform: page.transform, rng: &rng)
        var d = ScanSynth.Distortion()
        d.angle = angle
        d.scale = 0.93
        d.shear = 0.02
        d.keystone = 0.03
        d.light = 0.6
        d.noise = 5
        let out = try ScanSynth.distort(image, d, rng: &rng)
        let bytes = try jpeg.map { try ImageCodec.encodeJPEG(out, quality: $0) } ?? ImageCodec.encodePNG(out)
        let path = p.ws.root + "/" + name
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    /// The sheet's page at 200 dpi, flat and clean, with `ticks` and a short stroke in `smudge` (neither
    /// a tick nor nothing: it reads uncertain), written as the PNG `name`.
    static func clean(_ p: Printed, ticks: [(SheetLayout.Box, ScanSynth.Stroke)], smudge: SheetLayout.Box, name: String)
        throws -> String
    {
        let page = try #require(try ScanBench.pages(pdf: p.pdf, dpis: [200], layout: p.layout).first)
        var image = page.image
        var rng = ScanSynth.Random(seed: 3)
        for (box, stroke) in ticks {
            ScanSynth.mark(box.rect, stroke: stroke, on: &image, transform: page.transform, rng: &rng)
        }
        let r = smudge.rect
        ScanSynth.line(
            (r.centerX - 0.6, r.centerY), (r.centerX + 0.6, r.centerY + 0.3), widthMM: 0.5, ink: 40, on: &image,
            transform: page.transform)
        let file = p.ws.root + "/" + name
        try Data(try ImageCodec.encodePNG(image)).write(to: URL(fileURLWithPath: file))
        return file
    }

    /// The log's entries as comparable lines.
    static func stored(_ ws: TemporaryWorkspace) throws -> Set<String> {
        let store = try #require(try ProgressStore.open(path: ProgressStore.defaultPath(root: ws.root), create: false))
        return Set(try store.allStored().filter { $0.voided == nil }.map { line($0.entry) })
    }

    static func line(_ e: LogEntry) -> String {
        "\(e.date) \(e.kind.rawValue) \(e.item ?? "") \(e.session ?? 0) \(e.outcome?.rawValue ?? "") \(e.pain.map(String.init) ?? "") \(e.symptom?.rawValue ?? "")"
    }

    static func expected(_ ticks: [(SheetLayout.Box, ScanSynth.Stroke)]) -> Set<String> {
        Set(
            ticks.compactMap { box, _ -> String? in
                switch box.meaning {
                case .session(let item, let session):
                    return line(
                        LogEntry(
                            plan: plan, date: box.date, kind: .session, item: item, session: session, outcome: .done))
                case .habit(let item, true):
                    return line(
                        LogEntry(plan: plan, date: box.date, kind: .session, item: item, session: 1, outcome: .done))
                case .pain(let n): return line(LogEntry(plan: plan, date: box.date, kind: .pain, pain: n))
                case .warning: return line(LogEntry(plan: plan, date: box.date, kind: .symptom, symptom: .warningSign))
                case .habit: return nil
                }
            })
    }

    @Test(arguments: [(150, 94.0, 70), (200, 183.0, nil), (300, -3.5, 55)] as [(Int, Double, Int?)])
    func theLogHoldsExactlyTheTicksMade(dpi: Int, angle: Double, jpeg: Int?) throws {
        let p = try Self.printWeek()
        let ticks = Self.ticks(p.layout, warningDay: nil)
        // The sheet's last page: a pain number every day, and the sessions of its rows.
        #expect(ticks.count >= 7)
        let file = try Self.scanned(
            p, dpi: dpi, ticks: ticks, angle: angle, jpeg: jpeg, name: "scan-\(dpi).\(jpeg == nil ? "png" : "jpg")")
        let scan = try Run(["log", "scan"] + (try Self.others(p)) + [file], in: p.ws.root, environment: Self.env)
        #expect(scan.status == 0, "\(scan.stdout)\(scan.stderr)")
        #expect(scan.stdout.contains("imported"), "\(scan.stdout)")
        let got = try Self.stored(p.ws)
        let want = Self.expected(ticks)
        #expect(
            got == want,
            "stored but not ticked: \(got.subtracting(want)); ticked but not stored: \(want.subtracting(got))")
        // The same sheet again is refused: its week is logged.
        let again = try Run(["log", "scan"] + (try Self.others(p)) + [file], in: p.ws.root, environment: Self.env)
        #expect(again.status == 1)
        #expect(again.stdout.contains("already has"), "\(again.stdout)")
    }

    @Test func aTickedWarningSignIsSaidFirstAndStopsThePlan() throws {
        let p = try Self.printWeek()
        let ticks = Self.ticks(p.layout, warningDay: 3)
        let file = try Self.scanned(p, dpi: 200, ticks: ticks, angle: 268, jpeg: 80, name: "warning.jpg")
        let scan = try Run(["log", "scan"] + (try Self.others(p)) + [file], in: p.ws.root, environment: Self.env)
        #expect(scan.status == 3, "\(scan.stdout)\(scan.stderr)")
        let first = scan.stdout.split(separator: "\n").first { !$0.isEmpty }
        #expect(first == "URGENT: A WARNING SIGN IS TICKED ON A SHEET", "\(scan.stdout)")
        #expect(scan.stdout.contains("STOP THE EXERCISE PROGRAMME"))
        // Ticks from the warning sign's day on are held back (the plan stopped that day); the rest is stored.
        let kept = ticks.filter { $0.0.day < 3 || $0.0.meaning == .warning }
        #expect(try Self.stored(p.ws) == Self.expected(kept))
        #expect(scan.stdout.contains("not imported: the plan stopped that day"), "\(scan.stdout)")
        let print = try Run(
            ["print", "Plans/\(Self.plan).yaml", "--week", "2"], in: p.ws.root,
            environment: ["REHAB_TODAY": "2026-12-08"])
        #expect(print.status == 3, "the plan is stopped: \(print.stdout)")
    }

    /// A sheet whose week changed since printing is refused, but its warning boxes are still read
    /// from the foot of the sheet: a red flag is never left unread.
    @Test func aRefusedSheetStillHasItsWarningSignRead() throws {
        let p = try Self.printWeek()
        let ticks = Self.ticks(p.layout, warningDay: 2)
        let file = try Self.scanned(p, dpi: 150, ticks: ticks, angle: 2, jpeg: 75, name: "changed.jpg")
        // The plan is edited after printing: an item goes, so the boxes move.
        let planFile = p.ws.root + "/Plans/\(Self.plan).yaml"
        let yaml = try String(contentsOfFile: planFile, encoding: .utf8)
        let item =
            "  - exercise: heel-raises-supported\n    frequency: 2/week\n    time: afternoon\n    rest_day_between: true\n    notes: \"At the kitchen worktop, holding on with both hands.\"\n"
        try #require(yaml.contains(item))
        try yaml.replacingOccurrences(of: item, with: "").write(toFile: planFile, atomically: true, encoding: .utf8)
        let scan = try Run(["log", "scan"] + (try Self.others(p)) + [file], in: p.ws.root, environment: Self.env)
        #expect(scan.status == 3, "\(scan.stdout)\(scan.stderr)")
        #expect(scan.stdout.hasPrefix("\nURGENT: A WARNING SIGN IS TICKED ON A SHEET"), "\(scan.stdout)")
        #expect(scan.stdout.contains("has changed since this sheet was printed"), "\(scan.stdout)")
        #expect(
            try Self.stored(p.ws) == Self.expected(ticks.filter { $0.0.meaning == .warning }),
            "only the warning sign is stored")
    }

    @Test func anUncertainBoxIsNeverGuessedAndWaitsForConfirmation() throws {
        let p = try Self.printWeek()
        let session = try #require(
            p.layout.boxes.first {
                if case .session = $0.meaning { return true }
                return false
            })
        let other = try #require(
            p.layout.boxes.last {
                if case .session = $0.meaning { return true }
                return false
            })
        let file = try Self.clean(p, ticks: [(session, .tick)], smudge: other, name: "dot.png")
        let scan = try Run(["log", "scan"] + (try Self.others(p)) + [file], in: p.ws.root, environment: Self.env)
        #expect(scan.status == 1, "\(scan.stdout)")
        #expect(scan.stdout.contains("pending"))
        let acceptLine = try #require(scan.stdout.split(separator: "\n").first { $0.contains(other.id) })
            .trimmingCharacters(in: .whitespaces)
        let storedNow =
            FileManager.default.fileExists(atPath: ProgressStore.defaultPath(root: p.ws.root))
            ? try Self.stored(p.ws) : []
        #expect(storedNow.isEmpty, "nothing of a pending sheet is stored")
        // The clinician looked: the box is empty.
        let accept = p.ws.root + "/accept.txt"
        try "# checked on the preview\n\(Self.plan) \(other.id) empty\n".write(
            toFile: accept, atomically: true, encoding: .utf8)
        #expect(acceptLine.hasPrefix("\(Self.plan) \(other.id) "))
        let confirmed = try Run(
            ["log", "scan"] + (try Self.others(p)) + [file, "--accept", accept], in: p.ws.root, environment: Self.env)
        #expect(confirmed.status == 0, "\(confirmed.stdout)\(confirmed.stderr)")
        #expect(try Self.stored(p.ws) == Self.expected([(session, .tick)]))
        // The preview shows the scan and each box's reading.
        let html = try Run(
            ["log", "scan"] + (try Self.others(p)) + [file, "--dry-run", "--format", "html"], in: p.ws.root,
            environment: Self.env)
        #expect(html.stdout.contains("data:image/jpeg;base64,"))
        #expect(html.stdout.contains("class=\"read uncertain\""))
    }

    /// A sheet with a ticked warning sign and an uncertain box: the warning is stored at once and
    /// the rest waits; the rescan with confirmations imports it (the stored warning does not stop
    /// the sheet's own week from being read); a confirmation cannot undo a ticked warning box, and a
    /// CHECK line must be replaced before it counts.
    @Test func aWarningIsStoredAtOnceAndThePendingRestFollowsOnConfirmation() throws {
        let p = try Self.printWeek()
        let sessions = p.layout.boxes.filter {
            if case .session = $0.meaning { return true }
            return false
        }
        // Two session boxes of the sheet's last page, on different days.
        let done = try #require(sessions.first)
        let unsure = try #require(sessions.first { $0.day != done.day })
        let warning = try #require(p.layout.boxes.first { $0.meaning == .warning && $0.day == 4 })
        let file = try Self.clean(p, ticks: [(done, .tick), (warning, .cross)], smudge: unsure, name: "pending.png")

        let first = try Run(["log", "scan"] + (try Self.others(p)) + [file], in: p.ws.root, environment: Self.env)
        #expect(first.status == 3, "\(first.stdout)\(first.stderr)")
        #expect(first.stdout.contains("pending"))
        #expect(try Self.stored(p.ws) == Self.expected([(warning, .cross)]), "the warning sign alone is stored")

        let accept = p.ws.root + "/accept.txt"
        try "\(Self.plan) \(unsure.id) CHECK\n".write(toFile: accept, atomically: true, encoding: .utf8)
        let check = try Run(
            ["log", "scan"] + (try Self.others(p)) + [file, "--accept", accept], in: p.ws.root, environment: Self.env)
        #expect(check.status == 1)
        #expect(check.stderr.contains("in place of CHECK"), "\(check.stderr)")

        try "\(Self.plan) \(unsure.id) empty\n\(Self.plan) \(warning.id) empty\n".write(
            toFile: accept, atomically: true, encoding: .utf8)
        let second = try Run(
            ["log", "scan"] + (try Self.others(p)) + [file, "--accept", accept], in: p.ws.root, environment: Self.env)
        #expect(second.status == 3, "the warning is still on the sheet: \(second.stdout)\(second.stderr)")
        #expect(second.stdout.contains("imported"), "\(second.stdout)")
        #expect(second.stdout.contains("is ignored: that warning box reads ticked"), "\(second.stdout)")
        #expect(try Self.stored(p.ws) == Self.expected([(done, .tick), (warning, .cross)]))
    }

    @Test func thePrintedPDFReadsEmptyAndItsCardPagesAreSkipped() throws {
        let p = try Self.printWeek()
        let scan = try Run(
            ["log", "scan", p.pdf, "--dry-run", "--format", "json"], in: p.ws.root, environment: Self.env)
        #expect(scan.status == 0, "\(scan.stdout)\(scan.stderr)")
        #expect(scan.stdout.contains("\"status\" : \"dry-run\""))
        #expect(scan.stdout.contains("\"skipped_pages\""), "snake case, as schedule and progress")
        #expect(scan.stdout.contains("\"ticked\" : 0"))
        #expect(scan.stdout.contains("\"uncertain\" : 0"))
        #expect(scan.stdout.contains("page 1"), "the first page (header and stop box) has no code: \(scan.stdout)")
    }

    /// Several weeks and pages in one file: each week's sheet is found on its own page.
    @Test func aPDFOfTwoWeeksReadsAsTwoSheets() throws {
        let p = try Self.printWeek()
        let pdf = p.ws.root + "/weeks.pdf"
        let print = try Run(
            ["print", "Plans/\(Self.plan).yaml", "--weeks", "1-2", "--format", "pdf", "-o", pdf], in: p.ws.root,
            environment: Self.env)
        try #require(print.status == 0, "\(print.stderr)")
        let scan = try Run(["log", "scan", pdf, "--dry-run"], in: p.ws.root, environment: Self.env)
        #expect(scan.status == 0, "\(scan.stdout)\(scan.stderr)")
        #expect(scan.stdout.contains("\(Self.plan), week 1: dry-run"), "\(scan.stdout)")
        #expect(scan.stdout.contains("\(Self.plan), week 2: dry-run"), "\(scan.stdout)")
        #expect(
            !FileManager.default.fileExists(atPath: ProgressStore.defaultPath(root: p.ws.root)),
            "a dry run creates no store")
    }

    /// `rehab print` checks a plan as of the day it prints, so a week printed ahead carries the rows
    /// of that day. Week 2 printed on 30 November, when the assessment was 85 days old, scans back
    /// after the week: the scan rebuilt every sheet as of its week's first day (7 December, when the
    /// assessment is over 90 days old and stops the plan) and refused the whole sheet as one that
    /// "prints no tick sheet now", its boxes unread. Now the sheet is found as printed (the ticks of
    /// a stopped week are still refused entry by entry, with the reason, by the log's own checks).
    @Test func aWeekPrintedAheadScansBackAsPrinted() throws {
        try #require(
            PDFPrinter.browser() != nil, "the round trip needs Chromium: make test installs chromium-headless-shell")
        let ws = try TemporaryWorkspace.clinicCopy()
        let profile = try Paths.read(ws.root + "/Patients/maria-r.yaml")
        try #require(profile.contains("\nassessed: 2026-11-20"))
        _ = try ws.write(
            "Patients/maria-r.yaml",
            profile.replacingOccurrences(of: "\nassessed: 2026-11-20", with: "\nassessed: 2026-09-06"))
        let pdf = ws.root + "/week2.pdf"
        let print = try Run(
            ["print", "Plans/\(Self.plan).yaml", "--week", "2", "--format", "pdf", "-o", pdf], in: ws.root,
            environment: ["REHAB_TODAY": "2026-11-30"])
        try #require(print.status == 0, "\(print.stderr)")
        let scan = try Run(["log", "scan", pdf, "--dry-run"], in: ws.root, environment: ["REHAB_TODAY": "2026-12-14"])
        #expect(scan.status == 0, "\(scan.stdout)\(scan.stderr)")
        #expect(!scan.stdout.contains("prints no tick sheet now"), "\(scan.stdout)")
        #expect(
            scan.stdout.components(separatedBy: "\(Self.plan), week 2: dry-run — 0 ticked").count - 1 == 2,
            "both sheet pages: \(scan.stdout)")
    }

    @Test func aSheetOfAPlanNotInTheWorkspaceIsRefused() throws {
        let p = try Self.printWeek()
        // Another workspace without the plan.
        let other = try TemporaryWorkspace.clinicCopy()
        try FileManager.default.removeItem(atPath: other.root + "/Plans/\(Self.plan).yaml")
        let scan = try Run(["log", "scan", p.pdf], in: other.root, environment: Self.env)
        #expect(scan.status == 1)
        #expect(scan.stdout.contains("not in this workspace"), "\(scan.stdout)")
    }
}
