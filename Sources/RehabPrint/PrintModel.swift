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

    static func week(_ s: WeekSchedule, plan: Plan, workspace: Workspace, paper: Paper, redFlags: [String],
                     imageBase: String?) -> [String: Any] {
        let rows = itemRows(s, workspace: workspace)
        let cards = cardList(s, plan: plan, workspace: workspace, imageBase: imageBase)
        let pages = pack(cards)
        var model = header(s, plan: plan, paper: paper, redFlags: redFlags)
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
        let habits = (s.days.first?.habits ?? []).map { id -> [String: Any] in
            ["name": workspace.exercise(id)?.name ?? habitName(id, s)]
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
        model["has_cards"] = !cards.isEmpty
        model["nothing_scheduled"] = rows.isEmpty && habits.isEmpty
        return model
    }

    /// The one page printed instead of a routine when the safety check blocks the plan.
    static func blockedPage(_ s: WeekSchedule, plan: Plan, paper: Paper, redFlags: [String]) -> [String: Any] {
        var model = header(s, plan: plan, paper: paper, redFlags: redFlags)
        model["blocked"] = true
        model["urgent"] = s.safety.alerts.filter { $0.level == .urgent }.map { ["message": $0.message] }
        model["card_pages"] = [[String: Any]]()
        model["card_page_count"] = 0
        return model
    }

    static func header(_ s: WeekSchedule, plan: Plan, paper: Paper, redFlags: [String]) -> [String: Any] {
        // Every alert, information included: "avoid pools with low neutrophils" is for the patient too.
        let alerts = s.safety.alerts.map { a -> [String: Any] in
            ["message": a.message, "urgent": a.level == .urgent, "level": a.level.rawValue]
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
            "red_flags": redFlags.map { ["text": $0] },
            "alerts": alerts,
            "has_alerts": !alerts.isEmpty,
            "daily_limit": s.dailyMinutesLimit.map { "\($0) minutes" } ?? "",
            "has_daily_limit": s.dailyMinutesLimit != nil,
        ]
    }

    /// One row per plan item that has sessions this week, with its tick boxes per day.
    static func itemRows(_ s: WeekSchedule, workspace: Workspace) -> [[String: Any]] {
        var order: [Int] = []
        var byItem: [Int: [(Int, ScheduledSession)]] = [:]
        for (i, day) in s.days.enumerated() {
            for session in day.sessions {
                if byItem[session.item] == nil { order.append(session.item) }
                byItem[session.item, default: []].append((i, session))
            }
        }
        return order.sorted().map { item in
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
            return [
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
            ]
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
            if let image = e.image, let uri = dataURI(image.value, exerciseFile: e.location.file, base: imageBase,
                                                             root: workspace.root) {
                card["image"] = uri
                card["has_image"] = true
            }
            card["lines"] = estimatedLines(e, card: card)
            return card
        }
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

    /// Largest image embedded in a sheet, in bytes.
    static let maxImageBytes = 8 << 20

    /// The image as a data URI, or nil when it cannot be used: only a regular file of at most
    /// `maxImageBytes` that really lies inside the workspace `root` is read (never a pipe or a
    /// device, never a link or `..` path that leads outside).
    static func dataURI(_ relative: String, exerciseFile: String, base: String?, root: String? = nil) -> String? {
        let dir = (exerciseFile as NSString).deletingLastPathComponent
        var path = (dir as NSString).appendingPathComponent(relative)
        if !path.hasPrefix("/"), let base { path = (base as NSString).appendingPathComponent(path) }
        if let root {
            guard let real = FileSystem.realPath(path), FileSystem.isInside(real, FileSystem.realPath(root) ?? root) else { return nil }
        }
        guard let bytes = try? FileSystem.read(path, limit: maxImageBytes) else { return nil }
        let data = Data(bytes)
        let ext = (relative as NSString).pathExtension.lowercased()
        let mime = ["png": "image/png", "jpg": "image/jpeg", "jpeg": "image/jpeg", "svg": "image/svg+xml", "gif": "image/gif",
                    "webp": "image/webp"][ext] ?? "application/octet-stream"
        return "data:\(mime);base64,\(data.base64EncodedString())"
    }

    static func timeWords(_ times: [TimeOfDay]) -> String {
        let words = times.map { $0 == .any ? "any time" : $0.rawValue }
        switch words.count {
        case 0: return ""
        case 1: return words[0]
        default: return words.dropLast().joined(separator: ", ") + " and " + words.last!
        }
    }

    static func habitName(_ id: String, _ s: WeekSchedule) -> String {
        if id.hasPrefix("brace-"), let brace = s.safety.braceRegimen {
            let when: String
            switch brace.wearWhen {
            case .upright?: when = "whenever you sit up, stand or walk"
            case .outOfBed?: when = "whenever you are out of bed"
            case .always?: when = "day and night"
            case .asNeeded?, nil: when = "as your team told you"
            }
            return "Wear your \(brace.type) brace \(when)"
        }
        return id
    }
}
