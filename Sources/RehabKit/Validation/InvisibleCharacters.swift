import YAMLReader

/// Invisible format characters in an exercise, plan or profile file: bidirectional overrides and
/// isolates, marks, zero-width characters and the rest of Unicode's format category (`UserText.isInvisible`).
/// A right-to-left override can make a dose "01" print as "10" and a note read otherwise than written,
/// and none of them shows in an editor: each is an error at the line and column of the character
/// (comments and keys included — nothing in these files needs one), or, written as an escape in a
/// quoted text (`"\u202E"`), at that text. Every output drops them too (`UserText.plain`).
enum InvisibleCharacters {
    /// At most this many are reported per file (one is enough to know the file needs cleaning).
    static let reportedPerFile = 20

    static func diagnostics(_ bytes: [UInt8], root: YAMLNode, file: String) -> [Diagnostic] {
        var out: [Diagnostic] = []
        var linesWithOne: Set<Int> = []
        // No invisible character is ASCII: most files and texts need no look at their characters.
        if !isASCII(bytes) { scan(bytes, file: file, into: &out, linesWithOne: &linesWithOne) }
        func walk(_ node: YAMLNode) {
            guard out.count < reportedPerFile else { return }
            switch node.content {
            case .scalar(let s, _):
                if !isASCII(s.utf8), !linesWithOne.contains(node.mark.line), let found = UserText.firstInvisible(s) {
                    out.append(error(found.scalar, at: SourceLocation(file: file, mark: node.mark), escaped: true))
                }
            case .sequence(let items): items.forEach(walk)
            case .mapping(let pairs):
                for p in pairs {
                    walk(p.key)
                    walk(p.value)
                }
            }
        }
        walk(root)
        return out
    }

    static func isASCII<C: Collection<UInt8>>(_ bytes: C) -> Bool {
        bytes.allSatisfy { $0 < 0x80 }
    }

    /// Every invisible character as written, at its line and column; their lines go to `linesWithOne`
    /// (an escape on such a line is not reported again).
    private static func scan(_ bytes: [UInt8], file: String, into out: inout [Diagnostic], linesWithOne: inout Set<Int>)
    {
        // A byte-order mark at the start is the file's encoding, not text (the parser drops it too).
        let text = String(
            decoding: bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? Array(bytes.dropFirst(3)) : bytes, as: UTF8.self)
        var line = 1
        var column = 1
        for u in text.unicodeScalars {
            if u == "\n" {
                line += 1
                column = 1
                continue
            }
            if UserText.isInvisible(u), out.count < reportedPerFile {
                linesWithOne.insert(line)
                out.append(error(u, at: SourceLocation(file: file, line: line, column: column), escaped: false))
            }
            column += 1
        }
    }

    static func error(_ u: Unicode.Scalar, at location: SourceLocation, escaped: Bool) -> Diagnostic {
        .error(
            "invisible character \(UserText.describe(u))\(escaped ? ", written as an escape," : "") in the text: it can reorder or hide what the patient reads (a dose '01' printed as '10')",
            at: location,
            notes: [
                escaped
                    ? "remove the \\u escape from this text"
                    : "delete it: an editor may show nothing there ('grep -nP \"\\\\p{Cf}\" FILE' finds it)"
            ])
    }
}
