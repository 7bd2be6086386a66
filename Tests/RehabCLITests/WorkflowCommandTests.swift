import Foundation
import TestSupport
import Testing

/// Issue 21's workflow: validate as of today, pause and resume, did-you-mean on the command line.
struct WorkflowCommandTests {
    /// A mistyped template: the nearest plan id, and no made-up place "back-care-templat:1:1".
    @Test func aMistypedTemplateGetsADidYouMean() throws {
        let ws = try TemporaryWorkspace.clinicCopy()
        let run = try Run(
            ["new", "plan", "--from", "back-care-templat", "--patient", "Bo", "--start", "2026-12-07"], in: ws.root)
        #expect(run.status == 1)
        #expect(
            run.stderr == """
                error: no plan 'back-care-templat' in the workspace
                note: did you mean 'back-care-template'?
                note: name a plan file under Plans/, or a plan id

                """)
    }

    /// A symptom in words: the nearest name and the whole list, and nothing logged.
    @Test func aMistypedSymptomGetsTheListAndTheNearest() throws {
        let ws = try TemporaryWorkspace.clinicCopy()
        let run = try Run(
            ["log", "Plans/braced-t10-metastasis.yaml", "--date", "2026-12-02", "--symptom", "leg numbness"],
            in: ws.root)
        #expect(run.status == 64)
        #expect(run.stderr.contains("unknown symptom 'leg numbness'; did you mean 'numbness'?"), "\(run.stderr)")
        #expect(run.stderr.contains("the symptoms are: leg-weakness, arm-weakness, numbness,"))
        #expect(run.stderr.contains("contact the care team today"))
    }

    /// `plan pause` and `plan resume` edit the file in place, keep its comments and mode, and the
    /// week paused prints nothing.
    @Test func pauseAndResumeEditThePlanInPlace() throws {
        let ws = try TemporaryWorkspace.clinicCopy()
        let file = ws.root + "/Plans/gentle-start-osteopenia.yaml"
        try FileManager.default.setAttributes([.posixPermissions: 0o640], ofItemAtPath: file)
        let before = try String(contentsOfFile: file, encoding: .utf8)
        let pause = try Run(
            ["plan", "pause", "gentle-start-osteopenia", "--from", "2026-12-07", "--reason", "radiotherapy"],
            in: ws.root)
        #expect(pause.status == 0, "\(pause.stderr)")
        #expect(pause.stderr == "paused from 2026-12-07: wrote Plans/gentle-start-osteopenia.yaml\n")
        let resume = try Run(
            ["plan", "resume", "Plans/gentle-start-osteopenia.yaml", "--from", "2026-12-14"], in: ws.root)
        #expect(resume.status == 0, "\(resume.stderr)")
        let after = try String(contentsOfFile: file, encoding: .utf8)
        #expect(after.hasPrefix(before.trimmingCharacters(in: .newlines) + "\npauses:"))
        #expect(after.hasSuffix("  - {from: 2026-12-07, to: 2026-12-13, reason: \"radiotherapy\"}\n"))
        let attrs = try FileManager.default.attributesOfItem(atPath: file)
        #expect((attrs[.posixPermissions] as? Int) == 0o640)
        let schedule = try Run(["schedule", "gentle-start-osteopenia", "--week", "2", "--format", "json"], in: ws.root)
        #expect(schedule.status == 0, "\(schedule.stderr)")
        let again = try Run(["plan", "resume", "gentle-start-osteopenia", "--from", "2026-12-20"], in: ws.root)
        #expect(again.status == 1)
        #expect(again.stderr.contains("error: plan 'gentle-start-osteopenia' is not paused"))
        #expect(try Run(["validate"], in: ws.root).status == 0)
    }

    /// A plan reassessed after it started: validate judges it as of today (or --as-of), as check does.
    @Test func validateJudgesAsOfTodayOrAsOf() throws {
        let ws = try TemporaryWorkspace.clinicCopy()
        let file = ws.root + "/Patients/maria-r.yaml"
        let text = try String(contentsOfFile: file, encoding: .utf8)
        let assessed = try #require(text.range(of: #"assessed: \d{4}-\d\d-\d\d"#, options: .regularExpression))
        try text.replacingCharacters(in: assessed, with: "assessed: 2026-12-10").write(
            toFile: file, atomically: true, encoding: .utf8)
        let today = try Run(["validate", "--as-of", "2026-12-20"], in: ws.root)
        #expect(today.status == 0, "\(today.stderr)")
        #expect(!today.stderr.contains("plan 'gentle-start-osteopenia' is blocked"), "\(today.stderr)")
        let before = try Run(["validate", "--as-of", "2026-12-09"], in: ws.root)
        #expect(before.status == 1)
        #expect(before.stderr.contains("Patients/maria-r.yaml:"), "\(before.stderr)")
        #expect(before.stderr.contains("assessed 2026-12-10 lies after today, 2026-12-09"), "\(before.stderr)")
    }
}
