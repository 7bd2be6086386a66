import Foundation
import TestSupport
import Testing

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
        if let list = parsed as? [[String: Any]] {
            weeks = list
        } else {
            weeks = [try #require(parsed as? [String: Any])]
        }
        var sessions: [String: Int] = [:]
        var habits: [String: Int] = [:]
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
        var timed: [String: Int] = [:]
        var allDay: [String: Int] = [:]
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

    @Test func aBlockedWeekSaysSoAndIsNeverAnEmptyCalendar() throws {
        let ics = try Run(["schedule", "Plans/suspected-cord-compression.yaml", "--week", "1", "--format", "ics"])
        #expect(ics.status == 3)
        let events = try Self.events(ics.stdout)
        // One event says the programme is stopped; the others are the spinal precaution kept (breathing).
        let stopped = events.filter { $0["summary"] as? String == "Home exercises stopped" }
        #expect(stopped.count == 1 && stopped.first?["all_day"] as? Bool == true)
        #expect(
            events.allSatisfy {
                $0["summary"] as? String == "Home exercises stopped"
                    || ($0["uid"] as! String).contains(".diaphragmatic-breathing.")
                    || $0["status"] as? String == "CANCELLED"
            })
        let unfolded = ics.stdout.replacingOccurrences(of: "\r\n ", with: "")
        #expect(unfolded.contains("Stop and call now: Acute oncology 24-hour line 555 0199"), "\(ics.stdout)")
    }

    /// UIDs come from the plan, the item's exercise, the date and the session number, with the
    /// clinic's domain: inserting an item at the top changes no other event's UID.
    @Test func uidsAreStableWhenAnItemIsInsertedAtTheTop() throws {
        let ws = try TemporaryWorkspace.clinicCopy()
        let plan = "Plans/gentle-start-osteopenia.yaml"
        let domain = ["--clinic-domain", "physio.example-hospital.org"]
        let before = try Self.events(
            try Run(["schedule", plan, "--week", "1", "--format", "ics"] + domain, in: ws.root).stdout)
        let text = try String(contentsOfFile: ws.root + "/" + plan, encoding: .utf8)
        _ = try ws.write(
            plan,
            text.replacingOccurrences(
                of: "items:\n", with: "items:\n  - exercise: ankle-pumps\n    frequency: daily\n    time: morning\n"))
        let after = try Self.events(
            try Run(["schedule", plan, "--week", "1", "--format", "ics"] + domain, in: ws.root).stdout)
        #expect(after.count > before.count)
        let uidsAfter = Set(after.map { $0["uid"] as! String })
        for e in before {
            let uid = e["uid"] as! String
            #expect(uid.hasSuffix("@physio.example-hospital.org"))
            #expect(uidsAfter.contains(uid), "\(uid) keeps its UID")
        }
    }

    /// With the calendar sent before: a blocked plan cancels its earlier events (same UID, next
    /// SEQUENCE, STATUS:CANCELLED), and the calendar says the programme is stopped.
    @Test func aBlockedPlanCancelsTheEarlierEvents() throws {
        let ws = try TemporaryWorkspace.clinicCopy()
        let plan = "Plans/gentle-start-osteopenia.yaml"
        let first = try Run(["schedule", plan, "--week", "2", "--format", "ics"], in: ws.root)
        #expect(first.status == 0)
        let earlier = try Self.events(first.stdout)
        #expect(
            !earlier.isEmpty && earlier.allSatisfy { $0["sequence"] as? Int == 0 && ($0["status"] as! String).isEmpty })
        let previous = try ws.write("sent.ics", first.stdout)
        #expect(try Run(["log", plan, "--date", "2026-12-05", "--symptom", "numbness"], in: ws.root).status == 3)
        let blocked = try Run(
            ["schedule", plan, "--week", "2", "--format", "ics", "--previous", previous], in: ws.root)
        #expect(blocked.status == 3)
        let events = try Self.events(blocked.stdout)
        // Breathing is a spinal precaution here, kept while exercise is stopped; the rest is cancelled.
        let cancelled = earlier.filter { !($0["uid"] as! String).contains(".diaphragmatic-breathing.") }
        #expect(cancelled.count < earlier.count)
        for e in cancelled {
            let now = try #require(
                events.first { $0["uid"] as? String == e["uid"] as? String }, "\(e["uid"]!) is still there")
            #expect(now["status"] as? String == "CANCELLED")
            #expect(now["sequence"] as? Int == 1)
            #expect(now["start"] as? String == e["start"] as? String)
        }
        #expect(events.contains { $0["summary"] as? String == "Home exercises stopped" })
        // Sent again unchanged, the cancellations stay as they are.
        let again = try Self.events(
            try Run(
                [
                    "schedule", plan, "--week", "2", "--format", "ics", "--previous",
                    try ws.write("sent2.ics", blocked.stdout),
                ],
                in: ws.root
            ).stdout)
        #expect(again.filter { $0["status"] as? String == "CANCELLED" }.count == cancelled.count)
        #expect(again.filter { $0["status"] as? String == "CANCELLED" }.allSatisfy { $0["sequence"] as? Int == 1 })
        #expect(again.map { $0["sequence"] as! Int } == events.map { $0["sequence"] as! Int }, "nothing changed")
    }

    /// Without --previous, a blocked week cancels every event the plan's items could have had on
    /// its days (their UIDs are computable): the sessions sent earlier are all cancelled.
    @Test func aBlockedWeekWithoutPreviousCancelsByComputedUID() throws {
        let ws = try TemporaryWorkspace.clinicCopy()
        let plan = "Plans/braced-t10-metastasis.yaml"
        let earlier = try Self.events(
            try Run(["schedule", plan, "--week", "2", "--format", "ics"], in: ws.root).stdout)
        #expect(try Run(["log", plan, "--date", "2026-12-05", "--symptom", "numbness"], in: ws.root).status == 3)
        let blocked = try Run(["schedule", plan, "--week", "2", "--format", "ics"], in: ws.root)
        #expect(blocked.status == 3)
        let events = try Self.events(blocked.stdout)
        let byUID = Dictionary(events.map { ($0["uid"] as! String, $0) }, uniquingKeysWith: { a, _ in a })
        #expect(byUID.count == events.count, "UIDs are unique")
        var cancelled = 0
        for e in earlier {
            let uid = e["uid"] as! String
            let now = try #require(byUID[uid], "\(uid) is in the blocked calendar")
            if ["brace-tlso-wear", "brace-on-off-log-roll", "brace-skin-check", "diaphragmatic-breathing"].contains(
                where: { uid.contains(".\($0).") })
            {
                #expect((now["status"] as! String).isEmpty, "\(uid) is a precaution, kept")
            } else {
                #expect(now["status"] as? String == "CANCELLED" && now["sequence"] as? Int == 1, "\(uid)")
                cancelled += 1
            }
        }
        #expect(cancelled > 20)
    }

    /// A blocked week keeps the spinal precautions: the brace-wear habit and brace on/off sessions
    /// stay (not cancelled), and the stopped event names what to keep doing.
    @Test func aBlockedWeekKeepsTheSpinalPrecautions() throws {
        let ws = try TemporaryWorkspace.clinicCopy()
        let plan = "Plans/braced-t10-metastasis.yaml"
        let first = try Run(["schedule", plan, "--week", "2", "--format", "ics"], in: ws.root)
        #expect(first.status == 0)
        let previous = try ws.write("sent.ics", first.stdout)
        #expect(try Run(["log", plan, "--date", "2026-12-05", "--symptom", "numbness"], in: ws.root).status == 3)
        let blocked = try Run(
            ["schedule", plan, "--week", "2", "--format", "ics", "--previous", previous], in: ws.root)
        #expect(blocked.status == 3)
        let events = try Self.events(blocked.stdout)
        let brace = events.filter { ($0["uid"] as! String).contains(".brace-tlso-wear.") }
        #expect(
            brace.count == 7 && brace.allSatisfy { ($0["status"] as! String).isEmpty && $0["sequence"] as? Int == 0 },
            "\(brace)")
        let onOff = events.filter { ($0["uid"] as! String).contains(".brace-on-off-log-roll.") }
        #expect(!onOff.isEmpty && onOff.allSatisfy { ($0["status"] as! String).isEmpty }, "\(onOff)")
        let ankle = events.filter { ($0["uid"] as! String).contains(".ankle-pumps.") }
        #expect(!ankle.isEmpty && ankle.allSatisfy { $0["status"] as? String == "CANCELLED" })
        let stopped = try #require(events.first { $0["summary"] as? String == "Home exercises stopped" })
        #expect(stopped["start"] as? String == "2026-12-07", "the week's first day: today (2027-01-11) is after it")
        let midWeek = try Self.events(
            try Run(
                ["schedule", plan, "--week", "2", "--format", "ics"], in: ws.root,
                environment: ["REHAB_TODAY": "2026-12-09"]
            ).stdout)
        #expect(
            midWeek.first { $0["summary"] as? String == "Home exercises stopped" }?["start"] as? String == "2026-12-09",
            "a week under way is stopped from today, not from a day already past")
        let description = stopped["description"] as! String
        for kept in ["Keep doing these", "Wearing your back brace", "Log roll in bed"] {
            #expect(description.contains(kept), "\(description)")
        }
    }

    /// An event whose content changed gets the next SEQUENCE; an unchanged one keeps its own; a
    /// removed item's events are cancelled.
    @Test func aChangedEventIsSequencedAndARemovedItemCancelled() throws {
        let ws = try TemporaryWorkspace.clinicCopy()
        let plan = "Plans/gentle-start-osteopenia.yaml"
        let first = try Run(["schedule", plan, "--week", "1", "--format", "ics"], in: ws.root)
        let previous = try ws.write("sent.ics", first.stdout)
        let text = try String(contentsOfFile: ws.root + "/" + plan, encoding: .utf8)
        var edited = text.replacingOccurrences(
            of: "Each time you sit down for a meal.", with: "Each time you sit down.")
        edited = edited.replacingOccurrences(
            of: "  - exercise: chin-tucks\n    frequency: daily\n    time: morning\n", with: "")
        #expect(edited.count < text.count - 40)
        _ = try ws.write(plan, edited)
        let events = try Self.events(
            try Run(["schedule", plan, "--week", "1", "--format", "ics", "--previous", previous], in: ws.root).stdout)
        let posture = events.filter { ($0["uid"] as! String).contains(".sitting-posture-check.") }
        #expect(!posture.isEmpty && posture.allSatisfy { $0["sequence"] as? Int == 1 }, "the note changed")
        let chin = events.filter { ($0["uid"] as! String).contains(".chin-tucks.") }
        #expect(!chin.isEmpty && chin.allSatisfy { $0["status"] as? String == "CANCELLED" }, "the item was removed")
        let walking = events.filter { ($0["uid"] as! String).contains(".walking-gentle.") }
        #expect(
            !walking.isEmpty && walking.allSatisfy { $0["sequence"] as? Int == 0 && ($0["status"] as! String).isEmpty })
    }

    /// `-o` may replace the --previous file itself (read first; `> same.ics` would truncate it
    /// before it is read), written 0600; never a workspace input.
    @Test func theCalendarCanReplaceThePreviousFile() throws {
        let ws = try TemporaryWorkspace.clinicCopy()
        let plan = "Plans/gentle-start-osteopenia.yaml"
        let sent = ws.root + "/sent.ics"
        let first = try Run(["schedule", plan, "--week", "2", "--format", "ics", "-o", sent], in: ws.root)
        #expect(first.status == 0 && first.stdout.isEmpty, "\(first.stderr)")
        let earlier = try Self.events(try String(contentsOfFile: sent, encoding: .utf8))
        #expect(!earlier.isEmpty)
        #expect(try Run(["log", plan, "--date", "2026-12-05", "--symptom", "numbness"], in: ws.root).status == 3)
        let blocked = try Run(
            ["schedule", plan, "--week", "2", "--format", "ics", "--previous", sent, "-o", sent], in: ws.root)
        #expect(blocked.status == 3, "\(blocked.stderr)")
        let events = try Self.events(try String(contentsOfFile: sent, encoding: .utf8))
        #expect(
            events.filter { $0["status"] as? String == "CANCELLED" }.count >= earlier.count - 7,
            "the earlier events are cancelled, not lost")
        let mode = try FileManager.default.attributesOfItem(atPath: sent)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        let overPlan = try Run(["schedule", plan, "--week", "2", "--format", "ics", "-o", plan], in: ws.root)
        #expect(overPlan.status == 1 && overPlan.stderr.contains("refusing to write"), "\(overPlan.stderr)")
        let fhir = ws.root + "/bundle.json"
        #expect(try Run(["export", "fhir", plan, "-o", fhir], in: ws.root).status == 3)
        #expect((try String(contentsOfFile: fhir, encoding: .utf8)).contains("\"transaction\""))
    }

    @Test func aPreviousFileThatIsNotACalendarIsRefused() throws {
        let ws = try TemporaryWorkspace()
        let file = try ws.write("sent.ics", "hello\n")
        let run = try Run([
            "schedule", "Plans/gentle-start-osteopenia.yaml", "--week", "1", "--format", "ics", "--previous", file,
        ])
        #expect(run.status == 1)
        #expect(run.stderr.contains("sent.ics:1: error: not an iCalendar file"), "\(run.stderr)")
        // A SEQUENCE with no room for the next one (it used to overflow and crash) is refused at its line.
        let huge = try ws.write(
            "huge.ics",
            "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:gentle-start-osteopenia.x.20261130.1@rehab.invalid\r\n"
                + "SEQUENCE:9223372036854775807\r\nDTSTART:20261130T090000\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")
        let overflow = try Run([
            "schedule", "Plans/gentle-start-osteopenia.yaml", "--week", "1", "--format", "ics", "--previous", huge,
        ])
        #expect(overflow.status == 1)
        #expect(
            overflow.stderr.contains("huge.ics:4: error: SEQUENCE '9223372036854775807' is above 2147483646"),
            "\(overflow.stderr)")
        let domain = try Run([
            "schedule", "Plans/gentle-start-osteopenia.yaml", "--week", "1", "--format", "ics", "--clinic-domain",
            "rehab",
        ])
        #expect(domain.status == 64 && domain.stderr.contains("is not a domain name"), "\(domain.stderr)")
    }
}
