import Foundation
import RehabKit

/// A contact sheet of drawn pictures (docs/images/pictures.html): every picture at its natural
/// size (the size a card prints it, up to 30 mm high) in a cell of a fixed grid on A4 pages, its
/// exercise's name and id under it, so that a physiotherapist reviews them at a glance. The
/// cells' places are fixed (`cell`), so a test can find each picture in the page rasterised.
public enum PictureSheet {
    /// Cell size and grid, in millimetres; A4 portrait without margins.
    public static let cellWidth = 66.0, cellHeight = 56.0, columns = 3, rows = 5, left = 6.0, top = 8.0

    public struct Entry: Sendable {
        public var id: String
        public var name: String
        public var svg: String
        public init(id: String, name: String, svg: String) {
            self.id = id
            self.name = name
            self.svg = svg
        }
    }

    /// The entries of every exercise of `workspace` with a picture, by id.
    public static func entries(_ workspace: Workspace) -> [Entry] {
        workspace.exercises.sorted { $0.id < $1.id }.compactMap { e in
            e.picture.map { Entry(id: e.id.rawValue, name: e.name, svg: FigureRenderer.svg($0.value, title: e.name)) }
        }
    }

    /// The page (0-based) and the top-left corner in millimetres of entry `index`'s picture.
    public static func cell(_ index: Int) -> (page: Int, x: Double, y: Double) {
        let perPage = columns * rows
        let i = index % perPage
        return (index / perPage, left + Double(i % columns) * cellWidth, top + Double(i / columns) * cellHeight)
    }

    /// The natural size of an SVG of the renderer, in CSS pixels (its width and height attributes).
    public static func size(_ svg: String) -> (width: Double, height: Double) {
        func attribute(_ name: String) -> Double {
            guard let r = svg.range(of: " \(name)=\"") else { return 0 }
            return Double(svg[r.upperBound...].prefix { $0 != "\"" }) ?? 0
        }
        return (attribute("width"), attribute("height"))
    }

    /// The sheet: self-contained HTML (pictures as `data:` images, no script, no external reference).
    public static func html(_ entries: [Entry], title: String = "Exercise pictures") -> String {
        let pages = (entries.count + columns * rows - 1) / (columns * rows)
        var body = ""
        for page in 0..<max(pages, 1) {
            body += "<section class=\"page\">\n"
            for (i, e) in entries.enumerated() where cell(i).page == page {
                let c = cell(i)
                let uri = "data:image/svg+xml;base64,\(Data(e.svg.utf8).base64EncodedString())"
                let (w, h) = size(e.svg)
                body +=
                    "<figure style=\"left: \(c.x)mm; top: \(c.y)mm\"><img src=\"\(uri)\" width=\"\(Int(w))\" height=\"\(Int(h))\" alt=\"\(escape(e.name))\">"
                    + "<figcaption>\(escape(e.name)) <code>\(escape(e.id))</code></figcaption></figure>\n"
            }
            body += "</section>\n"
        }
        return """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>\(escape(title))</title>
            <style>
            @page { size: A4; margin: 0; }
            body { margin: 0; font: 9pt sans-serif; }
            .page { position: relative; width: 210mm; height: 297mm; break-after: page; overflow: hidden; }
            figure { position: absolute; margin: 0; width: \(cellWidth - 4)mm; }
            figure img { display: block; max-width: \(cellWidth - 4)mm; max-height: \(cellHeight - 12)mm; }
            figcaption { margin-top: 1mm; }
            </style></head><body>
            \(body)</body></html>

            """
    }

    static func escape(_ s: String) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
