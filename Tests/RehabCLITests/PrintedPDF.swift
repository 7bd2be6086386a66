import Foundation
import RehabKit
import RehabPrint
import RehabScan
import SheetGeometry
import TestSupport
import Testing

/// A printed week's PDF read back the way a reader and a scanner meet it: its pages as images
/// (`pdftoppm`), its words with their boxes (`pdftotext -bbox-layout`), and each page through the
/// sheet scanner. The print tests (`PrintPropertyTests`, `PrintLayoutRegressionTests`) judge the
/// layout from these, not from the model that made it.
struct PrintedPDF {
    struct Word {
        var text: String
        var x: Double, y: Double, w: Double, h: Double
    }

    struct Line {
        var page: Int
        var text: String
        var x: Double, y: Double
    }

    let path: String
    /// Page images at `dpi`.
    let images: [GrayImage]
    let dpi: Int
    /// Page size in points, and each page's words and lines (points from the top left).
    let pageWidth: Double, pageHeight: Double
    let words: [[Word]]
    let lines: [Line]

    init(_ path: String, dpi: Int = 150) throws {
        self.path = path
        self.dpi = dpi
        images = try PDFRaster.pages(file: path, dpi: dpi)
        let xml = try Subprocess.tool("pdftotext", ["-bbox-layout", path, "-"]).output
        var words: [[Word]] = []
        var lines: [Line] = []
        var width = 0.0
        var height = 0.0
        func attr(_ tag: Substring, _ name: String) -> Double {
            guard let r = tag.range(of: name + "=\"") else { return 0 }
            return Double(tag[r.upperBound...].prefix { $0 != "\"" }) ?? 0
        }
        for pageChunk in xml.components(separatedBy: "<page ").dropFirst() {
            let head = pageChunk.prefix { $0 != ">" }
            width = attr(head, "width")
            height = attr(head, "height")
            var pageWords: [Word] = []
            for lineChunk in pageChunk.components(separatedBy: "<line ").dropFirst() {
                var lineWords: [Word] = []
                for wordChunk in lineChunk.components(separatedBy: "<word ").dropFirst() {
                    let tag = wordChunk.prefix { $0 != ">" }
                    let text = wordChunk.drop { $0 != ">" }.dropFirst().prefix { $0 != "<" }
                    let x = attr(tag, "xMin")
                    let y = attr(tag, "yMin")
                    lineWords.append(
                        Word(
                            text: Self.unescape(String(text)), x: x, y: y, w: attr(tag, "xMax") - x,
                            h: attr(tag, "yMax") - y))
                }
                guard let first = lineWords.first else { continue }
                pageWords += lineWords
                lines.append(
                    Line(page: words.count, text: lineWords.map(\.text).joined(separator: " "), x: first.x, y: first.y))
            }
            words.append(pageWords)
        }
        pageWidth = width
        pageHeight = height
        self.words = words
        self.lines = lines
    }

    static func unescape(_ s: String) -> String {
        s.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&apos;", with: "'")
            .replacingOccurrences(of: "&amp;", with: "&")
    }

    var text: String { lines.map(\.text).joined(separator: "\n") }

    /// The share of a page's printable height (inside the 7 mm top and bottom margins) below its
    /// last dark pixel: how much of the page is left blank at its foot.
    func blankShare(_ page: Int) -> Double {
        let image = images[page]
        let margin = Int(7 / 25.4 * Double(dpi))
        var lowest = -1
        for y in stride(from: image.height - 1, through: 0, by: -1) {
            let row = image.pixels[(y * image.width)..<((y + 1) * image.width)]
            if row.contains(where: { $0 < 160 }) {
                lowest = y
                break
            }
        }
        let usable = Double(image.height - 2 * margin)
        return max(0, Double(image.height - margin - 1 - lowest)) / usable
    }

    /// Each page through the sheet scanner, with the sheet pages `models` printed as the layouts to
    /// read them by (the code names the page). Returns the sheets read, with the PDF page of each,
    /// and every problem.
    func scan(_ layouts: [SheetLayout]) -> (sheets: [(page: Int, read: SheetRead)], problems: [String]) {
        var sheets: [(Int, SheetRead)] = []
        var problems: [String] = []
        for (i, image) in images.enumerated() {
            let page = SheetScanner.read(image, preview: false) { code in
                guard let l = layouts.first(where: { $0.code == code }) else {
                    return .failure(ScanError("no sheet page with code \(code)"))
                }
                return .success(l)
            }
            sheets += page.sheets.map { (i, $0) }
            problems += page.problems.map { "page \(i + 1): \($0)" }
        }
        return (sheets, problems)
    }

    /// Where a card lies: the page and column (0 left, 1 right) of its title (after the cards'
    /// heading) and of the first words of its last line of text, found in reading order after the title. Nil where either is not found.
    func cardSpan(title: String, last: String) -> (start: (page: Int, column: Int), end: (page: Int, column: Int))? {
        func start(_ s: String) -> String { s.split(separator: " ").prefix(4).joined(separator: " ") }
        let probe = start(last)
        let title = start(title)
        // The cards follow their heading; the same name is on the sheet above it.
        let cards = lines.firstIndex { $0.text.hasPrefix("How to do your exercises") } ?? 0
        func column(_ l: Line) -> Int { l.x < pageWidth / 2 - 4 ? 0 : 1 }
        // pdftotext's order of text blocks is not always the columns' order: the last line is looked
        // for where the card's text can go on, below the title in its column or in a later column or
        // page (a line of another card, above or to the left, may read the same).
        func place(_ l: Line) -> (Int, Int, Double) { (l.page, column(l), l.y) }
        guard let t = lines[cards...].firstIndex(where: { $0.text.hasPrefix(title) }),
            let e = lines[t...].firstIndex(where: { $0.text.hasPrefix(probe) && place($0) >= place(lines[t]) })
        else { return nil }
        return ((lines[t].page, column(lines[t])), (lines[e].page, column(lines[e])))
    }
}
