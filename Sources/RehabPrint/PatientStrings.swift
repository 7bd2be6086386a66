import RehabKit

/// Every fixed phrase the printer builds for a patient — tier headings, the brace regimen, times of
/// day, doses, dates, the grid's own rows — from one table, `strings.txt`, so that a clinic can reword
/// it, or print in another language, with `--template DIR` and no recompiling. (The sentences of the
/// sheet itself are in the templates.)
///
/// `key = words`, one a line; `#` lines are comments. Words may hold `{name}` placeholders, filled in
/// where the phrase is used; a key ending `.one` is used instead of `.other` when its `{n}` is 1. A
/// clinic's file need hold only the keys it changes: the rest come from the bundled table. An unknown
/// key, a missing `=`, empty words or a placeholder the key does not have is an error at its line.
struct PatientStrings: Sendable {
    private var table: [String: String]

    /// The placeholders each key may use; the bundled table must define exactly these keys.
    static let placeholders: [String: Set<String>] = {
        var p: [String: Set<String>] = [
            "contact.default": [], "tier.now": ["contact"], "tier.today": ["contact"], "tier.visit": ["contact"],
            "habit.every-day": [], "habit.brace": ["brace"], "brace.upright": ["brace"], "brace.out-of-bed": ["brace"],
            "brace.always": ["brace"],
            "brace.as-needed": ["brace"], "brace.unstated": ["brace"],
            "times.list": ["list", "last"], "times.per-day": ["n"],
            "daily-limit.one": ["n"], "daily-limit.other": ["n"], "date.long": ["weekday", "day", "month", "year"],
            "grid.pain": [], "grid.warning": [], "grid.warning-hint": [], "grid.rest": [], "grid.rest-day": [],
            "grid.in-brace": [],
            "scan.caption": [], "scan.exercise": [], "scan.nothing": [], "scan.daily-limit": ["limit"], "scan.pain": [],
            "scan.pain-hint": [],
            "scan.warning": [], "scan.warning-hint": [], "scan.page": ["page", "pages"],
            "scan.continues": ["page", "pages"],
            "dose.sets": ["sets", "reps"], "dose.once": [], "dose.times": ["n"], "dose.hold.one": ["n"],
            "dose.hold.other": ["n"],
            "dose.minutes.one": ["n"], "dose.minutes.other": ["n"], "dose.also-minutes.one": ["n"],
            "dose.also-minutes.other": ["n"],
            "dose.rest.one": ["n"], "dose.rest.other": ["n"], "dose.side.each": [], "dose.side.left": [],
            "dose.side.right": [],
            "dose.side.both": [], "dose.separator": [], "dose.provisional": ["dose"],
            "left-out.line": ["name", "times", "reason"], "left-out.times.one": ["n"], "left-out.times.other": ["n"],
            "left-out.daily-limit": ["limit"], "left-out.longer": ["minutes", "limit"], "left-out.days": ["n"],
            "left-out.apart": ["n"], "left-out.other": [],
            "brace.plain": ["brace"],
        ]
        for kind in Self.braceKinds { p["brace.kind.\(kind)"] = [] }
        for t in TimeOfDay.allCases { p["time.\(t.rawValue)"] = [] }
        for w in Weekday.allCases {
            p["day.\(w.rawValue)"] = []
            p["day.short.\(w.rawValue)"] = []
        }
        for m in 1...12 {
            p["month.\(m)"] = []
            p["month.short.\(m)"] = []
        }
        return p
    }()

    /// Brace types the table words plainly (`brace.kind.tlso = back brace`): the prescription's
    /// abbreviation is for the team, not the patient's sheet.
    static let braceKinds = [
        "tlso", "lso", "ctlso", "cto", "cervical-collar", "collar", "lumbar", "jewett", "thoracic",
    ]

    /// Keys the table no longer uses (the split rows of an item done several times a day, "1st and
    /// 2nd times of 3 a day"): a clinic's table that still words them is read, and they are ignored.
    static let retired: Set<String> = [
        "times.one-of", "times.two-of", "ordinal.1", "ordinal.2", "ordinal.3", "ordinal.other",
    ]

    /// Placeholders a key must keep: the tiers that tell the patient to call say whom.
    static let required: [String: Set<String>] = ["tier.now": ["contact"], "tier.today": ["contact"]]

    /// Reads a table (`file` names it in errors) over `base` (the bundled table, or nil for it).
    init(text: String, file: String, over base: PatientStrings? = nil) throws(PrintError) {
        var table = base?.table ?? [:]
        for (i, raw) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            let at = "\(file):\(i + 1):1"
            guard let eq = line.firstIndex(of: "=") else {
                throw PrintError("a line of the strings table is 'key = words'", at: at)
            }
            let key = line[..<eq].trimmingCharacters(in: .whitespaces)
            let words = line[line.index(after: eq)...].trimmingCharacters(in: .whitespaces)
            if Self.retired.contains(key) { continue }
            guard let allowed = Self.placeholders[key] else {
                let near =
                    DidYouMean.suggestion(for: key, in: Self.placeholders.keys.sorted()).map {
                        " (did you mean '\($0)'?)"
                    } ?? ""
                throw PrintError("unknown key '\(key)' in the strings table\(near)", at: at)
            }
            // Words a patient can read: a letter or a digit, not only spaces, dots or invisible characters
            // (the separator between a dose's parts is a mark).
            guard
                key == "dose.separator"
                    || words.unicodeScalars.contains(where: { $0.properties.isAlphabetic || ("0"..."9").contains($0) })
            else {
                throw PrintError("'\(key)' has no words", at: at)
            }
            for name in Self.names(in: words) where !allowed.contains(name) {
                let list = allowed.isEmpty ? "none" : allowed.sorted().map { "{\($0)}" }.joined(separator: ", ")
                throw PrintError("'\(key)' cannot use {\(name)}; it has \(list)", at: at)
            }
            // Whom to call is never dropped from the stop-and-call headings.
            if Self.required[key]?.isSubset(of: Set(Self.names(in: words))) == false {
                throw PrintError("'\(key)' must say whom to call: keep {contact} in it", at: at)
            }
            table[key] = words
        }
        if base == nil, let missing = Self.placeholders.keys.sorted().first(where: { table[$0] == nil }) {
            throw PrintError("the strings table lacks '\(missing)'", at: file)
        }
        self.table = table
    }

    /// The `{name}`s in a phrase.
    static func names(in words: String) -> [String] {
        var out: [String] = []
        var current: String?
        for c in words {
            if c == "{" {
                current = ""
            } else if c == "}", let name = current {
                out.append(name)
                current = nil
            } else {
                current?.append(c)
            }
        }
        return out
    }

    /// The phrase of `key` with its placeholders filled; `key.one`/`key.other` by `n` where the table has them.
    func say(_ key: String, _ values: [String: String] = [:]) -> String {
        var words = table[key] ?? key
        if table[key] == nil, let n = values["n"] { words = table[key + (n == "1" ? ".one" : ".other")] ?? key }
        for (name, value) in values { words = words.replacingOccurrences(of: "{\(name)}", with: value) }
        return words
    }

    func say(_ key: String, n: Int) -> String { say(key, ["n": String(n)]) }

    // MARK: Phrases built from parts

    func heading(_ tier: SignUrgency, contact: String) -> String { say("tier.\(tier.rawValue)", ["contact": contact]) }

    /// "Wear your back brace whenever you sit up, stand or walk".
    func braceRegimen(_ brace: Brace) -> String {
        say("brace." + (brace.wearWhen?.rawValue ?? "unstated"), ["brace": plainBrace(brace.type)])
    }

    /// The brace in plain words: "back brace" for a TLSO (`brace.kind.tlso`); a type the table does not
    /// know is printed as written, with "brace" after it unless it names the device already.
    func plainBrace(_ type: String) -> String {
        let key = type.lowercased().split(whereSeparator: { !$0.isLetter && !$0.isNumber }).joined(separator: "-")
        if Self.braceKinds.contains(key) { return say("brace.kind.\(key)") }
        let device = ["brace", "collar", "corset", "support", "orthosis", "jacket", "belt"]
        return device.contains(where: { type.lowercased().contains($0) }) ? type : say("brace.plain", ["brace": type])
    }

    /// "morning and evening".
    func times(_ times: [TimeOfDay]) -> String {
        let words = times.map { say("time.\($0.rawValue)") }
        guard let last = words.last else { return "" }
        return words.count == 1
            ? last : say("times.list", ["list": words.dropLast().joined(separator: ", "), "last": last])
    }

    func shortDay(_ w: Weekday) -> String { say("day.short.\(w.rawValue)") }
    func shortMonth(_ d: LocalDate) -> String { say("month.short.\(d.month)") }

    /// "Monday 30 November 2026".
    func longDate(_ d: LocalDate) -> String {
        say(
            "date.long",
            [
                "weekday": say("day.\(d.weekday.rawValue)"), "day": String(d.day), "month": say("month.\(d.month)"),
                "year": String(d.year),
            ])
    }

    /// A dose in the table's words: DoseWords' parts, each phrase from here.
    func dose(_ d: Dose) -> String {
        DoseWords.text(
            d,
            phrasing: DoseWords.Phrasing(separator: say("dose.separator") + " ") { key, values in
                say("dose." + key, values.mapValues(String.init))
            })
    }
}
