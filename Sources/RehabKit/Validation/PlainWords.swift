import YAMLReader

/// Clinical abbreviations on the patient's sheet ("TLSO", "NWB", "PRN"): `rehab validate` warns at the
/// text and names the plain words, since a patient reading her week should not have to decode the
/// prescription. Only abbreviations known to be clinical are flagged (capitals used for emphasis, such
/// as "STOP", are left alone).
public enum PlainWords {
    /// Abbreviations a patient may not know, and plain words for them.
    public static let abbreviations: [String: String] = [
        "TLSO": "back brace", "LSO": "lower back brace", "CTLSO": "neck and back brace",
        "CTO": "neck and upper back brace",
        "SOMI": "neck brace", "MSCC": "pressure on the spinal cord", "SCC": "pressure on the spinal cord",
        "NRS": "pain score",
        "VAS": "pain score", "ROM": "range of movement", "AROM": "moving it yourself",
        "PROM": "someone moving it for you",
        "PT": "physiotherapist", "OT": "occupational therapist", "NWB": "no weight through that leg",
        "PWB": "part of your weight",
        "TTWB": "only touch the floor with that foot", "FWB": "your full weight",
        "WBAT": "as much weight as is comfortable",
        "ADL": "daily tasks", "ADLS": "daily tasks", "SOB": "breathless", "SOBOE": "breathless when you move",
        "RPE": "effort score",
        "HEP": "home exercises", "BID": "twice a day", "TID": "three times a day", "QID": "four times a day",
        "QD": "once a day",
        "PRN": "when you need it", "OD": "once a day", "BD": "twice a day", "TDS": "three times a day",
        "LOS": "balance",
        "DVT": "a blood clot in the leg", "PE": "a blood clot in the lung", "SINS": "spine stability score",
        "ASAP": "as soon as you can",
    ]

    /// The clinical abbreviations in `text`, each once, in order: (as written, plain words).
    public static func found(in text: String) -> [(written: String, plain: String)] {
        var out: [(String, String)] = []
        var seen = Set<String>()
        for word in words(of: text) where word.count >= 2 && word.count <= 6 {
            guard word.allSatisfy({ $0.isUppercase || $0 == "s" }), word.first!.isUppercase else { continue }
            let key = word.uppercased()
            guard let plain = abbreviations[key] ?? (key.hasSuffix("S") ? abbreviations[String(key.dropLast())] : nil),
                seen.insert(String(word)).inserted
            else { continue }
            out.append((String(word), plain))
        }
        return out
    }

    /// The runs of letters of `text`. ASCII text (nearly all of it) is split on its bytes, with the
    /// same result as splitting its characters and far faster.
    static func words(of text: String) -> [Substring] {
        let utf8 = text.utf8
        guard utf8.allSatisfy({ $0 < 0x80 }) else { return text.split(whereSeparator: { !$0.isLetter }) }
        func isLetter(_ b: UInt8) -> Bool { (b | 0x20) >= UInt8(ascii: "a") && (b | 0x20) <= UInt8(ascii: "z") }
        var out: [Substring] = []
        var start: String.Index?
        var i = utf8.startIndex
        while i != utf8.endIndex {
            if isLetter(utf8[i]) {
                if start == nil { start = i }
            } else if let s = start {
                out.append(text[s..<i])
                start = nil
            }
            i = utf8.index(after: i)
        }
        if let s = start { out.append(text[s...]) }
        return out
    }

    /// Warnings for the text under `keys` of a located tree (every value of those keys, lists too).
    public static func warnings(_ root: YAMLNode, keys: Set<String>, file: String) -> [Diagnostic] {
        root.textValues(under: keys).flatMap { key, text in
            warnings(text.scalar!, key: key, at: SourceLocation(file: file, mark: text.mark))
        }
    }

    static func warnings(_ text: String, key: String, at location: SourceLocation) -> [Diagnostic] {
        found(in: text).map { a in
            .warning(
                "\(key) uses the abbreviation '\(a.written)', which the patient may not know", at: location,
                notes: ["write it in plain words on the patient's sheet, such as '\(a.plain)'"])
        }
    }

    /// The patient-facing keys of an exercise file and of a plan file.
    public static let exerciseKeys: Set<String> = ["name", "summary", "steps", "cautions", "stop_if", "equipment"]
    public static let planKeys: Set<String> = ["title", "notes"]
}
