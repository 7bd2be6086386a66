import Foundation
import RehabKit

/// `rehab progress` as text (with sparklines), Markdown, HTML (inline SVG charts that print) and JSON.
public enum ProgressFormat {
    static let sparks: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]

    /// Daily pain 0–10 as one character a day; "·" where nothing was recorded.
    public static func sparkline(_ values: [Int?]) -> String {
        String(
            values.map { v -> Character in
                guard let v else { return "·" }
                return sparks[min(7, max(0, v * 7 / 10))]
            })
    }

    /// "progress to 12 minutes", "hold at 10 minutes", "regress to 8 minutes", "planned step to 12 minutes".
    static func step(_ n: ProgressReport.NextStep) -> String {
        let dose = DoseWords.text(n.dose)
        switch n.decision {
        case .progress: return "progress to \(dose)"
        case .hold: return "hold at \(dose)"
        case .regress: return "regress to \(dose)"
        case .planned: return "planned step to \(dose)"
        }
    }

    /// "STOPPED since 2026-12-02: leg weakness reported (red flag), not missed sessions", with the
    /// day a new assessment reopened the plan when one has.
    static func stopped(_ w: ProgressReport.Week) -> String? {
        guard let stop = w.stopped else { return nil }
        return "STOPPED since \(stop.date): \(stop.flag.words) reported (red flag), not missed sessions"
            + (w.reopened.map { "; reopened on \($0) by a new assessment" } ?? "")
    }

    /// "PAUSED from 2026-12-07 to 2026-12-20 (radiotherapy): nothing asked for, not missed sessions".
    static func paused(_ w: ProgressReport.Week) -> String? {
        guard let p = w.paused else { return nil }
        return
            "PAUSED from \(p.from)\(p.to.map { " to \($0)" } ?? "")\(p.reason.map { " (\($0))" } ?? ""): nothing asked for, not missed sessions"
    }

    /// "URGENT", "review", "addressed".
    static func label(_ level: ProgressReport.FlagLevel) -> String {
        level == .urgent ? "URGENT" : level.rawValue
    }

    /// "2026-12-03 walking-gentle skipped — reason: rain; note: legs numb".
    static func note(_ n: ProgressReport.Note) -> String {
        let parts = [n.reason.map { "reason: \($0)" }, n.note.map { "note: \($0)" }].compactMap { $0 }
        return "\(n.date) \(n.entry) — \(parts.joined(separator: "; "))"
    }

    static func bar(_ fraction: Double, width: Int = 10) -> String {
        let filled = Int((fraction * Double(width)).rounded())
        return String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
    }

    static func pct(_ x: Double?) -> String { x.map(LogJudge.percent) ?? "—" }
    static func one(_ x: Double?) -> String { x.map { String(format: "%.1f", $0) } ?? "—" }

    public static func text(_ r: ProgressReport) -> String {
        var out: [String] = []
        let who = r.plan.patient.map { " — \($0.name)" } ?? ""
        out.append("Progress: \(r.plan.title)\(who)\(r.mrn.map { " (MRN \($0))" } ?? "")")
        out.append("Report date: \(r.asOf)")
        out.append("Safety now: \(r.status.rawValue)")
        if r.weeks.isEmpty { out.append("The plan has not started yet.") }
        for w in r.weeks {
            out.append("")
            if let stop = w.stopped, stop.date <= w.start, w.reopened.map({ $0 > w.end }) ?? true {
                out.append(
                    "Week \(w.week) (\(w.start) – \(w.end)): \(stopped(w)!)   "
                        + "pain \(sparkline(w.painByDay)) mean \(one(w.painMean)), max \(w.painMax.map(String.init) ?? "—")"
                )
            } else {
                out.append(
                    "Week \(w.week) (\(w.start) – \(w.end)): adherence \(w.adherence.map { bar($0) } ?? "") \(pct(w.adherence))   "
                        + "pain \(sparkline(w.painByDay)) mean \(one(w.painMean)), max \(w.painMax.map(String.init) ?? "—")"
                )
                if let stop = stopped(w) { out.append("  \(stop); adherence counts the other days") }
            }
            let width = max(8, w.items.map(\.exercise.count).max() ?? 0)
            for i in w.items {
                let name = i.exercise.padding(toLength: width, withPad: " ", startingAt: 0)
                out.append(
                    "  \(name)  \(String(format: "%2d", i.done)) done  \(i.partial) partial  \(i.skipped) skipped  of \(String(format: "%2d", i.scheduled))  "
                        + "\(pct(i.adherence).padding(toLength: 4, withPad: " ", startingAt: 0))  RPE \(one(i.rpe))")
            }
            if let pause = paused(w) { out.append("  \(pause)") }
            for n in w.notes { out.append("  \(note(n))") }
        }
        if !r.measures.isEmpty {
            out.append("")
            out.append("Outcome measures")
            for m in r.measures { out += measureLines(m).map { "  " + $0 } }
        }
        if !r.flags.isEmpty {
            out.append("")
            out.append("Flags")
            for f in r.flags { out.append("  \(label(f.level)): \(f.message)") }
        }
        if let next = r.nextWeek, let held = r.nextHeld {
            out.append("")
            out.append("Next week (\(next)): \(held)")
        } else if let next = r.nextWeek, !r.next.isEmpty {
            out.append("")
            out.append("Next week (\(next))")
            for n in r.next { out.append("  \(n.exercise): \(step(n)) — \(n.reason)") }
        }
        // Title, name, MRN and the log's notes and reasons are the user's: no terminal escape, CR or
        // bidi override of theirs may hide or rewrite a line (such as "Safety now: blocked").
        return UserText.plain(out.joined(separator: "\n") + "\n")
    }

    /// "below the normal range for women aged 70–74 (10–15)"; "at or beyond 13.5: higher risk of falls".
    static func judged(_ p: MeasureSeries.Point, _ t: OutcomeTest) -> String {
        var parts: [String] = []
        if let b = p.band, let pos = p.position {
            let range = "\(OutcomeTest.text(b.low))–\(OutcomeTest.text(b.high))"
            parts.append(
                pos == .within
                    ? "within the typical range for \(b.who) (\(range))"
                    : "\(pos.rawValue) the typical range for \(b.who) (\(range))")
        }
        for c in p.cutoffs {
            parts.append(
                "\(c.inclusive ? "at or beyond" : "beyond") \(OutcomeTest.text(c.value)) \(t.unit): \(c.meaning)")
        }
        return parts.joined(separator: "; ")
    }

    /// "−3 since 2026-11-30: at least the minimal important change (2), worse".
    static func changeWords(_ c: MeasureSeries.Change, _ t: OutcomeTest) -> String {
        let direction = c.improvement > 0 ? "better" : c.improvement < 0 ? "worse" : "no change"
        return "\(Measures.amount(c.to.value - c.from.value, t)) \(t.unit) since \(c.from.date): "
            + (c.important
                ? "at least the minimal important change (\(OutcomeTest.text(t.mic))), \(direction)"
                : "less than the minimal important change (\(OutcomeTest.text(t.mic)))")
    }

    /// A measure's lines: its title, each value with its band, the change, and the norms' source.
    static func measureLines(_ m: MeasureSeries) -> [String] {
        let t = m.test
        var out = [
            "\(m.title) — \(t.unit), \(t.better.rawValue) is better, minimal important change \(OutcomeTest.text(t.mic))"
        ]
        let width = m.points.map { OutcomeTest.text($0.value).count }.max() ?? 1
        for p in m.points {
            let v = OutcomeTest.text(p.value)
            let verdict = judged(p, t)
            out.append(
                "  \(p.date)  \(String(repeating: " ", count: width - v.count))\(v)\(verdict.isEmpty ? "" : "  \(verdict)")"
            )
        }
        if let c = m.change { out.append("  change: \(changeWords(c, t))") }
        if let why = m.noBand { out.append("  \(why)") }
        if let n = t.norms, m.points.contains(where: { $0.band != nil }) {
            out.append("  norms: \(n.meaning) (\(n.source))")
        }
        return out
    }

    public static func markdown(_ r: ProgressReport) -> String {
        var out = ["# Progress: \(md(r.plan.title))", ""]
        if let p = r.plan.patient {
            out.append(
                "**\(md(p.name))**\(r.mrn.map { " (MRN \(md($0)))" } ?? "") · safety now: **\(r.status.rawValue)**")
        }
        out += ["", "Report date: \(r.asOf)"]
        for w in r.weeks {
            out += [
                "", "## Week \(w.week) (\(w.start) – \(w.end))", "",
                "Adherence **\(pct(w.adherence))** · pain `\(sparkline(w.painByDay))` mean \(one(w.painMean)), max \(w.painMax.map(String.init) ?? "—")",
                "", "| Exercise | Done | Partial | Skipped | Scheduled | Adherence | RPE |",
                "|---|--:|--:|--:|--:|--:|--:|",
            ]
            for i in w.items {
                out.append(
                    "| \(md(i.name)) | \(i.done) | \(i.partial) | \(i.skipped) | \(i.scheduled) | \(pct(i.adherence)) | \(one(i.rpe)) |"
                )
            }
            for line in [stopped(w), paused(w)].compactMap({ $0 }) { out += ["", "**\(md(line))**"] }
            if !w.notes.isEmpty { out += [""] + w.notes.map { "- \(md(oneLine(note($0))))" } }
        }
        if !r.measures.isEmpty {
            out += ["", "## Outcome measures"]
            for m in r.measures {
                let lines = measureLines(m)
                out +=
                    ["", "**\(md(lines[0]))**", ""]
                    + lines.dropFirst().map { "- \(md($0.trimmingCharacters(in: .whitespaces)))" }
            }
        }
        if !r.flags.isEmpty {
            out += ["", "## Flags", ""]
            out += r.flags.map { "- \($0.level == .urgent ? "**URGENT**" : label($0.level)): \(md($0.message))" }
        }
        if let next = r.nextWeek, let held = r.nextHeld {
            out += ["", "## Next week (\(next))", "", md(held)]
        } else if let next = r.nextWeek, !r.next.isEmpty {
            out += ["", "## Next week (\(next))", ""]
            out += r.next.map { "- \(md($0.name)): **\(step($0))** — \(md($0.reason))" }
        }
        return out.joined(separator: "\n") + "\n"
    }

    static func md(_ s: String) -> String { UserText.markdown(s) }

    /// A note on one line (a note may hold line breaks).
    static func oneLine(_ s: String) -> String {
        String(String.UnicodeScalarView(s.unicodeScalars.map { $0 == "\n" || $0 == "\r" ? " " : $0 }))
    }

    /// Adherence per week as bars (0–100 %), 50 % marked.
    static func adherenceChart(_ weeks: [ProgressReport.Week]) -> String {
        let barW = 36.0
        let gap = 12.0
        let h = 180.0
        let left = 44.0
        let width = left + Double(max(1, weeks.count)) * (barW + gap) + 10
        var svg =
            "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-label=\"Adherence by week\" width=\"\(Int(width))\" height=\"\(Int(h + 30))\" viewBox=\"0 0 \(Int(width)) \(Int(h + 30))\">"
        svg +=
            "<line x1=\"\(left)\" y1=\"\(h / 2 + 5)\" x2=\"\(width - 5)\" y2=\"\(h / 2 + 5)\" stroke=\"#000\" stroke-dasharray=\"4 3\"/>"
        svg +=
            "<text x=\"2\" y=\"\(h / 2 + 9)\" font-size=\"13\">50%</text><text x=\"2\" y=\"14\" font-size=\"13\">100%</text>"
        for (i, w) in weeks.enumerated() {
            let a = w.adherence ?? 0
            let x = left + Double(i) * (barW + gap)
            let bh = a * h
            svg +=
                "<rect x=\"\(x)\" y=\"\(5 + h - bh)\" width=\"\(barW)\" height=\"\(bh)\" fill=\"#555\" stroke=\"#000\"/>"
            svg +=
                "<text x=\"\(x + barW / 2)\" y=\"\(h + 22)\" font-size=\"13\" text-anchor=\"middle\">W\(w.week)</text>"
        }
        return svg + "</svg>"
    }

    /// Daily pain (0–10) as a line across the weeks; gaps where nothing was recorded.
    static func painChart(_ weeks: [ProgressReport.Week]) -> String {
        let days = weeks.flatMap(\.painByDay)
        let step = 10.0
        let h = 160.0
        let left = 30.0
        let width = left + Double(max(1, days.count)) * step + 10
        var svg =
            "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-label=\"Pain by day\" width=\"\(Int(width))\" height=\"\(Int(h + 37))\" viewBox=\"0 0 \(Int(width)) \(Int(h + 37))\">"
        for v in [0, 5, 10] {
            let y = 12 + h - Double(v) * h / 10
            svg +=
                "<line x1=\"\(left)\" y1=\"\(y)\" x2=\"\(width - 5)\" y2=\"\(y)\" stroke=\"#999\"/><text x=\"4\" y=\"\(y + 4)\" font-size=\"13\">\(v)</text>"
        }
        var segment: [String] = []
        func flush() {
            if segment.count > 1 {
                svg +=
                    "<polyline fill=\"none\" stroke=\"#000\" stroke-width=\"2\" points=\"\(segment.joined(separator: " "))\"/>"
            }
            segment = []
        }
        for (i, v) in days.enumerated() {
            guard let v else {
                flush()
                continue
            }
            let x = left + Double(i) * step
            let y = 12 + h - Double(v) * h / 10
            segment.append("\(x),\(y)")
            svg += "<circle cx=\"\(x)\" cy=\"\(y)\" r=\"2\" fill=\"#000\"/>"
        }
        flush()
        for w in weeks {
            let x = left + Double((w.week - 1) * 7) * step
            svg += "<text x=\"\(x)\" y=\"\(h + 29)\" font-size=\"13\">W\(w.week)</text>"
        }
        return svg + "</svg>"
    }

    /// Text for SVG (the test's name may come from a clinic's file).
    static func xml(_ s: String) -> String {
        var out = ""
        for c in s.unicodeScalars {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(c)
            }
        }
        return out
    }

    /// A measure over time as a line of points on dated positions, readable in black and white: the
    /// typical range of the latest value's band as a hatched strip (with its bounds written), each
    /// cut-off as a dashed line, each value as a square marker with its number above it. The axis
    /// runs from the lowest to the highest of the values, band and cut-offs, padded.
    static func measureChart(_ m: MeasureSeries) -> String {
        let t = m.test
        let w = 520.0
        let h = 200.0
        let left = 56.0
        let right = 16.0
        let top = 24.0
        let bottom = 36.0
        let band = m.points.last?.band
        var lows = m.points.map(\.value)
        var highs = lows
        if let band {
            lows.append(band.low)
            highs.append(band.high)
        }
        let cuts = m.applicableCutoffs
        for c in cuts {
            lows.append(c.value)
            highs.append(c.value)
        }
        var lo = lows.min() ?? 0
        var hi = highs.max() ?? 1
        if hi - lo < t.mic {
            hi += t.mic / 2
            lo -= t.mic / 2
        }
        let pad = (hi - lo) * 0.1
        lo = max(t.range.lowerBound, lo - pad)
        hi = min(t.range.upperBound, hi + pad)
        if hi <= lo { hi = lo + 1 }
        let first = m.points.first!.date
        let last = m.points.last!.date
        let span = Double(max(1, first.days(to: last)))
        func x(_ d: LocalDate) -> Double {
            m.points.count == 1
                ? left + (w - left - right) / 2 : left + Double(first.days(to: d)) / span * (w - left - right)
        }
        func y(_ v: Double) -> Double { top + (hi - v) / (hi - lo) * (h - top - bottom) }
        func n(_ v: Double) -> String { String(format: "%.1f", v) }
        let label =
            "\(t.name)\(m.side.map { " (\($0.rawValue))" } ?? ""), \(t.unit), \(t.better.rawValue) is better: "
            + m.points.map { "\($0.date) \(OutcomeTest.text($0.value))" }.joined(separator: ", ")
        var svg =
            "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-label=\"\(xml(label))\" width=\"\(Int(w))\" height=\"\(Int(h))\" viewBox=\"0 0 \(Int(w)) \(Int(h))\">"
        svg +=
            "<defs><pattern id=\"hatch-\(t.id)-\(m.side?.rawValue ?? "x")\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\"><line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"#000\" stroke-width=\"1\"/></pattern></defs>"
        // Axis with the lowest and highest values written.
        svg += "<line x1=\"\(n(left))\" y1=\"\(n(top))\" x2=\"\(n(left))\" y2=\"\(n(h - bottom))\" stroke=\"#000\"/>"
        svg +=
            "<line x1=\"\(n(left))\" y1=\"\(n(h - bottom))\" x2=\"\(n(w - right))\" y2=\"\(n(h - bottom))\" stroke=\"#000\"/>"
        for v in [lo, hi] {
            svg +=
                "<text x=\"\(n(left - 4))\" y=\"\(n(y(v) + 4))\" font-size=\"12\" text-anchor=\"end\">\(OutcomeTest.text((v * 100).rounded() / 100))</text>"
        }
        if let band {
            let y1 = y(min(hi, band.high))
            let y2 = y(max(lo, band.low))
            svg +=
                "<rect class=\"band\" x=\"\(n(left))\" y=\"\(n(y1))\" width=\"\(n(w - left - right))\" height=\"\(n(max(0, y2 - y1)))\" fill=\"url(#hatch-\(t.id)-\(m.side?.rawValue ?? "x"))\" fill-opacity=\"0.35\" stroke=\"#000\" stroke-dasharray=\"1 2\"/>"
            svg +=
                "<text x=\"\(n(w - right - 2))\" y=\"\(n(y1 - 3))\" font-size=\"11\" text-anchor=\"end\">typical \(OutcomeTest.text(band.low))–\(OutcomeTest.text(band.high))</text>"
        }
        for c in cuts {
            svg +=
                "<line class=\"cutoff\" x1=\"\(n(left))\" y1=\"\(n(y(c.value)))\" x2=\"\(n(w - right))\" y2=\"\(n(y(c.value)))\" stroke=\"#000\" stroke-width=\"1.5\" stroke-dasharray=\"6 3\"/>"
            svg +=
                "<text x=\"\(n(left + 4))\" y=\"\(n(y(c.value) - 3))\" font-size=\"11\">cut-off \(OutcomeTest.text(c.value))</text>"
        }
        let points = m.points.map { "\(n(x($0.date))),\(n(y($0.value)))" }
        if points.count > 1 {
            svg +=
                "<polyline fill=\"none\" stroke=\"#000\" stroke-width=\"2\" points=\"\(points.joined(separator: " "))\"/>"
        }
        for p in m.points {
            let px = x(p.date)
            let py = y(p.value)
            svg +=
                "<rect class=\"point\" x=\"\(n(px - 4))\" y=\"\(n(py - 4))\" width=\"8\" height=\"8\" fill=\"#fff\" stroke=\"#000\" stroke-width=\"2\"/>"
            svg +=
                "<text x=\"\(n(px))\" y=\"\(n(py - 8))\" font-size=\"12\" font-weight=\"bold\" text-anchor=\"middle\">\(OutcomeTest.text(p.value))</text>"
        }
        svg += "<text x=\"\(n(left))\" y=\"\(n(h - bottom + 16))\" font-size=\"12\">\(first)</text>"
        if last != first {
            svg +=
                "<text x=\"\(n(w - right))\" y=\"\(n(h - bottom + 16))\" font-size=\"12\" text-anchor=\"end\">\(last)</text>"
        }
        return svg + "</svg>"
    }

    /// A measure for the HTML page: chart, the numbers as a table, change and notes.
    static func measureView(_ m: MeasureSeries) -> ProgressView.Measure {
        let t = m.test
        var notes: [String] = []
        if let why = m.noBand { notes.append(why) }
        if let n = t.norms, m.points.contains(where: { $0.band != nil }) {
            notes.append("Norms: \(n.meaning) (\(n.source)).")
        }
        for c in m.applicableCutoffs {
            notes.append(
                "Cut-off \(OutcomeTest.text(c.value)) \(t.unit)\(c.sex.map { " (\($0.rawValue))" } ?? ""): \(c.meaning) (\(c.source))."
            )
        }
        notes.append("Minimal important change \(OutcomeTest.text(t.mic)) \(t.unit): \(t.micSource).")
        return ProgressView.Measure(
            title: m.title, about: "\(t.unit), \(t.better.rawValue) is better",
            chart: measureChart(m),
            rows: m.points.map {
                .init(date: $0.date.description, value: OutcomeTest.text($0.value), judged: judged($0, t))
            },
            change: m.change.map { changeWords($0, t) } ?? "", hasChange: m.change != nil, notes: notes)
    }

    /// The report as a typed view model for the HTML page, which the shared Mustache layer renders
    /// (`progress.html.mustache` in RehabPrint): one escaper for every page the toolkit prints.
    public static func view(_ r: ProgressReport) -> ProgressView {
        ProgressView(
            title: r.plan.title, patient: r.plan.patient?.name ?? "", mrn: r.mrn ?? "", hasMRN: r.mrn != nil,
            reportDate: r.asOf.description, status: r.status.rawValue,
            flags: r.flags.map {
                .init(urgent: $0.level == .urgent, text: ($0.level == .urgent ? "URGENT: " : "") + $0.message)
            },
            hasFlags: !r.flags.isEmpty,
            charts: r.weeks.isEmpty ? "" : adherenceChart(r.weeks) + painChart(r.weeks), hasCharts: !r.weeks.isEmpty,
            nextWeek: r.nextWeek ?? 0, next: r.next.map { .init(name: $0.name, step: step($0), reason: $0.reason) },
            hasNext: r.nextWeek != nil && !r.next.isEmpty,
            weeks: r.weeks.map { w in
                .init(
                    week: w.week, start: w.start.description, end: w.end.description, adherence: pct(w.adherence),
                    painMean: one(w.painMean), painMax: w.painMax.map(String.init) ?? "—",
                    items: w.items.map {
                        .init(
                            name: $0.name, done: $0.done, partial: $0.partial, skipped: $0.skipped,
                            scheduled: $0.scheduled, adherence: pct($0.adherence), rpe: one($0.rpe))
                    },
                    stopped: [stopped(w), paused(w)].compactMap { $0 }.joined(separator: "; "),
                    hasStopped: w.stopped != nil || w.paused != nil,
                    notes: w.notes.map(note), hasNotes: !w.notes.isEmpty)
            },
            measures: r.measures.map(measureView), hasMeasures: !r.measures.isEmpty)
    }

    public static func json(_ r: ProgressReport) -> String {
        struct Item: Encodable {
            var exercise: String
            var scheduled, done, partial, skipped: Int
            var adherence: Double?
            var rpe: Double?
        }
        struct Stop: Encodable {
            var symptom, date: String
            var reopened: String?
        }
        struct Paused: Encodable {
            var from: String
            var to, reason: String?
        }
        struct Note: Encodable {
            var date, entry: String
            var note, reason: String?
        }
        struct Week: Encodable {
            var week: Int
            var start, end: String
            var adherence: Double?
            var pain_by_day: [Int?]
            var pain_mean: Double?
            var pain_max: Int?
            var items: [Item]
            var stopped: Stop?
            var paused: Paused?
            var notes: [Note]
        }
        struct Flag: Encodable { var level, message: String }
        struct Next: Encodable {
            var exercise, decision, reason: String
            var dose: Dose
        }
        struct Band: Encodable {
            var sex: String?
            var age_from, age_to: Int
            var low, high: Double
            var position: String
        }
        struct Cutoff: Encodable {
            var value: Double
            var inclusive: Bool
            var meaning: String
        }
        struct Value: Encodable {
            var date: String
            var value: Double
            var age: Int?
            var band: Band?
            var cutoffs: [Cutoff]
        }
        struct Change: Encodable {
            var from, to: String
            var improvement: Double
            var important: Bool
        }
        struct Measure: Encodable {
            var test, name, unit, better: String
            var side: String?
            var mic: Double
            var leg_function: Bool
            var values: [Value]
            var change: Change?
            var no_band: String?
            var norms_source: String?
        }
        struct Body: Encodable {
            var plan: String
            var mrn: String?
            var report_date, status: String
            var weeks: [Week]
            var measures: [Measure]
            var flags: [Flag]
            var next_week: Int?
            var next: [Next]
            var next_held: String?
        }
        func round(_ x: Double?) -> Double? { x.map { ($0 * 1000).rounded() / 1000 } }
        let body = Body(
            plan: r.plan.id, mrn: r.mrn, report_date: r.asOf.description, status: r.status.rawValue,
            weeks: r.weeks.map { w in
                Week(
                    week: w.week, start: w.start.description, end: w.end.description, adherence: round(w.adherence),
                    pain_by_day: w.painByDay, pain_mean: round(w.painMean), pain_max: w.painMax,
                    items: w.items.map {
                        Item(
                            exercise: $0.exercise, scheduled: $0.scheduled, done: $0.done, partial: $0.partial,
                            skipped: $0.skipped, adherence: round($0.adherence), rpe: round($0.rpe))
                    },
                    stopped: w.stopped.map {
                        Stop(symptom: $0.flag.rawValue, date: $0.date.description, reopened: w.reopened?.description)
                    },
                    paused: w.paused.map {
                        Paused(from: $0.from.description, to: $0.to?.description, reason: $0.reason)
                    },
                    notes: w.notes.map {
                        Note(date: $0.date.description, entry: $0.entry, note: $0.note, reason: $0.reason)
                    })
            },
            measures: r.measures.map { m in
                Measure(
                    test: m.test.id, name: m.test.name, unit: m.test.unit, better: m.test.better.rawValue,
                    side: m.side?.rawValue,
                    mic: m.test.mic, leg_function: m.test.legFunction,
                    values: m.points.map { p in
                        Value(
                            date: p.date.description, value: p.value, age: p.age,
                            band: p.band.map {
                                Band(
                                    sex: $0.sex?.rawValue, age_from: $0.ages.lowerBound, age_to: $0.ages.upperBound,
                                    low: $0.low, high: $0.high, position: p.position?.rawValue ?? "")
                            },
                            cutoffs: p.cutoffs.map {
                                Cutoff(value: $0.value, inclusive: $0.inclusive, meaning: $0.meaning)
                            })
                    },
                    change: m.change.map {
                        Change(
                            from: $0.from.date.description, to: $0.to.date.description,
                            improvement: round($0.improvement) ?? 0, important: $0.important)
                    },
                    no_band: m.noBand, norms_source: m.test.norms?.source)
            },
            flags: r.flags.map { Flag(level: $0.level.rawValue, message: $0.message) }, next_week: r.nextWeek,
            next: r.next.map {
                Next(exercise: $0.exercise, decision: $0.decision.rawValue, reason: $0.reason, dose: $0.dose)
            },
            next_held: r.nextHeld)
        return JSONText.encode(body)
    }
}
