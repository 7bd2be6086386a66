import Foundation
import RehabBench
import TestSupport
import Testing

@testable import RehabKit

/// `Readability` counts on bytes since it was made faster (it was most of `validate`'s time): the
/// syllables of a word, the sentences of a text and the words and syllables of a sentence must be
/// what the character-based first version (kept here as the reference) gives, for every input.
struct ReadabilityFastPathTests {
    static func reference(_ word: String) -> Int {
        var w = Array(word.lowercased().unicodeScalars.filter { ("a"..."z").contains($0) }.map(Character.init))
        if w.isEmpty { return 0 }
        if w.count <= 3 { return 1 }
        func isVowel(_ c: Character) -> Bool { "aeiouy".contains(c) }
        func ends(_ s: String) -> Bool { w.count > s.count && String(w.suffix(s.count)) == s }
        var adjust = 0
        if ends("ely") { adjust -= 1 }  // safely, completely
        if ends("es"), !"sxzcg".contains(w[w.count - 3]), !(w[w.count - 3] == "h" && "cs".contains(w[w.count - 4])) {
            w.removeLast(2)  // breathes, times (not boxes, pushes)
        } else if ends("ed"), !"td".contains(w[w.count - 3]) {
            w.removeLast(2)
        }  // walked, tired (not rested)
        else if ends("e"), !(ends("le") && w.count > 2 && !isVowel(w[w.count - 3])) {
            w.removeLast()
        }  // breathe (not gentle)
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
                if !(pair == "ua" && "qg".contains(before))
                    && !(pair == "ia" && "ct".contains(before) && text[r.upperBound...].hasPrefix("l"))
                {
                    adjust += 1
                }
                search = text[r.upperBound...]
            }
        }
        for pattern in ["io"] {
            var search = Substring(text)
            while let r = search.firstRange(of: pattern) {
                let before = r.lowerBound > text.startIndex ? text[text.index(before: r.lowerBound)] : " "
                // radio, physio (not -tion, -sion)
                if !"tsxc".contains(before) || !search[r.upperBound...].hasPrefix("n") { adjust += 1 }
                search = text[r.upperBound...]
            }
        }
        if ends("ism") { adjust += 1 }
        return max(1, groups + adjust)
    }

    static func referenceSentences(_ text: String) -> [String] {
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
        return out.map { s in
            var t = Substring(s)
            while t.first == " " || t.first == "\t" { t.removeFirst() }
            while t.last == " " || t.last == "\t" { t.removeLast() }
            return String(t)
        }.filter { !$0.isEmpty }
    }

    static func referenceJudge(_ sentence: String) -> (words: Int, syllables: Int) {
        let ws = sentence.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "/" || $0 == "—" || $0 == "–" })
            .filter { $0.contains { $0.isLetter || $0.isNumber } }
        return (ws.count, ws.reduce(0) { $0 + max(1, reference(String($1))) })
    }

    /// Every text of the bundled files, and texts made to hit each rule of the splitting.
    func texts() throws -> [String] {
        var out: [String] = []
        for folder in [
            "Exercises", "Plans", "Patients", "Sources/RehabKit/Resources", "Tests/Fixtures/valid/Exercises",
        ] {
            let dir = Paths.packageRoot + "/" + folder
            for name in (try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? [] where name.hasSuffix(".yaml")
            {
                let file = try Paths.read(dir + "/" + name)
                out.append(file)
                out += file.split(separator: "\n").map(String.init)
            }
        }
        out += [
            "Breathe in. Breathe out.", "Keep 38.5 or less: stop!", "a.b. c? d;e ; f:\ng", "  \t lead and trail \t ",
            "", ".", "\n\n", "Lift 2/3 — slowly – then rest.", "Stop\r\nnow. Then\r\n", "Café au lait. Naïve? Yes.",
            "x-ray/ultrasound 3rd time; done.", "End with colon:", "tab\tseparated\twords here",
        ]
        var rng = SystemRandomNumberGenerator()
        let pieces = [
            "Walk", " ", "slowly", ".", "!", "?", ";", ":", "\n", "\t", "/", "38.5", "é", "—", "diaphragm", "\r\n", "x",
        ]
        for _ in 0..<3000 {
            out.append(
                (0..<Int.random(in: 0...14, using: &rng)).map { _ in pieces.randomElement(using: &rng)! }.joined())
        }
        return out
    }

    @Test func splitsAndJudgesAsTheReference() throws {
        for text in try texts() {
            let sentences = Readability.sentences(text)
            #expect(sentences == Self.referenceSentences(text), "\(text.debugDescription)")
            for s in sentences + [text] {
                let judged = Readability.judge(s)
                let reference = Self.referenceJudge(s)
                #expect(
                    judged.words == reference.words && judged.syllables == reference.syllables, "\(s.debugDescription)")
            }
        }
    }

    /// Every word of the bundled exercises, plans, rules and fixtures, and words made to hit each
    /// ending and vowel pair, in upper and mixed case and with non-ASCII letters.
    func words() throws -> [String] {
        var texts: [String] = []
        for folder in [
            "Exercises", "Plans", "Patients", "Sources/RehabKit/Resources", "Tests/Fixtures/valid/Exercises",
        ] {
            let dir = Paths.packageRoot + "/" + folder
            for name in (try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? [] where name.hasSuffix(".yaml")
            {
                texts.append(try Paths.read(dir + "/" + name))
            }
        }
        var out = Set(texts.joined(separator: " ").split(whereSeparator: { !$0.isLetter }).map(String.init))
        let made = [
            "safely", "boxes", "pushes", "breathes", "times", "walked", "rested", "tired", "breathe", "gentle",
            "diaphragm", "radio", "usual", "stadium", "video", "quality", "guard", "social", "initial", "physio",
            "station", "vision", "axion", "ocean", "duo", "fluid", "tension", "criticism", "yes", "yellow", "rhythm",
            "ly", "es", "ed", "e", "ies", "ees", "ches", "shes", "hes", "cial", "tial", "iaia", "ioio", "uaua",
            "KELVIN", "Ｗide", "naïve", "café", "\u{212A}ilo", "İstanbul", "straße", "x-ray", "3rd", "", "a", "aeiouy",
        ]
        out.formUnion(made)
        out.formUnion(made.map { $0.uppercased() })
        var rng = SystemRandomNumberGenerator()
        let letters = Array("aeiouyaeiouybcdghlnqstxz")
        for _ in 0..<5000 {
            out.insert(
                String((0..<Int.random(in: 1...9, using: &rng)).map { _ in letters.randomElement(using: &rng)! }))
        }
        return out.sorted()
    }

    @Test func countsAsTheReference() throws {
        let all = try words()
        #expect(all.count > 5000)
        let differing = all.filter { Readability.syllables($0) != Self.reference($0) }
        #expect(
            differing.isEmpty,
            "\(differing.prefix(20).map { "\($0): \(Readability.syllables($0)) vs \(Self.reference($0))" })")
    }

    /// `validate` judges each exercise from the tree its load built; `ReadabilityPass.exercises`
    /// reads the files again: the two must agree (the generated exercises have hard sentences).
    @Test func judgedAtLoadAsOnASecondReading() throws {
        let ws = try TemporaryWorkspace()
        for file in CorpusGenerator(exercises: 60, plans: 2, seed: 9).files() {
            // Every third exercise with a summary far above a reading age of 11.
            let hard =
                "summary: \"Subsequently, systematically reevaluate musculoskeletal discomfort, documenting intermittent exacerbations.\""
            try ws.write(
                file.path,
                file.path.hasSuffix("0.yaml") || file.path.hasSuffix("3.yaml")
                    ? file.contents.replacingOccurrences(of: #"summary: "A gentle"#, with: hard + "\n#") : file.contents
            )
        }
        for root in [ws.root, Paths.packageRoot] {
            var loader = WorkspaceLoader(root: root, displayBase: Paths.packageRoot)
            loader.readability = true
            let stream = PlanStream(loader: loader, listing: loader.list())
            let again = ReadabilityPass.exercises(stream.library)
            #expect(stream.readabilityDiagnostics == again)
            if root == ws.root { #expect(again.count >= 3) }
        }
    }
}
