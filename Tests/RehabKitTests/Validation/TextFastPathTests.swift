import Foundation
import Testing
import YAMLReader

@testable import RehabKit

/// Issue 25: `validate` skips the character-by-character look for ASCII text (nearly all of it) in
/// `PlainWords` and `InvisibleCharacters`. The answers must be those of the character-based code
/// (kept here as the reference) for every input, ASCII or not.
struct TextFastPathTests {
    /// Random text from pieces that matter to the split: letters of both cases, `s`, digits,
    /// punctuation, line breaks (`\r\n` is one character), and now and then a non-ASCII letter or an
    /// invisible character.
    fileprivate static func text(_ rng: inout Random, nonASCII: Bool) -> String {
        let pieces = [
            "TLSO", "NWB", "PTs", "ADLs", "a", "Ab", "s", "S", "x", "Z", " ", "  ", "-", "'", ".", ";", "2", "\n",
            "\r\n", "\t", "(", ")", "@", "[", "`", "{",
        ]
        let wide = ["é", "É", "ß", "\u{202E}", "\u{200B}", "\u{00AD}", "e\u{301}", "Ж"]
        var s = ""
        for _ in 0..<Int(rng.next() % 24) {
            if nonASCII, rng.next() % 6 == 0 {
                s += wide[Int(rng.next() % UInt64(wide.count))]
            } else {
                s += pieces[Int(rng.next() % UInt64(pieces.count))]
            }
        }
        return s
    }

    @Test func wordsAreThoseOfTheCharacterSplit() {
        var rng = Random(25)
        var ascii = 0
        var other = 0
        var withWords = 0
        for i in 0..<4000 {
            let s = Self.text(&rng, nonASCII: i % 2 == 1)
            if s.utf8.allSatisfy({ $0 < 0x80 }) { ascii += 1 } else { other += 1 }
            let reference = s.split(whereSeparator: { !$0.isLetter })
            let words = PlainWords.words(of: s)
            if !words.isEmpty { withWords += 1 }
            #expect(words == reference, "\(s.debugDescription)")
        }
        #expect(ascii > 1000 && other > 1000 && withWords > 1000)
    }

    /// The scan of before this change: every character of the file, then every scalar of the tree.
    static func referenceInvisible(_ bytes: [UInt8], root: YAMLNode, file: String) -> [Diagnostic] {
        var out: [Diagnostic] = []
        var linesWithOne: Set<Int> = []
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
            if UserText.isInvisible(u), out.count < InvisibleCharacters.reportedPerFile {
                linesWithOne.insert(line)
                out.append(
                    InvisibleCharacters.error(
                        u, at: SourceLocation(file: file, line: line, column: column), escaped: false))
            }
            column += 1
        }
        func walk(_ node: YAMLNode) {
            guard out.count < InvisibleCharacters.reportedPerFile else { return }
            switch node.content {
            case .scalar(let s, _):
                if !linesWithOne.contains(node.mark.line), let found = UserText.firstInvisible(s) {
                    out.append(
                        InvisibleCharacters.error(
                            found.scalar, at: SourceLocation(file: file, mark: node.mark), escaped: true))
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

    @Test func invisibleCharactersAreThoseOfTheCharacterScan() throws {
        var rng = Random(2025)
        let values = [
            "plain words", "\"quoted \\u202E escape\"", "\"zero\\u200Bwidth\"", "\"é \\u00AD\"", "'single é'",
            "\"\\x41 ascii escape\"", "raw \u{202E} override", "raw \u{00AD} soft", "\"both \u{200B} and \\u2066\"",
        ]
        var found = 0
        var clean = 0
        var asciiFiles = 0
        var escapesInASCII = 0
        for i in 0..<2000 {
            var yaml = i % 7 == 0 ? "\u{FEFF}" : ""
            for k in 0..<(1 + Int(rng.next() % 5)) {
                yaml += "k\(k): \(values[Int(rng.next() % UInt64(values.count))])\n"
                if rng.next() % 3 == 0 { yaml += "l\(k):\n  - \(values[Int(rng.next() % UInt64(values.count))])\n" }
            }
            let bytes = Array(yaml.utf8)
            guard let root = try YAMLParser.parse(bytes) else { continue }
            if bytes.allSatisfy({ $0 < 0x80 }) { asciiFiles += 1 }
            let got = InvisibleCharacters.diagnostics(bytes, root: root, file: "f.yaml")
            #expect(got == Self.referenceInvisible(bytes, root: root, file: "f.yaml"), "\(yaml.debugDescription)")
            if got.isEmpty { clean += 1 } else { found += 1 }
            if !got.isEmpty, bytes.allSatisfy({ $0 < 0x80 }) { escapesInASCII += 1 }
        }
        #expect(found > 500 && clean > 50 && asciiFiles > 100 && escapesInASCII > 20)
    }

    /// The care team's lines: a placeholder, and a phone number, are found on the bytes of ASCII text
    /// as Foundation's trimming, upper case and `Character.isNumber` find them.
    @Test func careTeamLinesAreJudgedAsByCharacters() {
        var rng = Random(0x25)
        let pieces = [
            "FILL IN", "fill in", "Fill In", "FILL", " IN", " ", "\t", "\u{A0}", "ß", "555", "0199", "½", "٣", "line",
            ":",
            "é", "\u{202E}", "-", "FILL\u{A0}IN",
        ]
        var placeholders = 0
        var numbers = 0
        var asciiWithout = 0
        for i in 0..<4000 {
            var s = ""
            for _ in 0..<(1 + Int(rng.next() % 5)) { s += pieces[Int(rng.next() % UInt64(pieces.count))] }
            if i % 3 == 0 { s = s.filter(\.isASCII) }
            let placeholder = s.trimmingCharacters(in: .whitespaces).uppercased().hasPrefix(CareTeam.placeholderPrefix)
            let number = s.contains(where: \.isNumber)
            #expect(PlanReader.isPlaceholder(s) == placeholder, "\(s.debugDescription)")
            #expect(PlanReader.hasNumber(s) == number, "\(s.debugDescription)")
            if placeholder { placeholders += 1 }
            if number { numbers += 1 }
            if s.allSatisfy(\.isASCII), !number { asciiWithout += 1 }
        }
        #expect(placeholders > 300 && numbers > 1000 && asciiWithout > 300)
    }

    /// `uniqued` compares short lists instead of hashing them: the same elements, in the same order.
    @Test func uniquedKeepsTheFirstOfEachInOrder() {
        var rng = Random(7)
        var withRepeats = 0
        for _ in 0..<2000 {
            let list = (0..<Int(rng.next() % 40)).map { _ in "r\(rng.next() % 12)" }
            var seen = Set<String>()
            let reference = list.filter { seen.insert($0).inserted }
            #expect(list.uniqued() == reference, "\(list)")
            if reference.count < list.count, list.count <= 16 { withRepeats += 1 }
        }
        #expect(withRepeats > 300)
    }

    /// No ASCII character is an invisible format character (the fast path of `UserText.isInvisible`).
    @Test func noASCIICharacterIsInvisible() {
        for v in UInt32(0)...0x7F {
            let u = Unicode.Scalar(v)!
            #expect(!UserText.isInvisible(u))
            #expect(u.properties.generalCategory != .format)
        }
    }
}

/// SplitMix64: the same inputs on every run.
private struct Random {
    var state: UInt64

    init(_ seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
