import Foundation
import TestSupport
import Testing

@testable import RehabPrint

/// A clinic's template that drops what every week must carry — a misspelt `{{#tiers}}`, a card
/// without its stop lines, a stop page without its precautions — fails the print, naming the line.
struct RequiredContentTests {
    static let bundled = RoutinePrinter.bundledTemplates

    /// The bundled text template with `from` replaced by `to`, as a clinic's.
    static func render(_ plan: String, replacing from: String, with to: String, week: Int = 1) throws -> Result<
        String, PrintError
    > {
        let clinic = try TemporaryWorkspace()
        let text = try String(contentsOfFile: bundled + "/routine.txt.mustache", encoding: .utf8)
        try #require(text.contains(from), "the bundled template has no '\(from)'")
        _ = try clinic.write("routine.txt.mustache", text.replacingOccurrences(of: from, with: to))
        let p = try Printing(templates: clinic.root)
        do {
            return .success(
                try p.printer.render(
                    try p.weeks(plan, 1...week).suffix(1), plan: try p.plan(plan), workspace: p.open.workspace,
                    format: .text, paper: .a4))
        } catch let error as PrintError {
            return .failure(error)
        }
    }

    @Test(arguments: [
        ("tiers}}", "tier}}", "gentle-start-osteopenia", "Acute oncology 24-hour line 555 0199"),
        (
            "{{#stop_if}}\n  - {{text}}", "{{#stop_if}}\n  - ", "braced-t10-metastasis",
            "You feel dizzy, faint or very breathless"
        ),
        (
            "{{#shared_stop_if}}\n  - {{text}}", "{{#shared_stop_if}}\n  - ", "braced-t10-metastasis",
            "New or worse back pain"
        ),
        (
            "== {{name}} ==\n{{summary}}\n{{#has_notes}}", "{{summary}}\n{{#has_notes}}", "suspected-cord-compression",
            "Tummy (diaphragm) breathing"
        ),
    ])
    func aTemplateThatDropsARequiredLineFails(_ c: (from: String, to: String, plan: String, line: String)) throws {
        switch try Self.render(c.plan, replacing: c.from, with: c.to) {
        case .success(let out):
            Issue.record("printed without '\(c.line)':\n\(out.prefix(600))")
        case .failure(let error):
            #expect(error.description.contains("left out '\(c.line)'"), "\(error)")
        }
    }

    @Test func theBundledTemplatesCarryEverything() throws {
        let p = try Printing()
        for plan in ["gentle-start-osteopenia", "braced-t10-metastasis", "suspected-cord-compression"] {
            for format in [PrintFormat.text, .md, .html] {
                let models = p.printer.models(
                    try p.weeks(plan, 1...2), plan: try p.plan(plan), workspace: p.open.workspace, paper: .a4,
                    cards: .all)
                let out = try p.printer.render(
                    try p.weeks(plan, 1...2), plan: try p.plan(plan), workspace: p.open.workspace, format: format,
                    paper: .a4, cards: .all)
                #expect(RequiredContent.missing(in: out, weeks: models, format: format) == nil, "\(plan) \(format)")
                #expect(!models.flatMap(\.tiers).isEmpty)
            }
        }
    }
}
