import RehabKit

/// The geometry of a week's scannable sheet, in millimetres from the top-left corner of its grid
/// block: every tick box with what a tick in it means, the four corner marks and the code. `rehab
/// print` places the HTML by it and `rehab log scan` reads each box by it, so the two cannot differ.
///
/// Layout version 2 (docs/TRACKING.md, "Scanning"): a block 190 mm wide; solid 7 mm corner marks;
/// a row per item with up to two 7.2 mm boxes a day (large print: one 9.2 mm box); then a row per day
/// with the pain scale 0–10 (eleven boxes) and the warning-sign box; the QR code right of them. A
/// sheet longer than its page of paper is cut between rows into sheet pages, each with its own four
/// marks and code (version 1 had one page only).
public struct SheetLayout: Sendable, Equatable {
    public static let version = 2

    public struct Rect: Sendable, Equatable, Hashable {
        public var x: Double, y: Double, w: Double, h: Double
        public init(x: Double, y: Double, w: Double, h: Double) {
            self.x = x
            self.y = y
            self.w = w
            self.h = h
        }
        public var centerX: Double { x + w / 2 }
        public var centerY: Double { y + h / 2 }
    }

    /// What a tick in a box means.
    public enum Meaning: Sendable, Equatable, Hashable {
        /// Session `session` of the day of the exercise logged as `item`.
        case session(item: String, session: Int)
        /// A daily habit; `loggable` false for the scheduler's own brace habit, which has no plan item.
        case habit(item: String, loggable: Bool)
        /// The day's pain, 0–10.
        case pain(Int)
        /// "Any warning sign today?"
        case warning
    }

    public struct Box: Sendable, Equatable {
        public var rect: Rect
        public var meaning: Meaning
        /// 0 for the week's first day.
        public var day: Int
        public var date: LocalDate
        /// A stable name for confirmations: `walking-gentle#1@2026-11-30`, `pain=4@…`, `warning@…`.
        public var id: String {
            switch meaning {
            case .session(let item, let session): return "\(item)#\(session)@\(date)"
            case .habit(let item, _): return "\(item)#1@\(date)"
            case .pain(let n): return "pain=\(n)@\(date)"
            case .warning: return "warning@\(date)"
            }
        }
    }

    public enum LabelStyle: String, Sendable {
        case caption, head, day, number, item, hint, rest, none
    }

    public struct Label: Sendable, Equatable {
        public var rect: Rect
        public var text: String
        /// The dose and time of an item row, after its name.
        public var detail: String?
        public var style: LabelStyle
    }

    public var width: Double
    public var height: Double
    /// The sheet page, from 1, of `pages`: a tick sheet longer than a page of paper continues on
    /// another sheet page with its own marks and code (the last page holds the pain and warning rows).
    public var page: Int
    public var pages: Int
    public var metrics: Metrics
    /// Corner marks: top left, top right, bottom right, bottom left.
    public var marks: [Rect]
    /// The QR symbol itself (its quiet zone is the white around it).
    public var qr: Rect
    public var code: SheetCode
    public var boxes: [Box]
    public var labels: [Label]
    /// Rest-day cells, shaded grey.
    public var shades: [Rect]
    /// Thin lines between the item rows, so a row's boxes are read with its name.
    public var rules: [Rect]
    public var dates: [LocalDate]

    // Fixed sizes (mm).
    public static let blockWidth = 190.0
    static let mark = 7.0
    static let module = 0.9
    static let firstDayColumn = 72.0
    static let labelWidth = 70.0

    /// The QR symbol's size in modules: version 2 (25 × 25), error correction M, holds the code's
    /// 37 characters at most.
    public static let modules = 25

    /// The sizes that large print changes (docs/PRINTING.md, "Legibility"): the boxes, the rows'
    /// words and the day rows. The code says which was printed, so the scanner lays out the same.
    public struct Metrics: Sendable, Equatable {
        /// A tick box's side, and the warning box's.
        public var box: Double
        public var warningBox: Double
        /// Boxes side by side in a day's cell at most (an item done more often a day stacks them on
        /// lines below, in one taller row).
        public var boxesPerCell: Int
        /// An item row's words: millimetres a line (at line height 1.05), characters a line of the
        /// 70 mm name column (fewer than fit, as words wrap early), lines at most (clipped below).
        var line: Double
        var lineChars: Int
        var maxLines: Int
        /// The caption between the top marks (two lines in large print), the day heads above the
        /// item rows, and the pain and warning heads.
        var caption: Double
        var dayHead: Double
        var footHead: Double
        var numbers: Double
        /// The pain scale's first box, the warning box, and a row per day.
        var painX: Double
        var warningX: Double
        var dayRow: Double

        /// 12 pt words, 7.2 mm boxes, two a day's cell.
        public static let normal = Metrics(box: 7.2, warningBox: 8, boxesPerCell: 2, line: 4.5, lineChars: 26, maxLines: 4, caption: 7,
                                           dayHead: 7, footHead: 6.5, numbers: 6, painX: 34, warningX: 138, dayRow: 8.4)
        /// 16 pt words, 9.2 mm boxes, one a day's cell (two 9 mm boxes do not fit a day's column).
        public static let large = Metrics(box: 9.2, warningBox: 10, boxesPerCell: 1, line: 6, lineChars: 18, maxLines: 5, caption: 13,
                                          dayHead: 13, footHead: 13, numbers: 7, painX: 36, warningX: 149, dayRow: 10.6)
        public static func of(largePrint: Bool) -> Metrics { largePrint ? .large : .normal }
        var painPitch: Double { box + (box > 8 ? 0.9 : 1.2) }
    }

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
    static func pages(_ m: PrintedWeek, strings: PatientStrings, metrics: Metrics, paper: Paper,
                      firstRoom: Double, room: Double, after: Double) -> [SheetLayout] {
        let rows = Self.rows(m, strings: strings, metrics: metrics)
        let head = metrics.caption + 1 + metrics.dayHead + 0.5
        let lastTail = 0.3 + 3 + metrics.footHead + metrics.numbers + 0.5 + dayRows(top: 0, metrics: metrics).height
        let moreTail = 0.3 + 2 + Double(modules) * module + 1
        func split(firstRoom: Double) -> [Range<Int>]? {
            var pages: [Range<Int>] = [], i = 0
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
                var j = i, used = 0.0
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
        let ranges = (whole && firstRoom < room * 0.44 ? split(firstRoom: room) : split(firstRoom: firstRoom))
            ?? split(firstRoom: room) ?? [0..<rows.count]
        return ranges.enumerated().map { n, range in
            SheetLayout(m, strings: strings, metrics: metrics, paper: paper, rows: Array(rows[range]),
                        page: n + 1, pages: ranges.count)
        }
    }

    /// The rows of the sheet, each with its height and how to place it.
    static func rows(_ m: PrintedWeek, strings: PatientStrings, metrics: Metrics) -> [Row] {
        let W = blockWidth, B = metrics.box
        let dates = m.days.compactMap { LocalDate($0.date) }
        let column = (W - firstDayColumn) / 7
        func dayX(_ d: Int) -> Double { firstDayColumn + Double(d) * column }
        // A day's boxes: `boxesPerCell` side by side, 0.6 mm apart (nearly 2 mm from the next day's);
        // more of them go on lines below, 1.6 mm apart, in reading order (session 1, 2, then 3 …).
        let across = max(1, metrics.boxesPerCell), gap = 0.6, lineGap = 1.6
        func boxLines(_ n: Int) -> Int { max(1, (n + across - 1) / across) }
        func rowHeight(_ text: String, boxes: Int = 1) -> Double {
            let lines = min(metrics.maxLines, max(2, (text.count + metrics.lineChars - 1) / metrics.lineChars))
            let stack = Double(boxLines(boxes)) * (B + lineGap) - lineGap
            // 0.3 mm above the text, 0.5 mm to spare; room round the boxes.
            return max(stack + 2, Double(lines) * metrics.line + 0.8)
        }
        func cellBoxes(_ n: Int, day d: Int, rowY: Double, rowH: Double, into parts: inout Parts, meaning: (Int) -> Meaning) {
            let lines = boxLines(n)
            let y0 = rowY + (rowH - (Double(lines) * (B + lineGap) - lineGap)) / 2
            for i in 0..<n {
                let line = i / across, onLine = min(across, n - line * across)
                let total = Double(onLine) * B + Double(onLine - 1) * gap
                let x = dayX(d) + (column - total) / 2 + Double(i % across) * (B + gap)
                parts.boxes.append(Box(rect: Rect(x: x, y: y0 + Double(line) * (B + lineGap), w: B, h: B),
                                       meaning: meaning(i), day: d, date: dates.indices.contains(d) ? dates[d] : LocalDate(dayNumber: 0)))
            }
        }
        var rows: [Row] = []
        for r in m.rows {
            let detail = "\(r.dose), \(r.times)" + (r.inBrace ? ", " + strings.say("grid.in-brace") : "")
            let h = rowHeight(r.name + " – " + detail, boxes: r.cells.map(\.count).max() ?? 1)
            rows.append(Row(height: h) { y, parts in
                parts.labels.append(Label(rect: Rect(x: 0, y: y, w: labelWidth, h: h), text: r.name, detail: detail, style: .item))
                parts.rules.append(Rect(x: 0, y: y, w: W, h: 0.3))
                for (d, cell) in r.cells.enumerated() {
                    if cell.rest {
                        parts.shades.append(Rect(x: dayX(d), y: y, w: column, h: h))
                        parts.labels.append(Label(rect: Rect(x: dayX(d), y: y, w: column, h: h), text: strings.say("grid.rest"), style: .rest))
                    } else if cell.count == 0 {
                        parts.labels.append(Label(rect: Rect(x: dayX(d), y: y, w: column, h: h), text: "–", style: .none))
                    } else {
                        cellBoxes(cell.count, day: d, rowY: y, rowH: h, into: &parts) { .session(item: r.exercise, session: 1 + $0) }
                    }
                }
            })
        }
        if m.nothingScheduled {
            rows.append(Row(height: 9.2) { y, parts in
                parts.labels.append(Label(rect: Rect(x: 0, y: y, w: W, h: 9.2), text: strings.say("scan.nothing"), style: .head))
            })
        }
        for habit in m.habits {
            let h = rowHeight(habit.name + " – " + habit.detail)
            rows.append(Row(height: h) { y, parts in
                parts.labels.append(Label(rect: Rect(x: 0, y: y, w: labelWidth, h: h), text: habit.name, detail: habit.detail, style: .item))
                parts.rules.append(Rect(x: 0, y: y, w: W, h: 0.3))
                for d in m.days.indices {
                    cellBoxes(1, day: d, rowY: y, rowH: h, into: &parts) { _ in .habit(item: habit.exercise, loggable: habit.loggable) }
                }
            })
        }
        return rows
    }

    /// Lays out one page of a week's sheet with `rows`.
    init(_ m: PrintedWeek, strings: PatientStrings, metrics: Metrics, paper: Paper, rows: [Row], page: Int, pages: Int) {
        let W = Self.blockWidth, F = Self.mark, B = metrics.box
        let dates = m.days.compactMap { LocalDate($0.date) }
        self.dates = dates
        self.metrics = metrics
        self.page = page
        self.pages = pages
        width = W
        var parts = Parts()
        let side = Double(Self.modules) * Self.module
        var caption = strings.say("scan.caption") + (m.dailyLimit.map { " · " + strings.say("scan.daily-limit", ["limit": $0]) } ?? "")
        if page > 1 { caption = strings.say("scan.caption") + " · " + strings.say("scan.page", ["page": String(page), "pages": String(pages)]) }
        parts.labels.append(Label(rect: Rect(x: F + 3, y: 0, w: W - 2 * F - 6, h: metrics.caption), text: caption, style: .caption))
        let top = metrics.caption + 1

        // The item rows.
        let column = (W - Self.firstDayColumn) / 7
        func dayX(_ d: Int) -> Double { Self.firstDayColumn + Double(d) * column }
        var y = top
        parts.labels.append(Label(rect: Rect(x: 0, y: y, w: Self.labelWidth, h: metrics.dayHead), text: strings.say("scan.exercise"), style: .head))
        for (d, day) in m.days.enumerated() {
            parts.labels.append(Label(rect: Rect(x: dayX(d), y: y, w: column, h: metrics.dayHead), text: "\(day.short) \(day.day)", style: .day))
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
            parts.labels.append(Label(rect: Rect(x: F + 3, y: y, w: W - side - 2 * F - 14, h: side),
                                      text: strings.say("scan.continues", ["page": String(page + 1), "pages": String(pages)]), style: .head))
            height = y + side + 1
            marks = [Rect(x: 0, y: 0, w: F, h: F), Rect(x: W - F, y: 0, w: F, h: F),
                     Rect(x: W - F, y: height - F, w: F, h: F), Rect(x: 0, y: height - F, w: F, h: F)]
        } else {
            // Pain 0–10 and the warning sign, a row per day.
            y += 3
            let painX = metrics.painX, pitch = metrics.painPitch, warningX = metrics.warningX
            parts.labels.append(Label(rect: Rect(x: 0, y: y, w: warningX - 10, h: metrics.footHead), text: strings.say("scan.pain"), detail: strings.say("scan.pain-hint"), style: .head))
            parts.labels.append(Label(rect: Rect(x: warningX - 8, y: y, w: W - warningX + 8, h: metrics.footHead), text: strings.say("scan.warning"), style: .head))
            y += metrics.footHead
            for n in 0...10 {
                parts.labels.append(Label(rect: Rect(x: painX + Double(n) * pitch - 1, y: y, w: B + 2, h: metrics.numbers), text: String(n), style: .number))
            }
            parts.labels.append(Label(rect: Rect(x: warningX - 8, y: y, w: W - warningX + 8, h: metrics.numbers), text: strings.say("scan.warning-hint"), style: .hint))
            y += metrics.numbers + 0.5
            let foot = Self.dayRows(top: y, metrics: metrics)
            qr = foot.qr
            for (d, day) in m.days.enumerated() {
                let date = dates.indices.contains(d) ? dates[d] : LocalDate(dayNumber: 0)
                parts.labels.append(Label(rect: Rect(x: 0, y: foot.warning[d].y - 0.2, w: foot.pain[d][0].x - 2, h: metrics.dayRow), text: "\(day.short) \(day.day) \(day.month)", style: .day))
                for n in 0...10 { parts.boxes.append(Box(rect: foot.pain[d][n], meaning: .pain(n), day: d, date: date)) }
                parts.boxes.append(Box(rect: foot.warning[d], meaning: .warning, day: d, date: date))
            }
            height = foot.height
            marks = [Rect(x: 0, y: 0, w: F, h: F), Rect(x: W - F, y: 0, w: F, h: F)] + foot.bottomMarks
        }
        boxes = parts.boxes
        labels = parts.labels
        shades = parts.shades
        rules = parts.rules
        code = SheetCode(layout: Self.version, plan: SheetCode.planHash(m.planId), week: m.week, content: "00000000",
                         page: page, pages: pages, paper: paper, largePrint: metrics == .large)
        code.content = Self.contentHash(boxes: boxes, height: height, dates: dates, page: page, pages: pages)
    }

    /// The foot of the sheet, a row per day from `top`: pain boxes, warning boxes, the QR code right
    /// of them and the two bottom corner marks. Its geometry does not depend on the rows above, so a
    /// sheet whose item rows cannot be trusted (a week changed since printing) can still have its
    /// warning boxes read from the code and the bottom marks alone (`SheetLocator.locateFoot`).
    public struct Foot: Sendable {
        public var qr: Rect
        public var pain: [[Rect]]
        public var warning: [Rect]
        /// Bottom right, bottom left.
        public var bottomMarks: [Rect]
        public var height: Double
    }

    public static func dayRows(top: Double, metrics: Metrics) -> Foot {
        let W = blockWidth, F = mark, B = metrics.box, wb = metrics.warningBox, rowH = metrics.dayRow
        let side = Double(modules) * module
        // The QR code sits right of the warning boxes, clear of them by more than its 4-module quiet zone.
        let qr = Rect(x: W - 4 - side, y: top + 2, w: side, h: side)
        var pain: [[Rect]] = [], warning: [Rect] = []
        for d in 0..<7 {
            let y = top + Double(d) * rowH
            pain.append((0...10).map { n in Rect(x: metrics.painX + Double(n) * metrics.painPitch, y: y + (rowH - B) / 2, w: B, h: B) })
            warning.append(Rect(x: metrics.warningX, y: y + (rowH - wb) / 2, w: wb, h: wb))
        }
        let height = top + 7 * rowH + 2 + F
        return Foot(qr: qr, pain: pain, warning: warning,
                    bottomMarks: [Rect(x: W - F, y: height - F, w: F, h: F), Rect(x: 0, y: height - F, w: F, h: F)], height: height)
    }

    /// A hash of what the scanner relies on: every box's place and meaning, the block's height and
    /// the dates (not the symbol's size, which follows from the code).
    static func contentHash(boxes: [Box], height: Double, dates: [LocalDate], page: Int, pages: Int) -> String {
        func r(_ v: Double) -> String { String(Int((v * 10).rounded())) }
        var text = "v\(version);p\(page)/\(pages);h\(r(height));" + dates.map(\.description).joined(separator: ",")
        for b in boxes {
            text += ";\(b.id):\(r(b.rect.x)),\(r(b.rect.y)),\(r(b.rect.w))"
            if case .habit(_, false) = b.meaning { text += "!" }
        }
        return String(SheetCode.hex(SheetCode.fnv1a(text)).suffix(8))
    }
}
