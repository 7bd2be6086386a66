import Foundation
import RehabKit
import RehabPrint
import RehabScan
import SheetGeometry
import TestSupport
import Testing

/// The printed week over generated plans, not only the bundled ones (issue 20). Each case is a plan
/// of 3–16 items of the bundled exercises (daily, N a day, N a week, all day, as needed; with a TLSO
/// or without; an exercise with a long name; rest days; a tight daily limit or none), printed by
/// `rehab print --format pdf` through real Chromium on A4 or Letter, in normal and in large print,
/// and read back from the PDF:
///
/// 1. every session of the week has its box on the sheet, and every item the scheduler could not
///    fit is named under "Not this week";
/// 2. each sheet page is found on its own page of paper with its four marks and code, and the blank
///    print scans back with no box ticked and none uncertain;
/// 3. no card crosses a column or a page;
/// 4. in large print every word is 16 pt or more (read from the words' heights) and every tick box
///    9 mm or more (the boxes are read where the 9.2 mm layout puts them, borders found);
/// 5. no page is more than 60 % blank but the last.
///
/// `REHAB_PRINT_PROPERTY_COUNT=N` runs N plans instead of 6, `REHAB_PRINT_PROPERTY_SEED=S` another
/// seed than the fixed one (a failure names its seed, so it can be run again). The test counts that it reached a plan
/// with a second sheet page, one with something left out, large print and Letter, and fails if not.
@Suite(.serialized) struct PrintPropertyTests {
    static let count = Int(ProcessInfo.processInfo.environment["REHAB_PRINT_PROPERTY_COUNT"] ?? "") ?? 6
    static let seed = UInt64(ProcessInfo.processInfo.environment["REHAB_PRINT_PROPERTY_SEED"] ?? "") ?? 0x20_2026_12
    static let today = "2026-11-29"

    /// Exercises that a patient with a stable spine, or none affected, may do unsupervised.
    static let exercises = [
        "walking-gentle", "walking-indoor", "seated-marching", "chin-tucks", "shoulder-blade-setting",
        "sitting-posture-check", "standing-posture-check", "diaphragmatic-breathing", "pursed-lip-breathing",
        "ankle-pumps", "heel-slides", "seated-knee-extension", "shoulder-range-seated", "heel-raises-supported",
        "progressive-muscle-relaxation", "shoulder-rolls-seated", "rib-expansion-breathing", "guided-imagery",
        "red-flags-when-to-stop", "pacing-activity", "energy-conservation",
    ]
    static let frequencies = ["daily", "daily", "2/day", "3/day", "4/day", "1/week", "2/week", "3/week", "as-needed"]
    static let times = ["morning", "midday", "afternoon", "evening", "any"]

    struct Generated {
        var yaml: String
        /// An exercise file with a long name: (path in the workspace, text).
        var extra: (String, String)?
        var braced: Bool
    }

    static func generate(_ rng: inout SplitMix64) throws -> Generated {
        let braced = Bool.random(using: &rng)
        var ids = exercises.shuffled(using: &rng)
        let n = Int.random(in: 3...16, using: &rng)
        var extra: (String, String)?
        if Bool.random(using: &rng) {
            // A clinic's own exercise with a long name, copied from a bundled one.
            let text = try Paths.read(Paths.packageRoot + "/Exercises/activity/seated-marching.yaml")
            let long =
                "Marching in a chair with your feet flat, arms resting lightly on the armrests, at a steady easy pace"
            extra = (
                "Exercises/activity/seated-marching-long-name.yaml",
                text.replacingOccurrences(of: "id: seated-marching", with: "id: seated-marching-long-name")
                    .replacingOccurrences(of: "name: Marching in a chair", with: "name: \(long)")
            )
            ids.insert("seated-marching-long-name", at: 0)
        }
        var items: [String] = []
        if braced {
            items += [
                "  - {exercise: brace-tlso-wear, frequency: all-day, notes: \"On whenever you are sitting up, standing or walking.\"}",
                "  - {exercise: brace-on-off-log-roll, frequency: 2/day, time: any}",
                "  - {exercise: brace-skin-check, frequency: daily, time: evening}",
            ]
        }
        for id in ids.prefix(max(0, n - items.count)) {
            let f = frequencies.randomElement(using: &rng)!
            items.append(
                f == "as-needed"
                    ? "  - {exercise: \(id), frequency: as-needed}"
                    : "  - {exercise: \(id), frequency: \(f), time: \(times.randomElement(using: &rng)!)}")
        }
        let rest = [[], ["sunday"], ["saturday", "sunday"], ["wednesday", "sunday"]].randomElement(using: &rng)!
        let limit = [nil, 10, 15, 20, 30, 45].randomElement(using: &rng)!
        let spine =
            braced
            ? """
            spinal_metastases: {present: true, levels: [T8], stability: stable, sins: 5}
              brace: {type: TLSO, wear_when: upright}
              clearance:
                - {by: spinal-team, date: 2026-11-25, note: "Stable; mobilise in brace for comfort"}
            """
            : "spinal_metastases: {present: false}"
        let yaml = """
            id: generated
            title: A generated plan with a rather long title to see where it wraps on the page
            template: false
            patient: {name: Maria-Josefina Fernández-Oyelaran, ref: MRN-2020}
            care_team: {contact: "Breast care nurse line 555 0142 (Monday to Friday, 9 to 5)", urgent: "Acute oncology 24-hour line 555 0199", clinician: "R. Patel, PT"}
            start: 2026-11-30
            weeks: 4
            rest_days: [\(rest.joined(separator: ", "))]
            \(limit.map { "daily_minutes_limit: \($0)" } ?? "")
            safety:
              assessed: 2026-11-23
              suspected_cord_compression: false
              neuro_symptoms: []
              back_pain: {new: false, worsening: false, night_pain: false, worse_on_straining: false, region: thoracic}
              \(spine)
              long_bone_lesions: []
              bone_density: osteopenia
              vertebral_fracture: false
              weight_bearing: full
              labs: {platelets: 201, haemoglobin: 118, neutrophils: 3.4, date: 2026-11-20}
              fever: false
              pain: 3
              fatigue: 4
            items:
            \(items.joined(separator: "\n"))
            """
        return Generated(yaml: yaml, extra: extra, braced: braced)
    }

    /// What the cases reached.
    struct Reached {
        var continuation = 0, unscheduled = 0, large = 0, letter = 0
    }

    @Test func printedWeeksHoldForGeneratedPlans() throws {
        try #require(PDFPrinter.browser() != nil, "headless Chromium is not installed: run 'make test'")
        try #require(PDFRaster.tool() != nil, "pdftoppm is not installed: run 'make test'")
        var rng = SplitMix64(seed: Self.seed)
        var reached = Reached()
        for n in 0..<Self.count {
            let g = try Self.generate(&rng)
            let ws = try TemporaryWorkspace.clinicCopy()
            try ws.write("Plans/generated.yaml", g.yaml)
            if let (path, text) = g.extra { try ws.write(path, text) }
            let paper: Paper = n % 2 == 0 ? .a4 : .letter
            for large in [false, true] {
                let context =
                    "plan \(n) (seed \(Self.seed)), \(paper.rawValue)\(large ? ", large print" : ""):\n\(g.yaml)"
                try check(ws, paper: paper, largePrint: large, context: context, reached: &reached)
            }
        }
        #expect(reached.continuation > 0, "no generated plan's sheet went on to a second sheet page: \(reached)")
        #expect(reached.unscheduled > 0, "no generated plan left an item out: \(reached)")
        #expect(reached.large > 0 && reached.letter > 0, "\(reached)")
    }

    func check(_ ws: TemporaryWorkspace, paper: Paper, largePrint: Bool, context: String, reached: inout Reached) throws
    {
        let pdf = ws.root + "/week\(largePrint ? "-large" : "")-\(paper.rawValue).pdf"
        let run = try Run(
            [
                "print", "Plans/generated.yaml", "--week", "1", "--format", "pdf", "--paper", paper.rawValue, "--cards",
                "all", "-o", pdf,
            ]
                + (largePrint ? ["--large-print"] : []), in: ws.root, environment: ["REHAB_TODAY": Self.today])
        guard run.status == 0 else {
            Issue.record("\(context)\nrehab print exit \(run.status): \(run.stderr)")
            return
        }
        // The week as rehab builds it.
        let open = OpenWorkspace(root: ws.root, displayBase: ws.root)
        let plan = try #require(open.workspace.plan(id: "generated"))
        let schedule = try WeekScheduler(
            workspace: open.workspace, engine: SafetyEngine(RuleSet.defaults, today: LocalDate(Self.today))
        )
        .schedule(plan, week: 1)
        let model = try #require(
            try RoutinePrinter(overrides: nil).models(
                [schedule], plan: plan, workspace: open.workspace, paper: paper,
                cards: .all, largePrint: largePrint
            ).first)
        let layouts = model.scan.map(\.layout)
        try #require(!layouts.isEmpty, "\(context)\nno scannable sheet")
        let printed = try PrintedPDF(pdf)
        if layouts.count > 1 { reached.continuation += 1 }
        if !schedule.unscheduled.isEmpty { reached.unscheduled += 1 }
        if largePrint { reached.large += 1 }
        if paper == .letter { reached.letter += 1 }

        // 1. Every session has its box; every item left out is named under "Not this week".
        var expected = Set<String>()
        for day in schedule.days {
            var n: [String: Int] = [:]
            for s in day.sessions {
                n[s.exercise, default: 0] += 1
                expected.insert("\(s.exercise)#\(n[s.exercise]!)@\(day.date)")
            }
        }
        let boxes = Set(
            layouts.flatMap(\.boxes).filter {
                if case .session = $0.meaning { return true }
                return false
            }.map(\.id))
        #expect(
            boxes == expected,
            "\(context)\nsessions without a box: \(expected.subtracting(boxes).sorted()); boxes without a session: \(boxes.subtracting(expected).sorted())"
        )
        let text = printed.text.replacingOccurrences(of: "\n", with: " ")
        if !schedule.unscheduled.isEmpty {
            let section = text.range(of: "Not this week")
            #expect(
                section != nil,
                "\(context)\nthe sheet has no \"Not this week\" section for \(schedule.unscheduled.map(\.exercise))")
            if let section {
                for u in schedule.unscheduled {
                    let name = open.workspace.exercise(u.exercise)?.name ?? u.exercise
                    #expect(
                        text[section.upperBound...].contains(name),
                        "\(context)\n'\(name)' is not named under \"Not this week\"")
                }
            }
        }

        // 2. Each sheet page on a page of its own, found whole; the blank print reads blank.
        let (sheets, problems) = printed.scan(layouts)
        #expect(problems.isEmpty, "\(context)\n\(problems)")
        #expect(
            sheets.map(\.read.code.page).sorted() == Array(1...layouts.count),
            "\(context)\nsheet pages read: \(sheets.map(\.read.code))")
        #expect(Set(sheets.map(\.page)).count == sheets.count, "\(context)\ntwo sheet pages on one page of paper")
        for (_, sheet) in sheets {
            let ticked = sheet.boxes.filter { $0.state == .ticked }
            let uncertain = sheet.boxes.filter { $0.state == .uncertain }
            #expect(
                ticked.isEmpty && uncertain.isEmpty,
                "\(context)\nsheet page \(sheet.code.page): \(ticked.count) ticked, \(uncertain.count) uncertain: \(uncertain.prefix(5).map(\.box.id))"
            )
        }

        // 3. No card crosses a column or a page.
        for card in model.cards {
            let last = card.stopIf.last?.text ?? card.cautions.last?.text ?? card.steps.last?.text ?? card.summary
            guard let span = printed.cardSpan(title: String(card.name.prefix(30)), last: last) else {
                Issue.record("\(context)\ncard '\(card.name)' not found in the PDF")
                continue
            }
            #expect(
                span.start == span.end,
                "\(context)\ncard '\(card.name)' starts on page \(span.start.page + 1) column \(span.start.column + 1) and ends on page \(span.end.page + 1) column \(span.end.column + 1)"
            )
        }

        // 4. Large print: 16 pt words (Liberation Sans' box is 1.117 em), boxes of 9 mm and more.
        if largePrint {
            let small = printed.words.enumerated().flatMap { p, words in
                words.filter { $0.h < 16 * 1.117 - 0.6 }.map { (p, $0) }
            }
            #expect(
                small.isEmpty,
                "\(context)\nwords under 16 pt: \(small.prefix(8).map { "page \($0.0 + 1) '\($0.1.text)' \(String(format: "%.1f", $0.1.h / 1.117)) pt" })"
            )
            #expect(
                layouts.allSatisfy { l in l.boxes.allSatisfy { $0.rect.w >= 9 && $0.rect.h >= 9 } },
                "\(context)\nboxes under 9 mm")
        }

        // 5. No page more than 60 % blank but the last.
        for page in printed.images.indices.dropLast() {
            let blank = printed.blankShare(page)
            #expect(
                blank <= 0.6, "\(context)\npage \(page + 1) of \(printed.images.count) is \(Int(blank * 100)) % blank")
        }
    }
}
