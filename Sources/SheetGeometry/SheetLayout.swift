import RehabKit

/// The geometry of a week's scannable sheet, in millimetres from the top-left corner of its grid
/// block: every tick box with what a tick in it means, the four corner marks and the code. `rehab
/// print` places the HTML by it and `rehab log scan` reads each box by it, so the two cannot differ
/// (RehabPrint lays a week's sheet out: `SheetLayout.pages`).
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

        public init(rect: Rect, meaning: Meaning, day: Int, date: LocalDate) {
            self.rect = rect
            self.meaning = meaning
            self.day = day
            self.date = date
        }

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

        public init(rect: Rect, text: String, detail: String? = nil, style: LabelStyle) {
            self.rect = rect
            self.text = text
            self.detail = detail
            self.style = style
        }
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
    public static let mark = 7.0
    public static let module = 0.9
    public static let firstDayColumn = 72.0
    public static let labelWidth = 70.0

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
        public var line: Double
        public var lineChars: Int
        public var maxLines: Int
        /// The caption between the top marks (two lines in large print), the day heads above the
        /// item rows, and the pain and warning heads.
        public var caption: Double
        public var dayHead: Double
        public var footHead: Double
        public var numbers: Double
        /// The pain scale's first box, the warning box, and a row per day.
        public var painX: Double
        public var warningX: Double
        public var dayRow: Double

        /// 12 pt words, 7.2 mm boxes, two a day's cell.
        public static let normal = Metrics(
            box: 7.2, warningBox: 8, boxesPerCell: 2, line: 4.5, lineChars: 26, maxLines: 4, caption: 7,
            dayHead: 7, footHead: 6.5, numbers: 6, painX: 34, warningX: 138, dayRow: 8.4)
        /// 16 pt words, 9.2 mm boxes, one a day's cell (two 9 mm boxes do not fit a day's column).
        public static let large = Metrics(
            box: 9.2, warningBox: 10, boxesPerCell: 1, line: 6, lineChars: 18, maxLines: 5, caption: 13,
            dayHead: 13, footHead: 13, numbers: 7, painX: 36, warningX: 149, dayRow: 10.6)
        public static func of(largePrint: Bool) -> Metrics { largePrint ? .large : .normal }
        public var painPitch: Double { box + (box > 8 ? 0.9 : 1.2) }
    }

    /// A page of a sheet laid out (`rehab print` lays out a week's, RehabPrint's `SheetLayout.pages`):
    /// its code made here, with the hash of what the scanner relies on.
    public init(
        width: Double, height: Double, page: Int, pages: Int, metrics: Metrics, marks: [Rect], qr: Rect,
        boxes: [Box], labels: [Label], shades: [Rect], rules: [Rect], dates: [LocalDate],
        plan: String, week: Int, paper: Paper
    ) {
        self.width = width
        self.height = height
        self.page = page
        self.pages = pages
        self.metrics = metrics
        self.marks = marks
        self.qr = qr
        self.boxes = boxes
        self.labels = labels
        self.shades = shades
        self.rules = rules
        self.dates = dates
        code = SheetCode(
            layout: Self.version, plan: SheetCode.planHash(plan), week: week,
            content: Self.contentHash(boxes: boxes, height: height, dates: dates, page: page, pages: pages),
            page: page, pages: pages, paper: paper, largePrint: metrics == .large)
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
        let W = blockWidth
        let F = mark
        let B = metrics.box
        let wb = metrics.warningBox
        let rowH = metrics.dayRow
        let side = Double(modules) * module
        // The QR code sits right of the warning boxes, clear of them by more than its 4-module quiet zone.
        let qr = Rect(x: W - 4 - side, y: top + 2, w: side, h: side)
        var pain: [[Rect]] = []
        var warning: [Rect] = []
        for d in 0..<7 {
            let y = top + Double(d) * rowH
            pain.append(
                (0...10).map { n in
                    Rect(x: metrics.painX + Double(n) * metrics.painPitch, y: y + (rowH - B) / 2, w: B, h: B)
                })
            warning.append(Rect(x: metrics.warningX, y: y + (rowH - wb) / 2, w: wb, h: wb))
        }
        let height = top + 7 * rowH + 2 + F
        return Foot(
            qr: qr, pain: pain, warning: warning,
            bottomMarks: [Rect(x: W - F, y: height - F, w: F, h: F), Rect(x: 0, y: height - F, w: F, h: F)],
            height: height)
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
