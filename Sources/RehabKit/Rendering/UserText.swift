/// Text from YAML (titles, names, notes, messages) made safe for the output it goes into. A value
/// can hold anything YAML can: `"\e[8m"` (a terminal escape that hides what follows, such as
/// "Status: BLOCKED"), `"\r"` (which overwrites a line), bidirectional overrides that reorder it,
/// or raw HTML that a Markdown viewer would run (`<img src=x onerror=…>`).
public enum UserText {
    /// For every output (terminal, text file, HTML and PDF, calendar, FHIR JSON): control characters
    /// gone, except newline and tab. Removed: C0 controls (ESC and CR included), DEL, C1 controls, and
    /// every invisible format character (`isInvisible`): the bidirectional embeddings, overrides and
    /// isolates that reorder a line ("01" printed as "10"), marks, and zero-width characters.
    public static func plain(_ s: String) -> String {
        guard s.unicodeScalars.contains(where: isControl) else { return s }
        var out = String.UnicodeScalarView()
        out.append(contentsOf: s.unicodeScalars.filter { !isControl($0) })
        return String(out)
    }

    /// For Markdown: `plain`, then `&`, `<` and `>` as HTML entities (so no tag or entity from YAML
    /// reaches a viewer raw), `\` escaped first (so `\[x\](…)` from YAML cannot undo the next escapes),
    /// `[` and `]` escaped (no link or image, such as a tracking pixel) and `|` escaped (no table cell
    /// broken). The one Markdown escaper of the toolkit.
    public static func markdown(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.count)
        for c in plain(s) {
            switch c {
            case "\\": out += "\\\\"
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "[": out += "\\["
            case "]": out += "\\]"
            case "|": out += "\\|"
            default: out.append(c)
            }
        }
        return out
    }

    static func isControl(_ u: Unicode.Scalar) -> Bool {
        switch u.value {
        case 0x09, 0x0A: return false
        case 0x00...0x1F, 0x7F...0x9F: return true
        default: return isInvisible(u)
        }
    }

    /// Any control character, tab and line breaks included, or an invisible format character: what a
    /// path, an address or a line compared must not hold.
    public static func isControlOrInvisible(_ u: Unicode.Scalar) -> Bool {
        u.properties.generalCategory == .control || isInvisible(u)
    }

    /// An invisible format character, which `validate` refuses in patient-facing text and every output
    /// drops: the bidirectional embeddings and overrides (U+202A–U+202E), isolates (U+2066–U+2069) and
    /// marks (U+200E, U+200F, U+061C), the zero-width space, joiners and word joiner (U+200B–U+200D,
    /// U+2060), the byte-order mark used as a zero-width no-break space (U+FEFF), the soft hyphen,
    /// and every other character of Unicode's format category (Cf).
    public static func isInvisible(_ u: Unicode.Scalar) -> Bool {
        switch u.value {
        // No ASCII character is one: most text is decided without a look-up of its category.
        case 0x00...0x7F: return false
        case 0x061C, 0x200B...0x200F, 0x202A...0x202E, 0x2060...0x206F, 0xFEFF: return true
        default: return u.properties.generalCategory == .format
        }
    }

    /// The first invisible format character of `s` (see `isInvisible`) and its UTF-8 offset, if any.
    public static func firstInvisible(_ s: String) -> (scalar: Unicode.Scalar, utf8Offset: Int)? {
        var offset = 0
        for u in s.unicodeScalars {
            if isInvisible(u) { return (u, offset) }
            offset += UTF8.width(u)
        }
        return nil
    }

    /// How a message names an invisible character: `U+202E (right-to-left override)`.
    public static func describe(_ u: Unicode.Scalar) -> String {
        let hex = String(u.value, radix: 16, uppercase: true)
        let code = "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
        return u.properties.name.map { "\(code) (\($0.lowercased()))" } ?? code
    }
}
