import Foundation
import TestSupport
import Testing

/// Issue 20, the printed week's content for a plan that is not a bundled one: nothing dropped in
/// silence, care kept, a number for each urgency, one action per tier, and the sheet agreeing with
/// `rehab check` on the day it is printed.
struct PrintedWeekContentTests {
    static let plan = "Plans/first-new-plan.yaml"

    /// The bundled workspace with a physiotherapist's first new plan (twelve rows, a back brace, a daily
    /// limit of 20 minutes, a busy nurse line).
    static func clinic() throws -> TemporaryWorkspace {
        let ws = try TemporaryWorkspace.clinicCopy()
        try ws.write(plan, try Paths.read(Paths.fixtures + "/clinic/first-new-plan.yaml"))
        return ws
    }

    static func line(of text: String, containing needle: String) -> Int? {
        text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains(needle) }.map { $0 + 1 }
    }

    @Test func whatDoesNotFitIsNamedOnTheSheetAndByValidateAndCheck() throws {
        let ws = try Self.clinic()
        let env = ["REHAB_TODAY": "2026-11-30"]
        let print = try Run(["print", Self.plan, "--week", "1"], in: ws.root, environment: env)
        #expect(print.status == 0, "\(print.stderr)")
        let out = print.stdout
        #expect(out.contains("Not this week (ask your physiotherapist about these):"), "\(out)")
        #expect(
            out.contains(
                " * Ankle pumps: 18 times left out, because your day would have more than 20 minutes of exercise"))
        // Care is never dropped for minutes: the warning signs, brace care, breathing lying down.
        for kept in [
            "Warning signs - when to stop and call", "Putting your brace on and off",
            "Checking your skin under the brace",
            "Tummy (diaphragm) breathing",
        ] {
            #expect(out.contains(kept), "\(kept) is on the sheet")
            #expect(!out.contains("* \(kept):"), "\(kept) is not left out")
        }
        // Brace care on the rest day (Sunday) has its boxes, not "rest".
        let skin = try #require(out.split(separator: "\n").first { $0.hasPrefix("Checking your skin under the brace") })
        #expect(!skin.contains("rest"), "\(skin)")
        #expect(skin.components(separatedBy: "[ ]").count - 1 == 7)
        // No abbreviation of the prescription on the patient's sheet.
        #expect(!out.contains("TLSO"))

        // validate and check say so at the item, line and column.
        let text = try String(contentsOfFile: ws.root + "/" + Self.plan, encoding: .utf8)
        let at = try #require(Self.line(of: text, containing: "- exercise: ankle-pumps"))
        let expected = "\(Self.plan):\(at):5: warning: 'ankle-pumps' does not fit: 18 sessions left out in week"
        let validate = try Run(["validate", Self.plan], in: ws.root, environment: env)
        #expect(validate.status == 0, "\(validate.stderr)")
        #expect(validate.stderr.contains(expected), "\(validate.stderr)")
        #expect(validate.stderr.contains("note: the patient's sheet lists it under 'Not this week'"))
        let check = try Run(["check", Self.plan], in: ws.root, environment: env)
        #expect(check.stderr.contains(expected), "\(check.stderr)")
        // The red-flag education is never among them.
        #expect(!validate.stderr.contains("'red-flags-when-to-stop' does not fit"))
    }

    /// An item done three times a day had two rows, "1st and 2nd times of 3 a day" and "3rd time of
    /// 3 a day". It is one row with one label and its three boxes a day, in every format.
    @Test func anItemDoneSeveralTimesADayIsOneRowWithOneLabel() throws {
        let ws = try Self.clinic()
        let env = ["REHAB_TODAY": "2026-11-30"]
        let text = try Run(["print", Self.plan, "--week", "1"], in: ws.root, environment: env).stdout
        let rows = text.split(separator: "\n").filter { $0.hasPrefix("Sitting posture check ") }
        #expect(rows.count == 1, "\(rows)")
        #expect(rows.first?.contains("[ ][ ][ ]") == true, "\(rows)")
        #expect(text.contains("3 times, hold 20 seconds, 3 times a day"), "\(text)")
        for format in ["text", "md", "html"] {
            let out = try Run(["print", Self.plan, "--week", "1", "--format", format], in: ws.root, environment: env)
                .stdout
            for stale in ["times of 3", "time of 3", "1st", "2nd", "3rd"] {
                #expect(!out.contains(stale), "\(format): '\(stale)'")
            }
        }
    }

    @Test func eachTierNamesItsOwnNumberAndOneAction() throws {
        let ws = try Self.clinic()
        let out = try Run(["print", Self.plan, "--week", "1"], in: ws.root, environment: ["REHAB_TODAY": "2026-11-30"])
            .stdout
        #expect(out.contains("Stop and call now: Acute oncology 24-hour line 555 0199. No answer? Call 999."))
        #expect(
            out.contains(
                "Stop your exercises and call today: Breast care nurses 555 0100 (Mon-Fri 9-5, busy: leave a message)"))

        // A stop page: the now tier holds no other tier's action and no number it never gives.
        let stop = try Run(
            ["print", "Plans/suspected-cord-compression.yaml", "--week", "1"], in: ws.root,
            environment: ["REHAB_TODAY": "2026-11-30"])
        #expect(stop.status == 3)
        let nowTier = try #require(
            stop.stdout.components(separatedBy: "Stop and call now:").dropFirst().first?
                .components(separatedBy: "Stop your exercises and call today").first)
        #expect(!nowTier.lowercased().contains("today"), "\(nowTier)")
        #expect(!stop.stdout.contains("emergency number"))
        #expect(stop.stdout.contains("Stop and call now: Acute oncology 24-hour line 555 0199. No answer? Call 999."))
    }

    @Test func aPlanWithoutTheUrgentLineIsRefused() throws {
        let ws = try Self.clinic()
        let text = try String(contentsOfFile: ws.root + "/" + Self.plan, encoding: .utf8)
        try text.replacingOccurrences(of: "  urgent: \"Acute oncology 24-hour line 555 0199\"\n", with: "")
            .write(toFile: ws.root + "/" + Self.plan, atomically: false, encoding: .utf8)
        let validate = try Run(["validate", Self.plan], in: ws.root)
        #expect(validate.status == 1)
        #expect(validate.stderr.contains("error: care_team is missing required key 'urgent'"), "\(validate.stderr)")
        let print = try Run(["print", Self.plan, "--week", "1"], in: ws.root)
        #expect(print.status == 1, "never 'call your care team' without a number that answers at night")
        #expect(!print.stdout.contains("Stop and call now"))

        try text.replacingOccurrences(
            of: "urgent: \"Acute oncology 24-hour line 555 0199\"", with: "urgent: \"Acute oncology\""
        )
        .write(toFile: ws.root + "/" + Self.plan, atomically: false, encoding: .utf8)
        let noNumber = try Run(["validate", Self.plan], in: ws.root)
        #expect(
            noNumber.stderr.contains("error: care_team.urgent 'Acute oncology' has no phone number"),
            "\(noNumber.stderr)")
    }

    /// A reassessment in week 2 acknowledges the known night pain (already imaged). Printed after it, for
    /// any week, the sheet carries exactly the open alerts of `check --as-of` that day, never the
    /// acknowledged one (it used to be checked as of the week's first day, before the acknowledgement).
    @Test func theSheetAndTheCheckAgreeOnTheDayPrinted() throws {
        let ws = try Self.clinic()
        let file = ws.root + "/" + Self.plan
        let text = try String(contentsOfFile: file, encoding: .utf8)
        let reassessed =
            text
            .replacingOccurrences(of: "  assessed: 2026-11-25", with: "  assessed: 2026-12-08")
            .replacingOccurrences(of: "night_pain: false", with: "night_pain: true")
            .replacingOccurrences(
                of: "  fever: false",
                with: """
                      acknowledged: [{rule: spinal-pain-red-flags, by: physiotherapist, date: 2026-12-08, note: "night pain imaged in November"}]
                      fever: false
                    """)
        #expect(reassessed != text)
        try reassessed.write(toFile: file, atomically: false, encoding: .utf8)
        var compared = 0
        for today in ["2026-12-08", "2026-12-15", "2026-12-31"] {
            let check = try Run(["check", Self.plan, "--format", "json", "--as-of", today], in: ws.root)
            let report = try #require(
                (try JSONSerialization.jsonObject(with: Data(check.stdout.utf8)) as? [[String: Any]])?.first,
                "\(check.stdout)\(check.stderr)")
            let open = (report["alerts"] as? [[String: Any]] ?? []).filter {
                ["urgent", "within-24h"].contains($0["level"] as? String)
            }
            let acknowledged = (report["acknowledged"] as? [[String: Any]] ?? []).compactMap { $0["rule"] as? String }
            #expect(acknowledged == ["spinal-pain-red-flags"], "\(today): \(report)")
            for week in 1...3 {
                let print = try Run(
                    ["print", Self.plan, "--week", String(week)], in: ws.root, environment: ["REHAB_TODAY": today])
                #expect(print.status == 0, "\(today) week \(week): \(print.stderr)")
                for alert in open {
                    let words = try #require(alert["patient_message"] as? String)
                    #expect(print.stdout.contains(words), "\(today) week \(week): open alert missing: \(words)")
                }
                #expect(
                    !print.stdout.contains("Your back pain needs checking"),
                    "\(today) week \(week): the acknowledged alert is printed")
                #expect(!print.stdout.contains("Night pain that stops you sleeping"), "\(today) week \(week)")
                compared += 1
            }
        }
        #expect(compared == 9)
    }
}
