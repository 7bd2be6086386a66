import Foundation
import Mustache
import RehabKit

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
/// `red-flags.txt` (one red flag a line).
public struct RoutinePrinter: Sendable {
    let library: MustacheLibrary
    let style: String
    /// The stop-and-call signs (`red-flags.txt`), in three tiers.
    let signs: StopAndCall

    /// The folder of the bundled templates.
    public static var bundledTemplates: String {
        Bundle.module.resourceURL!.appendingPathComponent("Templates").path
    }

    /// Loads the bundled templates, then the clinic's `overrides` folder on top.
    public init(overrides: String? = nil) throws(PrintError) {
        var files: [String: String] = [:]
        var paths: [String: String] = [:]
        for dir in [Self.bundledTemplates] + (overrides.map { [$0] } ?? []) {
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: dir) else {
                throw PrintError("template folder '\(dir)' cannot be read")
            }
            for name in names where name.hasSuffix(".mustache") || name == "red-flags.txt" {
                // Through FileSystem.read: a pipe or device named like a template never blocks or balloons.
                guard let bytes = try? FileSystem.read(dir + "/" + name, limit: 1 << 20),
                      let text = String(validating: bytes, as: UTF8.self) else {
                    throw PrintError("template '\(dir)/\(name)' is not readable UTF-8 text")
                }
                files[name] = text
                paths[name] = dir + "/" + name
            }
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
        try TemplateCheck.checkPartials(Dictionary(uniqueKeysWithValues: templates.map { (String($0.key.dropLast(".mustache".count)), $0.value) }),
                                        paths: Dictionary(uniqueKeysWithValues: templates.map { (String($0.key.dropLast(".mustache".count)), paths[$0.key] ?? $0.key) }))
        self.library = library
        self.style = files["style.mustache"] ?? ""
        let signsFile = paths["red-flags.txt"] ?? (overrides ?? Self.bundledTemplates) + "/red-flags.txt"
        guard let signsText = files["red-flags.txt"] else {
            throw PrintError("no red-flags.txt: the stop-and-call box needs its signs, one a line", at: signsFile)
        }
        self.signs = try StopAndCall(text: signsText, file: signsFile)
    }

    /// The view model of each week: a routine, or the one blocked page when the check blocks the plan.
    /// `previous`: the week before the first one printed, if any (for `cards: .new`).
    public func models(_ weeks: [WeekSchedule], plan: Plan, workspace: Workspace, paper: Paper,
                       imageBase: String? = nil, cards: CardPolicy = .new, previous: WeekSchedule? = nil) -> [[String: Any]] {
        weeks.enumerated().map { i, s in
            let chosen = cards.chosen(s, previous: i == 0 ? previous : weeks[i - 1])
            var m = s.safety.status == .blocked
                ? PrintModel.blockedPage(s, plan: plan, workspace: workspace, paper: paper, signs: signs)
                : PrintModel.week(s, plan: plan, workspace: workspace, paper: paper, signs: signs, imageBase: imageBase,
                                  cards: chosen)
            m["has_urgent"] = s.safety.alerts.contains { $0.level == .urgent }
            m["first"] = i == 0
            if s.safety.status != .blocked { Self.addTextFields(&m) }
            return m
        }
    }

    /// Renders weeks as text, Markdown or HTML. (PDF is HTML through a browser: see `PDFPrinter`.)
    public func render(_ weeks: [WeekSchedule], plan: Plan, workspace: Workspace, format: PrintFormat, paper: Paper,
                       imageBase: String? = nil, cards: CardPolicy = .new, previous: WeekSchedule? = nil,
                       largePrint: Bool = false) throws(PrintError) -> String {
        let models = models(weeks, plan: plan, workspace: workspace, paper: paper, imageBase: imageBase, cards: cards, previous: previous)
        let name: String
        switch format {
        case .text: name = "routine.txt"
        case .md: name = "routine.md"
        case .html, .pdf: name = "routine.html"
        }
        var context: [String: Any] = ["weeks": models]
        if let first = models.first { context.merge(first) { a, _ in a } }
        context["style"] = (try? MustacheTemplate(string: style))?.render(["page_size": paper.css]) ?? style
        context["large_print"] = largePrint
        guard let out = library.render(SafeModel.prepare(context, for: format), withTemplate: name) else {
            throw PrintError("no template '\(name).mustache'")
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

    /// Fixed-width fields for the text and Markdown templates, which cannot pad or escape.
    static func addTextFields(_ m: inout [String: Any]) {
        let days = m["days"] as? [[String: Any]] ?? []
        var rows = m["rows"] as? [[String: Any]] ?? []
        var habits = m["habits"] as? [[String: Any]] ?? []
        func pad(_ s: String, _ n: Int) -> String { s.count >= n ? s : s + String(repeating: " ", count: n - s.count) }
        // Markdown escaping (the `|` of a table cell included) is UserText.markdown's, applied to the
        // whole model when it is rendered (SafeModel).
        func md(_ s: String) -> String { s }
        // A row: the name with its boxes, then the dose and time on a line of their own.
        let names = rows.map { $0["name"] as! String } + habits.map { $0["name"] as! String } + ["Pain today (0–10)", "Any warning sign today?"]
        let width = min(44, max(20, names.map(\.count).max() ?? 0)) + 2
        let most = rows.flatMap { ($0["cells"] as! [[String: Any]]).map { $0["count"] as! Int } }.max() ?? 1
        let cell = max(8, 3 * most + 2)
        var lines = [pad("", width) + days.map { pad("\($0["short"]!) \($0["day"]!)", cell) }.joined()]
        func name(_ s: String) -> String { s.count <= width - 2 ? s : String(s.prefix(width - 3)) + "…" }
        for (i, r) in rows.enumerated() {
            let cells = (r["cells"] as! [[String: Any]]).map { c -> String in
                if c["rest"] as? Bool == true { return pad("rest", cell) }
                let n = c["count"] as! Int
                return pad(n == 0 ? "-" : Array(repeating: "[ ]", count: n).joined(), cell)
            }
            lines.append(pad(name(r["name"] as! String), width) + cells.joined())
            var detail = "  \(r["dose"]!), \(r["times"]!)"
            if r["in_brace"] as? Bool == true { detail += ", in your brace" }
            lines.append(detail)
            rows[i]["md_name"] = md(r["name"] as! String)
            rows[i]["md_dose"] = md(r["dose"] as! String)
        }
        for (j, h) in habits.enumerated() {
            lines.append(pad(name(h["name"] as! String), width) + days.map { _ in pad("[ ]", cell) }.joined())
            lines.append("  " + ((h["detail"] as? String) ?? "every day"))
            habits[j]["md_name"] = md(h["name"] as! String)
            habits[j]["md_detail"] = md((h["detail"] as? String) ?? "every day")
        }
        lines.append(pad("Pain today (0–10)", width) + days.map { _ in pad("__", cell) }.joined())
        lines.append(pad("Any warning sign today?", width) + days.map { _ in pad("[ ]", cell) }.joined())
        lines.append("  tick if yes, stop and call")
        m["rows"] = rows
        m["habits"] = habits
        m["text_grid"] = lines.map { line -> [String: Any] in
            var line = line
            while line.last == " " { line.removeLast() }
            return ["line": line]
        }
    }
}
