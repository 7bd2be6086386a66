import YAMLReader

/// Reads typed values out of a located node tree and collects a diagnostic for every problem,
/// so that one pass reports everything wrong with a file. A reader function returns nil where
/// a value could not be read; the reason is already in `diagnostics`.
final class NodeReader {
    /// The file as the user named it (relative to the working directory where possible).
    let file: String
    private(set) var diagnostics: [Diagnostic] = []

    init(file: String) {
        self.file = file
    }

    func location(_ node: YAMLNode) -> SourceLocation {
        SourceLocation(file: file, mark: node.mark)
    }

    func error(_ message: String, at node: YAMLNode, notes: [String?] = []) {
        diagnostics.append(.error(message, at: location(node), notes: notes.compactMap { $0 }))
    }

    func warning(_ message: String, at node: YAMLNode, notes: [String?] = []) {
        diagnostics.append(.warning(message, at: location(node), notes: notes.compactMap { $0 }))
    }

    /// The errors so far (warnings left out): a reader that compares counts before and after a
    /// part must not drop the part for a warning.
    var errorCount: Int { diagnostics.reduce(0) { $0 + ($1.severity == .error ? 1 : 0) } }

    func add(_ diagnostic: Diagnostic) {
        diagnostics.append(diagnostic)
    }

    // MARK: Mappings

    /// The entries of a mapping with its known keys. Reports unknown keys (with a did-you-mean
    /// hint) and missing required keys; nil when the node is not a mapping.
    func fields(_ node: YAMLNode, _ what: String, known: [String], required: [String] = []) -> Fields? {
        guard let pairs = node.mapping else {
            error("\(what) must be a mapping of keys and values, not \(node.kindDescription)", at: node)
            return nil
        }
        var names: [String] = []
        var indices: [Int] = []
        names.reserveCapacity(pairs.count)
        indices.reserveCapacity(pairs.count)
        for (i, pair) in pairs.enumerated() {
            guard let key = pair.key.scalar else {
                error("a key must be a word, not \(pair.key.kindDescription)", at: pair.key)
                continue
            }
            if known.contains(key) {
                names.append(key)
                indices.append(i)
            } else {
                error(
                    "unknown key '\(key)' in \(what)", at: pair.key,
                    notes: [DidYouMean.note(for: key, in: known) ?? "known keys: \(known.joined(separator: ", "))"])
            }
        }
        for key in required where !names.contains(key) {
            error("\(what) is missing required key '\(key)'", at: node)
        }
        return Fields(node: node, pairs: pairs, names: names, indices: indices)
    }

    // MARK: Scalars

    /// Text: any scalar that is not null. Numbers and booleans written plainly are text too
    /// (a name of `Yes` is a name).
    func string(_ node: YAMLNode?, _ what: String) -> String? {
        guard let node else { return nil }
        guard let s = node.scalar, !node.isNull else {
            error("\(what) must be text, not \(node.kindDescription)", at: node)
            return nil
        }
        if !s.utf8.contains(where: { $0 != UInt8(ascii: " ") }) {
            error("\(what) is empty", at: node)
            return nil
        }
        return s
    }

    func located(_ node: YAMLNode?, _ what: String) -> Located<String>? {
        guard let node, let s = string(node, what) else { return nil }
        return Located(s, at: location(node))
    }

    /// A kebab-case identifier: `[a-z0-9]+(-[a-z0-9]+)*`.
    func identifier(_ node: YAMLNode?, _ what: String) -> Located<String>? {
        guard let node, let s = string(node, what) else { return nil }
        guard Identifier.isValid(s) else {
            error(
                "\(what) '\(s)' is not a kebab-case id", at: node,
                notes: ["use lower-case letters, digits and single hyphens, such as '\(Identifier.suggest(s))'"])
            return nil
        }
        return Located(s, at: location(node))
    }

    func bool(_ node: YAMLNode?, _ what: String) -> Bool? {
        guard let node else { return nil }
        if node.isPlainScalar, let s = node.scalar {
            switch s {
            case "true", "True", "TRUE", "yes", "Yes", "YES": return true
            case "false", "False", "FALSE", "no", "No", "NO": return false
            default: break
            }
        }
        error(
            "\(what) must be true or false, not \(describe(node))", at: node,
            notes: node.isPlainScalar ? [] : ["write true or false without quotes"])
        return nil
    }

    /// A whole number in `range`.
    func int(_ node: YAMLNode?, _ what: String, in range: ClosedRange<Int>, unit: String = "") -> Int? {
        guard let node else { return nil }
        guard node.isPlainScalar, let s = node.scalar, let n = Int(s) else {
            error(
                "\(what) must be a whole number\(rangeText(range, unit)), not \(describe(node))", at: node,
                notes: [Self.slipHint(node)])
            return nil
        }
        guard range.contains(n) else {
            error("\(what) \(n) is out of range\(rangeText(range, unit))", at: node)
            return nil
        }
        return n
    }

    /// A number (whole or decimal) in `range`.
    func number(_ node: YAMLNode?, _ what: String, in range: ClosedRange<Double>) -> Double? {
        guard let node else { return nil }
        guard node.isPlainScalar, let s = node.scalar, let n = Double(s), n.isFinite else {
            error(
                "\(what) must be a number, not \(describe(node))", at: node,
                notes: [Self.slipHint(node, fraction: range.upperBound <= 1)])
            return nil
        }
        guard range.contains(n) else {
            let fraction = range.upperBound <= 1 && n > 1 && n <= 100
            error(
                "\(what) \(s) is out of range (\(format(range.lowerBound)) to \(format(range.upperBound)))", at: node,
                notes: fraction ? ["write a fraction: \(s) % is \(format(n / 100))"] : [])
            return nil
        }
        return n
    }

    func date(_ node: YAMLNode?, _ what: String) -> LocalDate? {
        guard let node else { return nil }
        guard let s = node.scalar, !node.isNull, let d = LocalDate(s.trimmingCharacters(in: " ")) else {
            let text = node.scalar?.trimmingCharacters(in: " ") ?? ""
            let shaped =
                text.count == 10 && text.enumerated().allSatisfy { i, c in i == 4 || i == 7 ? c == "-" : c.isNumber }
            if shaped {
                error("\(what) '\(text)' is not a date in the calendar", at: node)
            } else {
                error("\(what) must be a date written YYYY-MM-DD, not \(describe(node))", at: node)
            }
            return nil
        }
        return d
    }

    /// One word of a closed vocabulary, with a did-you-mean hint.
    func word<E: RawRepresentable & CaseIterable>(_ node: YAMLNode?, _ what: String, as: E.Type) -> E?
    where E.RawValue == String {
        guard let node else { return nil }
        if let s = node.scalar, !node.isNull, let e = E(rawValue: s) { return e }
        // Only a wrong word pays for the list of right ones.
        let words = E.allCases.map(\.rawValue)
        guard let s = node.scalar, !node.isNull else {
            error("\(what) must be one of \(words.joined(separator: ", ")), not \(node.kindDescription)", at: node)
            return nil
        }
        // The allowed values are listed even with a suggestion: a closed set costs one run, not two.
        error(
            "unknown \(what) '\(s)'", at: node,
            notes: [DidYouMean.note(for: s, in: words), "expected one of: \(words.joined(separator: ", "))"])
        return nil
    }

    // MARK: Lists

    /// A list, each element read by `element`; elements that fail are left out (and reported).
    func list<T>(_ node: YAMLNode?, _ what: String, _ element: (YAMLNode) -> T?) -> [T]? {
        guard let node else { return nil }
        guard let items = node.sequence else {
            error(
                "\(what) must be a list, not \(node.kindDescription)", at: node,
                notes: node.scalar != nil && !node.isNull ? ["write a list as [a, b] or one '- item' per line"] : [])
            return nil
        }
        return items.compactMap(element)
    }

    func strings(_ node: YAMLNode?, _ what: String) -> [String]? {
        list(node, what) { self.string($0, "each entry of \(what)") }
    }

    // MARK: Helpers

    /// A hint for the common slips in a value that should be a number: a percentage where a
    /// fraction is wanted ("80%" → 0.8), a unit written after the number ("10 min" → 10), a
    /// mapping given as text.
    static func slipHint(_ node: YAMLNode, fraction: Bool = false) -> String? {
        guard let s = node.scalar?.trimmingCharacters(in: .whitespaces), !node.isNull else {
            return node.mapping != nil ? "write the number alone, not a mapping" : nil
        }
        if s.hasSuffix("%"), let p = Double(s.dropLast().trimmingCharacters(in: .whitespaces)) {
            let f = p / 100
            return fraction
                ? "write a fraction: \(s) is \(f == f.rounded() ? String(Int(f)) : String(f))"
                : "write the number without '%'"
        }
        let digits = s.prefix { $0.isNumber || $0 == "." }
        if !digits.isEmpty, digits.count < s.count, Double(digits) != nil {
            return "write the number alone, without its unit: \(digits)"
        }
        return nil
    }

    func describe(_ node: YAMLNode) -> String {
        if let s = node.scalar, !node.isNull { return "'\(s)'" }
        return node.kindDescription
    }

    private func rangeText(_ range: ClosedRange<Int>, _ unit: String) -> String {
        let u = unit.isEmpty ? "" : " \(unit)"
        if range.upperBound == Int.max { return " (\(range.lowerBound) or more\(u))" }
        return " (\(range.lowerBound) to \(range.upperBound)\(u))"
    }

    func format(_ x: Double) -> String {
        x == x.rounded() && abs(x) < 1e15 ? String(Int(x)) : String(x)
    }
}

/// The known entries of one mapping, by key.
struct Fields {
    let node: YAMLNode
    let pairs: [YAMLPair]
    /// Known key names, and the index of each one's pair.
    let names: [String]
    let indices: [Int]

    subscript(_ key: String) -> YAMLNode? {
        names.firstIndex(of: key).map { pairs[indices[$0]].value }
    }

    func key(_ key: String) -> YAMLNode? {
        names.firstIndex(of: key).map { pairs[indices[$0]].key }
    }

    func has(_ key: String) -> Bool { names.contains(key) }
}

/// Kebab-case identifiers: `[a-z0-9]+(-[a-z0-9]+)*`.
public enum Identifier {
    public static func isValid(_ s: String) -> Bool {
        var previousHyphen = true
        for b in s.utf8 {
            switch b {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                previousHyphen = false
            case UInt8(ascii: "-"):
                if previousHyphen { return false }
                previousHyphen = true
            default:
                return false
            }
        }
        return !previousHyphen
    }

    /// A kebab-case spelling of `s`, for hints.
    public static func suggest(_ s: String) -> String {
        var out = ""
        for c in s.lowercased() {
            if c.isASCII && (c.isLetter || c.isNumber) {
                out.append(c)
            } else if !out.isEmpty, out.last != "-" {
                out.append("-")
            }
        }
        while out.last == "-" { out.removeLast() }
        return out.isEmpty ? "my-exercise" : out
    }
}
