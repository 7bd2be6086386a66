import Foundation

/// Whether a clinic's SVG may reach a patient's sheet: refused whole (never cleaned, so the
/// patient never sees less than the clinic drew) when it holds anything that runs or fetches —
/// a script, an event handler attribute, a `foreignObject` (HTML inside the picture), a reference
/// outside the file (`href`/`xlink:href` not to `#…`, `url(…)` not to `#…`, `@import`, a style
/// sheet instruction), `javascript:`, a DOCTYPE or an entity (external entities, entity bombs).
/// The check reads the text as written, lower-cased, without resolving entities: whatever could
/// hide a trick behind an entity or an encoding is itself refused.
public enum SVGSafety {
    /// Why `bytes` (a file that starts like SVG) is refused, or nil when it is safe to embed.
    public static func problem(_ bytes: [UInt8]) -> ImageCheck.Problem? {
        guard let text = String(validating: bytes, as: UTF8.self) else {
            return refuse("is not UTF-8 text", "save the SVG as UTF-8")
        }
        let s = text.lowercased()
        guard s.contains("<svg") else {
            return refuse("has no <svg> element", "an SVG picture's root element is <svg>")
        }
        if s.contains("<!doctype") || s.contains("<!entity") {
            return refuse(
                "declares a DOCTYPE or an entity",
                "remove the <!DOCTYPE …> line: an entity can fetch a file or grow without end")
        }
        if s.contains("<?xml-stylesheet") { return refuse("links a style sheet", "keep styles inside the SVG") }
        if let name = element(s, in: ["script", "foreignobject", "iframe", "embed", "object", "handler", "listener"]) {
            return refuse(
                "holds a <\(name)> element",
                name == "script"
                    ? "a picture must not carry a program"
                    : "a picture holds drawing elements only, nothing that embeds other content")
        }
        if let handler = eventHandler(s) {
            return refuse(
                "has an event handler attribute '\(handler)'",
                "remove the on… attributes: a picture must not carry a program")
        }
        if s.contains("javascript:") {
            return refuse("holds a 'javascript:' address", "a picture must not carry a program")
        }
        if s.contains("@import") { return refuse("imports a style sheet (@import)", "keep styles inside the SVG") }
        for target in attributeValues(s, named: "href") where !target.hasPrefix("#") {
            return refuse(
                "refers to '\(String(target.prefix(40)))' outside the picture",
                "an SVG may refer only to its own parts (href=\"#id\"); embed images as PNG or JPEG files instead")
        }
        for target in urlTargets(s) where !target.hasPrefix("#") {
            return refuse(
                "refers to 'url(\(String(target.prefix(40))))' outside the picture",
                "url(…) may name only the picture's own parts (url(#id))")
        }
        return nil
    }

    static func refuse(_ what: String, _ note: String) -> ImageCheck.Problem {
        ImageCheck.Problem(message: "the SVG \(what)", notes: [note])
    }

    /// The first of `names` that opens an element, with or without a namespace prefix.
    static func element(_ s: String, in names: [String]) -> String? {
        var i = s.startIndex
        while let lt = s[i...].firstIndex(of: "<") {
            var j = s.index(after: lt)
            while j < s.endIndex, s[j].isWhitespace { j = s.index(after: j) }
            let nameEnd =
                s[j...].firstIndex { !($0.isLetter || $0.isNumber || $0 == ":" || $0 == "-" || $0 == "_" || $0 == ".") }
                ?? s.endIndex
            let local = s[j..<nameEnd].split(separator: ":").last.map(String.init) ?? ""
            if names.contains(local) { return local }
            i = s.index(after: lt)
        }
        return nil
    }

    /// Attribute names inside tags: (name, value) in order.
    static func attributes(_ s: String) -> [(name: String, value: String)] {
        var out: [(name: String, value: String)] = []
        let chars = Array(s)
        var i = 0
        var inTag = false
        while i < chars.count {
            let c = chars[i]
            if !inTag {
                if c == "<", i + 1 < chars.count, chars[i + 1].isLetter {
                    inTag = true
                    i += 1
                    while i < chars.count, !chars[i].isWhitespace, chars[i] != ">" { i += 1 }
                } else {
                    i += 1
                }
                continue
            }
            if c == ">" {
                inTag = false
                i += 1
                continue
            }
            if c.isWhitespace || c == "/" {
                i += 1
                continue
            }
            // An attribute name, then optional = and a value.
            var name = ""
            while i < chars.count, !chars[i].isWhitespace, chars[i] != "=", chars[i] != ">", chars[i] != "/" {
                name.append(chars[i])
                i += 1
            }
            while i < chars.count, chars[i].isWhitespace { i += 1 }
            var value = ""
            if i < chars.count, chars[i] == "=" {
                i += 1
                while i < chars.count, chars[i].isWhitespace { i += 1 }
                if i < chars.count, chars[i] == "\"" || chars[i] == "'" {
                    let q = chars[i]
                    i += 1
                    while i < chars.count, chars[i] != q {
                        value.append(chars[i])
                        i += 1
                    }
                    i += 1
                } else {
                    while i < chars.count, !chars[i].isWhitespace, chars[i] != ">" {
                        value.append(chars[i])
                        i += 1
                    }
                }
            }
            if !name.isEmpty { out.append((name, value)) }
        }
        return out
    }

    /// The first attribute whose local name starts with "on" (onload, onclick, …).
    static func eventHandler(_ s: String) -> String? {
        attributes(s).map(\.name).first { ($0.split(separator: ":").last ?? "").hasPrefix("on") }
    }

    /// The values of attributes whose local name is `name` (`href`, `xlink:href`), trimmed.
    static func attributeValues(_ s: String, named name: String) -> [String] {
        attributes(s).filter { ($0.name.split(separator: ":").last.map(String.init) ?? "") == name }
            .map { $0.value.trimmingCharacters(in: .whitespacesAndNewlines) }
    }

    /// What every `url(…)` in the text names, quotes and spaces trimmed.
    static func urlTargets(_ s: String) -> [String] {
        var out: [String] = []
        var rest = Substring(s)
        while let r = rest.range(of: "url(") {
            let after = rest[r.upperBound...]
            let end = after.firstIndex(of: ")") ?? after.endIndex
            out.append(after[..<end].trimmingCharacters(in: CharacterSet(charactersIn: " \t\n\r\"'")))
            rest = after[end...]
        }
        return out
    }
}
