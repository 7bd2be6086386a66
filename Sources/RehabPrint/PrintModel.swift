import Foundation
import RehabKit

/// Paper for the printed sheets.
public enum Paper: String, CaseIterable, Sendable {
    case a4, letter

    /// The CSS `@page` size.
    var css: String { self == .a4 ? "210mm 297mm" : "8.5in 11in" }
    var label: String { self == .a4 ? "A4" : "Letter" }
}

/// What a printed week shows, built from the schedule: the values templates render. Pure data
/// (dictionaries of text, numbers and lists) so any Mustache template can use it.
enum PrintModel {
    /// Lines of text a card page holds (14 pt body on A4 or Letter, with room to spare).
    static let cardPageLines = 41
    /// Characters on one line of a card at 14 pt (about 75 fit on A4 and Letter).
    static let cardLineChars = 72

    /// `cards`: the exercises whose cards to print (nil: every one of the week).
    static func week(_ s: WeekSchedule, plan: Plan, workspace: Workspace, paper: Paper, signs: StopAndCall,
                     imageBase: String?, cards chosen: Set<String>? = nil) -> [String: Any] {
        let rows = itemRows(s, workspace: workspace)
        let cards = cardList(s, plan: plan, workspace: workspace, imageBase: imageBase)
            .filter { card in chosen.map { $0.contains(card["exercise"] as? String ?? "") } ?? true }
        let pages = pack(cards)
        var model = header(s, plan: plan, paper: paper, signs: signs)
        model["blocked"] = false
        model["days"] = s.days.map { d -> [String: Any] in
            ["short": CalendarWords.short(d.weekday), "day": d.date.day,
             "month": CalendarWords.shortMonth(d.date), "rest": d.isRestDay, "weekday": d.weekday.rawValue, "date": d.date.description]
        }
        model["rows"] = rows
        model["has_rows"] = !rows.isEmpty
        model["row_count"] = rows.count
        model["dense"] = rows.count + ((s.days.first?.habits.isEmpty ?? true) ? 0 : 1) > 8
        let perDay = rows.flatMap { ($0["cells"] as! [[String: Any]]).map { $0["count"] as! Int } }.max() ?? 1
        model["per_day"] = min(4, max(1, perDay))
        // A habit's row says when (the brace regimen: on when upright, off lying flat), from the plan.
        let habits = (s.days.first?.habits ?? []).map { id -> [String: Any] in
            let notes = plan.items.first { $0.exercise.value == id }?.notes
            let exercise = workspace.exercise(id)
            return ["name": exercise?.name ?? id,
                    "detail": notes ?? (exercise?.kind == .bracing ? braceRegimen(s) : nil) ?? "every day, rest days too"]
        }
        model["habits"] = habits
        model["has_habits"] = !habits.isEmpty
        model["as_needed"] = s.asNeeded.map { workspace.exercise($0)?.name ?? $0 }.joined(separator: "; ")
        model["has_as_needed"] = !s.asNeeded.isEmpty
        model["supervised"] = s.supervised.map { workspace.exercise($0)?.name ?? $0 }.joined(separator: "; ")
        model["has_supervised"] = !s.supervised.isEmpty
        model["card_pages"] = pages.enumerated().map { i, cards -> [String: Any] in
            ["cards": cards, "page": i + 1, "pages": pages.count]
        }
        model["card_page_count"] = pages.count
        let (shared, trimmed) = sharedLines(cards)
        model["cards"] = trimmed
        model["has_cards"] = !cards.isEmpty
        model["shared_stop_if"] = shared.stopIf.map { ["text": $0] }
        model["shared_cautions"] = shared.cautions.map { ["text": $0] }
        model["has_shared"] = !shared.stopIf.isEmpty || !shared.cautions.isEmpty
        model["has_shared_stop_if"] = !shared.stopIf.isEmpty
        model["has_shared_cautions"] = !shared.cautions.isEmpty
        model["nothing_scheduled"] = rows.isEmpty && habits.isEmpty
        return model
    }

    /// The one page printed instead of a routine when the safety check blocks the plan.
    static func blockedPage(_ s: WeekSchedule, plan: Plan, workspace: Workspace, paper: Paper, signs: StopAndCall) -> [String: Any] {
        var model = header(s, plan: plan, paper: paper, signs: signs)
        model["blocked"] = true
        // Week 1 has not started; later weeks stop a programme under way.
        model["started"] = s.week > 1
        model["urgent"] = s.safety.alerts.filter { $0.level == .urgent }.map { ["message": $0.patientMessage ?? $0.message] }
        // What to do while waiting: the spinal precautions the check kept (SAFETY.md).
        let precautions = s.safety.items.filter { $0.decision == .precaution }.compactMap { d -> [String: Any]? in
            guard let e = workspace.exercise(d.performed) else { return nil }
            let notes = plan.items[d.index].notes
            return ["name": e.name, "summary": e.summary, "steps": e.steps.map { ["text": $0] },
                    "notes": notes ?? "", "has_notes": notes != nil, "in_brace": d.inBrace]
        }
        model["precautions"] = precautions
        model["has_precautions"] = !precautions.isEmpty
        model["card_pages"] = [[String: Any]]()
        model["card_page_count"] = 0
        return model
    }

    static func header(_ s: WeekSchedule, plan: Plan, paper: Paper, signs: StopAndCall) -> [String: Any] {
        // Every alert, information included: "avoid pools with low neutrophils" is for the patient too.
        let alerts = s.safety.alerts.map { a -> [String: Any] in
            // The plain words of the rule for the patient; the care team's words only where a clinic rule has none.
            ["message": a.patientMessage ?? a.message, "urgent": a.level == .urgent, "level": a.level.rawValue]
        }
        return [
            "title": plan.title,
            "plan_id": plan.id,
            "patient_name": plan.patient?.name ?? "",
            "patient_ref": plan.patient?.ref ?? "",
            "has_patient_ref": plan.patient?.ref != nil,
            "clinician": plan.careTeam?.clinician ?? "",
            "has_clinician": plan.careTeam?.clinician != nil,
            "contact": plan.careTeam?.contact ?? "your care team",
            "week": s.week,
            "weeks": s.weeks,
            "start": CalendarWords.long(s.start),
            "end": CalendarWords.long(s.end),
            "start_iso": s.start.description,
            "end_iso": s.end.description,
            "paper": paper.label,
            "page_size": paper.css,
            "red_flags": signs.signs.map { ["text": $0.text] },
            "tiers": signs.tiers(s.safety, contact: plan.careTeam?.contact ?? "your care team"),
            "advice": signs.advice(s.safety),
            "has_advice": !signs.advice(s.safety).isEmpty,
            "alerts": alerts,
            "has_alerts": !alerts.isEmpty,
            "rule_changes": s.safety.ruleChanges.map(\.description).joined(separator: "; "),
            "has_rule_changes": !s.safety.ruleChanges.isEmpty,
            "daily_limit": s.dailyMinutesLimit.map { "\($0) minutes" } ?? "",
            "has_daily_limit": s.dailyMinutesLimit != nil,
        ]
    }

    /// Tick boxes per row and day at most: two 7.5 mm boxes fit a day's column; an item done more
    /// often a day gets a row per time of day instead of smaller boxes (RNIB clear print).
    static let boxesPerCell = 2

    /// One row per plan item that has sessions this week (a row per time of day when it is done
    /// more than `boxesPerCell` times a day), with its tick boxes per day.
    static func itemRows(_ s: WeekSchedule, workspace: Workspace) -> [[String: Any]] {
        var order: [Int] = []
        var byItem: [Int: [(Int, ScheduledSession)]] = [:]
        for (i, day) in s.days.enumerated() {
            for session in day.sessions {
                if byItem[session.item] == nil { order.append(session.item) }
                byItem[session.item, default: []].append((i, session))
            }
        }
        return order.sorted().flatMap { item -> [[String: Any]] in
            let sessions = byItem[item]!
            let first = sessions[0].1
            let exercise = workspace.exercise(first.exercise)
            let times = TimeOfDay.allCases.filter { t in sessions.contains { $0.1.time == t } }
            let perDay = (0..<7).map { i in sessions.filter { $0.0 == i }.count }.max() ?? 1
            let cells = s.days.enumerated().map { i, day -> [String: Any] in
                let n = sessions.filter { $0.0 == i }.count
                return ["rest": day.isRestDay, "boxes": Array(repeating: ["box": true], count: n), "none": !day.isRestDay && n == 0,
                        "count": n]
            }
            let notes = s.safety.plan.items.indices.contains(item) ? s.safety.plan.items[item].notes : nil
            let row: [String: Any] = [
                "name": exercise?.name ?? first.exercise,
                "exercise": first.exercise,
                "dose": DoseWords.text(first.dose),
                // Three or more a day are spread morning to evening, in box order: the count says it shortest.
                "times": perDay >= 3 ? "\(perDay) times a day" : timeWords(times),
                "in_brace": first.inBrace,
                "easier": first.replaces != nil,
                "notes": notes ?? "",
                "has_notes": notes != nil,
                "cells": cells,
                "sessions": sessions.count,
                "continued": false,
            ]
            guard perDay > boxesPerCell else { return [row] }
            // Rows of up to two sessions of the day: times 1–2, then 3–4, …
            let rowCount = (perDay + boxesPerCell - 1) / boxesPerCell
            return (0..<rowCount).map { k -> [String: Any] in
                var r = row
                let from = k * boxesPerCell, to = min(perDay, from + boxesPerCell)
                r["cells"] = s.days.enumerated().map { i, day -> [String: Any] in
                    let done = sessions.filter { $0.0 == i }.count
                    let n = max(0, min(done, to) - from)
                    return ["rest": day.isRestDay, "boxes": Array(repeating: ["box": true], count: n),
                            "none": !day.isRestDay && n == 0, "count": n]
                }
                r["times"] = to - from == 1 ? "\(ordinal(from + 1)) time of \(perDay) a day"
                    : "\(ordinal(from + 1)) and \(ordinal(to)) times of \(perDay) a day"
                r["continued"] = k > 0
                return r
            }
        }
    }

    static func ordinal(_ n: Int) -> String {
        switch n {
        case 1: return "1st"
        case 2: return "2nd"
        case 3: return "3rd"
        default: return "\(n)th"
        }
    }

    /// Instruction cards: every exercise the patient does this week (sessions, habits, as needed).
    static func cardList(_ s: WeekSchedule, plan: Plan, workspace: Workspace, imageBase: String?) -> [[String: Any]] {
        var ids: [String] = []
        var sessionFor: [String: ScheduledSession] = [:]
        for day in s.days {
            for session in day.sessions {
                if sessionFor[session.exercise] == nil { ids.append(session.exercise); sessionFor[session.exercise] = session }
            }
        }
        for id in (s.days.first?.habits ?? []) + s.asNeeded where !ids.contains(id) { ids.append(id) }
        return ids.compactMap { id -> [String: Any]? in
            guard let e = workspace.exercise(id) else { return nil }
            let session = sessionFor[id]
            let item = session.map { plan.items[$0.item] } ?? plan.items.first { $0.exercise.value == id }
            var card: [String: Any] = [
                "exercise": e.id.rawValue,
                "name": e.name,
                "summary": e.summary,
                "steps": e.steps.enumerated().map { ["number": $0 + 1, "text": $1] },
                "cautions": e.cautions.map { ["text": $0] },
                "has_cautions": !e.cautions.isEmpty,
                "stop_if": e.stopIf.map { ["text": $0] },
                "has_stop_if": !e.stopIf.isEmpty,
                "dose": session.map { DoseWords.text($0.dose) } ?? "",
                "has_dose": session != nil,
                "in_brace": session?.inBrace ?? false,
                "notes": item?.notes ?? "",
                "has_notes": item?.notes != nil,
                "equipment": e.equipment.joined(separator: ", "),
                "has_equipment": !e.equipment.isEmpty,
                "has_image": false,
            ]
            if let image = e.image, let uri = ImageEmbedding.dataURI(image.value, exerciseFile: e.location.file, base: imageBase,
                                                                     workspace: workspace) {
                card["image"] = uri
                card["has_image"] = true
            }
            card["lines"] = estimatedLines(e, card: card)
            return card
        }
    }

    /// Lines that three or more of the week's cards repeat ("New or worse back pain"): printed once,
    /// above the cards, and left off each card, so the cards fit on fewer pages.
    static func sharedLines(_ cards: [[String: Any]]) -> (shared: (stopIf: [String], cautions: [String]), cards: [[String: Any]]) {
        func texts(_ card: [String: Any], _ key: String) -> [String] {
            (card[key] as? [[String: Any]] ?? []).compactMap { $0["text"] as? String }
        }
        func repeated(_ key: String) -> [String] {
            var count: [String: Int] = [:], order: [String] = []
            for card in cards {
                var seen = Set<String>()
                for t in texts(card, key) where seen.insert(t).inserted {
                    if count[t] == nil { order.append(t) }
                    count[t, default: 0] += 1
                }
            }
            return order.filter { count[$0]! >= 3 }
        }
        let stopIf = repeated("stop_if"), cautions = repeated("cautions")
        let trimmed = cards.map { card -> [String: Any] in
            var c = card
            let s = texts(card, "stop_if").filter { !stopIf.contains($0) }
            let k = texts(card, "cautions").filter { !cautions.contains($0) }
            c["stop_if"] = s.map { ["text": $0] }
            c["has_stop_if"] = !s.isEmpty
            c["cautions"] = k.map { ["text": $0] }
            c["has_cautions"] = !k.isEmpty
            return c
        }
        return ((stopIf, cautions), trimmed)
    }

    /// Cards into pages by estimated height, in order, each card whole on one page.
    static func pack(_ cards: [[String: Any]]) -> [[[String: Any]]] {
        var pages: [[[String: Any]]] = []
        var current: [[String: Any]] = []
        var used = 2   // the page heading
        for card in cards {
            let lines = card["lines"] as! Int
            if !current.isEmpty, used + lines > cardPageLines {
                pages.append(current)
                current = []
                used = 2
            }
            current.append(card)
            used += lines
        }
        if !current.isEmpty { pages.append(current) }
        return pages
    }

    static func estimatedLines(_ e: Exercise, card: [String: Any]) -> Int {
        func lines(_ text: String, indent: Int = 4) -> Int { max(1, (text.count + indent + cardLineChars - 1) / cardLineChars) }
        var n = 2 + lines(e.name) + lines(e.summary)          // border and padding, title, summary
        n += 1                                                 // dose line
        n += e.steps.reduce(0) { $0 + lines($1) }
        if !e.cautions.isEmpty { n += 1 + e.cautions.reduce(0) { $0 + lines($1) } }
        if !e.stopIf.isEmpty { n += 1 + e.stopIf.reduce(0) { $0 + lines($1) } }
        if let notes = card["notes"] as? String, !notes.isEmpty { n += lines(notes) }
        if !e.equipment.isEmpty { n += 1 }
        if card["has_image"] as? Bool == true { n += 9 }
        return n
    }

    static func timeWords(_ times: [TimeOfDay]) -> String {
        let words = times.map { $0 == .any ? "any time" : $0.rawValue }
        switch words.count {
        case 0: return ""
        case 1: return words[0]
        default: return words.dropLast().joined(separator: ", ") + " and " + words.last!
        }
    }

    /// The prescribed brace regimen in words, for a bracing habit's row (the item's kind says it is
    /// one, never its id), or nil when no brace is prescribed.
    static func braceRegimen(_ s: WeekSchedule) -> String? {
        guard let brace = s.safety.braceRegimen else { return nil }
        let when: String
        switch brace.wearWhen {
        case .upright?: when = "whenever you sit up, stand or walk"
        case .outOfBed?: when = "whenever you are out of bed"
        case .always?: when = "day and night"
        case .asNeeded?, nil: when = "as your team told you"
        }
        return "Wear your \(brace.type) brace \(when)"
    }
}
