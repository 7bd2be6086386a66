/// `rehab schedule --format ics`: the sessions of scheduled weeks as an iCalendar file (RFC 5545)
/// a patient's phone reminds her from. Times of day: morning 09:00, midday 12:00, afternoon 15:00,
/// evening 18:00, any time 10:00, in the phone's own time zone (floating times); each session lasts
/// its minutes. All-day habits (the brace regimen) are all-day events. Only what the schedule holds is
/// written, so nothing the safety check blocks or keeps for the physiotherapist is ever in it; a
/// blocked week has one all-day event saying the programme is stopped and naming the spinal
/// precautions kept (whose own events stay), and (given the calendar written before) cancels the
/// sessions it had.
public enum ScheduleCalendar {
    /// Hour and minute of a time of day.
    public static func clock(_ t: TimeOfDay) -> (Int, Int) {
        switch t {
        case .morning: return (9, 0)
        case .midday: return (12, 0)
        case .afternoon: return (15, 0)
        case .evening: return (18, 0)
        case .any: return (10, 0)
        }
    }

    /// `stamp`: the DTSTAMP every event carries (UTC, `YYYYMMDDTHHMMSSZ`); the caller reads the clock.
    public static func render(
        _ weeks: [WeekSchedule], plan: Plan, workspace: Workspace, stamp: String,
        clinic: ClinicIdentity = ClinicIdentity(), previous: PreviousCalendar? = nil,
        today: LocalDate? = nil
    ) -> String {
        render(
            weeks.map { ($0, plan) }, workspace: workspace, stamp: stamp, clinic: clinic, previous: previous,
            today: today)
    }

    /// Weeks of one or more plans in one calendar. UIDs are `PLAN.ITEM.DATE.N@DOMAIN` (the item's
    /// key — its exercise id, `#2` for a second item of the same exercise — and the session number
    /// of that item that day), `PLAN.ITEM.DATE.habit@DOMAIN` for all-day habits and
    /// `PLAN.stopped.week-N@DOMAIN` for a blocked week's one event, never a position. With the
    /// calendar written before (`previous`), an event whose content changed gets the next
    /// `SEQUENCE`, and an earlier event of the same plans and dates that is no longer there — its
    /// item removed, its week blocked — is written again with `STATUS:CANCELLED`.
    /// `today`: a blocked week under way has its stopped event today (not on a first day already past).
    public static func render(
        _ weeks: [(WeekSchedule, Plan)], workspace: Workspace, stamp: String,
        clinic: ClinicIdentity = ClinicIdentity(), previous: PreviousCalendar? = nil,
        today: LocalDate? = nil
    ) -> String {
        let titles = weeks.map(\.1.title).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
        var lines = [
            "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//rehab//weekly routine//EN", "CALSCALE:GREGORIAN",
            "X-WR-CALNAME:" + escape(titles.joined(separator: "; ")),
        ]
        // Each event: its UID and its content (everything but UID, DTSTAMP and SEQUENCE).
        var events: [(uid: String, content: [String])] = []
        // A blocked week's events the plan could have had, to cancel when no previous calendar is given.
        var presumed: [(uid: String, content: [String])] = []
        let at = "@" + clinic.domain
        for (week, plan) in weeks {
            let keys = ItemKey.keys(plan)
            func add(_ days: [ScheduledDay]) {
                for day in days {
                    var slot: [TimeOfDay: Int] = [:]
                    var number: [Int: Int] = [:]
                    for s in day.sessions {
                        let name = workspace.exercise(s.exercise)?.name ?? s.exercise
                        let (h, m0) = clock(s.time)
                        // Sessions at the same time of day follow one another.
                        let offset = slot[s.time, default: 0]
                        slot[s.time] = offset + s.minutes
                        number[s.item, default: 0] += 1
                        let start = h * 60 + m0 + offset
                        let end = start + max(1, s.minutes)
                        var description = DoseWords.text(s.dose, inBrace: s.inBrace)
                        if let notes = plan.items.indices.contains(s.item) ? plan.items[s.item].notes : nil {
                            description += ". " + notes
                        }
                        let key = keys.indices.contains(s.item) ? keys[s.item] : s.exercise
                        events.append(
                            (
                                "\(plan.id).\(key).\(compact(day.date)).\(number[s.item]!)\(at)",
                                [
                                    "DTSTART:\(compact(day.date))T\(hhmm(start))00",
                                    "DTEND:\(compact(day.date))T\(hhmm(end))00",
                                    "SUMMARY:" + escape(name), "DESCRIPTION:" + escape(description),
                                ]
                            ))
                    }
                    for id in day.habits {
                        let name = workspace.exercise(id)?.name ?? id
                        events.append(
                            (
                                "\(plan.id).\(id).\(compact(day.date)).habit\(at)",
                                [
                                    "DTSTART;VALUE=DATE:\(compact(day.date))",
                                    "DTEND;VALUE=DATE:\(compact(day.date.adding(days: 1)))",
                                    "SUMMARY:" + escape(name), "TRANSP:TRANSPARENT",
                                ]
                            ))
                    }
                }
            }
            if week.safety.status == .blocked {
                // One all-day event on the week's first day (today, in a week under way) says the
                // programme is stopped (a calendar needs a component; the sessions it replaces are
                // cancelled below). The spinal precautions stay, with their own events, and the
                // stopped event names them.
                guard var first = week.days.first?.date, let last = week.days.last?.date else { continue }
                if let today, first < today, today <= last { first = today }
                let urgent = week.safety.alerts.contains { $0.level == .urgent }
                let call =
                    urgent
                    ? plan.careTeam?.urgent.map { "Stop and call now: \($0)." }
                    : plan.careTeam?.contact.map { "Call today: \($0)." }
                let kept =
                    (week.safety.items.filter { $0.decision == .precaution }.map(\.performed.rawValue)
                    + week.keptWhileStopped.flatMap { $0.sessions.map(\.exercise) + $0.habits }).uniqued()
                    .map { workspace.exercise($0)?.name ?? $0 }
                let keep = kept.isEmpty ? "" : " Keep doing these: " + kept.joined(separator: "; ") + "."
                events.append(
                    (
                        "\(plan.id).stopped.week-\(week.week)\(at)",
                        [
                            "DTSTART;VALUE=DATE:\(compact(first))",
                            "DTEND;VALUE=DATE:\(compact(first.adding(days: 1)))",
                            "SUMMARY:" + escape("Home exercises stopped"),
                            "DESCRIPTION:"
                                + escape(
                                    "Do not do your home exercises until your care team says so." + keep
                                        + (call.map { " " + $0 } ?? "")),
                            "TRANSP:TRANSPARENT",
                        ]
                    ))
                add(week.keptWhileStopped)
                // Without the calendar sent before, every event the plan's other items could have
                // had on these days is cancelled by its computed UID (a UID the phone never had is
                // ignored by it); with it, exactly the events it held are (below).
                if previous == nil {
                    let keptIDs = Set(week.safety.items.filter { $0.decision == .precaution }.map(\.index))
                    for d in week.safety.items where !keptIDs.contains(d.index) && plan.items.indices.contains(d.index)
                    {
                        let item = plan.items[d.index]
                        let name = workspace.exercise(d.performed)?.name ?? d.performed.rawValue
                        for date in week.days.map(\.date) {
                            let day = [
                                "DTSTART;VALUE=DATE:\(compact(date))",
                                "DTEND;VALUE=DATE:\(compact(date.adding(days: 1)))",
                                "SUMMARY:" + escape(name),
                            ]
                            switch item.frequency {
                            case .allDay:
                                for id in [d.exercise.rawValue, d.performed.rawValue].uniqued() {
                                    presumed.append(("\(plan.id).\(id).\(compact(date)).habit\(at)", day))
                                }
                            case .daily, .perWeek:
                                presumed.append(("\(plan.id).\(keys[d.index]).\(compact(date)).1\(at)", day))
                            case .perDay(let n):
                                for k in 1...max(1, n) {
                                    presumed.append(("\(plan.id).\(keys[d.index]).\(compact(date)).\(k)\(at)", day))
                                }
                            case .asNeeded:
                                break
                            }
                        }
                    }
                }
                continue
            }
            add(week.days)
        }
        let now = Set(events.map(\.uid))
        for e in events {
            var sequence = 0
            if let before = previous?.events[e.uid] {
                sequence = before.content == e.content && !before.cancelled ? before.sequence : before.sequence + 1
            }
            lines +=
                ["BEGIN:VEVENT", "UID:" + e.uid, "DTSTAMP:\(stamp)", "SEQUENCE:\(sequence)"] + e.content + [
                    "END:VEVENT"
                ]
        }
        // Earlier events of these plans on the days written that are gone now: cancelled.
        var days: [String: Set<LocalDate>] = [:]
        for (week, plan) in weeks { days[plan.id, default: []].formUnion(week.days.map(\.date)) }
        for before in previous?.ordered ?? [] where !now.contains(before.uid) {
            guard let plan = before.uid.split(separator: ".", maxSplits: 1).first.map(String.init),
                before.uid.hasSuffix(at), let date = before.date, days[plan]?.contains(date) == true
            else { continue }
            lines +=
                [
                    "BEGIN:VEVENT", "UID:" + UserText.plain(before.uid), "DTSTAMP:\(stamp)",
                    "SEQUENCE:\(before.cancelled ? before.sequence : before.sequence + 1)",
                ]
                + before.content.filter { !$0.hasPrefix("STATUS") }.map(UserText.plain) + [
                    "STATUS:CANCELLED", "END:VEVENT",
                ]
        }
        // SEQUENCE 1: above the 0 of a calendar written without --previous.
        var written = now
        for e in presumed where written.insert(e.uid).inserted {
            lines +=
                ["BEGIN:VEVENT", "UID:" + e.uid, "DTSTAMP:\(stamp)", "SEQUENCE:1"] + e.content + [
                    "STATUS:CANCELLED", "END:VEVENT",
                ]
        }
        lines.append("END:VCALENDAR")
        return lines.map(fold).joined(separator: "\r\n") + "\r\n"
    }

    static func compact(_ d: LocalDate) -> String { d.description.replacingOccurrences(of: "-", with: "") }

    static func hhmm(_ minutes: Int) -> String {
        let m = min(minutes, 23 * 60 + 59)
        return (m / 60 < 10 ? "0" : "") + String(m / 60) + (m % 60 < 10 ? "0" : "") + String(m % 60)
    }

    /// TEXT escaping (RFC 5545 §3.3.11): backslash, semicolon, comma, newline; control and invisible
    /// format characters dropped (`UserText.plain`).
    static func escape(_ s: String) -> String {
        var out = ""
        for c in UserText.plain(s) {
            switch c {
            case "\\": out += "\\\\"
            case ";": out += "\\;"
            case ",": out += "\\,"
            case "\n", "\r\n": out += "\\n"
            default:
                if let a = c.asciiValue, a < 32 || a == 127 { continue }
                out.append(c)
            }
        }
        return out
    }

    /// Lines folded at 75 octets, never inside a UTF-8 sequence (RFC 5545 §3.1).
    static func fold(_ line: String) -> String {
        var out: [String] = []
        var current = ""
        var octets = 0
        for c in line {
            let n = String(c).utf8.count
            if octets + n > (out.isEmpty ? 75 : 74) {
                out.append(current)
                current = ""
                octets = 0
            }
            current.append(c)
            octets += n
        }
        out.append(current)
        return out.joined(separator: "\r\n ")
    }
}
