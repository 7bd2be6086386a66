import Foundation
import YAMLReader

/// `rehab reassess`: the next assessment of a safety profile, as text to review. It is a copy of the
/// last assessment with the new date; every clearance, acknowledgement and known deficit that would
/// carry over is marked for review in a comment; the last assessment is kept, as it was, first under
/// `history:` (docs/SAFETY-ENGINE.md, "Reassessment"). The profile may be a file of its own or a
/// plan's inline `safety:` mapping, written in block style. The text is read back and must load as a
/// profile before it is returned.
public enum Reassessment {
    public struct Result: Sendable {
        public var text: String
        /// The assessment now kept under `history:`.
        public var previous: LocalDate
        /// The carried-over records marked for review, in words.
        public var marked: [String]
    }

    /// Why the profile cannot be reassessed, with located diagnostics.
    public struct Refusal: Error, Sendable {
        public var diagnostics: [Diagnostic]
    }

    static let ownComment = "# reassessed on "
    static let carriedComment = "# carried over from the assessment of "

    /// The reassessed text of a profile file or a plan with an inline profile, or why not.
    public static func rewrite(_ text: String, file: String, date: LocalDate) -> Swift.Result<Result, Refusal> {
        let start = SourceLocation(file: file, line: 1, column: 1)
        guard let root = try? YAMLParser.parse(Array(text.utf8)), let top = root.mapping else {
            return .failure(
                Refusal(diagnostics: [
                    .error(
                        "not a YAML mapping: give a safety profile file or a plan with an inline safety: profile",
                        at: start)
                ]))
        }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() }
        // The profile's mapping and the lines it spans: [first, end).
        let profile: YAMLNode
        var end = lines.count
        if let i = top.firstIndex(where: { $0.key.scalar == "safety" }) {
            profile = top[i].value
            if i + 1 < top.count { end = top[i + 1].key.mark.line - 1 }
            if profile.mapping == nil || profile.mark.line == top[i].key.mark.line {
                return .failure(
                    Refusal(diagnostics: [
                        .error(
                            "the inline safety profile must be a block mapping (one key a line) to be reassessed",
                            at: SourceLocation(file: file, mark: profile.mark))
                    ]))
            }
        } else if top.contains(where: { $0.key.scalar == "safety_profile" }) {
            return .failure(
                Refusal(diagnostics: [
                    .error("the plan names its safety profile file (safety_profile:): reassess that file", at: start)
                ]))
        } else {
            profile = root
        }
        let pairs = profile.mapping ?? []
        guard let first = pairs.first, let last = pairs.last else {
            return .failure(
                Refusal(diagnostics: [
                    .error("the safety profile is empty", at: SourceLocation(file: file, mark: profile.mark))
                ]))
        }
        let indent = String(repeating: " ", count: first.key.mark.column - 1)
        // Blank lines, and comments less indented than the profile, after its last key belong to
        // what follows it.
        while end > last.key.mark.line {
            let line = lines[end - 1]
            let blank = line.trimmingCharacters(in: .whitespaces).isEmpty
            let outer =
                line.trimmingCharacters(in: .whitespaces).hasPrefix("#")
                && line.prefix { $0 == " " }.count < indent.count
            guard blank || outer else { break }
            end -= 1
        }
        // Each top-level key's lines, up to the next key.
        var blocks: [(key: String, lines: [String])] = []
        for (n, pair) in pairs.enumerated() {
            let from = pair.key.mark.line - 1
            let to = n + 1 < pairs.count ? pairs[n + 1].key.mark.line - 1 : end
            let own = lines[from..<to].filter { !isOurComment($0) }
            blocks.append((pair.key.scalar ?? "", Array(own)))
        }
        guard let assessedNode = pairs.first(where: { $0.key.scalar == "assessed" })?.value,
            let previous = assessedNode.scalar.flatMap(LocalDate.init)
        else {
            return .failure(
                Refusal(diagnostics: [
                    .error(
                        "the profile has no assessed: date to reassess from",
                        at: SourceLocation(file: file, mark: profile.mark))
                ]))
        }
        guard date > previous else {
            return .failure(
                Refusal(diagnostics: [
                    .error(
                        "the new assessment of \(date) must be after the last one, \(previous)",
                        at: SourceLocation(file: file, mark: assessedNode.mark))
                ]))
        }

        var marked: [String] = []
        var out = Array(lines[0..<(first.key.mark.line - 1)].filter { !isOurComment($0) })
        out.append(
            indent + ownComment
                + "\(date) with rehab reassess: review every line against today's findings; the assessment of \(previous) is kept under history"
        )
        for block in blocks where block.key != "history" {
            if block.key == "assessed" {
                out.append(indent + "assessed: \(date)")
                out += block.lines.dropFirst()
                continue
            }
            if let kind = [
                "clearance": "clearance", "acknowledged": "acknowledgement", "known_deficits": "known deficit",
            ][block.key],
                let node = pairs.first(where: { $0.key.scalar == block.key })?.value, let entries = node.sequence,
                !entries.isEmpty
            {
                let words = entries.map { e in
                    let f = Dictionary(
                        (e.mapping ?? []).compactMap { p in p.key.scalar.map { ($0, p.value.scalar ?? "…") } },
                        uniquingKeysWith: { a, _ in a })
                    return [f["by"] ?? f["rule"] ?? f["symptom"], f["date"].map { "of \($0)" }].compactMap { $0 }
                        .joined(separator: " ")
                }
                marked += words.map { "\(kind) \($0)" }
                out.append(
                    indent + carriedComment
                        + "\(previous): review — \(words.joined(separator: "; ")); it lapses if this assessment records anything new for it"
                )
            }
            out += block.lines
        }
        // The last assessment, as it was, first in the history; earlier ones after it.
        out.append(indent + "history:")
        let kept = blocks.filter { $0.key != "history" }.flatMap(\.lines)
        out += shifted(kept, to: indent + "    ", first: indent + "  - ")
        if let history = blocks.first(where: { $0.key == "history" }) {
            out += shifted(Array(history.lines.dropFirst()), to: indent + "  ", first: nil)
        }
        out += lines[end...]
        let result = out.joined(separator: "\n") + "\n"

        // It must load as a profile, as `rehab validate` would read it.
        let reader = NodeReader(file: file)
        if let node = try? YAMLParser.parse(Array(result.utf8)) {
            let profileNode = node.mapping?.first(where: { $0.key.scalar == "safety" })?.value ?? node
            if ProfileReader.read(profileNode, reader) == nil || reader.diagnostics.hasErrors {
                return .failure(Refusal(diagnostics: reader.diagnostics.filter { $0.severity == .error }))
            }
        } else {
            return .failure(
                Refusal(diagnostics: [
                    .error(
                        "the reassessed text does not parse: the profile's layout is not one rehab reassess can copy",
                        at: start)
                ]))
        }
        return .success(Result(text: result, previous: previous, marked: marked))
    }

    static func isOurComment(_ line: String) -> Bool {
        let t = line.trimmingCharacters(in: .whitespaces)
        return t.hasPrefix(ownComment) || t.hasPrefix(carriedComment)
    }

    /// Lines moved so that the least indented starts at `to` (the very first at `first` when given).
    static func shifted(_ lines: [String], to prefix: String, first: String?) -> [String] {
        let depth =
            lines.filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
            .map { $0.prefix { $0 == " " }.count }.min() ?? 0
        var firstDone = first == nil
        return lines.map { line in
            guard !line.trimmingCharacters(in: .whitespaces).isEmpty else { return "" }
            let body = String(line.dropFirst(min(depth, line.prefix { $0 == " " }.count)))
            if !firstDone, !body.hasPrefix("#") {
                firstDone = true
                return first! + body
            }
            return prefix + body
        }
    }
}
