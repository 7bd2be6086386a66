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
    /// diphthong exceptions; at least 1 for a word with letters, 0 without.
    public static func syllables(_ word: String) -> Int {
        var w = Array(word.lowercased().unicodeScalars.filter { ("a"..."z").contains($0) }.map(Character.init))
        if w.isEmpty { return 0 }
        if w.count <= 3 { return 1 }
        func isVowel(_ c: Character) -> Bool { "aeiouy".contains(c) }
        func ends(_ s: String) -> Bool { w.count > s.count && String(w.suffix(s.count)) == s }
        var adjust = 0
        if ends("ely") { adjust -= 1 }                                        // safely, completely
        if ends("es"), !"sxzcg".contains(w[w.count - 3]), !(w[w.count - 3] == "h" && "cs".contains(w[w.count - 4])) {
            w.removeLast(2)                                                      // breathes, times (not boxes, pushes)
        }
        else if ends("ed"), !"td".contains(w[w.count - 3]) { w.removeLast(2) } // walked, tired (not rested)
        else if ends("e"), !(ends("le") && w.count > 2 && !isVowel(w[w.count - 3])) { w.removeLast() } // breathe (not gentle)
        var groups = 0
        var previousVowel = false
        for (i, c) in w.enumerated() {
            let vowel = isVowel(c) && !(c == "y" && i == 0)
            if vowel, !previousVowel { groups += 1 }
            previousVowel = vowel
        }
        // Vowel pairs said as two syllables: di-a-phragm, ra-di-o, u-su-al, stu-di-um, vi-de-o.
        let text = String(w)
        for pair in ["ia", "iu", "eo", "ua", "uo"] {
            var search = Substring(text)
            while let r = search.firstRange(of: pair) {
                let before = r.lowerBound > text.startIndex ? text[text.index(before: r.lowerBound)] : " "
                if !(pair == "ua" && "qg".contains(before)) && !(pair == "ia" && "ct".contains(before) && text[r.upperBound...].hasPrefix("l")) {
                    adjust += 1
                }
                search = text[r.upperBound...]
            }
        }
        for pattern in ["io"] {
            var search = Substring(text)
            while let r = search.firstRange(of: pattern) {
                let before = r.lowerBound > text.startIndex ? text[text.index(before: r.lowerBound)] : " "
                if !"tsxc".contains(before) || !search[r.upperBound...].hasPrefix("n") { adjust += 1 }  // radio, physio (not -tion, -sion)
                search = text[r.upperBound...]
            }
        }
        if ends("ism") { adjust += 1 }
        return max(1, groups + adjust)
    }

    /// The sentences of `text`: split after `.`, `!`, `?`, `;` and `:` (not inside a number such as
    /// 38.5) and at line breaks.
    public static func sentences(_ text: String) -> [String] {
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

    /// Words of a sentence: runs between spaces that hold a letter or a digit (a number counts as a
    /// word of one syllable per group of digits read out, approximated as one).
    public static func words(_ sentence: String) -> [Substring] {
        sentence.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "/" || $0 == "—" || $0 == "–" })
            .filter { $0.contains { $0.isLetter || $0.isNumber } }
    }

    /// The Flesch–Kincaid grade of one sentence.
    public static func judge(_ sentence: String) -> Sentence {
        let ws = words(sentence)
        let syllables = ws.reduce(0) { $0 + max(1, Self.syllables(String($1))) }
        let n = max(1, ws.count)
        let grade = 0.39 * Double(n) + 11.8 * Double(syllables) / Double(n) - 15.59
        return Sentence(text: sentence, words: ws.count, syllables: syllables, grade: grade)
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
        func texts(_ node: YAMLNode) -> [YAMLNode] {
            if node.scalar != nil, !node.isNull { return [node] }
            return (node.sequence ?? []).flatMap(texts)
        }
        func walk(_ node: YAMLNode) {
            if let pairs = node.mapping {
                for pair in pairs {
                    if let key = pair.key.scalar, keys.contains(key) {
                        for text in texts(pair.value) {
                            var p = Passage()
                            for s in sentences(text.scalar!) {
                                p.sentences.append((key, judge(s), SourceLocation(file: file, mark: text.mark)))
                            }
                            if perValue { out.append(p) } else { whole.sentences += p.sentences }
                        }
                    } else {
                        walk(pair.value)
                    }
                }
            } else if let items = node.sequence {
                items.forEach(walk)
            }
        }
        walk(root)
        if !perValue, !whole.sentences.isEmpty { out.append(whole) }
        return out
    }

    /// A warning for each passage above `maximumGrade`, at its hardest sentence (the one to
    /// rewrite first), naming it.
    public static func warnings(_ root: YAMLNode, keys: Set<String>, file: String, perValue: Bool = false) -> [Diagnostic] {
        passages(root, keys: keys, file: file, perValue: perValue).compactMap { p -> Diagnostic? in
            let grade = p.grade
            guard grade > maximumGrade, let hardest = p.sentences.max(by: { $0.sentence.grade < $1.sentence.grade }) else { return nil }
            return warning(hardest.sentence, passageGrade: grade, count: p.sentences.count, key: hardest.key, at: hardest.location)
        }
    }

    /// Parses `path` (shown as `file`) and returns `warnings`; nothing for a file that does not parse
    /// (loading reports that).
    public static func warnings(path: String, keys: Set<String>, file: String, limits: YAMLLimits = .default) -> [Diagnostic] {
        guard let bytes = try? FileSystem.read(path, limit: limits.maxBytes),
              let root = try? YAMLParser.parse(bytes, limits: limits) else { return [] }
        return warnings(root, keys: keys, file: file, perValue: keys == ruleKeys)
    }

    static func warning(_ s: Sentence, passageGrade: Double, count: Int, key: String, at location: SourceLocation) -> Diagnostic {
        func r(_ x: Double) -> Double { (x * 10).rounded() / 10 }
        let what = count == 1 ? "this text reads" : "its \(count) sentences read"
        return .warning("\(key) may be hard to read: \(what) at grade \(r(passageGrade)) (reading age about \(Int(passageGrade.rounded()) + 5)); hardest: '\(s.text)' (grade \(r(s.grade)))",
                        at: location,
                        notes: ["Flesch–Kincaid grade; aim for \(Int(maximumGrade)) or below (reading age about 11): shorter sentences and everyday words (docs/PRINTING.md)"])
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
