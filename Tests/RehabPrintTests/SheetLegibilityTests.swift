import Foundation
import RehabKit
import SheetGeometry
import TestSupport
import Testing

@testable import RehabPrint

/// What a tired patient with poor sight needs of the sheet, asserted from the style sheet the PDF is
/// printed from, and the stop-and-call box's tiers from the model.
struct SheetLegibilityTests {
    static let style =
        (try? String(
            contentsOfFile: Paths.packageRoot + "/Sources/RehabPrint/Templates/style.mustache", encoding: .utf8)) ?? ""

    /// Every CSS rule as (selector, declarations).
    static var rules: [(String, String)] {
        var out: [(String, String)] = []
        var rest = Substring(style)
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            let selector = rest[..<open].split(separator: "\n").last {
                !$0.trimmingCharacters(in: .whitespaces).hasPrefix("/*")
            }
            out.append(
                (
                    String(selector ?? "").trimmingCharacters(in: .whitespaces),
                    String(rest[rest.index(after: open)..<close])
                ))
            rest = rest[rest.index(after: close)...]
        }
        return out
    }

    static func values(_ declarations: String, _ property: String, unit: String) -> [Double] {
        declarations.components(separatedBy: ";").compactMap { d in
            let parts = d.split(separator: ":", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
            guard parts.count == 2, parts[0] == property, parts[1].hasSuffix(unit) else { return nil }
            return Double(parts[1].dropLast(unit.count))
        }
    }

    @Test func noTextUnderTwelvePointAndLargePrintAtSixteen() {
        #expect(!Self.rules.isEmpty)
        for (selector, declarations) in Self.rules {
            for size in Self.values(declarations, "font-size", unit: "pt") {
                let least = selector.contains("body.large") ? 16.0 : 12.0
                #expect(size >= least, "\(selector): \(size) pt")
            }
        }
    }

    @Test func tickBoxesAreAtLeastSevenMillimetres() {
        let boxes = Self.rules.filter { $0.0.contains(".box") }
        #expect(!boxes.isEmpty)
        for (selector, declarations) in boxes {
            for v in Self.values(declarations, "width", unit: "mm") + Self.values(declarations, "height", unit: "mm") {
                #expect(v >= 7, "\(selector): \(v) mm")
            }
        }
    }

    /// An item done three times a day is one row with one label, "3 times a day", and its boxes
    /// full size: two side by side in the day's cell, the third below (large print: one a line).
    /// (It was two rows, "1st and 2nd times of 3 a day" and "3rd time of 3 a day".)
    @Test(arguments: [false, true])
    func aThreeTimesADayItemIsOneRowWithFullSizeBoxes(_ largePrint: Bool) throws {
        let p = try Printing()
        let model = try #require(
            p.printer.models(
                try p.weeks("braced-t10-metastasis", 1...1), plan: try p.plan("braced-t10-metastasis"),
                workspace: p.open.workspace, paper: .a4, largePrint: largePrint
            ).first)
        let rows = model.rows.filter { $0.exercise == "ankle-pumps" }
        #expect(rows.count == 1, "\(rows.map(\.times))")
        #expect(rows.first?.times == "3 times a day")
        #expect(rows.first?.cells.map(\.count).max() == 3)
        let metrics = SheetLayout.Metrics.of(largePrint: largePrint)
        let boxes = model.scan.flatMap(\.layout.boxes).filter {
            if case .session(let item, _) = $0.meaning { return item == "ankle-pumps" } else { return false }
        }
        #expect(boxes.count == rows.first?.sessions && boxes.count >= 18, "\(boxes.count) ankle-pump boxes")
        for day in 0..<7 {
            let cell = boxes.filter { $0.day == day }.map(\.rect)
            #expect(cell.allSatisfy { $0.w == metrics.box && $0.h == metrics.box })
            // At most `boxesPerCell` on a line, and no two overlapping.
            let lines = Dictionary(grouping: cell, by: \.y)
            #expect(lines.values.allSatisfy { $0.count <= metrics.boxesPerCell }, "day \(day): \(cell)")
            for (i, a) in cell.enumerated() {
                for b in cell[(i + 1)...] {
                    #expect(
                        a.x + a.w <= b.x || b.x + b.w <= a.x || a.y + a.h <= b.y || b.y + b.h <= a.y,
                        "day \(day): \(a) and \(b) overlap")
                }
            }
        }
    }

    /// A brace prescribed in the profile, with no bracing item in the plan: the scheduler's daily
    /// habit prints as the brace and its regimen, never as an id.
    @Test func aPrescribedBraceWithoutItsItemPrintsAsTheBrace() throws {
        let ws = try TemporaryWorkspace.clinicCopy()
        let file = ws.root + "/Plans/braced-t10-metastasis.yaml"
        let text = try String(contentsOfFile: file, encoding: .utf8)
        let without = text.replacingOccurrences(
            of: """
                  - exercise: brace-tlso-wear
                    frequency: all-day
                    notes: "On whenever you are sitting up, standing or walking. Put it on and take it off lying flat."

                """, with: "")
        try #require(without != text)
        try without.write(toFile: file, atomically: true, encoding: .utf8)
        let out = try Printing(root: ws.root).render("braced-t10-metastasis", .text)
        #expect(out.contains("Wearing your back brace"), "\(out.prefix(2500))")
        #expect(out.contains("Wear your back brace whenever you sit up, stand or walk"))
        // The prescription's abbreviation is for the team: plain words on the patient's sheet.
        #expect(!out.contains("TLSO"))
        #expect(!out.contains("brace-tlso"), "no id on the patient's sheet")
    }

    /// Night pain the team has acknowledged (already imaged) is not a sign to call about.
    @Test func anAcknowledgedFindingLeavesTheBox() throws {
        let ws = try TemporaryWorkspace.clinicCopy()
        let file = ws.root + "/Patients/maria-r.yaml"
        let text = try String(contentsOfFile: file, encoding: .utf8)
            .replacingOccurrences(of: "night_pain: false", with: "night_pain: true")
        try text.write(toFile: file, atomically: true, encoding: .utf8)
        let before = try Printing(root: ws.root).render("gentle-start-osteopenia", .text)
        #expect(before.contains("Night pain that stops you sleeping"))
        #expect(before.contains("Your back pain needs checking"), "the within-24h alert is in the 'today' tier")
        try
            (text
            + "acknowledged: [{rule: spinal-pain-red-flags, by: physiotherapist, date: 2026-11-21, note: \"night pain imaged\"}]\n")
            .write(toFile: file, atomically: true, encoding: .utf8)
        let after = try Printing(root: ws.root).render("gentle-start-osteopenia", .text)
        #expect(!after.contains("Night pain that stops you sleeping"))
        #expect(!after.contains("Your back pain needs checking"))
        #expect(after.contains("New back or neck pain"), "other back-pain signs stay")
    }

    @Test func anEmptySignsFileIsAnError() throws {
        let dir = try TemporaryWorkspace()
        try dir.write("red-flags.txt", "# nothing\n")
        #expect(throws: PrintError.self) { try RoutinePrinter(overrides: dir.root) }
    }
}

/// Issue 20: a week printed ahead showed a dose that progression had not earned yet, as if it were
/// settled. A dose whose step waits on a week not yet logged says it is provisional.
struct ProvisionalDoseTests {
    @Test func aPlannedStepSaysItIsProvisional() throws {
        let p = try Printing()
        let week1 = try p.render("braced-t10-metastasis", .text, weeks: 1...1)
        #expect(!week1.contains("if last week went well"), "week 1 has no step to earn")
        let week2 = try p.render("braced-t10-metastasis", .text, weeks: 2...2)
        #expect(
            week2.contains("6 minutes (if last week went well: your physiotherapist will confirm)"),
            "\(week2.prefix(3000))")
        // Only the item that progresses: the rest keep their plain dose.
        #expect(week2.components(separatedBy: "if last week went well").count - 1 == 2, "its row and its card")
    }
}
