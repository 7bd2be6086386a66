/// Suggests the closest known word for a misspelt one ("sqaut" → "squat").
public enum DidYouMean {
    /// The candidate nearest to `word` within a distance that scales with its length, if any.
    public static func suggestion(for word: String, in candidates: some Sequence<String>) -> String? {
        let limit = max(1, min(3, word.count / 3))
        var best: (String, Int)?
        for candidate in candidates where candidate != word {
            let d = distance(word.lowercased(), candidate.lowercased(), limit: limit)
            if d <= limit, d < (best?.1 ?? .max) { best = (candidate, d) }
        }
        if let best { return best.0 }
        // A word written with other separators ("night pain" for "night_pain") is a near miss too.
        let folded = fold(word)
        if let same = candidates.first(where: { fold($0) == folded && $0 != word }) { return same }
        return byWords(word, in: candidates)
    }

    /// The candidate made of the same words in another order, or with one word more or fewer, each
    /// word matched as written, by its stem or with one slip ("gentle-walking" → "walking-gentle",
    /// "bridge" → "bridging", "walking" → "walking-gentle"); the fewest words changed, then the first
    /// in order.
    static func byWords(_ word: String, in candidates: some Sequence<String>) -> String? {
        let given = words(word)
        guard !given.isEmpty else { return nil }
        var best: (String, Int)?
        for candidate in candidates where candidate != word {
            let have = words(candidate)
            var unmatched = have
            var missing = 0
            for w in given {
                if let i = unmatched.firstIndex(where: { wordsMatch(w, $0) }) {
                    unmatched.remove(at: i)
                } else {
                    missing += 1
                }
            }
            let cost = missing + unmatched.count
            guard missing <= 1, unmatched.count <= 1, cost <= 1 || (cost == 0), missing < given.count else { continue }
            if cost < (best?.1 ?? .max) || (cost == best?.1 && candidate < best!.0) { best = (candidate, cost) }
        }
        return best?.0
    }

    static func words(_ s: String) -> [String] {
        s.lowercased().split { $0 == "-" || $0 == "_" || $0 == " " }.map(String.init)
    }

    static func wordsMatch(_ a: String, _ b: String) -> Bool {
        if a == b || stem(a) == stem(b) { return true }
        return a.count >= 5 && b.count >= 5 && distance(a, b, limit: 1) <= 1
    }

    /// A crude English stem: the word without -ing, -ed, -es, -s or a final -e.
    static func stem(_ w: String) -> String {
        for suffix in ["ing", "ed", "es", "s", "e"] where w.count > suffix.count + 2 && w.hasSuffix(suffix) {
            return String(w.dropLast(suffix.count))
        }
        return w
    }

    /// The `note:` line for a suggestion, or nil.
    public static func note(for word: String, in candidates: some Sequence<String>) -> String? {
        suggestion(for: word, in: candidates).map { "did you mean '\($0)'?" }
    }

    /// Optimal string alignment distance (Damerau–Levenshtein without repeated edits of one
    /// substring): a swapped pair of letters counts once. Stops early past `limit`.
    public static func distance(_ a: String, _ b: String, limit: Int = .max) -> Int {
        let s = Array(a.unicodeScalars)
        let t = Array(b.unicodeScalars)
        if abs(s.count - t.count) > limit { return limit + 1 }
        if s.isEmpty { return t.count }
        if t.isEmpty { return s.count }
        var prev2 = [Int](repeating: 0, count: t.count + 1)
        var prev = Array(0...t.count)
        var cur = [Int](repeating: 0, count: t.count + 1)
        for i in 1...s.count {
            cur[0] = i
            var rowMin = cur[0]
            for j in 1...t.count {
                let cost = s[i - 1] == t[j - 1] ? 0 : 1
                var v = Swift.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
                if i > 1, j > 1, s[i - 1] == t[j - 2], s[i - 2] == t[j - 1] {
                    v = Swift.min(v, prev2[j - 2] + 1)
                }
                cur[j] = v
                rowMin = Swift.min(rowMin, v)
            }
            if rowMin > limit { return limit + 1 }
            (prev2, prev, cur) = (prev, cur, prev2)
        }
        return prev[t.count]
    }

    private static func fold(_ s: String) -> String {
        String(s.lowercased().filter { $0.isLetter || $0.isNumber })
    }
}
