import Foundation
import RehabKit
import RehabPrint
import RehabScan
import SheetGeometry
import TestSupport
import Testing

/// Issue 20, the layout half: a new patient's plan written from the template (12 rows, a TLSO, a
/// daily limit of 30 minutes: `Tests/Fixtures/print/clinic-12-row.yaml`) printed through real
/// Chromium and read back from the PDF. Each test fails on the layout before the issue: cards split
/// across columns and pages, a tick sheet that spilled its footer and slivers of its corner marks
/// onto a second page while page 1 stayed 60 % blank, a large-print sheet at 12 pt with 7.2 mm
/// boxes, and a clean sheet that scanned back with 33 boxes uncertain.
@Suite(.serialized) struct PrintLayoutRegressionTests {
    static let plan = "clinic-12-row"
    static let env = ["REHAB_TODAY": "2026-12-07"]

    struct Printed {
        var ws: TemporaryWorkspace
        var pdf: PrintedPDF
        var model: PrintedWeek
        var layouts: [SheetLayout] { model.scan.map(\.layout) }
    }

    /// Week 1 of `plan` (the fixture, or a bundled plan) printed as `rehab print` prints it.
    static func printed(_ plan: String = plan, paper: Paper = .a4, largePrint: Bool = false, cards: String = "all")
        throws -> Printed
    {
        try #require(PDFPrinter.browser() != nil, "headless Chromium is not installed: run 'make test'")
        try #require(PDFRaster.tool() != nil, "pdftoppm is not installed: run 'make test'")
        let ws = try TemporaryWorkspace.clinicCopy()
        if plan == Self.plan {
            try ws.write("Plans/\(plan).yaml", try Paths.read(Paths.fixtures + "/print/\(plan).yaml"))
        }
        let path = ws.root + "/week1.pdf"
        let run = try Run(
            [
                "print", "Plans/\(plan).yaml", "--week", "1", "--format", "pdf", "--paper", paper.rawValue, "--cards",
                cards, "-o", path,
            ]
                + (largePrint ? ["--large-print"] : []), in: ws.root, environment: env)
        try #require(run.status == 0, "\(run.stderr)")
        let open = OpenWorkspace(root: ws.root, displayBase: ws.root)
        let named = try #require(open.workspace.plan(id: plan))
        let schedule = try WeekScheduler(
            workspace: open.workspace, engine: SafetyEngine(RuleSet.defaults, today: LocalDate("2026-12-07"))
        )
        .schedule(named, week: 1)
        let model = try #require(
            try RoutinePrinter(overrides: nil).models(
                [schedule], plan: named, workspace: open.workspace, paper: paper,
                cards: cards == "all" ? .all : .new, largePrint: largePrint
            ).first)
        return Printed(ws: ws, pdf: try PrintedPDF(path), model: model)
    }

    /// The fixture is what a physiotherapist writes: twelve rows on the sheet, a TLSO, 30 minutes a day.
    @Test func theFixtureIsATwelveRowPlan() throws {
        let p = try Self.printed()
        // Twelve items: ankle pumps three times a day took two rows of the twelve; one row now.
        #expect(
            p.model.rows.count + p.model.habits.count >= 11,
            "\(p.model.rows.count) rows and \(p.model.habits.count) habits")
        #expect(p.layouts.count == 2, "two sheet pages")
        #expect(p.model.dailyLimit == "30 minutes")
    }

    /// Cards were packed by an estimate and could run on from one column (or page) to the next.
    @Test(arguments: [Paper.a4, .letter])
    func noCardIsSplitAcrossColumnsOrPages(_ paper: Paper) throws {
        for plan in [Self.plan, "braced-t10-metastasis"] {
            let p = try Self.printed(plan, paper: paper)
            for card in p.model.cards {
                let last = card.stopIf.last?.text ?? card.cautions.last?.text ?? card.steps.last?.text ?? card.summary
                let span = try #require(
                    p.pdf.cardSpan(title: String(card.name.prefix(30)), last: last),
                    "\(plan): card '\(card.name)' not found")
                #expect(
                    span.start == span.end,
                    "\(plan) \(paper): '\(card.name)' from page \(span.start.page + 1) column \(span.start.column + 1) to page \(span.end.page + 1) column \(span.end.column + 1)"
                )
            }
        }
    }

    /// The 12-row sheet was never split: page 1 held the heading and the stop box and stayed 60 %
    /// blank, and the sheet overflowed its page, its footer and slivers of its bottom marks spilling
    /// onto the next. Now each sheet page is found whole on its own page of paper, and no page but
    /// the last is more than 60 % blank.
    @Test(arguments: [Paper.a4, .letter])
    func aTwelveRowSheetFillsItsPagesAndSpillsNothing(_ paper: Paper) throws {
        let p = try Self.printed(paper: paper)
        for page in p.pdf.images.indices.dropLast() {
            #expect(
                p.pdf.blankShare(page) <= 0.6,
                "\(paper): page \(page + 1) is \(Int(p.pdf.blankShare(page) * 100)) % blank")
        }
        let (sheets, problems) = p.pdf.scan(p.layouts)
        #expect(problems.isEmpty, "\(problems)")
        #expect(sheets.map(\.read.code.page).sorted() == Array(1...p.layouts.count), "\(sheets.map(\.read.code))")
        // The page after the sheet's last starts with cards, not with the rest of the sheet.
        let lastSheetPage = try #require(sheets.map(\.page).max())
        let notes = try #require(p.pdf.lines.first { $0.text.hasPrefix("How did it go this week?") })
        #expect(
            notes.page == lastSheetPage,
            "the notes line is on page \(notes.page + 1), the sheet ends on \(lastSheetPage + 1)")
        // Page 1 has the stop box and the sheet's first page together.
        #expect(p.pdf.lines.first { $0.text.hasPrefix("Stop and call now") }?.page == 0)
        #expect(sheets.first { $0.read.code.page == 1 }?.page == 0, "the sheet starts on page 1")
    }

    /// `--large-print` left the tick sheet at 12 pt with 7.2 mm boxes.
    @Test func largePrintEnlargesTheTickSheet() throws {
        let p = try Self.printed(largePrint: true)
        let small = p.pdf.words.enumerated().flatMap { i, words in
            words.filter { $0.h < 16 * 1.117 - 0.6 }.map { (i, $0.text, $0.h / 1.117) }
        }
        #expect(small.isEmpty, "words under 16 pt: \(small.prefix(10))")
        for layout in p.layouts {
            #expect(layout.code.largePrint)
            #expect(layout.boxes.allSatisfy { $0.rect.w >= 9 && $0.rect.h >= 9 })
        }
        // And it scans: every box found where the 9.2 mm layout puts it, every one read empty.
        let (sheets, problems) = p.pdf.scan(p.layouts)
        #expect(problems.isEmpty, "\(problems)")
        #expect(sheets.count == p.layouts.count)
        #expect(
            sheets.allSatisfy { $0.read.boxes.allSatisfy { $0.state == .empty } },
            "\(sheets.flatMap { $0.read.boxes.filter { $0.state != .empty }.map(\.box.id) }.prefix(10))")
    }

    /// A clean, unticked copy of the 12-row sheet scanned back with 33 boxes uncertain (the pain rows
    /// of the last days, on the part that overflowed the page). Now `rehab log scan` reads every page
    /// of it, nothing uncertain, and imports the week once every page is in the scan.
    @Test func aCleanTwelveRowSheetScansBackWithNothingUncertain() throws {
        let p = try Self.printed(cards: "none")
        let scan = try Run(["log", "scan", p.pdf.path, "--dry-run"], in: p.ws.root, environment: Self.env)
        #expect(scan.status == 0, "\(scan.stdout)\n\(scan.stderr)")
        let sheets = scan.stdout.split(separator: "\n").filter { $0.contains(", week 1: ") }
        #expect(sheets.count == p.layouts.count, "\(scan.stdout)")
        for line in sheets {
            #expect(line.contains(" 0 ticked") && line.contains(" 0 uncertain") && line.contains("dry-run"), "\(line)")
        }
    }

    /// The pages of a sheet are imported together: one page alone waits for the other.
    @Test func aSheetPageAloneIsNotImported() throws {
        let p = try Self.printed(cards: "none")
        try #require(p.layouts.count > 1, "the 12-row sheet has two sheet pages")
        let first = p.ws.root + "/page1.pdf"
        let split = try Subprocess.tool("pdfseparate", ["-f", "1", "-l", "1", p.pdf.path, first])
        try #require(split.status == 0, "\(split.errors)")
        let scan = try Run(["log", "scan", first], in: p.ws.root, environment: Self.env)
        #expect(scan.stdout.contains("sheet page 2 of 2 of this week is not in the scan"), "\(scan.stdout)")
        #expect(!scan.stdout.contains("imported"), "\(scan.stdout)")
        let all = try Run(["log", "scan", p.pdf.path], in: p.ws.root, environment: Self.env)
        #expect(all.stdout.components(separatedBy: ": imported").count - 1 == p.layouts.count, "\(all.stdout)")
    }

    /// Week 1 of the braced T10 plan: at most 5 pages with every card, A4 and Letter, no page more
    /// than 60 % blank but the last.
    @Test(arguments: [Paper.a4, .letter])
    func theBracedWeekOneFitsFivePages(_ paper: Paper) throws {
        let p = try Self.printed("braced-t10-metastasis", paper: paper, cards: "new")
        #expect(p.model.cards.count == 13)
        #expect(p.pdf.images.count <= 5, "\(paper): \(p.pdf.images.count) pages")
        for page in p.pdf.images.indices.dropLast() {
            #expect(
                p.pdf.blankShare(page) <= 0.6,
                "\(paper): page \(page + 1) is \(Int(p.pdf.blankShare(page) * 100)) % blank")
        }
    }
}
