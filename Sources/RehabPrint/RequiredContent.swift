import Mustache
import RehabKit

/// What every printed week must carry, checked in the rendered output itself: the stop-and-call
/// tiers (headings and signs), the stop lines of the cards and of the "For every exercise" box, and on
/// a stop page the precautions to keep doing. A template — bundled or a clinic's — that misspells a
/// section (`{{#tier}}`), leaves one out or hides it fails the print with the line it dropped, instead
/// of printing a sheet without it (fail closed).
enum RequiredContent {
    /// The first required line the output lacks, or nil when every one is there.
    static func missing(in output: String, weeks: [PrintedWeek], format: PrintFormat) -> String? {
        for week in weeks {
            // The tiers' headings carry the numbers: the urgent line in "now", the team's in "today".
            var required = week.tiers.flatMap { [$0.heading] + $0.lines.map(\.text) }
            if week.blocked {
                required += week.precautions.map(\.name)
            } else {
                required += week.sharedStopIf.map(\.text) + week.cardPages.flatMap(\.cards).flatMap { $0.stopIf.map(\.text) }
                // What did not fit the week is said on the sheet, never left out in silence.
                required += week.notThisWeek.map(\.text)
            }
            for text in required where !output.contains(escaped(text, format)) { return text }
        }
        return nil
    }

    /// A text as the format's escaping writes it: `UserText` for text and Markdown, and for HTML
    /// Mustache's own escaping, through a one-tag template (so the check can never disagree with the
    /// renderer; were it ever to fail, the unescaped text is looked for, which fails closed).
    static func escaped(_ text: String, _ format: PrintFormat) -> String {
        switch format {
        case .text: return UserText.plain(text)
        case .md: return UserText.markdown(text)
        case .html, .pdf: return htmlTag?.render(["text": text]) ?? text
        }
    }

    static let htmlTag = try? MustacheTemplate(string: "{{text}}")
}
