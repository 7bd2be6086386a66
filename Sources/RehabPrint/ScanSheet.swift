import SheetGeometry

/// The scannable grid of a week's sheet as the HTML template sees it (`{{#scan}}`): every place in
/// millimetres as text ("12.40"), so the template writes `style="left:{{left}}mm;…"` and nothing
/// else. The geometry is `SheetLayout`'s; the template must not move what the scanner reads.
public struct ScanSheet: Sendable, Encodable {
    public struct Place: Sendable, Encodable, Equatable {
        public var left: String
        public var top: String
        public var width: String
        public var height: String
        /// Labels: the text, an item's dose and time after its name, and the label's kind (a CSS class).
        public var text: String?
        public var detail: String?
        public var kind: String?
    }

    public var width: String
    public var height: String
    /// The sheet page, from 1, of `pages`; `first` and `last` of them (a page after the first
    /// starts a new page of paper; the last holds the pain and warning rows).
    public var page: Int
    public var pages: Int
    public var first: Bool
    public var last: Bool
    /// The code's text, as in the QR symbol.
    public var code: String
    /// The QR symbol: its place, its size in modules and its dark modules as an SVG path.
    public var qr: Place
    public var qrModules: Int
    public var qrPath: String
    /// Corner marks, rest-day shading, lines between rows, labels and tick boxes.
    public var marks: [Place]
    public var shades: [Place]
    public var rules: [Place]
    public var labels: [Place]
    public var boxes: [Place]
    /// The geometry itself, for the scanner (not rendered).
    public var layout: SheetLayout

    public init?(_ layout: SheetLayout) {
        guard let symbol = QRSymbol(layout.code.description), symbol.size == SheetLayout.modules else { return nil }
        func mm(_ v: Double) -> String {
            let hundredths = Int((v * 100).rounded())
            let frac = hundredths % 100
            return "\(hundredths / 100).\(frac < 10 ? "0" : "")\(frac)"
        }
        func place(_ r: SheetLayout.Rect, text: String? = nil, detail: String? = nil, kind: String? = nil) -> Place {
            Place(left: mm(r.x), top: mm(r.y), width: mm(r.w), height: mm(r.h), text: text, detail: detail, kind: kind)
        }
        width = mm(layout.width)
        page = layout.page
        pages = layout.pages
        first = layout.page == 1
        last = layout.page == layout.pages
        height = mm(layout.height)
        code = layout.code.description
        qr = place(layout.qr)
        qrModules = symbol.size
        qrPath = symbol.path
        marks = layout.marks.map { place($0) }
        shades = layout.shades.map { place($0) }
        rules = layout.rules.map { place($0) }
        labels = layout.labels.map { place($0.rect, text: $0.text, detail: $0.detail, kind: $0.style.rawValue) }
        boxes = layout.boxes.map { place($0.rect, kind: $0.meaning == .warning ? "warning" : nil) }
        self.layout = layout
    }

    private enum CodingKeys: String, CodingKey {
        case width, height, page, pages, first, last, code, qr, qrModules, qrPath, marks, shades, rules, labels, boxes
    }
}
