/// Text from YAML (titles, names, notes, messages) made safe for the output it goes into. A value
/// can hold anything YAML can: `"\e[8m"` (a terminal escape that hides what follows, such as
/// "Status: BLOCKED"), `"\r"` (which overwrites a line), bidirectional overrides that reorder it,
/// or raw HTML that a Markdown viewer would run (`<img src=x onerror=…>`).
public enum UserText {
    /// For a terminal or a text file: control characters gone, except newline and tab. Removed:
    /// C0 controls (ESC and CR included), DEL, C1 controls, and the bidirectional embedding,
    /// override and isolate characters (U+202A–U+202E, U+2066–U+2069) and marks (U+200E, U+200F).
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
        case 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: return true
        default: return false
        }
    }
}
