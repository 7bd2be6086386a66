import RehabKit

/// The geometry of a week's scannable sheet, in millimetres from the top-left corner of its grid
/// block: every tick box with what a tick in it means, the four corner marks and the code. `rehab
/// print` places the HTML by it and `rehab log scan` reads each box by it, so the two cannot differ.
///
/// Layout version 1 (docs/TRACKING.md, "Scanning"): a block 190 mm wide; solid 7 mm corner marks;
/// a row per item with up to two 7.2 mm boxes a day; then a row per day with
/// the pain scale 0–10 (eleven 7.2 mm boxes) and the warning-sign box (8 mm); the QR code right of them.
public struct SheetLayout: Sendable, Equatable {
    public static let version = 1

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
    public static let box = 7.2
    public static let warningBox = 8.0
    static let module = 0.9
    static let labelWidth = 70.0
    static let firstDayColumn = 72.0

    /// The QR symbol's size in modules: version 2 (25 × 25), error correction M, holds the code's
    /// 30 characters.
    public static let modules = 25

    /// Lays out a printed week's sheet.
    init(_ m: PrintedWeek, strings: PatientStrings) {
        let W = Self.blockWidth, F = Self.mark, B = Self.box
        let dates = m.days.compactMap { LocalDate($0.date) }
        self.dates = dates
        width = W
        var boxes: [Box] = [], labels: [Label] = [], shades: [Rect] = [], rules: [Rect] = []
        let planHash = SheetCode.planHash(m.planId)
        let side = Double(Self.modules) * Self.module
        labels.append(Label(rect: Rect(x: F + 3, y: 0, w: W - 2 * F - 6, h: F), text: strings.say("scan.caption")
                            + (m.dailyLimit.map { " · " + strings.say("scan.daily-limit", ["limit": $0]) } ?? ""), style: .caption))
        let top = F + 1

        // The item rows.
        let column = (W - Self.firstDayColumn) / 7
        func dayX(_ d: Int) -> Double { Self.firstDayColumn + Double(d) * column }
        var y = top
        labels.append(Label(rect: Rect(x: 0, y: y, w: Self.labelWidth, h: 7), text: strings.say("scan.exercise"), style: .head))
        for (d, day) in m.days.enumerated() {
            labels.append(Label(rect: Rect(x: dayX(d), y: y, w: column, h: 7), text: "\(day.short) \(day.day)", style: .day))
        }
        y += 7.5
        func rowHeight(_ text: String) -> Double {
            // About 30 characters a line at 12 pt in 70 mm, fewer where words wrap early: 26 is safe;
            // two lines at least, four at most (the label is clipped below that).
            let lines = min(4, max(2, (text.count + 25) / 26))
            // 12 pt at line height 1.05 is 4.45 mm a line; 0.3 mm above the text, 0.5 mm to spare.
            return max(9.2, Double(lines) * 4.5 + 0.8)
        }
        func cellBoxes(_ n: Int, day d: Int, rowY: Double, rowH: Double, meaning: (Int) -> Meaning) {
            // Two boxes of a day 0.6 mm apart, nearly 2 mm from the next day's.
            let total = Double(n) * B + Double(max(0, n - 1)) * 0.6
            let x0 = dayX(d) + (column - total) / 2
            for i in 0..<n {
                boxes.append(Box(rect: Rect(x: x0 + Double(i) * (B + 0.6), y: rowY + (rowH - B) / 2, w: B, h: B),
                                 meaning: meaning(i), day: d, date: dates.indices.contains(d) ? dates[d] : LocalDate(dayNumber: 0)))
            }
        }
        for r in m.rows {
            let detail = "\(r.dose), \(r.times)" + (r.inBrace ? ", " + strings.say("grid.in-brace") : "")
            let h = rowHeight(r.name + " – " + detail)
            labels.append(Label(rect: Rect(x: 0, y: y, w: Self.labelWidth, h: h), text: r.name, detail: detail, style: .item))
            rules.append(Rect(x: 0, y: y, w: W, h: 0.3))
            for (d, cell) in r.cells.enumerated() {
                if cell.rest {
                    shades.append(Rect(x: dayX(d), y: y, w: column, h: h))
                    labels.append(Label(rect: Rect(x: dayX(d), y: y, w: column, h: h), text: strings.say("grid.rest"), style: .rest))
                } else if cell.count == 0 {
                    labels.append(Label(rect: Rect(x: dayX(d), y: y, w: column, h: h), text: "–", style: .none))
                } else {
                    cellBoxes(cell.count, day: d, rowY: y, rowH: h) { .session(item: r.exercise, session: r.firstSession + $0) }
                }
            }
            y += h
        }
        if m.nothingScheduled {
            labels.append(Label(rect: Rect(x: 0, y: y, w: W, h: 9.2), text: strings.say("scan.nothing"), style: .head))
            y += 9.2
        }
        for habit in m.habits {
            let h = rowHeight(habit.name + " – " + habit.detail)
            labels.append(Label(rect: Rect(x: 0, y: y, w: Self.labelWidth, h: h), text: habit.name, detail: habit.detail, style: .item))
            rules.append(Rect(x: 0, y: y, w: W, h: 0.3))
            for d in m.days.indices {
                cellBoxes(1, day: d, rowY: y, rowH: h) { _ in .habit(item: habit.exercise, loggable: habit.loggable) }
            }
            y += h
        }

        // Pain 0–10 and the warning sign, a row per day.
        rules.append(Rect(x: 0, y: y, w: W, h: 0.3))
        y += 3
        let painX = Self.painX, pitch = Self.painPitch
        labels.append(Label(rect: Rect(x: 0, y: y, w: 128, h: 6.5), text: strings.say("scan.pain"), detail: strings.say("scan.pain-hint"), style: .head))
        labels.append(Label(rect: Rect(x: 130, y: y, w: W - 130, h: 6.5), text: strings.say("scan.warning"), style: .head))
        y += 6.5
        for n in 0...10 {
            labels.append(Label(rect: Rect(x: painX + Double(n) * pitch - 1, y: y, w: B + 2, h: 6), text: String(n), style: .number))
        }
        labels.append(Label(rect: Rect(x: 130, y: y, w: W - 130, h: 6), text: strings.say("scan.warning-hint"), style: .hint))
        y += 6.5
        let rows = Self.dayRows(top: y)
        qr = rows.qr
        for (d, day) in m.days.enumerated() {
            let date = dates.indices.contains(d) ? dates[d] : LocalDate(dayNumber: 0)
            labels.append(Label(rect: Rect(x: 0, y: rows.warning[d].y - 0.2, w: rows.pain[d][0].x - 2, h: Self.dayRowHeight), text: "\(day.short) \(day.day) \(day.month)", style: .day))
            for n in 0...10 { boxes.append(Box(rect: rows.pain[d][n], meaning: .pain(n), day: d, date: date)) }
            boxes.append(Box(rect: rows.warning[d], meaning: .warning, day: d, date: date))
        }
        height = rows.height
        marks = [Rect(x: 0, y: 0, w: F, h: F), Rect(x: W - F, y: 0, w: F, h: F)] + rows.bottomMarks
        self.boxes = boxes
        self.labels = labels
        self.shades = shades
        self.rules = rules
        code = SheetCode(layout: Self.version, plan: planHash, week: m.week, content: "00000000")
        code.content = Self.contentHash(boxes: boxes, height: height, dates: dates)
    }

    static let painX = 34.0
    static let painPitch = box + 1.2
    static let dayRowHeight = 8.4

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

    public static func dayRows(top: Double) -> Foot {
        let W = blockWidth, F = mark, B = box, wb = warningBox, rowH = dayRowHeight
        let side = Double(modules) * module
        // The QR code sits right of the warning boxes, clear of them by more than its 4-module quiet zone.
        let qr = Rect(x: W - 4 - side, y: top + 2, w: side, h: side)
        var pain: [[Rect]] = [], warning: [Rect] = []
        for d in 0..<7 {
            let y = top + Double(d) * rowH
            pain.append((0...10).map { n in Rect(x: painX + Double(n) * painPitch, y: y + (rowH - B) / 2, w: B, h: B) })
            warning.append(Rect(x: 138, y: y + (rowH - wb) / 2, w: wb, h: wb))
        }
        let height = top + 7 * rowH + 2 + F
        return Foot(qr: qr, pain: pain, warning: warning,
                    bottomMarks: [Rect(x: W - F, y: height - F, w: F, h: F), Rect(x: 0, y: height - F, w: F, h: F)], height: height)
    }

    /// A hash of what the scanner relies on: every box's place and meaning, the block's height and
    /// the dates (not the symbol's size, which follows from the code).
    static func contentHash(boxes: [Box], height: Double, dates: [LocalDate]) -> String {
        func r(_ v: Double) -> String { String(Int((v * 10).rounded())) }
        var text = "v\(version);h\(r(height));" + dates.map(\.description).joined(separator: ",")
        for b in boxes {
            text += ";\(b.id):\(r(b.rect.x)),\(r(b.rect.y)),\(r(b.rect.w))"
            if case .habit(_, false) = b.meaning { text += "!" }
        }
        return String(SheetCode.hex(SheetCode.fnv1a(text)).suffix(8))
    }
}
