import ArgumentParser
import Foundation
import RehabKit
import RehabPrint
import RehabScan
import RehabTracking

/// `rehab log scan`: ticked paper sheets (PDF, PNG, JPEG) read back into the log.
struct LogScan: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scan",
        abstract: "Read scanned or photographed week sheets back into the log.",
        discussion: """
            Each sheet's QR code names its plan (a hash of the id), week and layout; its corner marks place \
            every box. A box is read as empty, ticked or uncertain; uncertain boxes are never guessed: confirm \
            them in an --accept file (lines 'PLAN BOX ticked|empty', as the output lists them) and scan again. \
            A ticked warning-sign box is a red flag: it is said first and stored at once, and it stops the plan \
            as 'rehab log --symptom warning-sign' does. A sheet is imported whole, through the checks of \
            'rehab log import', only when every box is known; a sheet of a week already logged, of another \
            plan or of another layout version is refused. --format html writes a preview of each scan with \
            what was read in each box.
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, html, json }

    @OptionGroup var workspace: WorkspaceOptions
    @OptionGroup var store: StoreOptions
    @OptionGroup var rulesOptions: RulesOptions
    @Flag(name: .customLong("dry-run"), help: "Read and report; store nothing.") var dryRun = false
    @Option(help: "text, html (a preview of each scan) or json.") var format: Format = .text
    @Option(help: "Confirmations of uncertain boxes: lines 'PLAN BOX ticked|empty'.") var accept: String?
    @Option(name: .customLong("template"), help: "The template folder the sheets were printed with, if not the bundled one.")
    var templateDirectory: String?
    @Option(name: .shortAndLong, help: "Write the report to this file instead of standard output.") var output: String?
    @Argument(help: "Scans: PDF, PNG or JPEG files, any number of pages and sheets.") var files: [String]

    func run() throws {
        let rules = try rulesOptions.ruleSet()
        let tracking = try store.tracking(workspace, rules: rules, create: !dryRun)
        let printer = try RoutinePrinter.forCommand(templateDirectory)
        let confirmed = try accept.map(Self.readAccept) ?? [:]
        let today = Today.date
        let plans = tracking.open.workspace.plans
        let byHash = Dictionary(grouping: plans, by: { SheetCode.planHash($0.id) })

        // The layout each code names, built exactly as `rehab print` builds it now.
        var planOfCode: [SheetCode: Plan] = [:]
        let outcome = SheetScanner.scan(files: files, preview: format == .html) { code -> Result<SheetLayout, ScanError> in
            guard code.layout == SheetLayout.version else {
                return .failure(ScanError("this sheet has layout version \(code.layout); this rehab reads version \(SheetLayout.version): print the week again, or enter the ticks with 'rehab log'"))
            }
            guard let matches = byHash[code.plan], matches.count == 1, let named = matches.first else {
                return .failure(ScanError("this sheet is for a plan that is not in this workspace (code \(code)): scan it in its own clinic's workspace (--root)"))
            }
            do {
                let plan = try tracking.tracked(named, today: today)
                guard (1...plan.weeks).contains(code.week) else {
                    return .failure(ScanError("this sheet is for week \(code.week) of '\(plan.id)', which has \(plan.weeks) weeks"))
                }
                let schedule = try tracking.scheduler(for: plan).schedule(plan, week: code.week)
                let model = printer.models([schedule], plan: plan, workspace: tracking.open.workspace, paper: .a4)
                guard let layout = model.first?.scan?.layout else {
                    return .failure(ScanError("week \(code.week) of '\(plan.id)' prints no tick sheet now (the safety check stops the plan): the sheet cannot be imported; see 'rehab check \(plan.id)'"))
                }
                guard layout.code.content == code.content else {
                    return .failure(ScanError("week \(code.week) of '\(plan.id)' has changed since this sheet was printed (its boxes are not where this rehab would print them): enter the ticks with 'rehab log', or print the week again"))
                }
                planOfCode[code] = plan
                return .success(layout)
            } catch let error as StoreError {
                return .failure(ScanError(error.description))
            } catch {
                return .failure(ScanError("\(error)"))
            }
        }

        var report = ScanReport(dryRun: dryRun)
        report.problems = outcome.problems.map { .init(source: Self.source($0.file, $0.page), message: $0.message) }
        report.skippedPages = outcome.pagesWithoutCode.map { Self.source($0.file, $0.page) }
        var seen = Set<SheetCode>()
        var toStore: [(SheetEntries, Int)] = []
        var warningRows: [LogEntry] = []
        for sheet in outcome.sheets {
            guard let plan = planOfCode[sheet.code] else { continue }
            let source = Self.source(sheet.file, sheet.page)
            let planConfirmed = confirmed[plan.id] ?? [:]
            let read = SheetEntries(sheet, plan: plan.id, confirmed: planConfirmed)
            var entry = ScanReport.Sheet(
                source: source, plan: plan.id, title: plan.title, week: sheet.code.week, layout: sheet.code.layout, status: "pending", message: nil,
                ticked: 0, empty: 0, uncertain: 0, entries: read.entries.count + read.warnings.count,
                boxes: ScanReport.boxes(sheet.boxes, confirmed: planConfirmed), acceptLines: [],
                image: sheet.preview.flatMap(ScanReport.dataURL), width: sheet.layout.width, height: sheet.layout.height)
            entry.ticked = entry.boxes.filter(\.isTicked).count
            entry.uncertain = entry.boxes.filter(\.isUncertain).count
            entry.empty = entry.boxes.count - entry.ticked - entry.uncertain
            entry.acceptLines = read.uncertain.map { "\(plan.id) \($0.box.id) \($0.ink >= (BoxReader.emptyBelow + BoxReader.tickedFrom) / 2 ? "ticked" : "empty")" }
            // Warning signs first, whatever else the sheet holds.
            let stored = try storedWarnings(tracking, plan: plan)
            for w in read.warnings {
                let already = stored.contains(w.date)
                report.warnings.append(.init(plan: plan.id, date: w.date.description, state: "ticked", source: source, stored: !dryRun))
                if !already, !warningRows.contains(where: { $0.plan == w.plan && $0.date == w.date }) { warningRows.append(w) }
            }
            for d in read.possibleWarnings {
                report.warnings.append(.init(plan: plan.id, date: d.description, state: "uncertain", source: source, stored: false))
            }
            if !seen.insert(sheet.code).inserted {
                entry.status = "refused"
                entry.message = "the same sheet is in the scan twice: it is read once"
            } else if let logged = try loggedInWeek(tracking, plan: plan, dates: sheet.layout.dates), logged > 0 {
                entry.status = "refused"
                entry.message = "week \(sheet.code.week) of '\(plan.id)' already has \(logged) session or pain entries in the log: a sheet is imported once (void those entries with 'rehab log void' to import it again)"
            } else if !read.isComplete {
                entry.status = "pending"
                var why: [String] = []
                if !read.uncertain.isEmpty { why.append("\(read.uncertain.count) box\(read.uncertain.count == 1 ? "" : "es") could not be read for certain") }
                if !read.ambiguousPain.isEmpty { why.append("two or more pain numbers are ticked on \(read.ambiguousPain.map(\.description).joined(separator: ", "))") }
                entry.message = why.joined(separator: "; ") + ": nothing of this sheet but its warning signs was stored. Check the preview (--format html), write the boxes into an --accept file, and scan again"
            } else {
                entry.status = dryRun ? "dry-run" : "imported"
                var read = read
                // A warning sign stops the plan that day: ticks from then on are not imported (the log's
                // checks would refuse them), and the sheet says so.
                if let stop = read.warnings.map(\.date).min() {
                    let after = read.entries.filter { $0.date >= stop }
                    if !after.isEmpty {
                        read.entries.removeAll { $0.date >= stop }
                        entry.message = "\(after.count) tick\(after.count == 1 ? "" : "s") on or after the warning sign of \(stop) \(after.count == 1 ? "was" : "were") not imported: the plan stopped that day (once a clinician has seen the patient, enter any that should count with 'rehab log')"
                    }
                }
                entry.entries = read.entries.count + read.warnings.count
                toStore.append((read, report.sheets.count))
            }
            report.sheets.append(entry)
        }

        // Sheets refused before reading still had their warning boxes read: a tick there is a red flag
        // all the same, stored when the plan is in this workspace, and said first in any case.
        for (file, page, w) in outcome.footWarnings {
            let source = Self.source(file, page) + " (a refused sheet)"
            let plan = byHash[w.code.plan].flatMap { $0.count == 1 ? $0.first : nil }
            let date = w.day.flatMap { d in plan?.firstDay(ofWeek: w.code.week)?.adding(days: d) }
            guard let date, let plan else {
                report.warnings.append(.init(plan: plan?.id ?? "a plan not in this workspace", date: w.day.map { "day \($0 + 1) of week \(w.code.week)" } ?? "a day that could not be read",
                                             state: w.day == nil ? "uncertain" : w.state.rawValue, source: source, stored: false))
                continue
            }
            let ticked = w.state == .ticked
            report.warnings.append(.init(plan: plan.id, date: date.description, state: w.state.rawValue, source: source, stored: ticked && !dryRun))
            let stored = try storedWarnings(tracking, plan: plan)
            if ticked, !stored.contains(date), !warningRows.contains(where: { $0.plan == plan.id && $0.date == date }) {
                warningRows.append(LogEntry(plan: plan.id, date: date, kind: .symptom, symptom: .warningSign,
                                            note: "ticked on the paper sheet of week \(w.code.week)"))
            }
        }

        // Store: the warning signs on their own first (a refused sheet must not lose them), then the
        // complete sheets in one transaction through the checks of 'rehab log import'.
        var stopped: [StoppedPlan] = []
        var refused = false
        if !dryRun, !warningRows.isEmpty {
            let rows = warningRows.enumerated().map { LogCSV.Row(row: $0.offset + 1, entry: $0.element) }
            let result = try storeCall { () throws(StoreError) in try tracking.record(rows, today: today, replace: false) }
            if !result.judgement.isAccepted {
                refused = true
                for d in result.judgement.diagnostics(file: "scan") { report.problems.append(.init(source: "warning signs", message: d.message)) }
            }
            stopped += result.stopped
        }
        if !dryRun, !toStore.isEmpty {
            let all = toStore.flatMap(\.0.entries)
            let rows = all.enumerated().map { LogCSV.Row(row: $0.offset + 1, entry: $0.element) }
            let result = try storeCall { () throws(StoreError) in try tracking.record(rows, today: today, replace: false) }
            if !result.judgement.isAccepted {
                refused = true
                for (_, i) in toStore {
                    report.sheets[i].status = "refused"
                    report.sheets[i].message = "the log's checks refused the sheets of this scan; nothing of them was stored (see the problems)"
                }
                for d in result.judgement.diagnostics(file: "scan") { report.problems.append(.init(source: "log checks", message: d.message)) }
            }
            stopped += result.stopped
        }

        let text: String
        switch format {
        case .json:
            // Snake case, as the JSON of schedule and progress.
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            encoder.keyEncodingStrategy = .convertToSnakeCase
            text = String(decoding: try encoder.encode(report), as: UTF8.self) + "\n"
        case .html:
            do { text = try printer.renderPage(report, template: "scan-preview.html") } catch {
                Output.err(error.formatted)
                throw ExitStatus.invalidInput
            }
        case .text: text = Self.text(report)
        }
        if let output {
            let protected = OutputTarget.protected(tracking, workspace: workspace, store: store, inputs: [rulesOptions.rules, templateDirectory, accept] + files)
            try OutputTarget.write(Array(text.utf8), to: output, protected: protected)
            // The warning signs reach the terminal even when the report goes to a file.
            if report.hasWarnings { for l in Self.warningLines(report) { Output.err(l) } }
        } else {
            Output.out(text, terminator: "")
        }
        if !stopped.isEmpty { try RedFlagStop.print(stopped) }
        if !report.warnings.isEmpty { throw ExitStatus.blocked }
        if refused || !report.problems.isEmpty || report.sheets.contains(where: { $0.status == "pending" || $0.status == "refused" }) {
            throw ExitStatus.invalidInput
        }
    }

    static func source(_ file: String, _ page: Int) -> String { page > 0 ? "\(file) page \(page)" : file }

    /// Dates of the plan's stored, unvoided warning-sign symptoms.
    private func storedWarnings(_ tracking: Tracking, plan: Plan) throws -> Set<LocalDate> {
        let entries = try storeCall { () throws(StoreError) in try tracking.entries(plan) }
        return Set(entries.filter { $0.kind == .symptom && $0.symptom == .warningSign }.map(\.date))
    }

    /// How many session and pain entries the log holds for the plan on these dates.
    private func loggedInWeek(_ tracking: Tracking, plan: Plan, dates: [LocalDate]) throws -> Int? {
        let days = Set(dates)
        let entries = try storeCall { () throws(StoreError) in try tracking.entries(plan) }
        return entries.filter { $0.kind != .symptom && days.contains($0.date) }.count
    }

    static func warningLines(_ r: ScanReport) -> [String] {
        guard !r.warnings.isEmpty else { return [] }
        var lines = ["", "URGENT: A WARNING SIGN IS TICKED ON A SHEET"]
        for w in r.warnings {
            let what = w.state == "ticked" ? "ticked" : "POSSIBLY ticked (could not be read for certain: look at the sheet now)"
            lines.append("  \(w.plan): warning sign \(what) on \(w.date) (\(w.source))" + (w.stored ? "; stored as a red flag" : ""))
        }
        lines.append("  Call the patient today to ask which sign it was; the plan stays stopped until a clinician records a new assessment.")
        lines.append("")
        return lines.map(UserText.plain)
    }

    static func text(_ r: ScanReport) -> String {
        var lines = warningLines(r)
        for s in r.sheets {
            lines.append("\(s.source): \(s.plan), week \(s.week): \(s.status) — \(s.ticked) ticked, \(s.empty) empty, \(s.uncertain) uncertain; \(s.entries) entries")
            if let m = s.message { lines.append("  " + m) }
            if !s.acceptLines.isEmpty {
                lines.append("  To confirm, put these lines in an --accept file, each with what the box really shows:")
                for l in s.acceptLines { lines.append("    " + l) }
            }
        }
        for p in r.problems { lines.append("\(p.source): error: \(p.message)") }
        for p in r.skippedPages { lines.append("\(p): no sheet code (a card page or a blank page): skipped") }
        if r.sheets.isEmpty && r.problems.isEmpty { lines.append("no week sheet was found in the scan") }
        if r.dryRun { lines.append("dry run: nothing was stored") }
        return lines.map(UserText.plain).joined(separator: "\n") + "\n"
    }

    /// An --accept file: `PLAN BOX ticked|empty` a line; a line starting with `#` is a comment.
    static func readAccept(_ file: String) throws -> [String: [String: Bool]] {
        let text: String
        do {
            text = String(decoding: try FileSystem.read(file, limit: 4 * 1024 * 1024), as: UTF8.self)
        } catch {
            Output.err("\(file): error: cannot read the confirmations: \(error)")
            throw ExitStatus.invalidInput
        }
        var out: [String: [String: Bool]] = [:]
        var bad = false
        for (i, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            // Box ids hold '#' (walking#1@…): only a line that starts with '#' is a comment.
            let line = String(raw)
            if line.trimmingCharacters(in: .whitespaces).hasPrefix("#") { continue }
            let words = line.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" }).map(String.init)
            if words.isEmpty { continue }
            guard words.count == 3, words[2] == "ticked" || words[2] == "empty" else {
                Output.err(UserText.plain("\(file):\(i + 1):1: error: expected 'PLAN BOX ticked' or 'PLAN BOX empty' (as 'rehab log scan' lists uncertain boxes)"))
                bad = true
                continue
            }
            out[words[0], default: [:]][words[1]] = words[2] == "ticked"
        }
        if bad { throw ExitStatus.invalidInput }
        return out
    }
}
