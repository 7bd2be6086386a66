import Foundation
import RehabKit
import RehabPrint
import RehabTracking
import SheetGeometry
import TestSupport
import Testing

@testable import RehabScan

/// The scan import's policy (`ScanImport`) without the CLI and without images: each sheet page is
/// "read" with the boxes given, and the outcome is checked as a typed value.
struct ScanImportTests {
    static let planId = "gentle-start-osteopenia"
    /// The end of week 1: every day of the sheet is past.
    static let today = LocalDate("2026-12-07")!

    /// A copy of the bundled workspace with its own log, and the pages of week 1's sheet as
    /// `rehab print` lays them out.
    struct Clinic {
        let ws: TemporaryWorkspace
        let tracking: Tracking
        let plan: Plan
        let pages: [SheetLayout]

        init() throws {
            ws = try TemporaryWorkspace.clinicCopy()
            tracking = try Tracking(
                open: OpenWorkspace(root: ws.root, displayBase: ws.root), rules: .defaults,
                storePath: ws.root + "/.rehab/progress.sqlite", create: true, today: ScanImportTests.today)
            plan = try #require(tracking.open.workspace.plan(id: ScanImportTests.planId))
            let schedule = try WeekScheduler(
                workspace: tracking.open.workspace, engine: SafetyEngine(RuleSet.defaults, today: ScanImportTests.today)
            )
            .schedule(plan, week: 1)
            pages = try #require(
                try RoutinePrinter(overrides: nil).models(
                    [schedule], plan: plan, workspace: tracking.open.workspace, paper: .a4
                )
                .first?.scan.map(\.layout))
        }

        /// The import, the layouts printed as above.
        func importer(dryRun: Bool = false) -> ScanImport {
            let pages = self.pages
            return ScanImport(tracking: tracking, today: ScanImportTests.today, dryRun: dryRun) { code, _, _ in
                pages.first { $0.code == code }.map(PrintedLayout.sheet) ?? .changed
            }
        }

        /// The week's pages read as `state` says of each box (`nil`: empty), from `file`.
        func read(file: String = "scan.png", _ state: (SheetLayout.Box) -> MarkState? = { _ in nil }) -> [SheetRead] {
            pages.enumerated().map { i, layout in
                SheetRead(
                    file: file, page: i + 1, code: layout.code, layout: layout,
                    boxes: layout.boxes.map { box in
                        let s = state(box) ?? .empty
                        return BoxRead(
                            box: box, state: s, confidence: s == .uncertain ? 0.5 : 1, ink: s == .ticked ? 0.2 : 0)
                    }, preview: nil)
            }
        }

        /// Looks the sheets' layouts up (as the scan does while reading) and records them.
        func record(_ sheets: [SheetRead], confirmed: [String: [String: Bool]] = [:], dryRun: Bool = false) throws
            -> ScanOutcome
        {
            var scan = importer(dryRun: dryRun)
            for sheet in sheets { _ = try scan.layout(for: sheet.code).get() }
            var scanned = SheetScanner.Outcome()
            scanned.sheets = sheets
            var outcome = ScanOutcome(dryRun: dryRun)
            try scan.record(scanned, confirmed: confirmed, into: &outcome)
            return outcome
        }

        func stored() throws -> [LogEntry] { try tracking.entries(plan) }
    }

    static func isSession(_ box: SheetLayout.Box) -> Bool {
        if case .session = box.meaning { return true }
        return false
    }

    @Test func aCompleteSheetIsImportedWhole() throws {
        let c = try Clinic()
        let outcome = try c.record(c.read { Self.isSession($0) ? .ticked : nil })
        let sessions = c.pages.flatMap(\.boxes).filter(Self.isSession)
        #expect(!sessions.isEmpty)
        #expect(outcome.report.sheets.map(\.status) == Array(repeating: .imported, count: c.pages.count))
        #expect(outcome.report.warnings.isEmpty && outcome.report.problems.isEmpty && outcome.stopped.isEmpty)
        #expect(try c.stored().count == sessions.count)
    }

    /// A ticked warning sign is stored on its own, first; it stops the plan that day, so the ticks
    /// from that day on are held back and the sheet says so.
    @Test func ticksOnOrAfterATickedWarningSignAreHeldBack() throws {
        let c = try Clinic()
        let warningDay = 3
        let outcome = try c.record(
            c.read { box in
                Self.isSession(box) || (box.meaning == .warning && box.day == warningDay) ? .ticked : nil
            })
        let warningDate = try #require(c.pages.last?.dates[warningDay])
        #expect(outcome.report.warnings.map(\.state) == [.ticked])
        #expect(outcome.report.warnings.first?.stored == true)
        #expect(outcome.report.warnings.first?.date == warningDate.description)
        #expect(outcome.stopped.map(\.plan.id) == [Self.planId], "the warning sign stops the plan")
        let sessions = c.pages.flatMap(\.boxes).filter(Self.isSession)
        let before = sessions.filter { $0.date < warningDate }
        #expect(!before.isEmpty && before.count < sessions.count, "ticks on both sides of the warning sign")
        let stored = try c.stored()
        #expect(stored.filter { $0.kind == .session }.count == before.count)
        #expect(stored.filter { $0.kind == .symptom }.map(\.date) == [warningDate])
        #expect(outcome.report.sheets.allSatisfy { $0.status == .imported })
        let held = outcome.report.sheets.compactMap(\.message).filter {
            $0.contains("on or after the red flag of \(warningDate)")
        }
        #expect(!held.isEmpty, "\(outcome.report.sheets.map(\.message))")
    }

    @Test func theSameSheetTwiceIsReadOnce() throws {
        let c = try Clinic()
        let ticks: (SheetLayout.Box) -> MarkState? = { Self.isSession($0) ? .ticked : nil }
        let outcome = try c.record(c.read(file: "first.png", ticks) + c.read(file: "again.png", ticks))
        let statuses = outcome.report.sheets.map(\.status)
        #expect(
            statuses == Array(repeating: .imported, count: c.pages.count)
                + Array(repeating: .refused, count: c.pages.count))
        #expect(
            outcome.report.sheets.suffix(c.pages.count).allSatisfy {
                $0.message == "the same sheet is in the scan twice: it is read once"
            })
        #expect(try c.stored().count == c.pages.flatMap(\.boxes).filter(Self.isSession).count)
    }

    @Test func aWeekAlreadyLoggedIsRefused() throws {
        let c = try Clinic()
        let ticks: (SheetLayout.Box) -> MarkState? = { Self.isSession($0) ? .ticked : nil }
        _ = try c.record(c.read(ticks))
        let count = try c.stored().count
        let again = try c.record(c.read(file: "rescan.png", ticks))
        #expect(
            again.report.sheets.allSatisfy {
                $0.status == .refused && $0.message?.contains("already has \(count) session or pain entries") == true
            })
        #expect(try c.stored().count == count)
    }

    /// An uncertain box is never guessed: the sheet waits, its warning sign is stored all the same,
    /// and a confirmation completes it.
    @Test func anUncertainBoxWaitsButTheWarningSignIsStored() throws {
        let c = try Clinic()
        let sessions = c.pages.flatMap(\.boxes).filter(Self.isSession)
        let unsure = try #require(sessions.last { $0.day < 6 })
        let warning = try #require(c.pages.last?.boxes.first { $0.meaning == .warning && $0.day == 6 })
        let reads = c.read { box in box.id == unsure.id ? .uncertain : box.id == warning.id ? .ticked : nil }
        let pending = try c.record(reads)
        #expect(pending.report.sheets.contains { $0.status == .pending })
        #expect(!pending.report.sheets.contains { $0.status == .imported })
        #expect(pending.report.sheets.flatMap(\.acceptLines).contains("\(Self.planId) \(unsure.id) empty"))
        #expect(try c.stored().map(\.kind) == [.symptom], "the warning sign alone is stored")

        let confirmed = try c.record(reads, confirmed: [Self.planId: [unsure.id: true]])
        #expect(confirmed.report.sheets.allSatisfy { $0.status == .imported })
        #expect(confirmed.report.warnings.allSatisfy { $0.stored }, "a warning sign already stored counts as stored")
        #expect(try c.stored().filter { $0.kind == .session }.map(\.item) == [unsure.meaningItem])
    }

    @Test func aDryRunStoresNothing() throws {
        let c = try Clinic()
        let warning = try #require(c.pages.last?.boxes.first { $0.meaning == .warning })
        let outcome = try c.record(c.read { Self.isSession($0) || $0.id == warning.id ? .ticked : nil }, dryRun: true)
        #expect(outcome.report.sheets.allSatisfy { $0.status == .dryRun })
        #expect(outcome.report.warnings.map(\.stored) == [false])
        #expect(try c.stored().isEmpty)
    }

    /// The statuses and states keep the words of the JSON report.
    @Test func theJSONSaysTheStatusesInWords() throws {
        let c = try Clinic()
        let outcome = try c.record(c.read { Self.isSession($0) ? .ticked : nil }, dryRun: true)
        let json = JSONText.encode(outcome.report, snakeCase: true)
        #expect(json.contains("\"status\" : \"dry-run\""), "\(json.prefix(400))")
        #expect(json.contains("\"kind\" : \"session\""))
        #expect(json.contains("\"state\" : \"ticked\""))
    }
}

extension SheetLayout.Box {
    /// The exercise of a session box.
    var meaningItem: String? {
        if case .session(let item, _) = meaning { return item }
        return nil
    }
}
