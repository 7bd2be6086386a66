import Foundation
import Mustache
import RehabKit

/// What every printed week must carry, checked in the rendered output itself: the stop-and-call
/// tiers (headings and signs), the stop lines of the cards and of the "For every exercise" box, and on
/// a stop page the precautions to keep doing. A template — bundled or a clinic's — that misspells a
/// section (`{{#tier}}`), leaves one out or hides it fails the print with the line it dropped, instead
/// of printing a sheet without it (fail closed).
///
/// One list (`lines(of:)`), two checks: in the text, Markdown or HTML the template wrote (`missing(in:)`),
/// and, for a PDF, in the text the printed PDF shows (`missing(inPDFText:)`), so that a stylesheet
/// hiding a box (`display: none`) is caught too.
enum RequiredContent {
    /// The lines a printed week must show, in the order they are looked for. Something else the patient
    /// must always read (a number to call) is one more line here.
    static func lines(of week: PrintedWeek) -> [String] {
        // The urgent number (the 24-hour line), and the stop-and-call box: each tier's heading — its one
        // action with its number — and its signs.
        var required = [week.urgentContact] + week.tiers.flatMap { [$0.heading] + $0.lines.map(\.text) }
        if week.blocked {
            // The stop page: the precautions to keep doing until seen.
            required += week.precautions.map(\.name)
        } else {
            // The stop lines of the "For every exercise" box and of each card.
            required +=
                week.sharedStopIf.map(\.text) + week.cardPages.flatMap(\.cards).flatMap { $0.stopIf.map(\.text) }
            // What did not fit the week is said on the sheet, never left out in silence.
            required += week.notThisWeek.map(\.text)
        }
        return required
    }

    /// The first required line the output lacks, or nil when every one is there.
    static func missing(in output: String, weeks: [PrintedWeek], format: PrintFormat) -> String? {
        for week in weeks {
            for text in lines(of: week) where !output.contains(escaped(text, format)) { return text }
        }
        return nil
    }

    /// The first required line the text of a printed PDF (from `pdftotext`) lacks, or nil. Both sides
    /// are compared as `comparable` makes them, since a PDF's text differs from the page's in ways a
    /// reader does not see.
    static func missing(inPDFText text: String, weeks: [PrintedWeek]) -> String? {
        let shown = comparable(text)
        for week in weeks {
            for line in lines(of: week) where !shown.contains(comparable(line)) { return line }
        }
        return nil
    }

    /// A text as compared with a PDF's: compatibility forms (ligatures such as "ﬁ" as "fi"), case
    /// folded (a stylesheet may set capitals), and without whitespace, hyphens, soft hyphens and other
    /// invisible characters — a PDF's lines break where the page wraps, a word broken at a hyphen loses
    /// the space after it, and the letters a patient reads stay what they were.
    static func comparable(_ s: String) -> String {
        let folded = s.precomposedStringWithCompatibilityMapping.lowercased()
        var out = String.UnicodeScalarView()
        for u in folded.unicodeScalars {
            if u.properties.isWhitespace || UserText.isControlOrInvisible(u) { continue }
            if u == "-" || u.properties.generalCategory == .dashPunctuation { continue }
            out.append(u)
        }
        return String(out)
    }

    /// A text as the format's escaping writes it: `UserText` for text and Markdown, and for HTML
    /// Mustache's own escaping of `UserText.plain` (what `TemplateValue` hands it), through a one-tag
    /// template (so the check can never disagree with the renderer; were it ever to fail, the unescaped
    /// text is looked for, which fails closed).
    static func escaped(_ text: String, _ format: PrintFormat) -> String {
        switch format {
        case .text: return UserText.plain(text)
        case .md: return UserText.markdown(text)
        case .html, .pdf: return htmlTag?.render(["text": UserText.plain(text)]) ?? text
        }
    }

    static let htmlTag = try? MustacheTemplate(string: "{{text}}")
}
