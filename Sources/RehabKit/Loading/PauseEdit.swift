import YAMLReader

/// `rehab plan pause` and `rehab plan resume`: a plan file's text with a pause added or ended,
/// edited as text so that its comments, order and layout stay as the clinician wrote them. Only
/// the `pauses:` block changes: a new entry is one flow line (`- {from: D, reason: "…"}`) appended
/// to the block (or a new block at the end of the file), and ending a pause adds its `to:`. The
/// result is read back: unless it reads as the same plan with exactly the pauses intended, the edit
/// is refused with the lines to add by hand, and nothing is written.
public enum PauseEdit {
    /// Why the file was not edited, and what to do instead.
    public struct Refusal: Error, Sendable, Equatable {
        public var message: String
        public var notes: [String]
    }

    /// The text with a pause from `from` (open: until `resume`) and its reason added.
    public static func pause(_ text: String, file: String, from: LocalDate, reason: String?) -> Result<String, Refusal>
    {
        let read: Read
        switch Read.parse(text, file: file) {
        case .success(let r): read = r
        case .failure(let refusal): return .failure(refusal)
        }
        if let under = read.plan.pauses.first(where: { ($0.to ?? from) >= from }) {
            let until = under.to.map { "to \($0)" } ?? "with no end"
            return .failure(
                Refusal(
                    message: "the plan already has a pause from \(under.from) \(until), which \(from) does not follow",
                    notes: [
                        under.to == nil
                            ? "resume it first: rehab plan resume \(file) --from DATE"
                            : "pause from a day after \(under.to!), or change that pause in the file"
                    ]))
        }
        let entry = "{from: \(from)" + (reason.map { ", reason: \(Scaffold.quoted($0))" } ?? "") + "}"
        var lines = Self.lines(text)
        if let pair = read.pausesPair {
            let keyLine = pair.key.mark.line - 1
            let indent = String(repeating: " ", count: pair.key.mark.column - 1)
            if pair.value.isNull || pair.value.sequence?.isEmpty == true {
                // `pauses:` or `pauses: []`: the key alone, then the entry.
                guard pair.value.isNull || lines[keyLine].hasSuffix("[]") else { return .failure(byHand(file, entry)) }
                if !pair.value.isNull { lines[keyLine] = String(lines[keyLine].dropLast(2)).trimmingTrailingSpaces() }
                lines.insert(indent + "  - " + entry, at: keyLine + 1)
            } else if let items = pair.value.sequence, let first = items.first,
                pair.value.mark.line > pair.key.mark.line
                    || Self.isBlockSequence(lines[pair.value.mark.line - 1], column: pair.value.mark.column)
            {
                // A block list: the new entry after its last line, at the column of its dashes.
                let dash = Self.dashColumn(lines[first.mark.line - 1], before: first.mark.column)
                guard let dash else { return .failure(byHand(file, entry)) }
                let last = Self.lastLine(of: keyLine, indent: pair.key.mark.column - 1, in: lines)
                lines.insert(String(repeating: " ", count: dash) + "- " + entry, at: last + 1)
            } else {
                return .failure(byHand(file, entry))
            }
        } else {
            while lines.last?.isEmpty == true { lines.removeLast() }
            lines += [
                "pauses:                  # rehab plan pause / resume; 'to' is the last paused day", "  - " + entry,
            ]
        }
        var expected = read.plan.pauses + [Pause(from: from, to: nil, reason: reason)]
        expected.sort { $0.from < $1.from }
        return verify(lines, read: read, expected: expected, byHand: byHand(file, entry))
    }

    /// The text with the open pause ended the day before `from` (the first day of the programme again).
    public static func resume(_ text: String, file: String, from: LocalDate) -> Result<String, Refusal> {
        let read: Read
        switch Read.parse(text, file: file) {
        case .success(let r): read = r
        case .failure(let refusal): return .failure(refusal)
        }
        guard let index = read.plan.pauses.firstIndex(where: { $0.to == nil }) else {
            return .failure(
                Refusal(
                    message: "plan '\(read.plan.id)' is not paused: no pause without an end",
                    notes: ["rehab plan pause \(file) --from DATE pauses it"]))
        }
        let open = read.plan.pauses[index]
        guard from > open.from else {
            return .failure(
                Refusal(
                    message: "the plan cannot resume on \(from): its pause begins on \(open.from)",
                    notes: ["resume from a day after \(open.from)"]))
        }
        let to = from.adding(days: -1)
        let hand = Refusal(
            message: "the pause cannot be ended in the file as written",
            notes: ["add 'to: \(to)' to the pause from \(open.from) in \(file) (the last paused day)"])
        var lines = Self.lines(text)
        guard
            let entry = read.pausesPair?.value.sequence?.first(where: { node in
                node.mapping?.contains { $0.key.scalar == "from" && $0.value.scalar == open.from.description } == true
            }),
            let fromPair = entry.mapping?.first(where: { $0.key.scalar == "from" }),
            fromPair.value.isPlainScalar
        else { return .failure(hand) }
        let line = fromPair.value.mark.line - 1
        let chars = Array(lines[line])
        let valueStart = fromPair.value.mark.column - 1
        let valueEnd = valueStart + open.from.description.count
        guard valueEnd <= chars.count, String(chars[valueStart..<valueEnd]) == open.from.description else {
            return .failure(hand)
        }
        let entryChars = Array(lines[entry.mark.line - 1])
        if entry.mark.column - 1 < entryChars.count, entryChars[entry.mark.column - 1] == "{" {
            lines[line] = String(chars[..<valueEnd]) + ", to: \(to)" + String(chars[valueEnd...])
        } else {
            lines.insert(String(repeating: " ", count: fromPair.key.mark.column - 1) + "to: \(to)", at: line + 1)
        }
        var expected = read.plan.pauses
        expected[index].to = to
        return verify(lines, read: read, expected: expected, byHand: hand)
    }

    // MARK: Reading and checking

    struct Read {
        var plan: Plan
        var pausesPair: YAMLPair?

        static func parse(_ text: String, file: String) -> Result<Read, Refusal> {
            let root: YAMLNode?
            do { root = try YAMLParser.parse(Array(text.utf8)) } catch {
                return .failure(
                    Refusal(
                        message: "the plan file cannot be read: \(error.message)",
                        notes: ["correct it first: rehab validate \(file)"]))
            }
            let reader = NodeReader(file: file)
            guard let root, let plan = PlanReader.read(root, reader), !reader.diagnostics.hasErrors else {
                return .failure(
                    Refusal(
                        message: "the plan file has errors: it is not changed",
                        notes: ["correct it first: rehab validate \(file)"]))
            }
            guard !plan.isTemplate else {
                return .failure(Refusal(message: "'\(plan.id)' is a template: pause a patient's plan", notes: []))
            }
            return .success(Read(plan: plan, pausesPair: root.mapping?.first { $0.key.scalar == "pauses" }))
        }
    }

    /// The edited lines, when they read back as the same plan with exactly `expected` as its pauses.
    static func verify(_ lines: [String], read: Read, expected: [Pause], byHand: Refusal) -> Result<String, Refusal> {
        let text = lines.joined(separator: "\n") + "\n"
        guard case .success(let after) = Read.parse(text, file: read.plan.file),
            after.plan.pauses.map(unlocated) == expected.map(unlocated),
            after.plan.id == read.plan.id, after.plan.start == read.plan.start, after.plan.weeks == read.plan.weeks,
            after.plan.items.count == read.plan.items.count
        else { return .failure(byHand) }
        return .success(text)
    }

    static func unlocated(_ p: Pause) -> Pause { Pause(from: p.from, to: p.to, reason: p.reason) }

    static func byHand(_ file: String, _ entry: String) -> Refusal {
        Refusal(
            message: "the plan's 'pauses' cannot be changed safely as written",
            notes: ["add this entry to 'pauses:' in \(file) by hand: - \(entry)"])
    }

    // MARK: Lines

    static func lines(_ text: String) -> [String] {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() }
        return lines
    }

    static func isBlockSequence(_ line: String, column: Int) -> Bool {
        let chars = Array(line)
        return column - 1 < chars.count && chars[column - 1] == "-"
    }

    /// The column (0-based) of the `-` before an entry that starts at `column`, if it stands alone on its line's left.
    static func dashColumn(_ line: String, before column: Int) -> Int? {
        let chars = Array(line.prefix(max(0, column - 1)))
        guard let dash = chars.lastIndex(of: "-"), chars[..<dash].allSatisfy({ $0 == " " }),
            chars[(dash + 1)...].allSatisfy({ $0 == " " })
        else { return nil }
        return dash
    }

    /// The last line (0-based) of the value of the key on `keyLine` at `indent`: the lines after it
    /// that are indented further, or are `- ` entries at the key's own indentation, or blank.
    static func lastLine(of keyLine: Int, indent: Int, in lines: [String]) -> Int {
        var last = keyLine
        for i in (keyLine + 1)..<lines.count {
            let line = lines[i]
            let content = line.drop { $0 == " " }
            if content.isEmpty || content.hasPrefix("#") { continue }
            let at = line.count - content.count
            guard at > indent || (at == indent && content.hasPrefix("-")) else { break }
            last = i
        }
        return last
    }
}
