import Foundation
import RehabKit
import SheetGeometry
import TestSupport
import Testing

@testable import RehabPrint

/// Prints to PDF in a real browser (headless Chromium, which `make test` installs) and reads the
/// PDF back with poppler: page count and size, what each page holds, nothing pushed over a page.
struct PDFTests {
    static func tool(_ name: String, _ args: [String]) throws -> String {
        try Subprocess("/usr/bin/" + name, args).output
    }

    /// A workspace with the bundled exercises and a 15-item plan done 3 times a day.
    static func longPlanWorkspace() throws -> TemporaryWorkspace {
        let ws = try TemporaryWorkspace()
        for group in try FileManager.default.contentsOfDirectory(atPath: Paths.packageRoot + "/Exercises") {
            try ws.copy(folder: Paths.packageRoot + "/Exercises/" + group, to: "Exercises/" + group)
        }
        let ids = [
            "walking-gentle", "seated-marching", "chin-tucks", "shoulder-blade-setting", "sitting-posture-check",
            "standing-posture-check", "diaphragmatic-breathing", "pursed-lip-breathing", "ankle-pumps", "heel-slides",
            "seated-knee-extension", "shoulder-range-seated", "wall-push-up-half-range", "heel-raises-supported",
            "progressive-muscle-relaxation",
        ]
        try ws.write(
            "Plans/long-plan.yaml",
            PlanText.plan(
                id: "long-plan", title: "A long plan of fifteen exercises",
                patient: "{name: Margaret O'Neill-Whitaker, ref: MRN-0099}",
                careTeam:
                    #"{contact: "Oncology nurse line 555 0100", urgent: "Acute oncology 24-hour line 555 0199", clinician: "J. Okafor, PT"}"#,
                weeks: 2, extra: ["rest_days: [sunday]"],
                safety: PlanText.clearSafety(
                    adding: "vertebral_fracture: false, weight_bearing: full, fever: false, pain: 2, fatigue: 2"),
                items: ids.map { "{exercise: \($0), frequency: 3/day}" }))
        return ws
    }

    struct Case: CustomStringConvertible, Sendable {
        var plan: String
        var weeks: ClosedRange<Int>
        var paper: Paper
        var long = false
        var description: String { "\(plan) weeks \(weeks) \(paper.rawValue)" }
    }

    static let cases: [Case] = [Paper.a4, .letter].flatMap { paper in
        [
            Case(plan: "gentle-start-osteopenia", weeks: 1...2, paper: paper),
            Case(plan: "braced-t10-metastasis", weeks: 1...1, paper: paper),
            Case(plan: "long-plan", weeks: 1...1, paper: paper, long: true),
        ]
    }

    /// The most pages each case may take, as measured (cards packed by height into pages of two
    /// columns; before, one card a page: 14 pages for the braced week 1, then 6 with cards in one flow of
    /// two columns). The braced week 1 is the issue's goal: at most 4 A4 pages with every card. A
    /// layout or content change that adds a page fails here.
    /// The scannable tick sheet (issue 15: corner marks, a QR code, a 0–10 pain row per day) is
    /// about 45 mm taller than the old grid and never split: in a week of ten rows it starts on the
    /// second page, which added a page to each week (4 → 5 for the braced week 1).
    static let pageLimits: [String: Int] = [
        "gentle-start-osteopenia weeks 1...2 a4": 8, "braced-t10-metastasis weeks 1...1 a4": 5,
        "long-plan weeks 1...1 a4": 7,
        "gentle-start-osteopenia weeks 1...2 letter": 8, "braced-t10-metastasis weeks 1...1 letter": 5,
        "long-plan weeks 1...1 letter": 7,
    ]

    @Test(arguments: cases)
    func printsEachWeeksSheetThenItsCards(_ c: Case) throws {
        try #require(
            PDFPrinter.browser() != nil,
            "headless Chromium is not installed: run 'make test' (it installs chromium-headless-shell)")
        let longWS = c.long ? try Self.longPlanWorkspace() : nil
        let p = try Printing(root: longWS?.root ?? Paths.packageRoot)
        let plan = try p.plan(c.plan)
        let weeks = try p.weeks(c.plan, c.weeks)
        let models = p.printer.models(weeks, plan: plan, workspace: p.open.workspace, paper: c.paper)
        let html = try p.render(c.plan, .html, weeks: c.weeks, paper: c.paper)
        let out = try TemporaryWorkspace()
        let pdf = out.root + "/week.pdf"
        try PDFPrinter.print(html: html, to: pdf)

        let info = try Self.tool("pdfinfo", [pdf])
        let pages = Int(
            info.split(separator: "\n").first { $0.hasPrefix("Pages:") }.map { $0.split(separator: " ").last! } ?? "0")!
        #expect(pages <= Self.pageLimits[c.description]!, "\(c): \(pages) pages")
        #expect(info.contains(c.paper == .a4 ? "(A4)" : "612 x 792 pts (letter)"), "\(info)")

        // Each week starts on a page of its own with its sheet; the sheet's rows, the pain row and the
        // warning-signs row come before that week's cards.
        var pageOfWeek: [Int] = []
        for page in 1...pages {
            let text = try Self.tool("pdftotext", ["-f", "\(page)", "-l", "\(page)", "-layout", pdf, "-"])
            for week in weeks where text.contains("Week \(week.week) of \(week.weeks)") { pageOfWeek.append(page) }
        }
        #expect(pageOfWeek.count == weeks.count, "\(c): \(pageOfWeek)")
        // In reading order (`-layout` keeps a line of the page a line of text: the warning heading at
        // the right of the pain heading comes before the cards that follow the sheet on its page).
        let all = try Self.tool("pdftotext", ["-layout", pdf, "-"])
        for week in weeks {
            let body = all.components(separatedBy: "Week \(week.week) of \(week.weeks)").dropFirst().joined()
            let pain = body.range(of: "Pain today: tick one number")
            let warning = body.range(of: "Warning sign?")
            let cards = body.range(of: "How to do your exercises — week \(week.week)")
            #expect(pain != nil && warning != nil, "\(c): week \(week.week) has no pain or warning-signs row")
            if let warning, let cards {
                #expect(warning.lowerBound < cards.lowerBound, "\(c): cards before the sheet ends")
            }
        }

        // The whole text: who, when, and every exercise on the routine.
        let text = try Self.tool("pdftotext", [pdf, "-"])
        #expect(text.contains(plan.patient!.name))
        for week in weeks {
            #expect(text.contains(models[0].start) || week.week > 1)
            let names = Set(week.days.flatMap(\.sessions).map { p.open.workspace.exercise($0.exercise)!.name })
            #expect(!names.isEmpty)
            for name in names {
                #expect(
                    text.replacingOccurrences(of: "\n", with: " ").contains(name),
                    "\(c): '\(name)' missing from the PDF")
            }
        }
        #expect(text.contains("Monday 30 November 2026"))
    }

    /// The stop page: what to do now on the first page, the spinal precautions kept after it.
    @Test func aBlockedPlanPrintsOnlyItsStopPage() throws {
        try #require(PDFPrinter.browser() != nil, "headless Chromium is not installed: run 'make test'")
        let html = try Printing().render("suspected-cord-compression", .html)
        let out = try TemporaryWorkspace()
        try PDFPrinter.print(html: html, to: out.root + "/blocked.pdf")
        let info = try Self.tool("pdfinfo", [out.root + "/blocked.pdf"])
        #expect(info.contains("Pages:           2\n"), "\(info)")
        let first = try Self.tool("pdftotext", ["-f", "1", "-l", "1", out.root + "/blocked.pdf", "-"])
            .replacingOccurrences(of: "\n", with: " ")
        #expect(first.contains("Do not start this exercise programme"))
        // The three tiers, worded as on the weekly sheet.
        // "Now" names the 24-hour line, "today" the team's own (issue 20: one number for every urgency).
        for heading in [
            "Stop and call now: Acute oncology 24-hour line 555 0199. No answer? Call 999.",
            "Stop your exercises and call today: Breast care nurses 555 0100", "Tell us at your next visit",
        ] {
            #expect(first.contains(heading), "\(heading)")
        }
        let text = try Self.tool("pdftotext", [out.root + "/blocked.pdf", "-"]).replacingOccurrences(
            of: "\n", with: " ")
        #expect(text.contains("Log roll in bed"))
        #expect(!text.contains("Gentle walking"), "no routine")
        #expect(text.contains("Acute oncology") || text.contains("555"), "it says whom to call")
    }

    /// Pages of a PDF as text, one string a page (columns side by side, as `pdftotext -layout` sets them).
    static func pages(_ pdf: String) throws -> [String] {
        let info = try tool("pdfinfo", [pdf])
        let count = Int(
            info.split(separator: "\n").first { $0.hasPrefix("Pages:") }.map { $0.split(separator: " ").last! } ?? "0")!
        return try (1...max(1, count)).map {
            try tool("pdftotext", ["-f", "\($0)", "-l", "\($0)", "-layout", pdf, "-"])
        }
    }

    static func printed(_ plan: String, week: Int, paper: Paper = .a4, cards: CardPolicy = .new) throws -> (
        pdf: String, model: PrintedWeek, dir: TemporaryWorkspace
    ) {
        let p = try Printing()
        let weeks = try p.weeks(plan, 1...week)
        let html = try p.printer.render(
            [weeks[week - 1]], plan: try p.plan(plan), workspace: p.open.workspace, format: .html,
            paper: paper, cards: cards, previous: week > 1 ? weeks[week - 2] : nil)
        let model = p.printer.models(
            [weeks[week - 1]], plan: try p.plan(plan), workspace: p.open.workspace, paper: paper,
            cards: cards, previous: week > 1 ? weeks[week - 2] : nil)[0]
        let out = try TemporaryWorkspace()
        try PDFPrinter.print(html: html, to: out.root + "/week.pdf")
        return (out.root + "/week.pdf", model, out)
    }

    /// A week whose exercises and doses are those of the week before prints its sheet alone, on one
    /// page: the braced plan's walks stop progressing at 8 minutes in week 4.
    @Test(arguments: [Paper.a4, .letter])
    func aWeekWithoutChangesIsOneSheetOfPaper(_ paper: Paper) throws {
        try #require(PDFPrinter.browser() != nil, "headless Chromium is not installed: run 'make test'")
        // `printed` holds the folder until the end.
        let printed = try Self.printed("braced-t10-metastasis", week: 5, paper: paper)
        let (pdf, model) = (printed.pdf, printed.model)
        #expect(model.cards.isEmpty, "no card is new in week 5")
        let pages = try Self.pages(pdf)
        // The instructions and the stop-and-call box, then the whole tick sheet on the next page: one
        // sheet of paper printed on both sides.
        #expect(pages.count <= 2, "\(paper): \(pages.count) pages")
        #expect(pages[0].contains("Stop and call now"))
        #expect(pages.last!.contains("How did it go this week?"), "the whole tick sheet on one page")
        #expect(pages.last!.contains("Pain today: tick one number"))
    }
}
