import Foundation
import RehabKit
import SheetGeometry

/// Builds the typed view of a printed week (`PrintedWeek`) from its schedule: what the templates render.
struct PrintModel {
    let plan: Plan
    let workspace: Workspace
    let paper: Paper
    let signs: StopAndCall
    let strings: PatientStrings
    var largePrint = false

    /// The sheet's sizes: large print's larger boxes and words.
    var metrics: SheetLayout.Metrics { .of(largePrint: largePrint) }

    /// Tick boxes side by side in a day's cell at most: two 7.2 mm boxes fit a day's column (one
    /// 9.2 mm box in large print); an item done more often a day stacks its boxes in a taller row
    /// instead of smaller boxes (RNIB clear print).
    var boxesPerCell: Int { metrics.boxesPerCell }

    /// A routine week. `cards`: the exercises whose cards to print (nil: every one of the week).
    func week(_ s: WeekSchedule, imageBase: String?, cards chosen: Set<String>? = nil) -> PrintedWeek {
        var m = header(s)
        let rows = itemRows(s)
        let habits = (s.days.first?.habits ?? []).map { id -> PrintedWeek.Habit in
            // A habit's row says when (the brace regimen: on when upright, off lying flat), from the plan.
            let notes = plan.items.first { $0.exercise.value == id }?.notes
            let exercise = workspace.exercise(id)
            // The scheduler's own brace habit (a brace prescribed, no bracing item in the plan) has no exercise.
            let prescribed = s.safety.braceRegimen.flatMap {
                exercise == nil && id == WeekScheduler.braceHabit($0) ? $0 : nil
            }
            let brace =
                exercise?.kind == .bracing || prescribed != nil ? s.safety.braceRegimen.map(strings.braceRegimen) : nil
            let name =
                exercise?.name ?? prescribed.map { strings.say("habit.brace", ["brace": strings.plainBrace($0.type)]) }
                ?? id
            return .init(
                exercise: id, loggable: exercise != nil && plan.items.contains { $0.exercise.value == id },
                name: name, detail: notes ?? brace ?? strings.say("habit.every-day"))
        }
        m.days = s.days.map {
            .init(
                short: strings.shortDay($0.weekday), day: $0.date.day, month: strings.shortMonth($0.date),
                rest: $0.isRestDay,
                weekday: $0.weekday.rawValue, date: $0.date.description)
        }
        m.rows = rows
        m.rowCount = rows.count
        m.dense = rows.count + habits.count > 8
        m.perDay = min(boxesPerCell, max(1, rows.flatMap { $0.cells.map(\.count) }.max() ?? 1))
        m.habits = habits
        m.asNeeded = s.asNeeded.map { workspace.exercise($0)?.name ?? $0 }.joined(separator: "; ")
        m.supervised = s.supervised.map { workspace.exercise($0)?.name ?? $0 }.joined(separator: "; ")
        m.nothingScheduled = rows.isEmpty && habits.isEmpty
        m.notThisWeek = leftOut(s)

        let all = cardList(s, imageBase: imageBase).filter { card in chosen.map { $0.contains(card.exercise) } ?? true }
        let (shared, cards) = Self.sharedLines(all)
        m.sharedStopIf = shared.stopIf.map(PrintedWeek.Line.init)
        m.sharedCautions = shared.cautions.map(PrintedWeek.Line.init)
        m.shared = !shared.stopIf.isEmpty || !shared.cautions.isEmpty
        m.cards = cards
        m.textGrid = TextGrid(strings: strings).lines(m)
        // Two rows of one exercise (it is in two items, or one item's easier variant is another's)
        // would give boxes the same name: such a week prints the plain grid, not a scannable one.
        let room = SheetRoom(paper: paper, largePrint: largePrint)
        let layouts = SheetLayout.pages(
            m, strings: strings, metrics: metrics, paper: paper,
            firstRoom: room.first(m), room: room.page, after: room.after(m))
        let ids = layouts.flatMap { $0.boxes.map(\.id) }
        let sheets = layouts.compactMap(ScanSheet.init)
        // The cards are one flow of columns that Chromium lays out, each card kept whole (never
        // split across columns or pages: `break-inside: avoid`), following the sheet on its page.
        // Cards that fit the room left under the sheet go first, so that room is not left blank
        // (an estimate, used for the order only: Chromium's layout keeps every card whole).
        if let last = layouts.last {
            let top = layouts.count == 1 ? room.page - room.first(m) : 0
            let left = room.page - top - last.height - room.after(m) - 14
            m.cards = Self.fillFirst(
                cards, room: left, columns: largePrint ? 1 : 2,
                shared: m.shared ? Double(Self.sharedCardLines(shared)) : 0, page: room.page)
        }
        m.cardPages = m.cards.isEmpty ? [] : [.init(cards: m.cards, page: 1, pages: 1, first: true)]
        m.cardPageCount = m.cardPages.count
        m.scan = Set(ids).count == ids.count && sheets.count == layouts.count ? sheets : []
        return m
    }

    /// The one page printed instead of a routine when the safety check blocks the plan.
    func blockedPage(_ s: WeekSchedule) -> PrintedWeek {
        var m = header(s)
        m.blocked = true
        // Week 1 has not started; later weeks stop a programme under way.
        m.started = s.week > 1
        // What to do while waiting: the spinal precautions the check kept (SAFETY.md).
        m.precautions = s.safety.items.filter { $0.decision == .precaution }.compactMap { d in
            guard let e = workspace.exercise(d.performed) else { return nil }
            return .init(
                name: e.name, summary: e.summary, steps: e.steps.map(PrintedWeek.Line.init),
                notes: plan.items[d.index].notes, inBrace: d.inBrace)
        }
        return m
    }

    /// The fields every week has: who, when, the stop-and-call tiers, the care team's advice.
    func header(_ s: WeekSchedule) -> PrintedWeek {
        // The team's line for "call today" and "next visit"; the 24-hour line for "stop and call now"
        // (validation requires both in a patient's plan; were one missing, the other stands in).
        let contact = plan.careTeam?.contact ?? plan.careTeam?.urgent ?? strings.say("contact.default")
        let urgentLine = plan.careTeam?.urgent ?? contact
        // The signs the check decided for this week (the printer lays them out, it decides none).
        let decided = s.safety.signs(signs.signs)
        let tiers = signs.tiers(decided, urgent: urgentLine, contact: contact, strings: strings)
        let urgentAlerts = decided.filter { $0.isAlert && $0.urgency == .now }.map { PrintedWeek.Line(text: $0.text) }
        let hasUrgent = !urgentAlerts.isEmpty
        return PrintedWeek(
            title: plan.title, planId: plan.id, patientName: plan.patient?.name ?? "", patientRef: plan.patient?.ref,
            clinician: plan.careTeam?.clinician, contact: contact, urgentContact: urgentLine,
            action: strings.heading(hasUrgent ? .now : .today, contact: hasUrgent ? urgentLine : contact),
            week: s.week, weeks: s.weeks,
            start: strings.longDate(s.start), end: strings.longDate(s.end), startIso: s.start.description,
            endIso: s.end.description,
            paper: paper.label, pageSize: paper.css, first: false,
            tiers: tiers,
            redFlags: signs.signs.map { .init(text: $0.text) },
            urgent: urgentAlerts,
            advice: s.safety.advice.map(PrintedWeek.Line.init),
            // Every alert, information included: "avoid pools with low neutrophils" is for the patient too.
            alerts: s.safety.alerts.map {
                .init(message: $0.patientMessage ?? $0.message, urgent: $0.level == .urgent, level: $0.level.rawValue)
            },
            ruleChanges: s.safety.ruleChanges.map(\.description).joined(separator: "; "),
            dailyLimit: s.dailyMinutesLimit.map { strings.say("daily-limit", n: $0) },
            blocked: false, started: false, precautions: [],
            days: [], restWord: strings.say("grid.rest"), restDay: strings.say("grid.rest-day"), rows: [], rowCount: 0,
            dense: false, perDay: 1, habits: [], asNeeded: "", supervised: "",
            nothingScheduled: false, notThisWeek: [], textGrid: [],
            cardPages: [], cardPageCount: 0, cards: [], sharedStopIf: [], sharedCautions: [], shared: false)
    }

    /// "Not this week": each item with sessions that did not fit, how many and why, in the patient's words.
    func leftOut(_ s: WeekSchedule) -> [PrintedWeek.Line] {
        s.unscheduled.map { u in
            let name = workspace.exercise(u.exercise)?.name ?? u.exercise
            let limit = { (n: Int) in strings.say("daily-limit", n: n) }
            let reason: String
            switch u.why {
            case .dailyLimit(let n, _): reason = strings.say("left-out.daily-limit", ["limit": limit(n)])
            case .longerThanLimit(let minutes, let n, _):
                reason = strings.say("left-out.longer", ["minutes": limit(minutes), "limit": limit(n)])
            case .notEnoughDays(let n, _): reason = strings.say("left-out.days", ["n": String(n)])
            case .notEnoughDaysApart(let n, _): reason = strings.say("left-out.apart", ["n": String(n)])
            case .planBlocked, .noRoom: reason = strings.say("left-out.other")
            }
            return .init(
                text: strings.say(
                    "left-out.line",
                    [
                        "name": name, "times": strings.say("left-out.times", n: u.sessions),
                        "reason": reason,
                    ]))
        }
    }

    /// The dose in words; "(if last week went well …)" when it is a progression step planned but not
    /// yet earned (the week before is not logged yet).
    func doseWords(_ d: Dose, item: Int, _ s: WeekSchedule) -> String {
        let words = strings.dose(d)
        guard s.progress.contains(where: { $0.item == item && $0.provisional }) else { return words }
        return strings.say("dose.provisional", ["dose": words])
    }

    /// One row per plan item that has sessions this week, with its tick boxes per day: an item done
    /// several times a day is one row with one label ("3 times a day") and its boxes stacked in the
    /// day's cell, `boxesPerCell` side by side (docs/PRINTING.md, "The tick sheet").
    func itemRows(_ s: WeekSchedule) -> [PrintedWeek.Row] {
        var order: [Int] = []
        var byItem: [Int: [(day: Int, session: ScheduledSession)]] = [:]
        for (i, day) in s.days.enumerated() {
            for session in day.sessions {
                if byItem[session.item] == nil { order.append(session.item) }
                byItem[session.item, default: []].append((i, session))
            }
        }
        return order.sorted().compactMap { item -> PrintedWeek.Row? in
            let sessions = byItem[item] ?? []
            guard let first = sessions.first?.session else { return nil }
            let times = TimeOfDay.allCases.filter { t in sessions.contains { $0.session.time == t } }
            let done = (0..<7).map { i in sessions.filter { $0.day == i }.count }
            let perDay = done.max() ?? 1
            let cells = s.days.enumerated().map { i, day -> PrintedWeek.Cell in
                let n = done[i]
                // A rest day shows "rest" only where the row has nothing that day (brace care is every day).
                return .init(
                    rest: day.isRestDay && n == 0, boxes: Array(repeating: .init(), count: n),
                    none: !day.isRestDay && n == 0, count: n)
            }
            return PrintedWeek.Row(
                name: workspace.exercise(first.exercise)?.name ?? first.exercise, exercise: first.exercise,
                dose: doseWords(first.dose, item: item, s),
                // Three or more a day are spread morning to evening, in box order: the count says it shortest.
                times: perDay >= 3 ? strings.say("times.per-day", n: perDay) : strings.times(times),
                inBrace: first.inBrace, brace: first.inBrace ? strings.say("grid.in-brace") : nil,
                easier: first.replaces != nil,
                notes: s.safety.plan.items.indices.contains(item) ? s.safety.plan.items[item].notes : nil,
                cells: cells, sessions: sessions.count)
        }
    }

    /// Instruction cards: every exercise the patient does this week (sessions, habits, as needed).
    func cardList(_ s: WeekSchedule, imageBase: String?) -> [InstructionCard] {
        var ids: [String] = []
        var sessionFor: [String: ScheduledSession] = [:]
        for day in s.days {
            for session in day.sessions where sessionFor[session.exercise] == nil {
                ids.append(session.exercise)
                sessionFor[session.exercise] = session
            }
        }
        for id in (s.days.first?.habits ?? []) + s.asNeeded where !ids.contains(id) { ids.append(id) }
        return ids.compactMap { id in
            guard let e = workspace.exercise(id) else { return nil }
            let session = sessionFor[id]
            let item = session.map { plan.items[$0.item] } ?? plan.items.first { $0.exercise.value == id }
            let picture = ImageEmbedding.picture(e, base: imageBase, workspace: workspace)
            var card = InstructionCard(
                exercise: e.id.rawValue, name: e.name, summary: e.summary,
                steps: e.steps.enumerated().map { .init(number: $0 + 1, text: $1) },
                cautions: e.cautions.map(PrintedWeek.Line.init), stopIf: e.stopIf.map(PrintedWeek.Line.init),
                dose: session.map { doseWords($0.dose, item: $0.item, s) }, inBrace: session?.inBrace ?? false,
                brace: session?.inBrace == true ? strings.say("grid.in-brace") : nil,
                notes: item?.notes,
                equipment: e.equipment.joined(separator: ", "),
                image: picture?.uri, imageAlt: picture?.alt, lines: 0)
            card.lines = Self.estimatedLines(card)
            return card
        }
    }

    /// Lines that three or more of the week's cards repeat ("New or worse back pain"): printed once,
    /// above the cards, and left off each card, so the cards fit on fewer pages.
    static func sharedLines(_ cards: [InstructionCard]) -> (
        shared: (stopIf: [String], cautions: [String]), cards: [InstructionCard]
    ) {
        func repeated(_ texts: (InstructionCard) -> [PrintedWeek.Line]) -> [String] {
            var count: [String: Int] = [:]
            var order: [String] = []
            for card in cards {
                var seen = Set<String>()
                for t in texts(card).map(\.text) where seen.insert(t).inserted {
                    if count[t] == nil { order.append(t) }
                    count[t, default: 0] += 1
                }
            }
            return order.filter { (count[$0] ?? 0) >= 3 }
        }
        let stopIf = repeated(\.stopIf)
        let cautions = repeated(\.cautions)
        let trimmed = cards.map { card -> InstructionCard in
            var c = card
            c.stopIf.removeAll { stopIf.contains($0.text) }
            c.cautions.removeAll { cautions.contains($0.text) }
            c.lines = estimatedLines(c)
            return c
        }
        return ((stopIf, cautions), trimmed)
    }

    /// Characters of 12 pt text on a line of a card column (a column on A4 or Letter holds about 50;
    /// lines break at words, so fewer are counted).
    static let cardLineChars = 46

    /// Estimated height of a card in lines of 12 pt card text: headings, steps and lists wrapped at
    /// `cardLineChars` (less their indent; beside the picture, less its width), the border and spacing.
    static func estimatedLines(_ c: InstructionCard) -> Int {
        func lines(_ text: String, indent: Int = 0) -> Int {
            let width = max(10, cardLineChars - indent)
            return max(1, (text.count + width - 1) / width)
        }
        // The picture stands at the card's right under the title (about 7 lines high): the
        // summary, dose, notes and steps wrap narrower beside it.
        let beside = c.image == nil ? 0 : pictureChars
        var top = lines(c.summary, indent: beside)  // the summary (the 14 pt title above the picture)
        if let dose = c.doseLine { top += lines(dose, indent: beside) }
        if let notes = c.notes { top += lines(notes, indent: beside) }
        top += c.steps.reduce(0) { $0 + lines($1.text, indent: 3 + beside) }
        // Border, padding, the gap below; the title; the picture beside the text above.
        var n = 1 + lines(c.name, indent: 8) + (c.image == nil ? top : max(pictureLines, top))
        if !c.equipment.isEmpty { n += lines("You need: " + c.equipment) }
        if !c.cautions.isEmpty { n += 1 + c.cautions.reduce(0) { $0 + lines($1.text, indent: 3) } }
        if !c.stopIf.isEmpty { n += 1 + c.stopIf.reduce(0) { $0 + lines($1.text, indent: 3) } }
        return n
    }

    /// A card's picture: its height in lines of card text (at most 30 mm, the text's lines
    /// beside it counted) and the characters of a line it takes beside the text (at most 34 mm of
    /// the column; the title and short last lines leave room, so fewer are counted).
    static let pictureLines = 6, pictureChars = 10

    /// Millimetres of a line of 12 pt card text as counted here: 4.4 at the cards' line height of
    /// 1.04, less for the lines the count takes too many (words wrap better than it assumes). An
    /// estimate for the order of the cards only, calibrated against the braced T10 week on Letter
    /// (issue 27: with pictures, packing by 4.6 left a page with one card).
    static let cardLine = 4.0

    /// The cards reordered so that those fitting the room under the sheet (`room` mm in each of
    /// `columns` columns, the first starting with the shared card of `shared` lines) come first,
    /// then, column by column of the pages that follow (`page` mm high), the first cards in their
    /// order that still fit the column, so that a column is not left short for want of a card
    /// that a later one could fill (issue 27: pictures made the cards taller).
    static func fillFirst(_ cards: [InstructionCard], room: Double, columns: Int, shared: Double, page: Double)
        -> [InstructionCard]
    {
        var rest = cards
        var out: [InstructionCard] = []
        func fill(_ height: Double) {
            var free = height
            while let i = rest.firstIndex(where: { Double($0.lines) * cardLine <= free }) {
                free -= Double(rest[i].lines) * cardLine
                out.append(rest.remove(at: i))
            }
        }
        if room > 0 {
            for c in 0..<columns { fill(room - (c == 0 ? shared * cardLine : 0)) }
        }
        while !rest.isEmpty {
            let before = rest.count
            for _ in 0..<columns { fill(page) }
            // A card taller than a whole column goes next as it is (Chromium splits it).
            if rest.count == before { out.append(rest.removeFirst()) }
        }
        return out
    }

    /// The "For every exercise" card's height.
    static func sharedCardLines(_ shared: (stopIf: [String], cautions: [String])) -> Int {
        let items = shared.stopIf + shared.cautions
        return 2 + (shared.stopIf.isEmpty ? 0 : 1) + (shared.cautions.isEmpty ? 0 : 1)
            + items.reduce(0) { $0 + max(1, ($1.count + cardLineChars - 4) / (cardLineChars - 3)) }
    }
}
