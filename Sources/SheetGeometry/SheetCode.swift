/// What a printed week sheet's code says: which plan (a hash of its id, never a name), which week,
/// which layout version, and a hash of the sheet's geometry and meaning, so that a scan is read by
/// exactly the boxes that were printed. Written as a QR code:
/// `RHB:2:PLANHASH:WEEK:PAGE.PAGES:PRINT:CONTENTHASH` — the sheet page (a week's tick sheet longer than
/// a page of paper continues on a second sheet page with its own code) and how it was printed (`A` A4
/// or `L` Letter, then `N` normal or `L` large print), upper-case letters, digits, `.` and `:` only,
/// which libqrencode encodes in QR's alphanumeric mode (docs/TRACKING.md, "Scanning"). Layout 1's
/// codes (`RHB:1:PLANHASH:WEEK:CONTENTHASH`, one page, A4, normal print) still read, so that such a
/// sheet is refused by its version, not taken for something else.
public struct SheetCode: Sendable, Equatable, Hashable, CustomStringConvertible {
    /// The layout version of the sheet (`SheetLayout.version` when printed by this rehab).
    public var layout: Int
    /// `SheetCode.planHash(id)`: 10 hex digits.
    public var plan: String
    public var week: Int
    /// `SheetLayout.hash`: 8 hex digits.
    public var content: String
    /// The sheet page, from 1, of `pages` (1–9).
    public var page: Int
    public var pages: Int
    public var paper: Paper
    public var largePrint: Bool

    public init(
        layout: Int, plan: String, week: Int, content: String, page: Int = 1, pages: Int = 1,
        paper: Paper = .a4, largePrint: Bool = false
    ) {
        self.layout = layout
        self.plan = plan
        self.week = week
        self.content = content
        self.page = page
        self.pages = pages
        self.paper = paper
        self.largePrint = largePrint
    }

    public var description: String {
        layout == 1
            ? "RHB:1:\(plan):\(week):\(content)"
            : "RHB:\(layout):\(plan):\(week):\(page).\(pages):\(paper == .a4 ? "A" : "L")\(largePrint ? "L" : "N"):\(content)"
    }

    /// The code of the whole week's sheet, whichever page: pages of one sheet share it.
    public var sheet: String { "\(layout):\(plan):\(week):\(pages):\(paper.rawValue):\(largePrint)" }

    /// Reads a code's text; nil for anything that is not a rehab sheet code.
    public init?(_ text: String) {
        var parts = text.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 5 || parts.count == 7, parts[0] == "RHB", let layout = Int(parts[1]),
            (1...99).contains(layout),
            (layout == 1) == (parts.count == 5),
            parts[2].count == 10, parts[2].allSatisfy(\.isHexDigit),
            let week = Int(parts[3]), (1...9999).contains(week),
            let content = parts.last, content.count == 8, content.allSatisfy(\.isHexDigit)
        else { return nil }
        var (page, pages, paper, large) = (1, 1, Paper.a4, false)
        if parts.count == 7 {
            let p = parts[4].split(separator: ".", omittingEmptySubsequences: false).compactMap { Int($0) }
            parts[5] = parts[5].uppercased()
            guard p.count == 2, (1...9).contains(p[1]), (1...p[1]).contains(p[0]), parts[5].count == 2,
                let f = parts[5].first, "AL".contains(f), let l = parts[5].last, "NL".contains(l)
            else { return nil }
            (page, pages, paper, large) = (p[0], p[1], f == "A" ? .a4 : .letter, l == "L")
        }
        self.init(
            layout: layout, plan: parts[2].uppercased(), week: week, content: content.uppercased(),
            page: page, pages: pages, paper: paper, largePrint: large)
    }

    /// The plan id as the code carries it: 40 bits of FNV-1a, so the code names no one.
    public static func planHash(_ id: String) -> String {
        String(hex(fnv1a(id)).suffix(10))
    }

    static func hex(_ v: UInt64) -> String {
        let s = String(v, radix: 16, uppercase: true)
        return String(repeating: "0", count: 16 - s.count) + s
    }

    /// 64-bit FNV-1a over the UTF-8 bytes: stable across runs and machines (unlike `Hasher`).
    static func fnv1a(_ text: String) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in text.utf8 {
            h ^= UInt64(b)
            h = h &* 0x100_0000_01b3
        }
        return h
    }
}
