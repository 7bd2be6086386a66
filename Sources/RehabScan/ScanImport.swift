import Foundation
import RehabKit
import RehabTracking
import SheetGeometry

/// A week's sheet as `rehab print` printed it, rebuilt by whoever holds the printer (the CLI's
/// `PrintedSheet`): the scan reads a sheet only by the boxes that were printed.
public enum PrintedLayout: Sendable {
    case sheet(SheetLayout)
    /// The week prints no tick sheet on any day tried (the plan is stopped, or two rows share an
    /// exercise).
    case noSheet
    /// Sheets were rebuilt, and none has this code's pages and content.
    case changed
}

/// What a scan import did: the report (warning signs, sheets and their status, problems), and the
/// plans that the warning signs and sheets it stored now stop. The library stores and returns; the
/// CLI prints.
public struct ScanOutcome: Sendable {
    public var report: ScanReport
    public var stopped: [StoppedPlan] = []

    public init(dryRun: Bool) { report = ScanReport(dryRun: dryRun) }

    mutating func add(_ plans: [StoppedPlan]) {
        stopped += plans.filter { s in !stopped.contains { $0.plan.id == s.plan.id } }
    }
}

/// The scan import's policy (`rehab log scan`), as `Tracking.record` is `rehab log`'s: which sheet
/// a code names, then what of the sheets read is stored. Every warning sign first, each on its own
/// (on sheets read and on sheets refused, read from their foot); then each complete sheet in its own
/// transaction through the checks of `rehab log import`, once: a sheet in the scan twice, or of a
/// week already logged, is refused; a sheet with boxes to confirm, or without every page of its
/// week, waits; ticks on or after a red flag of the patient are held back (docs/TRACKING.md).
///
/// In two steps, so that a caller can ask about uncertain boxes in between: `layout(for:)` answers
/// `SheetScanner.scan` while the files are read, `record` stores what was read.
public struct ScanImport {
    public let tracking: Tracking
    public let today: LocalDate
    public let dryRun: Bool
    /// The layout a code names, as printed on the day it was printed.
    let printed: (_ code: SheetCode, _ plan: Plan, _ weekStart: LocalDate) throws -> PrintedLayout
    let plansByHash: [String: [Plan]]
    /// The plan of each code whose layout was found.
    private var planOfCode: [SheetCode: Plan] = [:]

    public init(
        tracking: Tracking, today: LocalDate, dryRun: Bool,
        printed: @escaping (_ code: SheetCode, _ plan: Plan, _ weekStart: LocalDate) throws -> PrintedLayout
    ) {
        self.tracking = tracking
        self.today = today
        self.dryRun = dryRun
        self.printed = printed
        plansByHash = Dictionary(grouping: tracking.open.workspace.plans, by: { SheetCode.planHash($0.id) })
    }

    /// The plan of a sheet whose layout `layout(for:)` found.
    public func plan(of code: SheetCode) -> Plan? { planOfCode[code] }

    func uniquePlan(_ code: SheetCode) -> Plan? { plansByHash[code.plan].flatMap { $0.count == 1 ? $0.first : nil } }

    /// The layout a sheet's code names, or why the sheet is refused: another layout version, a plan
    /// not in the workspace (or two sharing its hash), a week the plan does not have, a week that
    /// prints no tick sheet now or has changed since it was printed.
    public mutating func layout(for code: SheetCode) -> Result<SheetLayout, ScanError> {
        guard code.layout == SheetLayout.version else {
            return .failure(
                ScanError(
                    "this sheet has layout version \(code.layout); this rehab reads version \(SheetLayout.version): print the week again, or enter the ticks with 'rehab log'"
                ))
        }
        guard let named = uniquePlan(code) else {
            let shared = (plansByHash[code.plan]?.count ?? 0) > 1
            return .failure(
                ScanError(
                    shared
                        ? "two plans of this workspace share this sheet's plan hash (\(code.plan)): enter the ticks with 'rehab log'"
                        : "this sheet is for a plan that is not in this workspace (code \(code)): scan it in its own clinic's workspace (--root)"
                ))
        }
        guard (1...named.weeks).contains(code.week), let weekStart = named.firstDay(ofWeek: code.week) else {
            return .failure(
                ScanError("this sheet is for week \(code.week) of '\(named.id)', which has \(named.weeks) weeks"))
        }
        do {
            switch try printed(code, named, weekStart) {
            case .noSheet:
                return .failure(
                    ScanError(
                        "week \(code.week) of '\(named.id)' prints no tick sheet now (the safety check stops the plan, or two rows share an exercise): enter the ticks with 'rehab log'; see 'rehab check \(named.id)'"
                    ))
            case .changed:
                return .failure(
                    ScanError(
                        "week \(code.week) of '\(named.id)' has changed since this sheet was printed (its boxes are not where this rehab would print them): enter the ticks with 'rehab log', or print the week again"
                    ))
            case .sheet(let layout):
                planOfCode[code] = named
                return .success(layout)
            }
        } catch let error as StoreError {
            return .failure(ScanError(error.description))
        } catch {
            return .failure(ScanError("\(error)"))
        }
    }

    /// A sheet read, its plan and what it puts in the log.
    typealias Read = (sheet: SheetRead, plan: Plan, entries: SheetEntries)

    /// Stores what is certain of `scanned` (nothing with `dryRun`): each warning sign on its own,
    /// then each complete sheet in its own transaction. `confirmed`: plan id → box id → ticked, as
    /// an `--accept` file says. `outcome` holds what was done when a store error ends the import
    /// half way, so that the warning signs read so far are still said.
    public func record(
        _ scanned: SheetScanner.Outcome, confirmed: [String: [String: Bool]],
        into outcome: inout ScanOutcome
    ) throws(StoreError) {
        outcome.report.problems = scanned.problems.map {
            .init(source: ScanReport.source($0.file, $0.page), message: UserText.plain($0.message))
        }
        outcome.report.skippedPages = scanned.pagesWithoutCode.map { ScanReport.source($0.file, $0.page) }
        var reads: [Read] = []
        for sheet in scanned.sheets {
            guard let plan = planOfCode[sheet.code] else { continue }
            reads.append((sheet, plan, SheetEntries(sheet, plan: plan.id, confirmed: confirmed[plan.id] ?? [:])))
        }
        let warnings = warningSigns(reads, footWarnings: scanned.footWarnings, into: &outcome.report)
        if !dryRun { try store(warnings, into: &outcome) }
        // Session and pain entries of each week in the log, counted before this scan stores any of
        // that week's.
        var loggedBefore: [String: Int] = [:]
        for (i, read) in reads.enumerated() {
            let key = "\(read.plan.id)|\(read.sheet.code.sheet)"
            let logged: Int
            if let known = loggedBefore[key] {
                logged = known
            } else {
                let days = Set(read.sheet.layout.dates)
                logged = try tracking.entries(read.plan).filter { $0.kind != .symptom && days.contains($0.date) }.count
                loggedBefore[key] = logged
            }
            let week = reads.filter { "\($0.plan.id)|\($0.sheet.code.sheet)" == key }
            let sheet = try importSheet(
                read, twice: reads[..<i].contains { $0.sheet.code == read.sheet.code }, logged: logged,
                pages: week, confirmed: confirmed[read.plan.id] ?? [:], warnings: warnings.map(\.entry),
                into: &outcome)
            outcome.report.sheets.append(sheet)
        }
    }

    /// Every warning sign of the scan in the report, first; returns those to store (ticked, of a
    /// known plan and day), each with its place in `report.warnings`.
    private func warningSigns(
        _ reads: [Read], footWarnings: [(file: String, page: Int, warning: SheetScanner.FootWarning)],
        into report: inout ScanReport
    ) -> [(entry: LogEntry, report: Int)] {
        var toStore: [(entry: LogEntry, report: Int)] = []
        func warn(
            _ plan: Plan?, date: LocalDate?, day: Int?, week: Int, state: MarkState, unread: Bool = false,
            source: String
        ) {
            let when = date?.description ?? day.map { "day \($0 + 1) of week \(week)" } ?? "every day of week \(week)"
            let planId = plan?.id ?? "a plan not in this workspace"
            if unread {
                report.unreadWarnings.append(
                    .init(
                        plan: planId, date: when, state: .unread, says: "could not be read — ask the patient",
                        source: source, stored: false))
                return
            }
            report.warnings.append(
                .init(
                    plan: planId, date: when, state: state == .ticked ? .ticked : .uncertain,
                    says: state == .ticked
                        ? "ticked" : "POSSIBLY ticked (could not be read for certain: look at the sheet now)",
                    source: source, stored: false))
            guard state == .ticked, let plan, let date else { return }
            if !toStore.contains(where: { $0.entry.plan == plan.id && $0.entry.date == date }) {
                toStore.append(
                    (
                        LogEntry(
                            plan: plan.id, date: date, kind: .symptom, symptom: .warningSign,
                            note: "ticked on the paper sheet of week \(week)"), report.warnings.count - 1
                    ))
            }
        }
        for (sheet, plan, read) in reads {
            let source = ScanReport.source(sheet.file, sheet.page)
            for w in read.warnings {
                warn(plan, date: w.date, day: nil, week: sheet.code.week, state: .ticked, source: source)
            }
            for d in read.possibleWarnings {
                warn(plan, date: d, day: nil, week: sheet.code.week, state: .uncertain, source: source)
            }
            for d in read.overriddenWarnings {
                report.problems.append(
                    .init(
                        source: source,
                        message:
                            "the --accept line 'warning@\(d) empty' is ignored: that warning box reads ticked, so it stays a red flag (after review, void it with 'rehab log void')"
                    ))
            }
        }
        for (file, page, w) in footWarnings {
            let plan = uniquePlan(w.code)
            let date = w.day.flatMap { d in plan?.firstDay(ofWeek: w.code.week)?.adding(days: d) }
            warn(
                plan, date: date, day: w.day, week: w.code.week, state: w.state, unread: w.unread,
                source: ScanReport.source(file, page) + " (a refused sheet)")
        }
        return toStore
    }

    /// Stores each warning sign on its own (one already in the log counts as stored); one the log
    /// refuses is the first problem of the report, in capitals.
    private func store(_ warnings: [(entry: LogEntry, report: Int)], into outcome: inout ScanOutcome) throws(StoreError)
    {
        // Each plan's stored warning signs, read once (before this scan stores any).
        var storedOfPlan: [String: Set<LocalDate>] = [:]
        for (entry, i) in warnings {
            let stored: Set<LocalDate>
            if let known = storedOfPlan[entry.plan] {
                stored = known
            } else {
                let entries = try tracking.store?.entries(plan: entry.plan) ?? []
                stored = Set(entries.filter { $0.kind == .symptom && $0.symptom == .warningSign }.map(\.date))
                storedOfPlan[entry.plan] = stored
            }
            if stored.contains(entry.date) {
                outcome.report.warnings[i].stored = true
                continue
            }
            let result = try tracking.record([LogCSV.Row(row: 1, entry: entry)], today: today, replace: false)
            if result.judgement.isAccepted {
                outcome.report.warnings[i].stored = true
                outcome.add(result.stopped)
            } else {
                let why = result.judgement.problems.map(\.message).joined(separator: "; ")
                outcome.report.problems.insert(
                    .init(
                        source: outcome.report.warnings[i].source,
                        message: UserText.plain(
                            "THE WARNING SIGN OF \(entry.date) WAS NOT STORED (\(why)): record it with 'rehab log \(entry.plan) --date DATE --symptom warning-sign' or the symptom the patient names"
                        )), at: 0)
            }
        }
    }

    /// One sheet: its boxes in the report, and its entries stored when it may be. The pages of a
    /// week's sheet (a sheet longer than a page of paper goes on on a second sheet page with its own
    /// code) are imported together: only once every page is in the scan and every page is read in
    /// full.
    /// `twice`: the same sheet came earlier in the scan; `logged`: the week's session and pain
    /// entries in the log; `pages`: the pages of the week's sheet in the scan.
    private func importSheet(
        _ current: Read, twice: Bool, logged: Int, pages: [Read], confirmed: [String: Bool],
        warnings: [LogEntry], into outcome: inout ScanOutcome
    ) throws(StoreError) -> ScanReport.Sheet {
        let (sheet, plan, read) = current
        let missing = (1...sheet.code.pages).filter { p in !pages.contains { $0.sheet.code.page == p } }
        var entry = ScanReport.Sheet(
            source: ScanReport.source(sheet.file, sheet.page), plan: plan.id, title: UserText.plain(plan.title),
            week: sheet.code.week,
            layout: sheet.code.layout, status: .pending, message: nil, ticked: 0, empty: 0, uncertain: 0,
            entries: read.entries.count + read.warnings.count,
            boxes: ScanReport.boxes(sheet.boxes, confirmed: confirmed), acceptLines: [],
            image: sheet.preview.flatMap(ScanReport.dataURL), width: sheet.layout.width, height: sheet.layout.height)
        entry.ticked = entry.boxes.filter(\.isTicked).count
        entry.uncertain = entry.boxes.filter(\.isUncertain).count
        entry.empty = entry.boxes.count - entry.ticked - entry.uncertain
        // A suggestion for each uncertain box, except where a guess could hide a red flag or the
        // box's border was not found: those say CHECK, which --accept refuses until replaced.
        entry.acceptLines = read.uncertain.map { b in
            let guess =
                b.box.meaning == .warning || b.confidence == 0 || b.besideInk
                ? "CHECK"
                : b.ink >= (BoxReader.emptyBelow + BoxReader.tickedFrom) / 2 ? "ticked" : "empty"
            return "\(plan.id) \(b.box.id) \(guess)"
        }
        entry.questions = ScanReport.questions(read.uncertain, confirmed: [:], preview: sheet.preview)
        if twice {
            entry.status = .refused
            entry.message = "the same sheet is in the scan twice: it is read once"
        } else if logged > 0 {
            entry.status = .refused
            entry.message =
                "week \(sheet.code.week) of '\(plan.id)' already has \(logged) session or pain entries in the log: a sheet is imported once (void those entries with 'rehab log void' to import it again)"
        } else if !read.isComplete {
            var why: [String] = []
            if !read.uncertain.isEmpty {
                why.append(
                    "\(read.uncertain.count) box\(read.uncertain.count == 1 ? "" : "es") could not be read for certain")
            }
            if !read.ambiguousPain.isEmpty {
                why.append(
                    "two or more pain numbers are ticked on \(read.ambiguousPain.map(\.description).joined(separator: ", "))"
                )
            }
            entry.message =
                why.joined(separator: "; ")
                + ": nothing of this sheet but its warning signs was stored. Check the preview (--format html), write the boxes into an --accept file, and scan again"
        } else if !missing.isEmpty {
            entry.message =
                "sheet page \(missing.map(String.init).joined(separator: " and ")) of \(sheet.code.pages) of this week is not in the scan: nothing of this page but its warning signs was stored. Scan every page of the week's sheet together"
        } else if pages.contains(where: { !$0.entries.isComplete }) {
            entry.message =
                "another page of this week's sheet has boxes to confirm: nothing of this page but its warning signs was stored. Confirm them (--accept) and scan every page again"
        } else {
            entry.status = dryRun ? .dryRun : .imported
            var read = read
            let days = Set(sheet.layout.dates)
            // A red flag stops the plans of its patient that day: ticks from then on are not imported
            // (the log's checks would refuse them), and the sheet says so.
            let reported = try tracking.reports(for: plan).map(\.date)
            let fromPatient = warnings.filter { e in
                tracking.open.workspace.plans.first { $0.id == e.plan }.map { tracking.samePatient($0, plan) } ?? false
            }.map(\.date)
            if let stop = (read.warnings.map(\.date) + reported + fromPatient).filter({ days.contains($0) }).min() {
                let after = read.entries.filter { $0.date >= stop }
                if !after.isEmpty {
                    read.entries.removeAll { $0.date >= stop }
                    entry.message =
                        "\(after.count) tick\(after.count == 1 ? "" : "s") on or after the red flag of \(stop) \(after.count == 1 ? "was" : "were") not imported: the plan stopped that day (once a clinician has seen the patient, enter any that should count with 'rehab log')"
                }
            }
            entry.entries = read.entries.count + read.warnings.count
            if !dryRun, !read.entries.isEmpty {
                let rows = read.entries.enumerated().map { LogCSV.Row(row: $0.offset + 1, entry: $0.element) }
                let result = try tracking.record(rows, today: today, replace: false)
                if !result.judgement.isAccepted {
                    entry.status = .refused
                    entry.message =
                        "the log's checks refused this sheet; nothing of it but its warning signs was stored: "
                        + result.judgement.problems.map(\.message).joined(separator: "; ")
                }
                outcome.add(result.stopped)
            }
        }
        entry.message = entry.message.map(UserText.plain)
        return entry
    }
}
