import Foundation
import Mustache

/// Checks a set of templates before anything is rendered with them: parse errors located as
/// `file:line:col`, partials that name no template, partials that include themselves (directly or
/// through others: Mustache would recurse until the stack overflows and the process dies), and a
/// `red-flags.txt` that is missing or lists nothing (the stop-and-call box would print empty).
enum TemplateCheck {
    /// A `{{> name}}` or `{{< name}}` tag and where it is (1-based).
    struct Partial: Equatable {
        var name: String
        var line: Int
        var column: Int
    }

    /// The partials `text` includes, following set-delimiter tags (`{{=<% %>=}}`).
    static func partials(in text: String) -> [Partial] {
        let chars = Array(text)
        var open = Array("{{")
        var close = Array("}}")
        var out: [Partial] = []
        var line = 1
        var column = 1
        var i = 0
        func advance(to j: Int) {
            while i < j {
                if chars[i] == "\n" {
                    line += 1
                    column = 1
                } else {
                    column += 1
                }
                i += 1
            }
        }
        func find(_ needle: [Character], from start: Int) -> Int? {
            guard !needle.isEmpty, chars.count >= needle.count else { return nil }
            var j = start
            while j + needle.count <= chars.count {
                if chars[j] == needle[0], Array(chars[j..<j + needle.count]) == needle { return j }
                j += 1
            }
            return nil
        }
        while let start = find(open, from: i) {
            advance(to: start)
            let (tagLine, tagColumn) = (line, column)
            let bodyStart = start + open.count
            guard let end = find(close, from: bodyStart) else { break }
            let body = String(chars[bodyStart..<end]).trimmingCharacters(in: .whitespaces)
            if body.hasPrefix("="), body.hasSuffix("="), body.count >= 2 {
                let parts = body.dropFirst().dropLast().split(separator: " ", omittingEmptySubsequences: true)
                if parts.count == 2 {
                    open = Array(parts[0])
                    close = Array(parts[1])
                }
            } else if body.hasPrefix(">") || body.hasPrefix("<") {
                out.append(
                    Partial(
                        name: body.dropFirst().trimmingCharacters(in: .whitespaces), line: tagLine, column: tagColumn))
            }
            advance(to: end + close.count)
        }
        return out
    }

    /// Throws at the first partial that names no template or closes a loop of inclusions.
    /// `texts`: template name (without `.mustache`) → text; `paths`: name → the file it came from.
    static func checkPartials(_ texts: [String: String], paths: [String: String]) throws(PrintError) {
        let graph = texts.mapValues(partials(in:))
        for (name, includes) in graph.sorted(by: { $0.key < $1.key }) {
            for p in includes where graph[p.name] == nil {
                let hint =
                    p.name.hasPrefix("*")
                    ? "dynamic partials are not supported" : "no template '\(p.name).mustache' exists"
                throw PrintError(
                    "partial '\(p.name)' names no template: \(hint)",
                    at: "\(paths[name] ?? name):\(p.line):\(p.column)")
            }
        }
        // Depth-first from each template; a template met again on the current path is a loop.
        var done = Set<String>()
        func visit(_ name: String, _ path: [String]) throws(PrintError) {
            if done.contains(name) { return }
            let chain = path + [name]
            for p in graph[name] ?? [] {
                if let at = chain.firstIndex(of: p.name) {
                    let loop = chain[at...] + [p.name]
                    throw PrintError(
                        "template '\(name)' includes itself through partials (\(loop.joined(separator: " → "))): rendering would never end",
                        at: "\(paths[name] ?? name):\(p.line):\(p.column)")
                }
                try visit(p.name, path + [name])
            }
            done.insert(name)
        }
        for name in graph.keys.sorted() { try visit(name, []) }
    }

    /// A parse error of `file` as `file:line:col: error: …`.
    static func parseError(_ error: Error, file: String) -> PrintError {
        guard let e = error as? MustacheTemplate.ParserError else {
            return PrintError("template does not parse: \(error)", at: file)
        }
        let what: String
        switch e.error as? MustacheTemplate.Error {
        case .sectionCloseNameIncorrect?: what = "the section closed here is not the one open"
        case .unfinishedName?: what = "a tag is not finished (no closing '}}')"
        case .expectedSectionEnd?: what = "a section is not closed ('{{/name}}' missing)"
        case .invalidSetDelimiter?: what = "a set-delimiter tag is badly formed"
        case .transformAppliedToInheritanceSection?: what = "a transform is applied to an inheritance section"
        case .illegalTokenInsideInheritSection?: what = "an inheritance section holds a tag it may not"
        case .textInsideInheritSection?: what = "an inheritance section holds text outside a block"
        case .invalidConfigVariableSyntax?: what = "a '{{% …}}' configuration tag is badly formed"
        case .unrecognisedConfigVariable?: what = "a '{{% …}}' configuration tag names an unknown setting"
        case nil: what = "\(e.error)"
        }
        return PrintError(
            "template does not parse: \(what)", at: "\(file):\(e.context.lineNumber):\(e.context.columnNumber)")
    }
}
