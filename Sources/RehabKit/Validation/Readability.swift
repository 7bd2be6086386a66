import YAMLReader

/// How hard patient-facing text is to read: the Flesch–Kincaid grade of each sentence, from our
/// own syllable counter (no dictionary, no dependency).
///
///     grade = 0.39 × words / sentences + 11.8 × syllables / words − 15.59
///
/// A US school grade; the reading age is about grade + 5, so grade 6 is a reading age of about 11,
/// the level UK and US patient-information guidance aims at (docs/PRINTING.md says why and how it
/// is applied). The formula is unstable on very short sentences (three two-syllable words score
/// grade 9), so a sentence is judged only from `minimumWords` words; a shorter one is hard only
/// through a long word, which the formula then still catches once the sentence has a few words.
public enum Readability {
    /// The highest Flesch–Kincaid grade accepted (reading age about 11).
    public static let maximumGrade = 6.0
    /// Sentences shorter than this are not judged (the formula is noise on them).
    public static let minimumWords = 6

    /// A sentence and its grade.
    public struct Sentence: Sendable, Equatable {
        public var text: String
        public var words: Int
        public var syllables: Int
        public var grade: Double
    }

    // MARK: Counting

    /// Syllables in one English word, by vowel groups with the common silent endings and
    /// diphthong exceptions; at least 1 for a word with letters, 0 without. Only the letters a–z
    /// (after lower-casing) count; they are counted as bytes (`validate` judges every sentence of
    /// every exercise, and this was most of its time).
    public static func syllables(_ word: String) -> Int {
        var w: [UInt8] = []
        w.reserveCapacity(word.utf8.count)
        for b in word.utf8 {
            if b >= 0x80 {
                // Lower-casing outside ASCII can give a–z (the Kelvin sign gives k): as it comes.
                w = word.lowercased().unicodeScalars.filter { ("a"..."z").contains($0) }.map { UInt8($0.value) }
                break
            }
            if b >= 65, b <= 90 { w.append(b + 32) } else if b >= 97, b <= 122 { w.append(b) }
        }
        return syllables(letters: w)
    }

    private static func isVowel(_ c: UInt8) -> Bool {
        c == 97 || c == 101 || c == 105 || c == 111 || c == 117 || c == 121  // a e i o u y
    }

    /// `syllables` of a word's letters a–z.
    static func syllables(letters: [UInt8]) -> Int {
        var w = letters
        if w.isEmpty { return 0 }
        if w.count <= 3 { return 1 }
        func ends(_ s: StaticString) -> Bool {
            let n = s.utf8CodeUnitCount
            guard w.count > n else { return false }
            return s.withUTF8Buffer { suffix in
                for i in 0..<n where w[w.count - n + i] != suffix[i] { return false }
                return true
            }
        }
        func among(_ c: UInt8, _ set: StaticString) -> Bool {
            set.withUTF8Buffer { $0.contains(c) }
        }
        let h = UInt8(ascii: "h")
        let y = UInt8(ascii: "y")
        let n = UInt8(ascii: "n")
        let l = UInt8(ascii: "l")
        var adjust = 0
        if ends("ely") { adjust -= 1 }  // safely, completely
        if ends("es"), !among(w[w.count - 3], "sxzcg"), !(w[w.count - 3] == h && among(w[w.count - 4], "cs")) {
            w.removeLast(2)  // breathes, times (not boxes, pushes)
        } else if ends("ed"), !among(w[w.count - 3], "td") {
            w.removeLast(2)
        }  // walked, tired (not rested)
        else if ends("e"), !(ends("le") && w.count > 2 && !isVowel(w[w.count - 3])) {
            w.removeLast()
        }  // breathe (not gentle)
        var groups = 0
        var previousVowel = false
        for (i, c) in w.enumerated() {
            let vowel = isVowel(c) && !(c == y && i == 0)
            if vowel, !previousVowel { groups += 1 }
            previousVowel = vowel
        }
        // Vowel pairs said as two syllables: di-a-phragm, ra-di-o, u-su-al, stu-di-um, vi-de-o;
        // and "io" but for -tion, -sion (radio, physio). No pair overlaps itself, so every
        // occurrence counts; the letter before the first is taken as a space.
        let space = UInt8(ascii: " ")
        var i = 0
        while i + 1 < w.count {
            let a = w[i]
            let b = w[i + 1]
            let before = i > 0 ? w[i - 1] : space
            let after: UInt8? = i + 2 < w.count ? w[i + 2] : nil
            switch (a, b) {
            case (UInt8(ascii: "i"), UInt8(ascii: "a")):
                if !(among(before, "ct") && after == l) { adjust += 1 }
            case (UInt8(ascii: "i"), UInt8(ascii: "u")), (UInt8(ascii: "e"), UInt8(ascii: "o")),
                (UInt8(ascii: "u"), UInt8(ascii: "o")):
                adjust += 1
            case (UInt8(ascii: "u"), UInt8(ascii: "a")):
                if !among(before, "qg") { adjust += 1 }
            case (UInt8(ascii: "i"), UInt8(ascii: "o")):
                if !among(before, "tsxc") || after != n { adjust += 1 }
            default:
                break
            }
            i += 1
        }
        if ends("ism") { adjust += 1 }
        return max(1, groups + adjust)
    }

    /// The sentences of `text`: split after `.`, `!`, `?`, `;` and `:` (not inside a number such as
    /// 38.5) and at line breaks.
    public static func sentences(_ text: String) -> [String] {
        if let ascii = asciiSentences(text) { return ascii }
        var out: [String] = []
        var current = ""
        let chars = Array(text)
        for (i, c) in chars.enumerated() {
            let next: Character? = i + 1 < chars.count ? chars[i + 1] : nil
            if c == "\n" {
                out.append(current)
                current = ""
                continue
            }
            current.append(c)
            if ".!?;:".contains(c), next == nil || next == " " || next == "\n" {
                out.append(current)
                current = ""
            }
        }
        out.append(current)
        return out.map { $0.trimmingSpaces }.filter { !$0.isEmpty }
    }

    /// `sentences` of ASCII text without a carriage return (where a byte is a character), on bytes.
    private static func asciiSentences(_ text: String) -> [String]? {
        var text = text
        return text.withUTF8 { b -> [String]? in
            var out: [String] = []
            var start = 0
            func cut(_ end: Int) {
                var from = start
                var to = end
                while from < to, b[from] == 32 || b[from] == 9 { from += 1 }
                while to > from, b[to - 1] == 32 || b[to - 1] == 9 { to -= 1 }
                if from < to {
                    out.append(String(decoding: UnsafeBufferPointer(rebasing: b[from..<to]), as: UTF8.self))
                }
            }
            for i in 0..<b.count {
                let c = b[i]
                if c >= 0x80 || c == 13 { return nil }
                if c == 10 {
                    cut(i)
                    start = i + 1
                } else if c == 46 || c == 33 || c == 63 || c == 59 || c == 58,  // . ! ? ; :
                    i + 1 == b.count || b[i + 1] == 32 || b[i + 1] == 10
                {
                    cut(i + 1)
                    start = i + 1
                }
            }
            cut(b.count)
            return out
        }
    }

    /// Words of a sentence: runs between spaces that hold a letter or a digit (a number counts as a
    /// word of one syllable per group of digits read out, approximated as one).
    public static func words(_ sentence: String) -> [Substring] {
        sentence.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "/" || $0 == "—" || $0 == "–" })
            .filter { $0.contains { $0.isLetter || $0.isNumber } }
    }

    /// The Flesch–Kincaid grade of one sentence.
    public static func judge(_ sentence: String) -> Sentence {
        let counted =
            asciiCounts(sentence)
            ?? {
                let ws = words(sentence)
                return (ws.count, ws.reduce(0) { $0 + max(1, Self.syllables(String($1))) })
            }()
        let n = max(1, counted.words)
        let grade = 0.39 * Double(n) + 11.8 * Double(counted.syllables) / Double(n) - 15.59
        return Sentence(text: sentence, words: counted.words, syllables: counted.syllables, grade: grade)
    }

    /// Words and syllables of an ASCII sentence as `words` and `syllables` count them, on bytes:
    /// words end at a space, a tab or `/` and count when they hold a letter or a digit.
    private static func asciiCounts(_ sentence: String) -> (words: Int, syllables: Int)? {
        var sentence = sentence
        return sentence.withUTF8 { b -> (words: Int, syllables: Int)? in
            var words = 0
            var syllables = 0
            var letters: [UInt8] = []
            var counts = false
            func end() {
                if counts {
                    words += 1
                    syllables += max(1, Self.syllables(letters: letters))
                }
                letters.removeAll(keepingCapacity: true)
                counts = false
            }
            for c in b {
                if c >= 0x80 { return nil }
                if c == 32 || c == 9 || c == 47 {
                    end()
                } else if c >= 65, c <= 90 {
                    letters.append(c + 32)
                    counts = true
                } else if c >= 97, c <= 122 {
                    letters.append(c)
                    counts = true
                } else if c >= 48, c <= 57 {
                    counts = true
                }
            }
            end()
            return (words, syllables)
        }
    }

    /// The sentences of `text` above `maximumGrade` (with at least `minimumWords` words).
    public static func hardSentences(_ text: String) -> [Sentence] {
        sentences(text).map(judge).filter { $0.words >= minimumWords && $0.grade > maximumGrade }
    }

    // MARK: Files

    /// Warnings for the patient-facing text of an exercise file: `summary`, `steps`, `cautions`, `stop_if`.
    public static let exerciseKeys: Set<String> = ["summary", "steps", "cautions", "stop_if"]
    /// Warnings for the patient-facing text of a rules file: every rule's `patient_message`.
    public static let ruleKeys: Set<String> = ["patient_message"]

    /// One passage of patient-facing text: its sentences, each with where its text was written.
    public struct Passage: Sendable {
        public var sentences: [(key: String, sentence: Sentence, location: SourceLocation)] = []

        /// The Flesch–Kincaid grade of the whole passage (words per sentence over all its sentences).
        public var grade: Double {
            let words = sentences.reduce(0) { $0 + max(1, $1.sentence.words) }
            let syllables = sentences.reduce(0) { $0 + $1.sentence.syllables }
            guard words > 0, !sentences.isEmpty else { return 0 }
            return 0.39 * Double(words) / Double(sentences.count) + 11.8 * Double(syllables) / Double(words) - 15.59
        }
    }

    /// The passages under `keys` in `root`: the whole file as one passage (an exercise: what its
    /// card prints), or each value as its own (`perValue`: a rule's `patient_message`).
    public static func passages(_ root: YAMLNode, keys: Set<String>, file: String, perValue: Bool) -> [Passage] {
        var out: [Passage] = []
        var whole = Passage()
        for (key, text) in root.textValues(under: keys) {
            var p = Passage()
            for s in sentences(text.scalar!) {
                p.sentences.append((key, judge(s), SourceLocation(file: file, mark: text.mark)))
            }
            if perValue { out.append(p) } else { whole.sentences += p.sentences }
        }
        if !perValue, !whole.sentences.isEmpty { out.append(whole) }
        return out
    }

    /// A warning for each passage above `maximumGrade`, at its hardest sentence (the one to
    /// rewrite first), naming it.
    public static func warnings(_ root: YAMLNode, keys: Set<String>, file: String, perValue: Bool = false)
        -> [Diagnostic]
    {
        passages(root, keys: keys, file: file, perValue: perValue).compactMap { p -> Diagnostic? in
            let grade = p.grade
            guard grade > maximumGrade, let hardest = p.sentences.max(by: { $0.sentence.grade < $1.sentence.grade })
            else { return nil }
            return warning(
                hardest.sentence, passageGrade: grade, count: p.sentences.count, key: hardest.key, at: hardest.location)
        }
    }

    /// Parses `path` (shown as `file`) and returns `warnings`; nothing for a file that does not parse
    /// (loading reports that).
    public static func warnings(path: String, keys: Set<String>, file: String, limits: YAMLLimits = .default)
        -> [Diagnostic]
    {
        guard let bytes = try? FileSystem.read(path, limit: limits.maxBytes),
            let root = try? YAMLParser.parse(bytes, limits: limits)
        else { return [] }
        return warnings(root, keys: keys, file: file, perValue: keys == ruleKeys)
    }

    static func warning(_ s: Sentence, passageGrade: Double, count: Int, key: String, at location: SourceLocation)
        -> Diagnostic
    {
        func r(_ x: Double) -> Double { (x * 10).rounded() / 10 }
        let what = count == 1 ? "this text reads" : "its \(count) sentences read"
        return .warning(
            "\(key) may be hard to read: \(what) at grade \(r(passageGrade)) (reading age about \(Int(passageGrade.rounded()) + 5)); hardest: '\(s.text)' (grade \(r(s.grade)))",
            at: location,
            notes: [
                "Flesch–Kincaid grade; aim for \(Int(maximumGrade)) or below (reading age about 11): shorter sentences and everyday words (docs/PRINTING.md)"
            ])
    }
}

extension String {
    fileprivate var trimmingSpaces: String {
        var s = Substring(self)
        while s.first == " " || s.first == "\t" { s.removeFirst() }
        while s.last == " " || s.last == "\t" { s.removeLast() }
        return String(s)
    }
}

extension YAMLNode {
    /// Every text value under one of `keys` (a list's items too), with its key, in document order: the
    /// patient-facing text of a file, for `Readability` and `PlainWords`.
    func textValues(under keys: Set<String>) -> [(key: String, node: YAMLNode)] {
        var out: [(String, YAMLNode)] = []
        // Every key of the file is asked about: a few keys are compared, not hashed.
        let few = keys.count <= 8 ? Array(keys) : nil
        func texts(_ node: YAMLNode) -> [YAMLNode] {
            if node.scalar != nil, !node.isNull { return [node] }
            return (node.sequence ?? []).flatMap(texts)
        }
        func walk(_ node: YAMLNode) {
            if let pairs = node.mapping {
                for pair in pairs {
                    if let key = pair.key.scalar, few?.contains(key) ?? keys.contains(key) {
                        out += texts(pair.value).map { (key, $0) }
                    } else {
                        walk(pair.value)
                    }
                }
            } else if let items = node.sequence {
                items.forEach(walk)
            }
        }
        walk(self)
        return out
    }
}
