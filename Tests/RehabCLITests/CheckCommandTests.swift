import Foundation
import TestSupport
import Testing

struct CheckCommandTests {
    static let golden = Paths.packageRoot + "/Tests/RehabCLITests/Golden/"

    @Test(arguments: ["gentle-start-osteopenia", "braced-t10-metastasis", "suspected-cord-compression"])
    func textReportOfBundledPlanMatchesGolden(_ plan: String) throws {
        let run = try Run(["check", "Plans/\(plan).yaml", "--as-of", "2026-11-30"])
        #expect(run.status == (plan == "suspected-cord-compression" ? 3 : 0), "\(run.stderr)")
        let problem = Golden.check(run.stdout, file: Self.golden + "check-\(plan).txt")
        #expect(problem == nil, "\(problem ?? "")")
    }

    @Test func jsonFollowsTheContract() throws {
        let run = try Run([
            "check", "Plans/braced-t10-metastasis.yaml", "Plans/suspected-cord-compression.yaml",
            "--format", "json", "--as-of", "2026-11-30",
        ])
        #expect(run.status == 3)
        let array = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [[String: Any]])
        #expect(array.count == 2)
        for plan in array {
            for key in ["plan", "status", "alerts", "missing", "items"] { #expect(plan[key] != nil, "missing \(key)") }
            for alert in plan["alerts"] as! [[String: Any]] {
                for key in ["level", "rule", "message", "source"] { #expect(alert[key] is String) }
            }
            for item in plan["items"] as! [[String: Any]] {
                #expect(item["exercise"] is String)
                #expect(
                    ["allowed", "modified", "precaution", "supervised", "blocked"].contains(item["decision"] as? String)
                )
                #expect(item["rules"] is [String])
                #expect(item["changes"] is [String])
            }
        }
        #expect(array[0]["status"] as? String == "restricted")
        #expect(array[1]["status"] as? String == "blocked")
        let urgent = (array[1]["alerts"] as! [[String: Any]]).first
        #expect(urgent?["level"] as? String == "urgent")
        #expect(urgent?["rule"] as? String == "suspected-cord-compression")
    }

    @Test func templatesAreNotedNotChecked() throws {
        let run = try Run(["check", "Plans/back-care-template.yaml"])
        #expect(run.status == 0)
        #expect(run.stdout.isEmpty)
        #expect(run.stderr.contains("is a template (no patient)"))
    }

    @Test func invalidPlanExitsOne() throws {
        let ws = try TemporaryWorkspace()
        try ws.copy(folder: Paths.fixtures + "/valid/Exercises", to: "Exercises")
        try ws.write(
            "Plans/p.yaml", "id: p\ntitle: T\nweeks: 1\nitems: [{exercise: walking-gentle, frequency: daily}]\n")
        let run = try Run(["check", "Plans/p.yaml"], in: ws.root)
        #expect(run.status == 1)
        #expect(run.stderr.contains("Plans/p.yaml:1:1: error: a plan for a patient needs 'patient'"))
    }

    @Test func aClinicRulesFileOverridesAndIsNamed() throws {
        let ws = try TemporaryWorkspace()
        let rules = try ws.write(
            "clinic-rules.yaml",
            """
            - id: fatigue-moderate
              title: Moderate fatigue (clinic)
              rationale: Our clinic blocks nothing for moderate fatigue but asks for a call.
              source: Clinic protocol 2026
              when: {field: fatigue, at_least: 4}
              weakens: true
              reason: "Our clinic caps effort by the patient's own report, not by a fatigue score."
              then: {alert: info, message: "Moderate fatigue: call the clinic if it gets worse.", patient_message: "Call the clinic if you feel more tired."}
            """)
        let run = try Run([
            "check", "Plans/gentle-start-osteopenia.yaml", "--rules", rules, "--as-of", "2026-11-30", "--format",
            "json",
        ])
        #expect(run.status == 0)
        #expect(run.stdout.contains("\"rule_set\" : \"\(rules)\""))
        #expect(run.stdout.contains("Moderate fatigue: call the clinic"))
        #expect(run.stdout.contains("\"change\" : \"weakened\""), "the report names the clinic's change")
        #expect(run.stderr.contains("weaken a default: fatigue-moderate weakened by"))
    }

    @Test func aClinicFileThatWeakensTheCoreFailsItsTest() throws {
        let ws = try TemporaryWorkspace()
        let rules = try ws.write(
            "core.yaml",
            """
            - id: suspected-cord-compression
              title: Suspected compression (clinic)
              source: clinic
              when: {field: suspected_cord_compression, is: true}
              then: {alert: info, message: "Consider an MRI.", patient_message: "Tell your team."}
            """)
        let test = try Run(["rules", "test", rules])
        #expect(test.status == 1)
        #expect(
            test.stderr.contains(
                "core.yaml:1:7: error: 'suspected-cord-compression' is in the protected core and cannot be weakened"),
            "\(test.stderr)")
        let check = try Run(["check", "Plans/suspected-cord-compression.yaml", "--rules", rules])
        #expect(check.status == 1)
        #expect(check.stdout.isEmpty)
    }

    @Test func aBadRulesFileIsALocatedError() throws {
        let ws = try TemporaryWorkspace()
        let rules = try ws.write(
            "r.yaml",
            "- id: x\n  title: X\n  source: s\n  when: {field: pian, at_least: 3}\n  then: {max_intensity: light}\n")
        let run = try Run(["check", "Plans/gentle-start-osteopenia.yaml", "--rules", rules])
        #expect(run.status == 1)
        #expect(run.stderr.contains("r.yaml:4:17: error: unknown profile field 'pian'"))
        #expect(run.stderr.contains("note: did you mean 'pain'?"))
    }

    @Test func rulesTestRunsEveryExample() throws {
        let run = try Run(["rules", "test"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.hasSuffix(" passed, 0 failed\n"))
        #expect(run.stderr.isEmpty)
    }

    @Test func rulesTestCatchesAClinicRuleWhoseExampleFails() throws {
        let ws = try TemporaryWorkspace()
        let rules = try ws.write(
            "r.yaml",
            """
            - id: pain-very-high
              title: Pain 9 or more
              rationale: r
              source: s
              when: {field: pain, at_least: 9}
              then: {alert: review, message: "Very high pain."}
              examples:
                triggers: [{pain: 8}]
                does_not_trigger: [{pain: 2}]
            """)
        let run = try Run(["rules", "test", rules])
        #expect(run.status == 1)
        #expect(
            run.stderr.contains(
                "r.yaml:8:16: error: rule 'pain-very-high' should fire for this example, but it did not"))
    }

    @Test func rulesListAndShow() throws {
        let list = try Run(["rules", "list"])
        #expect(list.status == 0)
        #expect(list.stdout.contains("suspected-cord-compression"))
        let show = try Run(["rules", "show", "mirels-high-lower"])
        #expect(show.status == 0)
        #expect(show.stdout.contains("Source: Mirels, Clin Orthop 1989"))
        let typo = try Run(["rules", "show", "mirels-hihg-lower"])
        #expect(typo.status == 64)
        #expect(typo.stderr.contains("did you mean 'mirels-high-lower'?"))
    }
}

/// A clinical date after today is an input error wherever the plan is used (SAFETY.md).
struct FutureDateTests {
    @Test func validateCheckAndPrintRefuseAnAssessmentInTheFuture() throws {
        let ws = try TemporaryWorkspace.clinicCopy()
        let file = ws.root + "/Patients/maria-r.yaml"
        try String(contentsOfFile: file, encoding: .utf8)
            .replacingOccurrences(of: "assessed: 2026-11-20", with: "assessed: 2027-11-20")
            .write(toFile: file, atomically: true, encoding: .utf8)
        let today = ["REHAB_TODAY": "2026-11-25"]
        let validate = try Run(["validate"], in: ws.root, environment: today)
        #expect(validate.status == 1)
        #expect(
            validate.stderr.contains(
                "Patients/maria-r.yaml:5:11: error: assessed 2027-11-20 lies after today, 2026-11-25"),
            "\(validate.stderr)")
        let check = try Run(["check", "Plans/gentle-start-osteopenia.yaml"], in: ws.root, environment: today)
        #expect(check.status == 1)
        #expect(
            check.stderr.contains(
                "Patients/maria-r.yaml:5:11: error: assessed 2027-11-20 lies after the day checked, 2026-11-25"))
        #expect(check.stdout.isEmpty, "no report on a profile with a future date")
        let print = try Run(
            ["print", "Plans/gentle-start-osteopenia.yaml", "--week", "1"], in: ws.root, environment: today)
        #expect(print.status == 3, "never printed as a routine")
        #expect(!print.stdout.contains("Tick a box"))
    }
}

/// `rehab exercises`: the library filtered, and judged against a patient's profile.
struct ExercisesCommandTests {
    @Test func listsByKindAndJudgesForAPlan() throws {
        let bracing = try Run(["exercises", "--kind", "bracing"])
        #expect(bracing.status == 0)
        #expect(bracing.stdout.split(separator: "\n").count == 4)
        let judged = try Run([
            "exercises", "--allowed-for", "Plans/suspected-cord-compression.yaml", "--as-of", "2026-11-30", "--format",
            "json",
        ])
        #expect(judged.status == 0)
        let entries = try #require(try JSONSerialization.jsonObject(with: Data(judged.stdout.utf8)) as? [[String: Any]])
        let byID = Dictionary(uniqueKeysWithValues: entries.map { ($0["id"] as! String, $0) })
        #expect(byID["walking-gentle"]?["decision"] as? String == "blocked")
        #expect(byID["log-roll"]?["decision"] as? String == "precaution")
        #expect((byID["walking-gentle"]?["implied"] as? [String]) == [], "walking-gentle writes its position's tags")
        let template = try Run(["exercises", "--allowed-for", "Plans/back-care-template.yaml"])
        #expect(template.status == 1, "a template has no profile to judge against")
    }
}
