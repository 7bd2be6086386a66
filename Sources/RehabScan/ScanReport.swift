import Foundation
import RehabKit
import SheetGeometry

/// What a scan import read and did (`ScanImport`): the report of `rehab log scan`, its JSON (field
/// names in snake case, statuses as their raw values) and its HTML preview (`scan-preview.html`).
public struct ScanReport: Sendable, Encodable {
    /// Warning-sign boxes ticked or possibly ticked: first in every output.
    public var warnings: [Warning] = []
    public var sheets: [Sheet] = []
    public var problems: [Problem] = []
    /// Pages with no sheet code (card pages, blanks): skipped.
    public var skippedPages: [String] = []
    public var dryRun: Bool
    public var hasWarnings: Bool { !warnings.isEmpty }
    /// The warning boxes of sheets that could not be located, where no ink was seen (issue 23):
    /// "could not be read — ask the patient", never "possibly ticked".
    public var unreadWarnings: [Warning] = []

    public init(dryRun: Bool) { self.dryRun = dryRun }

    public struct Warning: Sendable, Encodable {
        public enum State: String, Sendable, Encodable, CustomStringConvertible {
            case ticked, uncertain
            /// On a sheet that could not be located (in `unreadWarnings`).
            case unread
            public var description: String { rawValue }
        }

        public var plan: String
        public var date: String
        public var state: State
        /// The state in words for people: "ticked", "POSSIBLY ticked (…: look at the sheet now)", or
        /// "could not be read — ask the patient".
        public var says: String
        public var source: String
        public var stored: Bool
    }

    public struct Problem: Sendable, Encodable {
        public var source: String
        public var message: String
    }

    public struct Sheet: Sendable, Encodable {
        public enum Status: String, Sendable, Encodable, CustomStringConvertible {
            case imported
            /// Complete, and nothing stored (`--dry-run`).
            case dryRun = "dry-run"
            /// Not imported yet: boxes to confirm, or a page of the week's sheet missing or waiting.
            case pending
            /// Not imported: in the scan twice, a week already logged, or refused by the log's checks.
            case refused
            public var description: String { rawValue }
        }

        public var source: String
        public var plan: String
        public var title: String
        public var week: Int
        public var layout: Int
        public var status: Status
        public var message: String?
        public var ticked: Int
        public var empty: Int
        public var uncertain: Int
        public var entries: Int
        public var boxes: [Box]
        /// Lines for an `--accept` file, one per uncertain box, to edit (ticked or empty).
        public var acceptLines: [String]
        /// Each uncertain box with its question (and, in HTML, its picture).
        public var questions: [Question] = []
        /// The straightened scan as a JPEG data URL (HTML only), with its size in millimetres.
        public var image: String?
        public var width: Double
        public var height: Double
    }

    public struct Box: Sendable, Encodable {
        public enum Kind: String, Sendable, Encodable, CustomStringConvertible {
            case session, habit, pain, warning
            public var description: String { rawValue }
        }

        public var id: String
        public var kind: Kind
        public var date: String
        public var state: MarkState
        public var confidence: Double
        public var ink: Double
        public var confirmed: Bool
        // Place in millimetres, for the preview.
        public var x: Double
        public var y: Double
        public var w: Double
        public var h: Double
        public var isUncertain: Bool
        public var isTicked: Bool
    }

    public static func boxes(_ reads: [BoxRead], confirmed: [String: Bool]) -> [Box] {
        reads.map { b in
            var state = b.state
            if let c = confirmed[b.box.id] { state = c ? .ticked : .empty }
            let kind: Box.Kind
            switch b.box.meaning {
            case .session: kind = .session
            case .habit: kind = .habit
            case .pain: kind = .pain
            case .warning: kind = .warning
            }
            return Box(
                id: b.box.id, kind: kind, date: b.box.date.description, state: state, confidence: b.confidence,
                ink: b.ink, confirmed: confirmed[b.box.id] != nil, x: b.box.rect.x, y: b.box.rect.y, w: b.box.rect.w,
                h: b.box.rect.h,
                isUncertain: state == .uncertain, isTicked: state == .ticked)
        }
    }

    /// Where a sheet was read: the file, and its page when it has several.
    public static func source(_ file: String, _ page: Int) -> String {
        UserText.plain(page > 0 ? "\(file) page \(page)" : file)
    }

    /// The question `--review` asks about a box, and the HTML preview shows beside its picture.
    public static func question(_ box: SheetLayout.Box) -> String {
        let day = "\(box.date.weekday.rawValue.capitalized) \(box.date)"
        switch box.meaning {
        case .session(let item, let session):
            return "\(day), \(item) (session \(session)): is the box ticked? [y/n, s to skip]"
        case .habit(let item, _): return "\(day), \(item): is the box ticked? [y/n, s to skip]"
        case .pain: return "\(day), pain: which number is ticked or circled? [0-10, n for none, s to skip]"
        case .warning: return "\(day), WARNING SIGN: is the box ticked? [y/n, s to skip]"
        }
    }

    /// Each uncertain box large: the straightened sheet round it, 6 mm each side, at 5 pixels a
    /// millimetre (the preview's), with its question.
    public struct Question: Sendable, Encodable {
        public var id: String
        public var question: String
        public var image: String?
    }

    public static func questions(_ reads: [BoxRead], confirmed: [String: Bool], preview: GrayImage?) -> [Question] {
        reads.filter { $0.state == .uncertain && confirmed[$0.box.id] == nil }.map { b in
            let r = b.box.rect
            let ppm = 5.0
            let margin = 6.0
            let crop = preview.flatMap { p -> GrayImage? in
                let x0 = max(0, Int((r.x - margin) * ppm))
                let y0 = max(0, Int((r.y - margin) * ppm))
                let x1 = min(p.width, Int((r.x + r.w + margin) * ppm))
                let y1 = min(p.height, Int((r.y + r.h + margin) * ppm))
                guard x1 > x0, y1 > y0 else { return nil }
                return GrayImage(
                    width: x1 - x0, height: y1 - y0,
                    pixels: (y0..<y1).flatMap { y in p.pixels[(y * p.width + x0)..<(y * p.width + x1)] })
            }
            return Question(id: b.box.id, question: question(b.box), image: crop.flatMap(dataURL))
        }
    }

    /// A grey image as a `data:image/jpeg;base64,…` URL.
    public static func dataURL(_ image: GrayImage) -> String? {
        guard let jpeg = try? ImageCodec.encodeJPEG(image, quality: 80) else { return nil }
        return "data:image/jpeg;base64," + Data(jpeg).base64EncodedString()
    }
}
