/// `rehab schedule --format ics`: the sessions of scheduled weeks as an iCalendar file (RFC 5545)
/// a patient's phone reminds her from. Times of day: morning 09:00, midday 12:00, afternoon 15:00,
/// evening 18:00, any time 10:00, in the phone's own time zone (floating times); each session lasts
/// its minutes. All-day habits (the brace regimen) are all-day events. Only what the schedule holds is
/// written, so nothing the safety check blocks or keeps for the physiotherapist is ever in it, and a
/// blocked week has no events.
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
    public static func render(_ weeks: [WeekSchedule], plan: Plan, workspace: Workspace, stamp: String) -> String {
        render(weeks.map { ($0, plan) }, workspace: workspace, stamp: stamp)
    }

    /// Weeks of one or more plans in one calendar.
    public static func render(_ weeks: [(WeekSchedule, Plan)], workspace: Workspace, stamp: String) -> String {
        let titles = weeks.map(\.1.title).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
        var lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//rehab//weekly routine//EN", "CALSCALE:GREGORIAN",
                     "X-WR-CALNAME:" + escape(titles.joined(separator: "; "))]
        for (week, plan) in weeks where week.safety.status != .blocked {
            for day in week.days {
                var slot: [TimeOfDay: Int] = [:]
                for (k, s) in day.sessions.enumerated() {
                    let name = workspace.exercise(s.exercise)?.name ?? s.exercise
                    let (h, m0) = clock(s.time)
                    // Sessions at the same time of day follow one another.
                    let offset = slot[s.time, default: 0]
                    slot[s.time] = offset + s.minutes
                    let start = h * 60 + m0 + offset, end = start + max(1, s.minutes)
                    var description = DoseWords.text(s.dose) + (s.inBrace ? ", in your brace" : "")
                    if let notes = plan.items.indices.contains(s.item) ? plan.items[s.item].notes : nil { description += ". " + notes }
                    lines += ["BEGIN:VEVENT", "UID:\(plan.id)-\(day.date)-\(k)-\(s.exercise)@rehab", "DTSTAMP:\(stamp)",
                              "DTSTART:\(compact(day.date))T\(hhmm(start))00", "DTEND:\(compact(day.date))T\(hhmm(end))00",
                              "SUMMARY:" + escape(name), "DESCRIPTION:" + escape(description), "END:VEVENT"]
                }
                for id in day.habits {
                    let name = workspace.exercise(id)?.name ?? id
                    lines += ["BEGIN:VEVENT", "UID:\(plan.id)-\(day.date)-habit-\(id)@rehab", "DTSTAMP:\(stamp)",
                              "DTSTART;VALUE=DATE:\(compact(day.date))", "DTEND;VALUE=DATE:\(compact(day.date.adding(days: 1)))",
                              "SUMMARY:" + escape(name), "TRANSP:TRANSPARENT", "END:VEVENT"]
                }
            }
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
        var out: [String] = [], current = "", octets = 0
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
