import Foundation
import Mustache
import RehabKit

/// Output formats of `rehab print`.
public enum PrintFormat: String, CaseIterable, Sendable {
    case text, md, html, pdf
}

public struct PrintError: Error, Sendable, CustomStringConvertible {
    public var description: String

    public init(_ description: String) {
        self.description = description
    }
}

/// Renders printed weeks with Mustache templates: the bundled defaults (`Templates/`), any of
/// which a clinic replaces by a file of the same name in its own folder (`--template DIR`):
/// `routine.html.mustache`, `routine.md.mustache`, `routine.txt.mustache`, `style.mustache`,
/// `red-flags.txt` (one red flag a line).
public struct RoutinePrinter: Sendable {
    let library: MustacheLibrary
    let style: String
    let redFlags: [String]

    /// The folder of the bundled templates.
    public static var bundledTemplates: String {
        Bundle.module.resourceURL!.appendingPathComponent("Templates").path
    }

    /// Loads the bundled templates, then the clinic's `overrides` folder on top.
    public init(overrides: String? = nil) throws(PrintError) {
        var files: [String: String] = [:]
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
            }
        }
        var library = MustacheLibrary()
        for (name, text) in files where name.hasSuffix(".mustache") {
            do {
                try library.register(text, named: String(name.dropLast(".mustache".count)))
            } catch {
                throw PrintError("template '\(name)' does not parse: \(error)")
            }
        }
        self.library = library
        self.style = files["style.mustache"] ?? ""
        self.redFlags = (files["red-flags.txt"] ?? "").split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
    }

    /// The view model of each week: a routine, or the one blocked page when the check blocks the plan.
    public func models(_ weeks: [WeekSchedule], plan: Plan, workspace: Workspace, paper: Paper,
                       imageBase: String? = nil) -> [[String: Any]] {
        weeks.enumerated().map { i, s in
            var m = s.safety.status == .blocked
                ? PrintModel.blockedPage(s, plan: plan, paper: paper, redFlags: redFlags)
                : PrintModel.week(s, plan: plan, workspace: workspace, paper: paper, redFlags: redFlags, imageBase: imageBase)
            m["has_urgent"] = s.safety.alerts.contains { $0.level == .urgent }
            m["first"] = i == 0
            if s.safety.status != .blocked { Self.addTextFields(&m) }
            return m
        }
    }

    /// Renders weeks as text, Markdown or HTML. (PDF is HTML through a browser: see `PDFPrinter`.)
    public func render(_ weeks: [WeekSchedule], plan: Plan, workspace: Workspace, format: PrintFormat, paper: Paper,
                       imageBase: String? = nil) throws(PrintError) -> String {
        let models = models(weeks, plan: plan, workspace: workspace, paper: paper, imageBase: imageBase)
        let name: String
        switch format {
        case .text: name = "routine.txt"
        case .md: name = "routine.md"
        case .html, .pdf: name = "routine.html"
        }
        var context: [String: Any] = ["weeks": models]
        if let first = models.first { context.merge(first) { a, _ in a } }
        context["style"] = (try? MustacheTemplate(string: style))?.render(["page_size": paper.css]) ?? style
        guard let out = library.render(context, withTemplate: name) else {
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
        func md(_ s: String) -> String { s.replacingOccurrences(of: "|", with: "\\|") }
        // A row: the name with its boxes, then the dose and time on a line of their own.
        let names = rows.map { $0["name"] as! String } + habits.map { $0["name"] as! String } + ["Pain today (0–10)"]
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
            lines.append("  every day")
            habits[j]["md_name"] = md(h["name"] as! String)
        }
        lines.append(pad("Pain today (0–10)", width) + days.map { _ in pad("__", cell) }.joined())
        m["rows"] = rows
        m["habits"] = habits
        m["text_grid"] = lines.map { line -> [String: Any] in
            var line = line
            while line.last == " " { line.removeLast() }
            return ["line": line]
        }
    }
}

/// Prints HTML to PDF with headless Chromium from Debian (`chromium-headless-shell` or `chromium`).
public enum PDFPrinter {
    /// The browser to print with, or nil when none is installed.
    public static func browser() -> String? {
        // REHAB_CHROMIUM names the browser to use (tests set it to a missing path to see the error).
        if let chosen = ProcessInfo.processInfo.environment["REHAB_CHROMIUM"] {
            return FileManager.default.isExecutableFile(atPath: chosen) ? chosen : nil
        }
        for name in ["chromium-headless-shell", "chromium", "chromium-browser", "google-chrome"] {
            for dir in ["/usr/bin", "/usr/local/bin", "/usr/lib/chromium", "/snap/bin"] {
                let path = dir + "/" + name
                if FileManager.default.isExecutableFile(atPath: path) { return path }
            }
        }
        return nil
    }

    public static let missingBrowser = PrintError(
        "PDF output needs headless Chromium, which is not installed; install it with 'apt-get install chromium-headless-shell' (or print --format html and use a browser)")

    /// Writes `html` to PDF at `output`. The page size comes from the HTML's `@page` rule.
    public static func print(html: String, to output: String) throws(PrintError) {
        guard let browser = browser() else { throw missingBrowser }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("rehab-print-\(UUID().uuidString)")
        do {
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        } catch {
            throw PrintError("cannot create a temporary folder: \(error.localizedDescription)")
        }
        defer { try? FileManager.default.removeItem(at: dir) }
        let page = dir.appendingPathComponent("routine.html")
        do {
            try Data(html.utf8).write(to: page)
        } catch {
            throw PrintError("cannot write the page to print: \(error.localizedDescription)")
        }
        let target = URL(fileURLWithPath: output).standardizedFileURL.path
        let process = Process()
        process.executableURL = URL(fileURLWithPath: browser)
        process.arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer", "--allow-file-access-from-files",
                             "--user-data-dir=\(dir.appendingPathComponent("profile").path)",
                             "--print-to-pdf=\(target)", page.absoluteString]
        let log = Pipe()
        process.standardOutput = log
        process.standardError = log
        do {
            try process.run()
        } catch {
            throw PrintError("cannot start \(browser): \(error.localizedDescription)")
        }
        let output = log.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0, FileManager.default.fileExists(atPath: target) else {
            throw PrintError("\(browser) could not print the PDF (exit \(process.terminationStatus)): \(String(decoding: output, as: UTF8.self).suffix(400))")
        }
    }
}
