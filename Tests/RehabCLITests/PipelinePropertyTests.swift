import Foundation
import RehabKit
import TestSupport
import Testing

/// The whole pipeline over random workspaces (issue 13), through the built `rehab`, with a fixed
/// seed: `validate` → `check` → `schedule` → `print` (text, md, html) → `log` → `progress`.
///
/// Each case is a `PipelineWorkspace`: random exercises, plans and safety profiles (suspected cord
/// compression, spinal metastases of every stability, low counts, fever, fields left out) with
/// hostile text in titles, names, notes and steps. What must hold, whatever the workspace:
///
/// 1. no item `check --format json` blocks is on a day of `schedule --format json`, nor named
///    anywhere in what `print` prints (the check report may name it; a routine never);
/// 2. a blocked plan — suspected compression always is — yields no routine: `schedule` and `print`
///    exit 3, no session or habit on any day, the stop page and no tick box;
/// 3. every day's scheduled minutes are within the daily limit in force;
/// 4. no hostile markup reaches HTML or Markdown verbatim, and no control character but newline
///    and tab reaches any text or Markdown output;
/// 5. a logged session shows in `progress`, and a logged red-flag symptom stops the plan (exit 3
///    from `log`, then `check`, `schedule` and `print`), while a blocked item is never loggable.
///
/// PDF goes through headless Chromium (a second or two a page), so one case prints one PDF
/// (`pdfOfOneWeekHoldsNothingBlocked`); the others stop at HTML, which is what Chromium prints.
/// `REHAB_PROPERTY_CASES=N` runs N cases instead of the default.
struct PipelinePropertyTests {
    static let cases = Int(ProcessInfo.processInfo.environment["REHAB_PROPERTY_CASES"] ?? "") ?? 16
    static let seed: UInt64 = 0x13_2026

    /// What `check --format json` says of one plan.
    struct Checked {
        var status: String
        var decisions: [String: String]
        var replacements: [String: String]

        var blocked: Set<String> { Set(decisions.filter { $0.value == "blocked" }.keys) }
        var supervised: Set<String> { Set(decisions.filter { $0.value == "supervised" }.keys) }
    }

    @Test(arguments: 0..<cases)
    func pipelineKeepsItsPromises(_ n: Int) throws {
        let gen = PipelineWorkspace(seed: Self.seed &+ UInt64(n))
        let ws = try TemporaryWorkspace()
        try gen.write(to: ws)
        // REHAB_PIPELINE_KEEP=DIR keeps a copy of every case's workspace there, to rerun a failure by hand.
        if let keep = ProcessInfo.processInfo.environment["REHAB_PIPELINE_KEEP"] {
            try gen.write(toFolder: keep + "/case\(n)")
        }
        let context = "case \(n) (seed \(Self.seed &+ UInt64(n)))"

        let validate = try Run(["validate", "--format", "json"], in: ws.root)
        // The hostile texts' bidirectional override is an error of validate's (issue 22); the other
        // commands read such a workspace and must keep it out of what they write, which is checked below.
        let errors =
            ((try? JSONSerialization.jsonObject(with: Data(validate.stdout.utf8)) as? [String: Any])?["diagnostics"]
            as? [[String: Any]] ?? [])
            .filter { $0["severity"] as? String == "error" }
        let onlyInvisible =
            validate.status == 1 && !errors.isEmpty
            && errors.allSatisfy { ($0["message"] as? String)?.hasPrefix("invisible character U+202E") == true }
        guard validate.status == 0 || onlyInvisible else {
            Issue.record(
                "\(context): the generated workspace does not validate:\n\(validate.stdout)\n\(validate.stderr)\n\(gen.files.map { "--- \($0.path)\n\($0.text)" }.joined())"
            )
            return
        }
        for plan in gen.plans {
            try pipeline(plan, gen, ws, week: 1 + n % plan.weeks, context: "\(context) \(plan.id)")
        }
    }

    func pipeline(
        _ plan: PipelineWorkspace.PlanInfo, _ gen: PipelineWorkspace, _ ws: TemporaryWorkspace,
        week: Int, context: String
    ) throws {
        let weekStart = plan.start.adding(days: 7 * (week - 1))
        let c = "\(context) week \(week)"

        // The check as of the first day of the week, as `schedule` and `print` make it.
        let check = try Run(["check", plan.file, "--format", "json", "--as-of", weekStart.description], in: ws.root)
        #expect(check.status == 0 || check.status == 3, "\(c): check exit \(check.status): \(check.stderr)")
        let checked = try Self.checked(check.stdout)
        let blocked = checked.status == "blocked"
        #expect((check.status == 3) == blocked, "\(c): check exit \(check.status) for status \(checked.status)")
        if plan.suspectedCompression {
            #expect(blocked, "\(c): suspected cord compression, yet the plan is \(checked.status)")
        }
        let checkText = try Run(["check", plan.file, "--as-of", weekStart.description], in: ws.root)
        Self.expectPlainText(checkText.stdout, "\(c): check text")

        // What is done instead of an item is never what the check blocks.
        for (item, replacement) in checked.replacements {
            #expect(!checked.blocked.contains(replacement), "\(c): \(item) is replaced by blocked \(replacement)")
        }
        // What must never reach a routine: blocked items, and in a blocked plan anything but a precaution.
        var forbidden = checked.blocked
        if blocked {
            forbidden.formUnion(checked.decisions.filter { $0.value != "precaution" }.keys)
        }

        // Schedule.
        let schedule = try Run(["schedule", plan.file, "--week", String(week), "--format", "json"], in: ws.root)
        #expect(
            schedule.status == (blocked ? 3 : 0),
            "\(c): schedule exit \(schedule.status) for \(checked.status): \(schedule.stderr)")
        let week1 = try #require(
            try JSONSerialization.jsonObject(with: Data(schedule.stdout.utf8)) as? [String: Any],
            "\(c): \(schedule.stdout)")
        #expect(
            week1["status"] as? String == checked.status,
            "\(c): schedule status \(week1["status"] ?? "-"), check \(checked.status)")
        let limit = week1["daily_minutes_limit"] as? Int
        if let planLimit = plan.dailyLimit {
            #expect(
                limit != nil && limit! <= planLimit,
                "\(c): limit in force \(limit.map(String.init) ?? "none") over the plan's \(planLimit)")
        }
        let neverPlaced = forbidden.union(checked.supervised)
        var sessions: [(date: String, exercise: String, item: String)] = []
        for day in week1["days"] as? [[String: Any]] ?? [] {
            let date = day["date"] as? String ?? "?"
            let daySessions = day["sessions"] as? [[String: Any]] ?? []
            let habits = day["habits"] as? [String] ?? []
            var minutes = 0
            for s in daySessions {
                let e = s["exercise"] as? String ?? "?"
                // Care (brace care, education, precautions) does not count against the limit (issue 20).
                if s["care"] as? Bool != true { minutes += s["minutes"] as? Int ?? 0 }
                #expect(
                    !neverPlaced.contains(e), "\(c): \(e) is \(checked.decisions[e] ?? "?") but scheduled on \(date)")
                sessions.append((date, e, s["replaces"] as? String ?? e))
            }
            for h in habits {
                #expect(!neverPlaced.contains(h), "\(c): \(h) is \(checked.decisions[h] ?? "?") but a habit on \(date)")
            }
            if blocked {
                #expect(
                    daySessions.isEmpty && habits.isEmpty,
                    "\(c): blocked, yet \(date) has \(daySessions.count) sessions and habits \(habits)")
            }
            if let limit {
                #expect(minutes <= limit, "\(c): \(date) has \(minutes) minutes of sessions, limit \(limit)")
                #expect(
                    (day["minutes"] as? Int ?? 0) <= limit,
                    "\(c): \(date) counts \(day["minutes"] ?? "-") minutes, limit \(limit)")
            }
        }
        let scheduleText = try Run(["schedule", plan.file, "--week", String(week)], in: ws.root)
        #expect(scheduleText.status == schedule.status, "\(c): schedule text exit \(scheduleText.status)")
        Self.expectPlainText(scheduleText.stdout, "\(c): schedule text")

        // Print, in every format but PDF.
        let tokens = Dictionary(uniqueKeysWithValues: gen.exercises.map { ($0.id, $0) })
        for format in ["text", "md", "html"] {
            let printed = try Run(
                ["print", plan.file, "--week", String(week), "--format", format, "--cards", "all"], in: ws.root)
            let out = printed.stdout
            #expect(
                printed.status == (blocked ? 3 : 0), "\(c): print \(format) exit \(printed.status): \(printed.stderr)")
            for id in forbidden {
                guard let e = tokens[id] else { continue }
                #expect(
                    !out.contains(e.nameToken) && !out.contains(e.stepToken),
                    "\(c): print \(format) shows \(id), which is \(checked.decisions[id] ?? "?")\(blocked ? " in a blocked plan" : "")"
                )
            }
            if !blocked {
                for s in sessions {
                    guard let e = tokens[s.exercise] else { continue }
                    #expect(
                        out.contains(e.nameToken),
                        "\(c): print \(format) leaves out \(s.exercise), scheduled on \(s.date)")
                }
            }
            switch format {
            case "html":
                Self.expectNoMarkup(out, PipelineWorkspace.htmlMarkup, "\(c): print html")
            case "md":
                Self.expectNoMarkup(out, PipelineWorkspace.markdownMarkup, "\(c): print md")
                Self.expectPlainText(out, "\(c): print md")
            default:
                Self.expectPlainText(out, "\(c): print text")
                if blocked {
                    #expect(
                        out.hasPrefix("DO NOT START THIS EXERCISE PROGRAMME") || out.hasPrefix("STOP YOUR EXERCISES"),
                        "\(c): blocked, yet no stop page:\n\(out.prefix(300))")
                    #expect(!out.contains("[ ]"), "\(c): the stop page has tick boxes")
                }
            }
        }

        // Log and progress.
        try logAndProgress(plan, week: week, sessions: sessions, checked: checked, ws: ws, context: c)
    }

    func logAndProgress(
        _ plan: PipelineWorkspace.PlanInfo, week: Int, sessions: [(date: String, exercise: String, item: String)],
        checked: Checked, ws: TemporaryWorkspace, context c: String
    ) throws {
        let weekStart = plan.start.adding(days: 7 * (week - 1))
        // A blocked item is never loggable, on any day.
        if let id = checked.blocked.sorted().first {
            let refused = try Run(["log", plan.file, "--date", weekStart.description, "--done", id], in: ws.root)
            #expect(refused.status == 1, "\(c): logging blocked \(id) gave exit \(refused.status): \(refused.stdout)")
        }
        var logged: (date: String, exercise: String, item: String)?
        if let first = sessions.first {
            let note = PipelineWorkspace.hostile[
                plan.id.utf8.reduce(week) { $0 + Int($1) } % PipelineWorkspace.hostile.count]
            // The sheet names what is done, the easier variant when one replaces the item; but when that
            // variant is also an item of its own, its id stands for that item only (its sessions, its
            // credit), so the replaced item is logged by its own id — which the log accepts for any item.
            let ambiguous = first.exercise != first.item && checked.decisions[first.exercise] != nil
            let id = ambiguous ? first.item : first.exercise
            let log = try Run(
                ["log", plan.file, "--date", first.date, "--done", id, "--session", "1", "--note", note], in: ws.root)
            #expect(log.status == 0, "\(c): log --done \(id) on \(first.date): exit \(log.status): \(log.stderr)")
            if log.status == 0 { logged = first }
        }

        let progress = try Run(["progress", plan.file, "--format", "json"], in: ws.root)
        #expect(progress.status == 0, "\(c): progress exit \(progress.status): \(progress.stderr)")
        if let logged {
            let json = try #require(
                try JSONSerialization.jsonObject(with: Data(progress.stdout.utf8)) as? [String: Any],
                "\(c): \(progress.stdout)")
            let weekJSON = (json["weeks"] as? [[String: Any]] ?? []).first {
                $0["start"] as? String == weekStart.description
            }
            // Progress counts a session for the plan's item, also when an easier variant was done in its place.
            let item = (weekJSON?["items"] as? [[String: Any]] ?? []).first { $0["exercise"] as? String == logged.item }
            #expect(
                (item?["done"] as? Int ?? 0) >= 1,
                "\(c): logged \(logged.exercise) (item \(logged.item)) done on \(logged.date), progress says \(item ?? [:])"
            )
        }
        for format in ["text", "md", "html"] {
            let p = try Run(["progress", plan.file, "--format", format], in: ws.root)
            #expect(p.status == 0, "\(c): progress \(format) exit \(p.status): \(p.stderr)")
            if format == "text" { Self.expectPlainText(p.stdout, "\(c): progress text") }
            if format == "md" {
                Self.expectPlainText(p.stdout, "\(c): progress md")
                Self.expectNoMarkup(p.stdout, PipelineWorkspace.markdownMarkup, "\(c): progress md")
            }
            if format == "html" { Self.expectNoMarkup(p.stdout, PipelineWorkspace.htmlMarkup, "\(c): progress html") }
        }

        // A red flag in the log stops the plan.
        let date = logged?.date ?? weekStart.description
        let symptom = try Run(["log", plan.file, "--date", date, "--symptom", "leg-weakness"], in: ws.root)
        #expect(
            symptom.status == 3,
            "\(c): logging a red flag gave exit \(symptom.status): \(symptom.stdout)\(symptom.stderr)")
        let after = try Run(["check", plan.file, "--format", "json"], in: ws.root)
        #expect(after.status == 3, "\(c): check after a red flag: exit \(after.status)")
        #expect(try Self.checked(after.stdout).status == "blocked", "\(c): check after a red flag is not blocked")
        let stopped = try Run(["schedule", plan.file, "--week", String(week), "--format", "json"], in: ws.root)
        #expect(stopped.status == 3, "\(c): schedule after a red flag: exit \(stopped.status)")
        let stoppedWeek = try JSONSerialization.jsonObject(with: Data(stopped.stdout.utf8)) as? [String: Any]
        let placed = (stoppedWeek?["days"] as? [[String: Any]] ?? []).flatMap {
            $0["sessions"] as? [[String: Any]] ?? []
        }
        #expect(placed.isEmpty, "\(c): \(placed.count) sessions scheduled after a red flag")
        let page = try Run(["print", plan.file, "--week", String(week)], in: ws.root)
        #expect(page.status == 3 && !page.stdout.contains("[ ]"), "\(c): print after a red flag: exit \(page.status)")
    }

    /// The generated workspaces reach the cases the promises are about: a blocked plan and a plan
    /// that prints with a blocked item (the invariants are never met in a vacuum). A generator that
    /// drifts away from them fails here, not silently. (Supervised items are not reached by this
    /// generator; the library's property tests count them: SafetyPropertyTests.)
    @Test func theGeneratedCasesReachWhatThePromisesGuard() throws {
        var blockedPlans = 0
        var blockedItemInAPrintedPlan = 0
        for n in 0..<Self.cases {
            let gen = PipelineWorkspace(seed: Self.seed &+ UInt64(n))
            let ws = try TemporaryWorkspace()
            try gen.write(to: ws)
            for plan in gen.plans {
                let check = try Run(
                    ["check", plan.file, "--format", "json", "--as-of", plan.start.description], in: ws.root)
                let checked = try Self.checked(check.stdout)
                if checked.status == "blocked" {
                    blockedPlans += 1
                } else if !checked.blocked.isEmpty {
                    blockedItemInAPrintedPlan += 1
                }
            }
        }
        #expect(blockedPlans >= 1, "no generated plan is blocked")
        #expect(blockedItemInAPrintedPlan >= 1, "no generated plan that prints has a blocked item")
    }

    /// One PDF of a plan that prints a routine: nothing the check blocks is in its text.
    @Test func pdfOfOneWeekHoldsNothingBlocked() throws {
        try #require(
            FileManager.default.isExecutableFile(atPath: "/usr/bin/chromium-headless-shell")
                || FileManager.default.isExecutableFile(atPath: "/usr/bin/chromium"),
            "headless Chromium is not installed: run 'make test'")
        // The first generated plan that is not blocked and has something blocked, or failing that any not blocked.
        for n in 0..<200 {
            let gen = PipelineWorkspace(seed: Self.seed &+ UInt64(n))
            let ws = try TemporaryWorkspace()
            try gen.write(to: ws)
            for plan in gen.plans where !plan.suspectedCompression {
                let check = try Run(
                    ["check", plan.file, "--format", "json", "--as-of", plan.start.description], in: ws.root)
                let checked = try Self.checked(check.stdout)
                guard checked.status != "blocked", !checked.blocked.isEmpty else { continue }
                let pdf = ws.root + "/week.pdf"
                let printed = try Run(
                    ["print", plan.file, "--week", "1", "--format", "pdf", "--cards", "all", "-o", pdf], in: ws.root)
                #expect(
                    printed.status == 0, "case \(n) \(plan.id): print pdf exit \(printed.status): \(printed.stderr)")
                let text = try Subprocess.tool("pdftotext", [pdf, "-"]).output
                #expect(text.contains("Week 1 of \(plan.weeks)"), "case \(n): \(text.prefix(200))")
                for id in checked.blocked {
                    let e = try #require(gen.exercises.first { $0.id == id })
                    #expect(
                        !text.contains(e.nameToken) && !text.contains(e.stepToken),
                        "case \(n) \(plan.id): the PDF shows blocked \(id)")
                }
                return
            }
        }
        Issue.record("no generated plan has a blocked item in a plan that prints")
    }

    // MARK: Helpers

    static func checked(_ json: String) throws -> Checked {
        let array = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]], "\(json)")
        let plan = try #require(array.first, "no plan in the check report")
        var decisions: [String: String] = [:]
        var replacements: [String: String] = [:]
        for item in plan["items"] as? [[String: Any]] ?? [] {
            guard let e = item["exercise"] as? String else { continue }
            decisions[e] = item["decision"] as? String ?? "?"
            if let r = item["replacement"] as? String { replacements[e] = r }
        }
        return Checked(status: plan["status"] as? String ?? "?", decisions: decisions, replacements: replacements)
    }

    /// No control character but newline and tab, and no bidirectional control.
    static func expectPlainText(_ s: String, _ what: String) {
        let bad = s.unicodeScalars.first { u in
            (u.value < 0x20 && u != "\n" && u != "\t") || (0x7F...0x9F).contains(u.value)
                || (0x202A...0x202E).contains(u.value) || (0x2066...0x2069).contains(u.value)
        }
        if let bad {
            let scalars = Array(s.unicodeScalars)
            let at = scalars.firstIndex(of: bad)!
            var around = String.UnicodeScalarView()
            around.append(contentsOf: scalars[max(0, at - 40)..<at])
            Issue.record(
                "\(what): control character U+\(String(bad.value, radix: 16, uppercase: true)) after \(String(around).debugDescription)"
            )
        }
    }

    /// None of the hostile markup verbatim.
    static func expectNoMarkup(_ s: String, _ markup: [String], _ what: String) {
        for m in markup where s.contains(m) {
            Issue.record("\(what): holds \(m.debugDescription) verbatim")
        }
    }
}
