import ArgumentParser
import Foundation
import RehabKit
import RehabPrint
import RehabScan
import RehabTracking
import SheetGeometry

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
    @Flag(help: "On a terminal, ask about each uncertain box in turn (y, n, or a pain number); for scripts, use --accept.") var review = false
    @Option(name: .customLong("template"), help: "The template folder the sheets were printed with, if not the bundled one.")
    var templateDirectory: String?
    @Option(name: .shortAndLong, help: "Write the report to this file instead of standard output.") var output: String?
    @Argument(help: "Scans: PDF, PNG or JPEG files, any number of pages and sheets.") var files: [String]

    func run() throws {
        if review, isatty(0) != 1 || isatty(2) != 1 {
            Output.err("error: --review asks about each uncertain box on a terminal; standard input is not one. In a script, confirm boxes with --accept")
            throw ExitStatus.invalidInput
        }
        let rules = try rulesOptions.ruleSet()
        let tracking = try store.tracking(workspace, rules: rules, create: !dryRun)
        let printer = try RoutinePrinter.forCommand(templateDirectory)
        let confirmed = try accept.map(Self.readAccept) ?? [:]
        let protected = OutputTarget.protected(tracking, workspace: workspace, store: store,
                                               inputs: [rulesOptions.rules, templateDirectory, accept] + files)
        // The report's file is checked before anything is stored: a refused -o must not come after a
        // warning sign was stored and leave it unsaid.
        if let output { try OutputTarget.check(output, protected: protected) }
        var report = ScanReport(dryRun: dryRun)
        var stopped: [StoppedPlan] = []
        do {
            try scan(tracking: tracking, printer: printer, confirmed: confirmed, report: &report, stopped: &stopped)
            let text = try render(report, printer: printer)
            if let output {
                try OutputTarget.write(Array(text.utf8), to: output, protected: protected)
                // The warning signs reach the terminal even when the report goes to a file.
                for l in Self.warningLines(report) { Output.err(l) }
            } else {
                Output.out(text, terminator: "")
            }
        } catch {
            // Whatever failed, the warning signs read so far are said, and the exit is 3.
            guard !report.warnings.isEmpty else {
                for l in Self.warningLines(report) { Output.err(l) }
                throw error
            }
            for l in Self.warningLines(report) { Output.err(l) }
            if !(error is ExitCode) { Output.err(UserText.plain("error: \(error)")) }
            throw ExitStatus.blocked
        }
        if !stopped.isEmpty { try RedFlagStop.print(stopped) }
        if !report.warnings.isEmpty { throw ExitStatus.blocked }
        if !report.problems.isEmpty || report.sheets.isEmpty || report.sheets.contains(where: { $0.status == "pending" || $0.status == "refused" }) {
            throw ExitStatus.invalidInput
        }
    }

    /// Reads the files and stores what is certain: each warning sign on its own, then each complete
    /// sheet in its own transaction through the checks of 'rehab log import'.
    private func scan(tracking: Tracking, printer: RoutinePrinter, confirmed: [String: [String: Bool]],
                      report: inout ScanReport, stopped: inout [StoppedPlan]) throws {
        var confirmed = confirmed
        let today = Today.date
        let byHash = Dictionary(grouping: tracking.open.workspace.plans, by: { SheetCode.planHash($0.id) })
        func uniquePlan(_ code: SheetCode) -> Plan? { byHash[code.plan].flatMap { $0.count == 1 ? $0.first : nil } }

        // The layout each code names, built as `rehab print` built it on the day it was printed
        // (`PrintedSheet`: the days it may have been printed on, tried in turn).
        var planOfCode: [SheetCode: Plan] = [:]
        let sheets = PrintedSheet(tracking: tracking, printer: printer, today: today)
        // Progress on a terminal only (a page of a PDF takes about a second): silent in scripts.
        var found = 0
        let progress: ((String, Int, Int) -> Void)? = isatty(2) == 1 ? { file, page, sheets in
            found += sheets
            Output.err(UserText.plain("\(file) page \(page): \(sheets) sheet\(sheets == 1 ? "" : "s") found (\(found) so far)"))
        } : nil
        let outcome = SheetScanner.scan(files: files, preview: format == .html, limits: ScanLimits(environment: ProcessInfo.processInfo.environment),
                                        progress: progress) { code -> Result<SheetLayout, ScanError> in
            guard code.layout == SheetLayout.version else {
                return .failure(ScanError("this sheet has layout version \(code.layout); this rehab reads version \(SheetLayout.version): print the week again, or enter the ticks with 'rehab log'"))
            }
            guard let named = uniquePlan(code) else {
                let shared = (byHash[code.plan]?.count ?? 0) > 1
                return .failure(ScanError(shared ? "two plans of this workspace share this sheet's plan hash (\(code.plan)): enter the ticks with 'rehab log'"
                                                 : "this sheet is for a plan that is not in this workspace (code \(code)): scan it in its own clinic's workspace (--root)"))
            }
            guard (1...named.weeks).contains(code.week), let weekStart = named.firstDay(ofWeek: code.week) else {
                return .failure(ScanError("this sheet is for week \(code.week) of '\(named.id)', which has \(named.weeks) weeks"))
            }
            do {
                switch try sheets.find(code, plan: named, weekStart: weekStart) {
                case .noSheet:
                    return .failure(ScanError("week \(code.week) of '\(named.id)' prints no tick sheet now (the safety check stops the plan, or two rows share an exercise): enter the ticks with 'rehab log'; see 'rehab check \(named.id)'"))
                case .changed:
                    return .failure(ScanError("week \(code.week) of '\(named.id)' has changed since this sheet was printed (its boxes are not where this rehab would print them): enter the ticks with 'rehab log', or print the week again"))
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
        report.problems = outcome.problems.map { .init(source: Self.source($0.file, $0.page), message: UserText.plain($0.message)) }
        report.skippedPages = outcome.pagesWithoutCode.map { Self.source($0.file, $0.page) }

        if review {
            for sheet in outcome.sheets {
                guard let plan = planOfCode[sheet.code] else { continue }
                Self.review(sheet, plan: plan.id, confirmed: &confirmed[plan.id, default: [:]])
            }
        }

        // Every warning sign first, on sheets read and on sheets refused (read from their foot).
        var warningEntries: [(entry: LogEntry, report: Int)] = []
        func warn(_ plan: Plan?, date: LocalDate?, day: Int?, week: Int, state: MarkState, unread: Bool = false, source: String) {
            let when = date?.description ?? day.map { "day \($0 + 1) of week \(week)" } ?? "every day of week \(week)"
            if unread {
                report.unreadWarnings.append(.init(plan: plan?.id ?? "a plan not in this workspace", date: when, state: "unread",
                                                   says: "could not be read — ask the patient", source: source, stored: false))
                return
            }
            report.warnings.append(.init(plan: plan?.id ?? "a plan not in this workspace", date: when, state: state.rawValue,
                                         says: state == .ticked ? "ticked" : "POSSIBLY ticked (could not be read for certain: look at the sheet now)",
                                         source: source, stored: false))
            guard state == .ticked, let plan, let date else { return }
            if !warningEntries.contains(where: { $0.entry.plan == plan.id && $0.entry.date == date }) {
                warningEntries.append((LogEntry(plan: plan.id, date: date, kind: .symptom, symptom: .warningSign,
                                                note: "ticked on the paper sheet of week \(week)"), report.warnings.count - 1))
            }
        }
        var reads: [(SheetRead, Plan, SheetEntries)] = []
        for sheet in outcome.sheets {
            guard let plan = planOfCode[sheet.code] else { continue }
            let read = SheetEntries(sheet, plan: plan.id, confirmed: confirmed[plan.id] ?? [:])
            let source = Self.source(sheet.file, sheet.page)
            for w in read.warnings { warn(plan, date: w.date, day: nil, week: sheet.code.week, state: .ticked, source: source) }
            for d in read.possibleWarnings { warn(plan, date: d, day: nil, week: sheet.code.week, state: .uncertain, source: source) }
            for d in read.overriddenWarnings {
                report.problems.append(.init(source: source, message: "the --accept line 'warning@\(d) empty' is ignored: that warning box reads ticked, so it stays a red flag (after review, void it with 'rehab log void')"))
            }
            reads.append((sheet, plan, read))
        }
        for (file, page, w) in outcome.footWarnings {
            let plan = uniquePlan(w.code)
            let date = w.day.flatMap { d in plan?.firstDay(ofWeek: w.code.week)?.adding(days: d) }
            warn(plan, date: date, day: w.day, week: w.code.week, state: w.state, unread: w.unread, source: Self.source(file, page) + " (a refused sheet)")
        }
        if !dryRun {
            // Each plan's stored warning signs, read once (before this scan stores any).
            var storedOfPlan: [String: Set<LocalDate>] = [:]
            for (entry, i) in warningEntries {
                let stored = try storedOfPlan[entry.plan] ?? storedWarnings(tracking, planId: entry.plan)
                storedOfPlan[entry.plan] = stored
                if stored.contains(entry.date) {
                    report.warnings[i].stored = true
                    continue
                }
                let result = try storeCall { () throws(StoreError) in try tracking.record([LogCSV.Row(row: 1, entry: entry)], today: today, replace: false) }
                if result.judgement.isAccepted {
                    report.warnings[i].stored = true
                    stopped += result.stopped.filter { s in !stopped.contains { $0.plan.id == s.plan.id } }
                } else {
                    let why = result.judgement.problems.map(\.message).joined(separator: "; ")
                    report.problems.insert(.init(source: report.warnings[i].source, message: UserText.plain("THE WARNING SIGN OF \(entry.date) WAS NOT STORED (\(why)): record it with 'rehab log \(entry.plan) --date DATE --symptom warning-sign' or the symptom the patient names")), at: 0)
                }
            }
        }

        // Then each sheet. The pages of a week's sheet (a sheet longer than a page of paper goes on
        // on a second sheet page with its own code) are imported together: only once every page is
        // in the scan and every page is read in full (docs/TRACKING.md).
        var seen = Set<SheetCode>()
        let pagesOfSheet = Dictionary(grouping: reads, by: { "\($0.1.id)|\($0.0.code.sheet)" })
        var loggedBefore: [String: Int] = [:]
        for (sheet, plan, read) in reads {
            let key = "\(plan.id)|\(sheet.code.sheet)"
            let pages = pagesOfSheet[key] ?? []
            let missing = (1...sheet.code.pages).filter { p in !pages.contains { $0.0.code.page == p } }
            let logged = try loggedBefore[key] ?? loggedInWeek(tracking, plan: plan, dates: sheet.layout.dates) ?? 0
            loggedBefore[key] = logged
            let source = Self.source(sheet.file, sheet.page)
            let planConfirmed = confirmed[plan.id] ?? [:]
            var entry = ScanReport.Sheet(
                source: source, plan: plan.id, title: UserText.plain(plan.title), week: sheet.code.week, layout: sheet.code.layout, status: "pending", message: nil,
                ticked: 0, empty: 0, uncertain: 0, entries: read.entries.count + read.warnings.count,
                boxes: ScanReport.boxes(sheet.boxes, confirmed: planConfirmed), acceptLines: [],
                image: sheet.preview.flatMap(ScanReport.dataURL), width: sheet.layout.width, height: sheet.layout.height)
            entry.ticked = entry.boxes.filter(\.isTicked).count
            entry.uncertain = entry.boxes.filter(\.isUncertain).count
            entry.empty = entry.boxes.count - entry.ticked - entry.uncertain
            // A suggestion for each uncertain box, except where a guess could hide a red flag or the
            // box's border was not found: those say CHECK, which --accept refuses until replaced.
            entry.acceptLines = read.uncertain.map { b in
                let guess = b.box.meaning == .warning || b.confidence == 0 || b.besideInk ? "CHECK"
                    : b.ink >= (BoxReader.emptyBelow + BoxReader.tickedFrom) / 2 ? "ticked" : "empty"
                return "\(plan.id) \(b.box.id) \(guess)"
            }
            entry.questions = ScanReport.questions(read.uncertain, confirmed: [:], preview: sheet.preview)
            if !seen.insert(sheet.code).inserted {
                entry.status = "refused"
                entry.message = "the same sheet is in the scan twice: it is read once"
            } else if logged > 0 {
                entry.status = "refused"
                entry.message = "week \(sheet.code.week) of '\(plan.id)' already has \(logged) session or pain entries in the log: a sheet is imported once (void those entries with 'rehab log void' to import it again)"
            } else if !read.isComplete {
                var why: [String] = []
                if !read.uncertain.isEmpty { why.append("\(read.uncertain.count) box\(read.uncertain.count == 1 ? "" : "es") could not be read for certain") }
                if !read.ambiguousPain.isEmpty { why.append("two or more pain numbers are ticked on \(read.ambiguousPain.map(\.description).joined(separator: ", "))") }
                entry.message = why.joined(separator: "; ") + ": nothing of this sheet but its warning signs was stored. Check the preview (--format html), write the boxes into an --accept file, and scan again"
            } else if !missing.isEmpty {
                entry.message = "sheet page \(missing.map(String.init).joined(separator: " and ")) of \(sheet.code.pages) of this week is not in the scan: nothing of this page but its warning signs was stored. Scan every page of the week's sheet together"
            } else if pages.contains(where: { !$0.2.isComplete }) {
                entry.message = "another page of this week's sheet has boxes to confirm: nothing of this page but its warning signs was stored. Confirm them (--accept) and scan every page again"
            } else {
                entry.status = dryRun ? "dry-run" : "imported"
                var read = read
                // A red flag stops the plans of its patient that day: ticks from then on are not imported
                // (the log's checks would refuse them), and the sheet says so.
                let days = Set(sheet.layout.dates)
                let reported = try storeCall { () throws(StoreError) in try tracking.reports(for: plan) }.map(\.date).filter { days.contains($0) }
                let fromPatient = warningEntries.map(\.entry).filter { e in tracking.open.workspace.plans.first { $0.id == e.plan }.map { tracking.samePatient($0, plan) } ?? false }.map(\.date)
                if let stop = (read.warnings.map(\.date) + reported + fromPatient).filter({ days.contains($0) }).min() {
                    let after = read.entries.filter { $0.date >= stop }
                    if !after.isEmpty {
                        read.entries.removeAll { $0.date >= stop }
                        entry.message = "\(after.count) tick\(after.count == 1 ? "" : "s") on or after the red flag of \(stop) \(after.count == 1 ? "was" : "were") not imported: the plan stopped that day (once a clinician has seen the patient, enter any that should count with 'rehab log')"
                    }
                }
                entry.entries = read.entries.count + read.warnings.count
                if !dryRun, !read.entries.isEmpty {
                    let rows = read.entries.enumerated().map { LogCSV.Row(row: $0.offset + 1, entry: $0.element) }
                    let result = try storeCall { () throws(StoreError) in try tracking.record(rows, today: today, replace: false) }
                    if !result.judgement.isAccepted {
                        entry.status = "refused"
                        entry.message = "the log's checks refused this sheet; nothing of it but its warning signs was stored: "
                            + result.judgement.problems.map(\.message).joined(separator: "; ")
                    }
                    stopped += result.stopped.filter { s in !stopped.contains { $0.plan.id == s.plan.id } }
                }
            }
            entry.message = entry.message.map(UserText.plain)
            report.sheets.append(entry)
        }
    }

    private func render(_ report: ScanReport, printer: RoutinePrinter) throws -> String {
        switch format {
        case .json:
            // Snake case, as the JSON of schedule and progress.
            return JSONText.encode(report, snakeCase: true)
        case .html:
            do { return try printer.renderPage(report, template: "scan-preview.html") } catch {
                Output.err(error.formatted)
                throw ExitStatus.invalidInput
            }
        case .text: return Self.text(report)
        }
    }

    static func source(_ file: String, _ page: Int) -> String { UserText.plain(page > 0 ? "\(file) page \(page)" : file) }

    /// Dates of the plan's stored, unvoided warning-sign symptoms.
    private func storedWarnings(_ tracking: Tracking, planId: String) throws -> Set<LocalDate> {
        let entries = try storeCall { () throws(StoreError) in try tracking.store?.entries(plan: planId) ?? [] }
        return Set(entries.filter { $0.kind == .symptom && $0.symptom == .warningSign }.map(\.date))
    }

    /// How many session and pain entries the log holds for the plan on these dates.
    private func loggedInWeek(_ tracking: Tracking, plan: Plan, dates: [LocalDate]) throws -> Int? {
        let days = Set(dates)
        let entries = try storeCall { () throws(StoreError) in try tracking.entries(plan) }
        return entries.filter { $0.kind != .symptom && days.contains($0.date) }.count
    }

    static func warningLines(_ r: ScanReport) -> [String] {
        var lines: [String] = []
        let urgent = r.warnings, unread = r.unreadWarnings
        if !urgent.isEmpty {
            lines += ["", "URGENT: A WARNING SIGN IS TICKED ON A SHEET"]
            for w in urgent {
                lines.append("  \(w.plan): warning sign \(w.says) on \(w.date) (\(w.source))" + (w.stored ? "; stored as a red flag" : ""))
            }
            lines.append("  Call the patient today to ask which sign it was; the plan stays stopped until a clinician records a new assessment.")
            lines.append("")
        }
        if !unread.isEmpty {
            // A sheet that could not be located: its warning boxes are not guessed either way.
            lines += [urgent.isEmpty ? "" : nil, "WARNING-SIGN BOXES THAT COULD NOT BE READ"].compactMap { $0 }
            for w in unread { lines.append("  \(w.plan): the warning-sign box of \(w.date) \(w.says) (\(w.source))") }
            lines.append("")
        }
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
        for p in r.skippedPages { lines.append("\(p): no sheet code found (a card page, a blank page, or a sheet whose code could not be read: check it): skipped") }
        if r.sheets.isEmpty && r.problems.isEmpty { lines.append("no week sheet was found in the scan") }
        if r.dryRun { lines.append("dry run: nothing was stored") }
        return lines.map(UserText.plain).joined(separator: "\n") + "\n"
    }

    /// `--review`: each uncertain box of the sheet (and each day with two pain numbers) asked about
    /// on the terminal in turn, the answers added to `confirmed` as an --accept file's lines would
    /// be. A box: y (ticked) or n (empty); a day's pain: its number, or n for none. s skips (the box
    /// stays uncertain), as does the end of the input.
    static func review(_ sheet: SheetRead, plan: String, confirmed: inout [String: Bool]) {
        let read = SheetEntries(sheet, plan: plan, confirmed: confirmed)
        let uncertainIds = Set(read.uncertain.map(\.box.id))
        let painDays = Set(read.uncertain.compactMap { b -> LocalDate? in if case .pain = b.box.meaning { return b.box.date }; return nil })
            .union(read.ambiguousPain)
        guard !uncertainIds.isEmpty || !painDays.isEmpty else { return }
        Output.err(UserText.plain("\(source(sheet.file, sheet.page)): \(plan), week \(sheet.code.week): \(uncertainIds.count) box\(uncertainIds.count == 1 ? "" : "es") to confirm (look at the sheet; the --format html preview shows each one large)"))
        func ask(_ question: String, accept: (String) -> Bool) -> Bool {
            while true {
                FileHandle.standardError.write(Data(UserText.plain(question + " ").utf8))
                guard let line = readLine() else { Output.err(""); return false }
                let answer = line.trimmingCharacters(in: .whitespaces).lowercased()
                if answer == "s" { return true }
                if accept(answer) { return true }
                Output.err("  please answer as the question says")
            }
        }
        var askedPain = Set<LocalDate>()
        for b in sheet.boxes {
            if case .pain = b.box.meaning {
                let date = b.box.date
                guard painDays.contains(date), askedPain.insert(date).inserted else { continue }
                let day = sheet.boxes.filter { if case .pain = $0.box.meaning { return $0.box.date == date }; return false }
                let go = ask(ScanReport.question(b.box)) { answer in
                    if answer == "n" || answer == "no" {
                        for p in day where uncertainIds.contains(p.box.id) || p.state == .ticked { confirmed[p.box.id] = false }
                        return true
                    }
                    guard let n = Int(answer), (0...10).contains(n) else { return false }
                    for p in day { if case .pain(let k) = p.box.meaning { confirmed[p.box.id] = k == n } }
                    return true
                }
                if !go { return }
                continue
            }
            guard uncertainIds.contains(b.box.id) else { continue }
            let go = ask(ScanReport.question(b.box)) { answer in
                switch answer {
                case "y", "yes": confirmed[b.box.id] = true
                case "n", "no": confirmed[b.box.id] = false
                default: return false
                }
                return true
            }
            if !go { return }
        }
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
                let check = words.count == 3 && words[2] == "CHECK"
                Output.err(UserText.plain(check ? "\(file):\(i + 1):\(line.range(of: "CHECK").map { line.distance(from: line.startIndex, to: $0.lowerBound) + 1 } ?? 1): error: look at this box on the sheet, then write 'ticked' or 'empty' in place of CHECK"
                                                : "\(file):\(i + 1):1: error: expected 'PLAN BOX ticked' or 'PLAN BOX empty' (as 'rehab log scan' lists uncertain boxes)"))
                bad = true
                continue
            }
            out[words[0], default: [:]][words[1]] = words[2] == "ticked"
        }
        if bad { throw ExitStatus.invalidInput }
        return out
    }
}
