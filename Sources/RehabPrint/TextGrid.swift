/// The week's sheet as fixed-width lines for the text template, which cannot pad: a column per day,
/// `[ ]` per session, the dose and time on a line of their own under each row.
struct TextGrid {
    let strings: PatientStrings

    func lines(_ m: PrintedWeek) -> [PrintedWeek.Line] {
        func pad(_ s: String, _ n: Int) -> String { s.count >= n ? s : s + String(repeating: " ", count: n - s.count) }
        let pain = strings.say("grid.pain")
        let warning = strings.say("grid.warning")
        let names = m.rows.map(\.name) + m.habits.map(\.name) + [pain, warning]
        let width = min(44, max(20, names.map(\.count).max() ?? 0)) + 2
        let most = m.rows.flatMap { $0.cells.map(\.count) }.max() ?? 1
        let cell = max(8, 3 * most + 2)
        func name(_ s: String) -> String { s.count <= width - 2 ? s : String(s.prefix(width - 3)) + "…" }
        var lines = [pad("", width) + m.days.map { pad("\($0.short) \($0.day)", cell) }.joined()]
        for r in m.rows {
            let cells = r.cells.map { c in
                c.rest
                    ? pad(strings.say("grid.rest"), cell)
                    : pad(c.count == 0 ? "-" : String(repeating: "[ ]", count: c.count), cell)
            }
            lines.append(pad(name(r.name), width) + cells.joined())
            lines.append("  " + r.detail)
        }
        for h in m.habits {
            lines.append(pad(name(h.name), width) + m.days.map { _ in pad("[ ]", cell) }.joined())
            lines.append("  " + h.detail)
        }
        lines.append(pad(pain, width) + m.days.map { _ in pad("__", cell) }.joined())
        lines.append(pad(warning, width) + m.days.map { _ in pad("[ ]", cell) }.joined())
        lines.append("  " + strings.say("grid.warning-hint"))
        return lines.map { line in
            var line = line
            while line.last == " " { line.removeLast() }
            return .init(text: line)
        }
    }
}
