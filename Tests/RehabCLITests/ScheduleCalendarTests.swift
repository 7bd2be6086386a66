import Foundation
import Testing
import TestSupport

/// `rehab schedule --format ics`, read back by a real iCalendar parser (Python icalendar, installed by
/// `make test`): exactly the scheduled sessions and habits, nothing blocked, times from the time of day.
struct ScheduleCalendarTests {
    static func events(_ ics: String) throws -> [[String: Any]] {
        let ws = try TemporaryWorkspace()
        let file = try ws.write("week.ics", ics)
        let p = try Subprocess.tool("python3", [Paths.packageRoot + "/scripts/read_ics.py", file])
        #expect(p.status == 0, "\(p.output)\(p.errors)  (make test installs icalendar)")
        return try #require(try JSONSerialization.jsonObject(with: p.stdout) as? [[String: Any]])
    }

    @Test func holdsExactlyTheScheduledSessions() throws {
        let plan = "Plans/braced-t10-metastasis.yaml"
        let ics = try Run(["schedule", plan, "--weeks", "1-2", "--format", "ics"])
        #expect(ics.status == 0)
        #expect(ics.stdout.contains("\r\n"), "CRLF line ends")
        let json = try Run(["schedule", plan, "--weeks", "1-2", "--format", "json"])
        let weeks: [[String: Any]]
        let parsed = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8))
        if let list = parsed as? [[String: Any]] { weeks = list } else { weeks = [try #require(parsed as? [String: Any])] }
        var sessions: [String: Int] = [:], habits: [String: Int] = [:]
        var blocked = Set<String>()
        for week in weeks {
            for b in week["blocked"] as? [String] ?? [] { blocked.insert(b) }
            for day in week["days"] as! [[String: Any]] {
                let date = day["date"] as! String
                sessions[date, default: 0] += (day["sessions"] as! [Any]).count
                habits[date, default: 0] += (day["habits"] as? [Any] ?? []).count
            }
        }
        let events = try Self.events(ics.stdout)
        var timed: [String: Int] = [:], allDay: [String: Int] = [:]
        for e in events {
            let date = String((e["start"] as! String).prefix(10))
            if e["all_day"] as! Bool { allDay[date, default: 0] += 1 } else { timed[date, default: 0] += 1 }
        }
        #expect(timed == sessions.filter { $0.value > 0 })
        #expect(allDay == habits.filter { $0.value > 0 })
        #expect(Set(events.map { $0["uid"] as! String }).count == events.count, "UIDs are unique")
        // Morning sessions start at 09:00.
        #expect(events.contains { ($0["start"] as! String).hasSuffix("T09:00:00") })
        for id in blocked { #expect(!events.contains { ($0["uid"] as! String).contains(id) }, "\(id) is blocked") }
    }

    @Test func aBlockedPlanHasNoEvents() throws {
        let ics = try Run(["schedule", "Plans/suspected-cord-compression.yaml", "--week", "1", "--format", "ics"])
        #expect(ics.status == 3)
        #expect(try Self.events(ics.stdout).isEmpty)
    }
}
