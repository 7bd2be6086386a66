import RehabKit
import SheetGeometry

/// A week's sheet laid out for printing (`PrintModel`): its rows from the week as printed, cut into
/// sheet pages that fit the paper. The geometry itself, which the scanner reads by, is SheetGeometry's.
extension SheetLayout {
    /// One row of the sheet above its pain and warning rows: an item, a habit, or "nothing planned".
    struct Row {
        var height: Double
        var place: (_ y: Double, _ into: inout Parts) -> Void
    }

    struct Parts {
        var boxes: [Box] = [], labels: [Label] = [], shades: [Rect] = [], rules: [Rect] = []
    }

    /// The pages of a week's sheet. `firstRoom`: the height left for it on the first page of paper,
    /// under the heading, the stop-and-call box and the advice; `room`: a whole page's; `after`: the
    /// room the lists and the notes line take under the last page (a sheet moves whole to the next
    /// page only when it fits there with them; else they flow on after it). Rows are never split; a
    /// page that is not the last ends with its code and marks, the last with the pain and warning rows.
    static func pages(
        _ m: PrintedWeek, strings: PatientStrings, metrics: Metrics, paper: Paper,
        firstRoom: Double, room: Double, after: Double
    ) -> [SheetLayout] {
        let rows = Self.rows(m, strings: strings, metrics: metrics)
        let head = metrics.caption + 1 + metrics.dayHead + 0.5
        let lastTail = 0.3 + 3 + metrics.footHead + metrics.numbers + 0.5 + dayRows(top: 0, metrics: metrics).height
        let moreTail = 0.3 + 2 + Double(modules) * module + 1
        func split(firstRoom: Double) -> [Range<Int>]? {
            var pages: [Range<Int>] = []
            var i = 0
            while pages.count < 9 {
                let space = (pages.isEmpty ? firstRoom : room) - head
                let rest = rows[i...].reduce(0) { $0 + $1.height }
                // The rest of the rows and the pain and warning rows end the sheet here when they fit.
                // What goes under the sheet (the lists, "Not this week", the notes line) follows on
                // this page when it fits too, else it flows on to the next: waiting for a page with
                // room for it as well would cost a sheet page (a large-print week with a long "Not
                // this week" list printed a last sheet page of days without an exercise).
                if rest + lastTail <= space || i == rows.count || pages.count == 8 {
                    pages.append(i..<rows.count)
                    return pages
                }
                var j = i
                var used = 0.0
                while j < rows.count, used + rows[j].height + moreTail <= space {
                    used += rows[j].height
                    j += 1
                }
                if j == i {
                    // Not one row fits: on the first page, the sheet starts on the next page of paper.
                    if pages.isEmpty { return nil }
                    j = i + 1
                }
                // Every row fits but the pain and warning rows do not: the last row goes on with them,
                // so that the last page is not days without an exercise.
                if j == rows.count, j - i > 1 { j -= 1 }
                pages.append(i..<j)
                i = j
            }
            return pages
        }
        // A sheet that fits a page of its own is not cut when what is above it surely fills page 1 to
        // 40 % and more: it goes whole to the next page (one sheet to scan). `firstRoom` is reckoned
        // on the high side of what is above (by up to a third), so it must be under 44 % of the page.
        let whole = head + rows.reduce(0) { $0 + $1.height } + lastTail <= room - min(after, room - head - lastTail)
        let ranges =
            (whole && firstRoom < room * 0.44 ? split(firstRoom: room) : split(firstRoom: firstRoom))
            ?? split(firstRoom: room) ?? [0..<rows.count]
        return ranges.enumerated().map { n, range in
            SheetLayout(
                m, strings: strings, metrics: metrics, paper: paper, rows: Array(rows[range]),
                page: n + 1, pages: ranges.count)
        }
    }

    /// The rows of the sheet, each with its height and how to place it.
    static func rows(_ m: PrintedWeek, strings: PatientStrings, metrics: Metrics) -> [Row] {
        let W = blockWidth
        let B = metrics.box
        let dates = m.days.compactMap { LocalDate($0.date) }
        let column = (W - firstDayColumn) / 7
        func dayX(_ d: Int) -> Double { firstDayColumn + Double(d) * column }
        // A day's boxes: `boxesPerCell` side by side, 0.6 mm apart (nearly 2 mm from the next day's);
        // more of them go on lines below, 1.6 mm apart, in reading order (session 1, 2, then 3 …).
        let across = max(1, metrics.boxesPerCell)
        let gap = 0.6
        let lineGap = 1.6
        func boxLines(_ n: Int) -> Int { max(1, (n + across - 1) / across) }
        func rowHeight(_ text: String, boxes: Int = 1) -> Double {
            let lines = min(metrics.maxLines, max(2, (text.count + metrics.lineChars - 1) / metrics.lineChars))
            let stack = Double(boxLines(boxes)) * (B + lineGap) - lineGap
            // 0.3 mm above the text, 0.5 mm to spare; room round the boxes.
            return max(stack + 2, Double(lines) * metrics.line + 0.8)
        }
        func cellBoxes(
            _ n: Int, day d: Int, rowY: Double, rowH: Double, into parts: inout Parts, meaning: (Int) -> Meaning
        ) {
            let lines = boxLines(n)
            let y0 = rowY + (rowH - (Double(lines) * (B + lineGap) - lineGap)) / 2
            for i in 0..<n {
                let line = i / across
                let onLine = min(across, n - line * across)
                let total = Double(onLine) * B + Double(onLine - 1) * gap
                let x = dayX(d) + (column - total) / 2 + Double(i % across) * (B + gap)
                parts.boxes.append(
                    Box(
                        rect: Rect(x: x, y: y0 + Double(line) * (B + lineGap), w: B, h: B),
                        meaning: meaning(i), day: d,
                        date: dates.indices.contains(d) ? dates[d] : LocalDate(dayNumber: 0)))
            }
        }
        var rows: [Row] = []
        for r in m.rows {
            let detail = r.detail
            let h = rowHeight(r.name + " – " + detail, boxes: r.cells.map(\.count).max() ?? 1)
            rows.append(
                Row(height: h) { y, parts in
                    parts.labels.append(
                        Label(rect: Rect(x: 0, y: y, w: labelWidth, h: h), text: r.name, detail: detail, style: .item))
                    parts.rules.append(Rect(x: 0, y: y, w: W, h: 0.3))
                    for (d, cell) in r.cells.enumerated() {
                        if cell.rest {
                            parts.shades.append(Rect(x: dayX(d), y: y, w: column, h: h))
                            parts.labels.append(
                                Label(
                                    rect: Rect(x: dayX(d), y: y, w: column, h: h), text: strings.say("grid.rest"),
                                    style: .rest))
                        } else if cell.count == 0 {
                            parts.labels.append(
                                Label(rect: Rect(x: dayX(d), y: y, w: column, h: h), text: "–", style: .none))
                        } else {
                            cellBoxes(cell.count, day: d, rowY: y, rowH: h, into: &parts) {
                                .session(item: r.exercise, session: 1 + $0)
                            }
                        }
                    }
                })
        }
        if m.nothingScheduled {
            rows.append(
                Row(height: 9.2) { y, parts in
                    parts.labels.append(
                        Label(rect: Rect(x: 0, y: y, w: W, h: 9.2), text: strings.say("scan.nothing"), style: .head))
                })
        }
        for habit in m.habits {
            let h = rowHeight(habit.name + " – " + habit.detail)
            rows.append(
                Row(height: h) { y, parts in
                    parts.labels.append(
                        Label(
                            rect: Rect(x: 0, y: y, w: labelWidth, h: h), text: habit.name, detail: habit.detail,
                            style: .item))
                    parts.rules.append(Rect(x: 0, y: y, w: W, h: 0.3))
                    for d in m.days.indices {
                        cellBoxes(1, day: d, rowY: y, rowH: h, into: &parts) { _ in
                            .habit(item: habit.exercise, loggable: habit.loggable)
                        }
                    }
                })
        }
        return rows
    }

    /// Lays out one page of a week's sheet with `rows`.
    init(_ m: PrintedWeek, strings: PatientStrings, metrics: Metrics, paper: Paper, rows: [Row], page: Int, pages: Int)
    {
        let W = Self.blockWidth
        let F = Self.mark
        let B = metrics.box
        let dates = m.days.compactMap { LocalDate($0.date) }
        let qr: Rect
        let height: Double
        let marks: [Rect]
        var parts = Parts()
        let side = Double(Self.modules) * Self.module
        var caption =
            strings.say("scan.caption")
            + (m.dailyLimit.map { " · " + strings.say("scan.daily-limit", ["limit": $0]) } ?? "")
        if page > 1 {
            caption =
                strings.say("scan.caption") + " · "
                + strings.say("scan.page", ["page": String(page), "pages": String(pages)])
        }
        parts.labels.append(
            Label(rect: Rect(x: F + 3, y: 0, w: W - 2 * F - 6, h: metrics.caption), text: caption, style: .caption))
        let top = metrics.caption + 1

        // The item rows.
        let column = (W - Self.firstDayColumn) / 7
        func dayX(_ d: Int) -> Double { Self.firstDayColumn + Double(d) * column }
        var y = top
        parts.labels.append(
            Label(
                rect: Rect(x: 0, y: y, w: Self.labelWidth, h: metrics.dayHead), text: strings.say("scan.exercise"),
                style: .head))
        for (d, day) in m.days.enumerated() {
            parts.labels.append(
                Label(
                    rect: Rect(x: dayX(d), y: y, w: column, h: metrics.dayHead), text: "\(day.short) \(day.day)",
                    style: .day))
        }
        y += metrics.dayHead + 0.5
        for row in rows {
            row.place(y, &parts)
            y += row.height
        }
        parts.rules.append(Rect(x: 0, y: y, w: W, h: 0.3))

        if page < pages {
            // Not the last page: its code left of the bottom-right mark (clear of it by more than its
            // quiet zone), the bottom marks level with its foot, and where the sheet goes on.
            y += 2
            qr = Rect(x: W - F - 4 - side, y: y, w: side, h: side)
            parts.labels.append(
                Label(
                    rect: Rect(x: F + 3, y: y, w: W - side - 2 * F - 14, h: side),
                    text: strings.say("scan.continues", ["page": String(page + 1), "pages": String(pages)]),
                    style: .head))
            height = y + side + 1
            marks = [
                Rect(x: 0, y: 0, w: F, h: F), Rect(x: W - F, y: 0, w: F, h: F),
                Rect(x: W - F, y: height - F, w: F, h: F), Rect(x: 0, y: height - F, w: F, h: F),
            ]
        } else {
            // Pain 0–10 and the warning sign, a row per day.
            y += 3
            let painX = metrics.painX
            let pitch = metrics.painPitch
            let warningX = metrics.warningX
            parts.labels.append(
                Label(
                    rect: Rect(x: 0, y: y, w: warningX - 10, h: metrics.footHead), text: strings.say("scan.pain"),
                    detail: strings.say("scan.pain-hint"), style: .head))
            parts.labels.append(
                Label(
                    rect: Rect(x: warningX - 8, y: y, w: W - warningX + 8, h: metrics.footHead),
                    text: strings.say("scan.warning"), style: .head))
            y += metrics.footHead
            for n in 0...10 {
                parts.labels.append(
                    Label(
                        rect: Rect(x: painX + Double(n) * pitch - 1, y: y, w: B + 2, h: metrics.numbers),
                        text: String(n), style: .number))
            }
            parts.labels.append(
                Label(
                    rect: Rect(x: warningX - 8, y: y, w: W - warningX + 8, h: metrics.numbers),
                    text: strings.say("scan.warning-hint"), style: .hint))
            y += metrics.numbers + 0.5
            let foot = Self.dayRows(top: y, metrics: metrics)
            qr = foot.qr
            for (d, day) in m.days.enumerated() {
                let date = dates.indices.contains(d) ? dates[d] : LocalDate(dayNumber: 0)
                parts.labels.append(
                    Label(
                        rect: Rect(x: 0, y: foot.warning[d].y - 0.2, w: foot.pain[d][0].x - 2, h: metrics.dayRow),
                        text: "\(day.short) \(day.day) \(day.month)", style: .day))
                for n in 0...10 {
                    parts.boxes.append(Box(rect: foot.pain[d][n], meaning: .pain(n), day: d, date: date))
                }
                parts.boxes.append(Box(rect: foot.warning[d], meaning: .warning, day: d, date: date))
            }
            height = foot.height
            marks = [Rect(x: 0, y: 0, w: F, h: F), Rect(x: W - F, y: 0, w: F, h: F)] + foot.bottomMarks
        }
        self.init(
            width: W, height: height, page: page, pages: pages, metrics: metrics, marks: marks, qr: qr,
            boxes: parts.boxes,
            labels: parts.labels, shades: parts.shades, rules: parts.rules, dates: dates, plan: m.planId, week: m.week,
            paper: paper)
    }
}
