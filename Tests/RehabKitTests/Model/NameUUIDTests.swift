import RehabKit
import TestSupport
import Testing

/// Name-based UUIDs, item keys and the clinic's identity: what FHIR ids and calendar UIDs are made of.
struct NameUUIDTests {
    /// Expected values from Python's `uuid.uuid5(uuid.NAMESPACE_URL, name)`.
    @Test(arguments: [
        ("https://rehab.invalid/fhir/sid/mrn|MRN-0001", "79910912-cdbb-5d9c-8130-54defe309942"),
        (
            "https://rehab.invalid/fhir/sid/mrn|MRN-0001|careplan|gentle-start-osteopenia",
            "eb762f8d-58b4-531f-b759-038b7c6e7902"
        ),
        ("é", "10e1d6de-dc68-53f0-883a-30ec870dd739"),
    ])
    func version5OfTheURLNamespace(_ name: String, _ expected: String) {
        #expect(NameUUID.v5(name) == expected)
    }

    @Test func itemKeysFollowTheExerciseNotThePosition() throws {
        let open = OpenWorkspace(root: Paths.packageRoot, displayBase: Paths.packageRoot)
        var plan = try #require(open.workspace.plan(id: "gentle-start-osteopenia"))
        let before = ItemKey.keys(plan)
        #expect(before == plan.items.map(\.exercise.value), "one item per exercise: the exercise id")
        plan.items.insert(plan.items[3], at: 0)
        plan.items.insert(plan.items[5], at: 0)
        let after = ItemKey.keys(plan)
        #expect(after.count == before.count + 2)
        #expect(Set(after).isSuperset(of: before), "no item lost its key")
        #expect(Set(after).count == after.count, "keys are unique")
        #expect(after.contains { $0.hasSuffix("#2") })
    }

    @Test func theClinicsDomainAndSystemAreChecked() {
        #expect(ClinicIdentity().domain == "rehab.invalid")
        #expect(ClinicIdentity().mrnSystem == "https://rehab.invalid/fhir/sid/mrn")
        #expect(ClinicIdentity(domain: "physio.example.org").mrnSystem == "https://physio.example.org/fhir/sid/mrn")
        for good in ["physio.example.org", "a-b.c1.org"] { #expect(ClinicIdentity.problem(domain: good) == nil) }
        for bad in ["rehab", "a..b", "-a.org", "a b.org", "rehab.org.", "ré.org"] {
            #expect(ClinicIdentity.problem(domain: bad) != nil, "\(bad)")
        }
        for good in ["https://x.org/mrn", "urn:oid:1.2.3", "http://hospital.example/ids"] {
            #expect(ClinicIdentity.problem(system: good) == nil)
        }
        for bad in ["mrn", ":x", "https://x.org/a b", "1http://x", "https:", "https://x.org/mrn|care"] {
            #expect(ClinicIdentity.problem(system: bad) != nil, "\(bad)")
        }
    }

    @Test func aPreviousCalendarIsReadBackByUID() throws {
        let text =
            "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:p.walking.20261130.1@x.org\r\nDTSTAMP:20261201T000000Z\r\n"
            + "SEQUENCE:2\r\nDTSTART:20261130T090000\r\nSUMMARY:Walk\r\n ing\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
        let cal = try PreviousCalendar(text: text)
        let e = try #require(cal.events["p.walking.20261130.1@x.org"])
        #expect(e.sequence == 2 && e.content == ["DTSTART:20261130T090000", "SUMMARY:Walking"] && !e.cancelled)
        #expect(e.date == LocalDate("2026-11-30"))
        for (bad, line) in [
            ("hello", 1), ("BEGIN:VCALENDAR\nBEGIN:VEVENT\nSUMMARY:x\nEND:VEVENT\n", 2),
            ("BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:a\nSEQUENCE:x\nEND:VEVENT\n", 4),
            ("BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:a\n", 2),
        ] {
            #expect(throws: PreviousCalendar.Problem.self) { try PreviousCalendar(text: bad) }
            do { _ = try PreviousCalendar(text: bad) } catch { #expect(error.line == line, "\(bad)") }
        }
    }
}
