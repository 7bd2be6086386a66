import Foundation
import Mustache
import RehabKit
import SheetGeometry

/// Output formats of `rehab print`.
public enum PrintFormat: String, CaseIterable, Sendable {
    case text, md, html, pdf
}

public struct PrintError: Error, Sendable, CustomStringConvertible {
    public var description: String
    /// `file:line:col` when the error lies in a template.
    public var location: String?

    public init(_ description: String, at location: String? = nil) {
        self.description = description
        self.location = location
    }

    /// The line the CLI prints: `file:line:col: error: …` when located, else `error: …`.
    public var formatted: String {
        (location.map { "\($0): " } ?? "") + "error: " + description
    }
}

/// Renders printed weeks with Mustache templates: the bundled defaults (`Templates/`), any of
/// which a clinic replaces by a file of the same name in its own folder (`--template DIR`):
/// `routine.html.mustache`, `routine.md.mustache`, `routine.txt.mustache`, `style.mustache`,
/// `red-flags.txt` (the stop-and-call signs in tiers), `strings.txt` (the fixed phrases, `PatientStrings`).
public struct RoutinePrinter: Sendable {
    let library: MustacheLibrary
    let style: String
    /// The stop-and-call signs (`red-flags.txt`), in three tiers.
    let signs: StopAndCall
    /// The fixed phrases (`strings.txt`): the bundled table with the clinic's lines over it.
    let strings: PatientStrings

    /// The folder of the bundled templates.
    public static var bundledTemplates: String {
        Bundle.module.resourceURL!.appendingPathComponent("Templates").path
    }

    /// Loads the bundled templates, then the clinic's `overrides` folder on top.
    public init(overrides: String? = nil) throws(PrintError) {
        var files: [String: String] = [:]
        var paths: [String: String] = [:]
        var strings: PatientStrings?
        for dir in [Self.bundledTemplates] + (overrides.map { [$0] } ?? []) {
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: dir) else {
                throw PrintError("template folder '\(dir)' cannot be read")
            }
            for name in names where name.hasSuffix(".mustache") || name == "red-flags.txt" || name == "strings.txt" {
                // Through FileSystem.read: a pipe or device named like a template never blocks or balloons.
                guard let bytes = try? FileSystem.read(dir + "/" + name, limit: 1 << 20),
                    let text = String(validating: bytes, as: UTF8.self)
                else {
                    throw PrintError("template '\(dir)/\(name)' is not readable UTF-8 text")
                }
                if name == "strings.txt" {
                    // The clinic's table over the bundled one: it need hold only the lines it changes.
                    strings = try PatientStrings(text: text, file: dir + "/" + name, over: strings)
                    continue
                }
                files[name] = text
                paths[name] = dir + "/" + name
            }
        }
        guard let strings else {
            throw PrintError(
                "no strings.txt: the printer's phrases are missing from the bundled templates",
                at: Self.bundledTemplates)
        }
        var library = MustacheLibrary()
        for (name, text) in files.sorted(by: { $0.key < $1.key }) where name.hasSuffix(".mustache") {
            do {
                try library.register(text, named: String(name.dropLast(".mustache".count)))
            } catch {
                throw TemplateCheck.parseError(error, file: paths[name] ?? name)
            }
        }
        let templates = files.filter { $0.key.hasSuffix(".mustache") }
        try TemplateCheck.checkPartials(
            Dictionary(uniqueKeysWithValues: templates.map { (String($0.key.dropLast(".mustache".count)), $0.value) }),
            paths: Dictionary(
                uniqueKeysWithValues: templates.map {
                    (String($0.key.dropLast(".mustache".count)), paths[$0.key] ?? $0.key)
                }))
        self.library = library
        self.style = files["style.mustache"] ?? ""
        let signsFile = paths["red-flags.txt"] ?? (overrides ?? Self.bundledTemplates) + "/red-flags.txt"
        guard let signsText = files["red-flags.txt"] else {
            throw PrintError("no red-flags.txt: the stop-and-call box needs its signs, one a line", at: signsFile)
        }
        self.signs = try StopAndCall(text: signsText, file: signsFile)
        self.strings = strings
    }

    /// The view model of each week: a routine, or the one blocked page when the check blocks the plan.
    /// `previous`: the week before the first one printed, if any (for `cards: .new`).
    public func models(
        _ weeks: [WeekSchedule], plan: Plan, workspace: Workspace, paper: Paper,
        imageBase: String? = nil, cards: CardPolicy = .new, previous: WeekSchedule? = nil,
        largePrint: Bool = false
    ) -> [PrintedWeek] {
        let builder = PrintModel(
            plan: plan, workspace: workspace, paper: paper, signs: signs, strings: strings, largePrint: largePrint)
        return weeks.enumerated().map { i, s in
            var m =
                s.safety.status == .blocked
                ? builder.blockedPage(s)
                : builder.week(
                    s, imageBase: imageBase, cards: cards.chosen(s, previous: i == 0 ? previous : weeks[i - 1]))
            m.first = i == 0
            return m
        }
    }

    /// Renders weeks as text, Markdown or HTML. (PDF is HTML through a browser: see `PDFPrinter`.)
    public func render(
        _ weeks: [WeekSchedule], plan: Plan, workspace: Workspace, format: PrintFormat, paper: Paper,
        imageBase: String? = nil, cards: CardPolicy = .new, previous: WeekSchedule? = nil,
        largePrint: Bool = false
    ) throws(PrintError) -> String {
        let models = models(
            weeks, plan: plan, workspace: workspace, paper: paper, imageBase: imageBase, cards: cards,
            previous: previous,
            largePrint: largePrint)
        return try render(models, plan: plan, format: format, paper: paper, largePrint: largePrint)
    }

    /// Prints weeks to PDF (HTML through the browser, see `PDFPrinter`), then reads the PDF's text back
    /// and refuses a PDF that does not show every line `RequiredContent` requires — a clinic stylesheet
    /// that hides the stop-and-call box or the precautions prints nothing.
    public func renderPDF(
        _ weeks: [WeekSchedule], plan: Plan, workspace: Workspace, paper: Paper,
        imageBase: String? = nil, cards: CardPolicy = .new, previous: WeekSchedule? = nil,
        largePrint: Bool = false, timeout: Double = PDFPrinter.defaultTimeout
    ) throws(PrintError) -> [UInt8] {
        let models = models(
            weeks, plan: plan, workspace: workspace, paper: paper, imageBase: imageBase, cards: cards,
            previous: previous,
            largePrint: largePrint)
        let html = try render(models, plan: plan, format: .pdf, paper: paper, largePrint: largePrint)
        let pdf = try PDFPrinter.render(html: html, timeout: timeout)
        if let hidden = RequiredContent.missing(
            inPDFText: try PDFPrinter.text(ofPDF: pdf, timeout: timeout), weeks: models)
        {
            throw PrintError(
                "the printed PDF does not show '\(hidden)' (the template's HTML holds it, but its stylesheet hides it or the page cuts it off): every printed week must show its stop-and-call box, its stop lines and (on a stop page) its precautions; nothing was written. Check the template's styles (display, visibility, overflow) around them"
            )
        }
        return pdf
    }

    func render(_ models: [PrintedWeek], plan: Plan, format: PrintFormat, paper: Paper, largePrint: Bool)
        throws(PrintError) -> String
    {
        let name: String
        switch format {
        case .text: name = "routine.txt"
        case .md: name = "routine.md"
        case .html, .pdf: name = "routine.html"
        }
        let style = (try? MustacheTemplate(string: style))?.render(["page_size": paper.css]) ?? style
        let document = RoutineDocument(
            weeks: models, style: style, largePrint: largePrint, first: !models.isEmpty,
            title: plan.title, patientName: plan.patient?.name ?? "")
        let out = try renderPage(document, template: name, format: format)
        if let dropped = RequiredContent.missing(in: out, weeks: models, format: format) {
            throw PrintError(
                "the template '\(name).mustache' left out '\(dropped)': every printed week must carry its stop-and-call box, its stop lines and (on a stop page) its precautions; check the template's {{#tiers}}, {{#shared_stop_if}}, {{#stop_if}} and {{#precautions}} sections"
            )
        }
        return out
    }

    /// The care team's overview page as HTML (the bundled `overview.html.mustache`, or a clinic's).
    public func renderOverview(_ page: OverviewPage) throws(PrintError) -> String {
        try renderPage(page, template: "overview.html")
    }

    /// A typed view model through one of the templates (`routine.html`, `progress.html` …), read
    /// through `TemplateValue`: every text escaped for the format (every format loses control and
    /// invisible format characters — `UserText.plain`; Mustache escapes HTML itself, and Markdown's
    /// HTML is escaped by `UserText.markdown`).
    public func renderPage(_ model: some Sendable, template: String, format: PrintFormat = .html) throws(PrintError)
        -> String
    {
        let escape: @Sendable (String) -> String
        switch format {
        case .html, .pdf: escape = { UserText.plain($0) }
        case .text: escape = { UserText.plain($0) }
        case .md: escape = { UserText.markdown($0) }
        }
        guard let out = library.render(TemplateValue(value: model, escape: escape), withTemplate: template) else {
            throw PrintError("no template '\(template).mustache'")
        }
        return Self.tidy(out)
    }

    /// Blank lines left by template sections collapse to one; the text ends with one newline.
    static func tidy(_ s: String) -> String {
        var out: [Substring] = []
        for line in s.split(separator: "\n", omittingEmptySubsequences: false) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty, out.last?.trimmingCharacters(in: .whitespaces).isEmpty ?? true { continue }
            out.append(trimmed.isEmpty ? "" : line)
        }
        while out.last?.isEmpty == true { out.removeLast() }
        return out.joined(separator: "\n") + "\n"
    }
}
