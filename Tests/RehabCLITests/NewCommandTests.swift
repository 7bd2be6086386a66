import Foundation
import TestSupport
import Testing

/// `rehab new`: what it writes passes `rehab validate` unchanged, fails closed until filled in, and
/// never replaces a file without --force.
struct NewCommandTests {
    @Test func aPlanFromTheTemplateAProfileAndAnExerciseValidate() throws {
        let ws = try TemporaryWorkspace.clinicCopy()
        let plan = try Run(
            [
                "new", "plan", "--from", "back-care-template", "--patient", "Ann \"Nan\" O'Brien", "--ref", "MRN-0100",
                "--start", "2026-12-07",
            ], in: ws.root)
        #expect(plan.status == 0, "\(plan.stderr)")
        #expect(plan.stderr == "wrote Plans/back-care-ann-nan-o-brien.yaml\n")
        #expect(try Run(["new", "profile", "-o", "Patients/bo.yaml"], in: ws.root).status == 0)
        #expect(
            try Run(
                [
                    "new", "plan", "--from", "Plans/back-care-template.yaml", "--patient", "Bo", "--start",
                    "2026-12-07",
                    "--profile", "../Patients/bo.yaml",
                ], in: ws.root
            ).status == 0)
        #expect(try Run(["new", "exercise", "chair-yoga", "--kind", "mobility"], in: ws.root).status == 0)
        // The care team's two lines are placeholders that validate refuses until filled in (issue 20):
        // a plan must never print "call your care team" without a number that answers at night.
        let refused = try Run(["validate", "Plans/back-care-bo.yaml"], in: ws.root)
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("error: care_team.urgent is still a placeholder"), "\(refused.stderr)")
        #expect(refused.stderr.contains("error: care_team.contact is still a placeholder"))
        for name in ["back-care-ann-nan-o-brien", "back-care-bo"] {
            let file = ws.root + "/Plans/\(name).yaml"
            let text = try String(contentsOfFile: file, encoding: .utf8)
            #expect(text.contains("  urgent: \"FILL IN:"))
            try text.replacingOccurrences(
                of: "FILL IN: the team's line and number (call today, next visit)", with: "Breast care nurses 555 0100"
            )
            .replacingOccurrences(
                of: "FILL IN: the 24-hour acute oncology or cord-compression line and number",
                with: "Acute oncology 555 0199"
            )
            .write(toFile: file, atomically: false, encoding: .utf8)
        }
        let validate = try Run(["validate"], in: ws.root)
        #expect(validate.status == 0, "\(validate.stderr)")
        #expect(validate.stdout.hasPrefix("checked 59 files: 0 errors"))
        // Until the clinician records the findings, the missing fields fail closed.
        let check = try Run(["check", "Plans/back-care-bo.yaml"], in: ws.root)
        #expect(check.status == 3)
        let attrs = try FileManager.default.attributesOfItem(atPath: ws.root + "/Plans/back-care-bo.yaml")
        #expect((attrs[.posixPermissions] as? Int) == 0o600)
    }

    @Test func neverReplacesWithoutForce() throws {
        let ws = try TemporaryWorkspace.clinicCopy()
        let file = ws.root + "/Plans/gentle-start-osteopenia.yaml"
        let before = try Data(contentsOf: URL(fileURLWithPath: file))
        let run = try Run(
            [
                "new", "plan", "--from", "back-care-template", "--patient", "X", "--start", "2026-12-07",
                "-o", "Plans/gentle-start-osteopenia.yaml",
            ], in: ws.root)
        #expect(run.status == 1)
        #expect(run.stderr == "error: 'Plans/gentle-start-osteopenia.yaml' exists: give --force to replace it\n")
        #expect(try Data(contentsOf: URL(fileURLWithPath: file)) == before)
        let notTemplate = try Run(
            ["new", "plan", "--from", "gentle-start-osteopenia", "--patient", "X", "--start", "2026-12-07"], in: ws.root
        )
        #expect(notTemplate.status == 1)
    }
}
