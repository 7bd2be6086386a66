import Foundation
import RehabKit

/// `rehab progress` as text (with sparklines), Markdown, HTML (inline SVG charts that print) and JSON.
public enum ProgressFormat {
    static let sparks: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]

    /// Daily pain 0–10 as one character a day; "·" where nothing was recorded.
    public static func sparkline(_ values: [Int?]) -> String {
        String(values.map { v -> Character in
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
        return "PAUSED from \(p.from)\(p.to.map { " to \($0)" } ?? "")\(p.reason.map { " (\($0))" } ?? ""): nothing asked for, not missed sessions"
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
                out.append("Week \(w.week) (\(w.start) – \(w.end)): \(stopped(w)!)   "
                           + "pain \(sparkline(w.painByDay)) mean \(one(w.painMean)), max \(w.painMax.map(String.init) ?? "—")")
            } else {
                out.append("Week \(w.week) (\(w.start) – \(w.end)): adherence \(w.adherence.map { bar($0) } ?? "") \(pct(w.adherence))   "
                           + "pain \(sparkline(w.painByDay)) mean \(one(w.painMean)), max \(w.painMax.map(String.init) ?? "—")")
                if let stop = stopped(w) { out.append("  \(stop); adherence counts the other days") }
            }
            let width = max(8, w.items.map(\.exercise.count).max() ?? 0)
            for i in w.items {
                let name = i.exercise.padding(toLength: width, withPad: " ", startingAt: 0)
                out.append("  \(name)  \(String(format: "%2d", i.done)) done  \(i.partial) partial  \(i.skipped) skipped  of \(String(format: "%2d", i.scheduled))  "
                           + "\(pct(i.adherence).padding(toLength: 4, withPad: " ", startingAt: 0))  RPE \(one(i.rpe))")
            }
            if let pause = paused(w) { out.append("  \(pause)") }
            for n in w.notes { out.append("  \(note(n))") }
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

    public static func markdown(_ r: ProgressReport) -> String {
        var out = ["# Progress: \(md(r.plan.title))", ""]
        if let p = r.plan.patient { out.append("**\(md(p.name))**\(r.mrn.map { " (MRN \(md($0)))" } ?? "") · safety now: **\(r.status.rawValue)**") }
        out += ["", "Report date: \(r.asOf)"]
        for w in r.weeks {
            out += ["", "## Week \(w.week) (\(w.start) – \(w.end))", "",
                    "Adherence **\(pct(w.adherence))** · pain `\(sparkline(w.painByDay))` mean \(one(w.painMean)), max \(w.painMax.map(String.init) ?? "—")",
                    "", "| Exercise | Done | Partial | Skipped | Scheduled | Adherence | RPE |", "|---|--:|--:|--:|--:|--:|--:|"]
            for i in w.items {
                out.append("| \(md(i.name)) | \(i.done) | \(i.partial) | \(i.skipped) | \(i.scheduled) | \(pct(i.adherence)) | \(one(i.rpe)) |")
            }
            for line in [stopped(w), paused(w)].compactMap({ $0 }) { out += ["", "**\(md(line))**"] }
            if !w.notes.isEmpty { out += [""] + w.notes.map { "- \(md(oneLine(note($0))))" } }
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
        let barW = 36.0, gap = 12.0, h = 180.0, left = 44.0
        let width = left + Double(max(1, weeks.count)) * (barW + gap) + 10
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-label=\"Adherence by week\" width=\"\(Int(width))\" height=\"\(Int(h + 30))\" viewBox=\"0 0 \(Int(width)) \(Int(h + 30))\">"
        svg += "<line x1=\"\(left)\" y1=\"\(h / 2 + 5)\" x2=\"\(width - 5)\" y2=\"\(h / 2 + 5)\" stroke=\"#000\" stroke-dasharray=\"4 3\"/>"
        svg += "<text x=\"2\" y=\"\(h / 2 + 9)\" font-size=\"13\">50%</text><text x=\"2\" y=\"14\" font-size=\"13\">100%</text>"
        for (i, w) in weeks.enumerated() {
            let a = w.adherence ?? 0
            let x = left + Double(i) * (barW + gap)
            let bh = a * h
            svg += "<rect x=\"\(x)\" y=\"\(5 + h - bh)\" width=\"\(barW)\" height=\"\(bh)\" fill=\"#555\" stroke=\"#000\"/>"
            svg += "<text x=\"\(x + barW / 2)\" y=\"\(h + 22)\" font-size=\"13\" text-anchor=\"middle\">W\(w.week)</text>"
        }
        return svg + "</svg>"
    }

    /// Daily pain (0–10) as a line across the weeks; gaps where nothing was recorded.
    static func painChart(_ weeks: [ProgressReport.Week]) -> String {
        let days = weeks.flatMap(\.painByDay)
        let step = 10.0, h = 160.0, left = 30.0
        let width = left + Double(max(1, days.count)) * step + 10
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-label=\"Pain by day\" width=\"\(Int(width))\" height=\"\(Int(h + 37))\" viewBox=\"0 0 \(Int(width)) \(Int(h + 37))\">"
        for v in [0, 5, 10] {
            let y = 12 + h - Double(v) * h / 10
            svg += "<line x1=\"\(left)\" y1=\"\(y)\" x2=\"\(width - 5)\" y2=\"\(y)\" stroke=\"#999\"/><text x=\"4\" y=\"\(y + 4)\" font-size=\"13\">\(v)</text>"
        }
        var segment: [String] = []
        func flush() {
            if segment.count > 1 { svg += "<polyline fill=\"none\" stroke=\"#000\" stroke-width=\"2\" points=\"\(segment.joined(separator: " "))\"/>" }
            segment = []
        }
        for (i, v) in days.enumerated() {
            guard let v else { flush(); continue }
            let x = left + Double(i) * step, y = 12 + h - Double(v) * h / 10
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

    /// The report as a typed view model for the HTML page, which the shared Mustache layer renders
    /// (`progress.html.mustache` in RehabPrint): one escaper for every page the toolkit prints.
    public static func view(_ r: ProgressReport) -> ProgressView {
        ProgressView(
            title: r.plan.title, patient: r.plan.patient?.name ?? "", mrn: r.mrn ?? "", hasMRN: r.mrn != nil,
            reportDate: r.asOf.description, status: r.status.rawValue,
            flags: r.flags.map { .init(urgent: $0.level == .urgent, text: ($0.level == .urgent ? "URGENT: " : "") + $0.message) },
            hasFlags: !r.flags.isEmpty,
            charts: r.weeks.isEmpty ? "" : adherenceChart(r.weeks) + painChart(r.weeks), hasCharts: !r.weeks.isEmpty,
            nextWeek: r.nextWeek ?? 0, next: r.next.map { .init(name: $0.name, step: step($0), reason: $0.reason) },
            hasNext: r.nextWeek != nil && !r.next.isEmpty,
            weeks: r.weeks.map { w in
                .init(week: w.week, start: w.start.description, end: w.end.description, adherence: pct(w.adherence),
                      painMean: one(w.painMean), painMax: w.painMax.map(String.init) ?? "—",
                      items: w.items.map { .init(name: $0.name, done: $0.done, partial: $0.partial, skipped: $0.skipped,
                                                 scheduled: $0.scheduled, adherence: pct($0.adherence), rpe: one($0.rpe)) },
                      stopped: [stopped(w), paused(w)].compactMap { $0 }.joined(separator: "; "),
                      hasStopped: w.stopped != nil || w.paused != nil,
                      notes: w.notes.map(note), hasNotes: !w.notes.isEmpty)
            })
    }

    public static func json(_ r: ProgressReport) -> String {
        struct Item: Encodable { var exercise: String; var scheduled, done, partial, skipped: Int; var adherence: Double?; var rpe: Double? }
        struct Stop: Encodable { var symptom, date: String; var reopened: String? }
        struct Paused: Encodable { var from: String; var to, reason: String? }
        struct Note: Encodable { var date, entry: String; var note, reason: String? }
        struct Week: Encodable { var week: Int; var start, end: String; var adherence: Double?; var pain_by_day: [Int?]; var pain_mean: Double?; var pain_max: Int?; var items: [Item]; var stopped: Stop?; var paused: Paused?; var notes: [Note] }
        struct Flag: Encodable { var level, message: String }
        struct Next: Encodable { var exercise, decision, reason: String; var dose: Dose }
        struct Body: Encodable { var plan: String; var mrn: String?; var report_date, status: String; var weeks: [Week]; var flags: [Flag]; var next_week: Int?; var next: [Next]; var next_held: String? }
        func round(_ x: Double?) -> Double? { x.map { ($0 * 1000).rounded() / 1000 } }
        let body = Body(plan: r.plan.id, mrn: r.mrn, report_date: r.asOf.description, status: r.status.rawValue,
                        weeks: r.weeks.map { w in
                            Week(week: w.week, start: w.start.description, end: w.end.description, adherence: round(w.adherence),
                                 pain_by_day: w.painByDay, pain_mean: round(w.painMean), pain_max: w.painMax,
                                 items: w.items.map { Item(exercise: $0.exercise, scheduled: $0.scheduled, done: $0.done, partial: $0.partial,
                                                           skipped: $0.skipped, adherence: round($0.adherence), rpe: round($0.rpe)) },
                                 stopped: w.stopped.map { Stop(symptom: $0.flag.rawValue, date: $0.date.description, reopened: w.reopened?.description) },
                                 paused: w.paused.map { Paused(from: $0.from.description, to: $0.to?.description, reason: $0.reason) },
                                 notes: w.notes.map { Note(date: $0.date.description, entry: $0.entry, note: $0.note, reason: $0.reason) })
                        },
                        flags: r.flags.map { Flag(level: $0.level.rawValue, message: $0.message) }, next_week: r.nextWeek,
                        next: r.next.map { Next(exercise: $0.exercise, decision: $0.decision.rawValue, reason: $0.reason, dose: $0.dose) },
                        next_held: r.nextHeld)
        return JSONText.encode(body)
    }
}
