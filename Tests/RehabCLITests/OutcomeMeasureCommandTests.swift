import Foundation
import RehabKit
import TestSupport
import Testing

/// `rehab log measure` and the outcome measures in `progress`, `check`, `overview` and `export fhir`.
struct OutcomeMeasureCommandTests {
    static let plan = "Plans/gentle-start-osteopenia.yaml"

    /// The bundled workspace with Maria R. born in 1954, female.
    static func clinic() throws -> TemporaryWorkspace {
        let ws = try TemporaryWorkspace.clinicCopy()
        let file = ws.root + "/" + plan
        let text = try String(contentsOfFile: file, encoding: .utf8)
            .replacingOccurrences(
                of: "patient: {name: Maria R., ref: MRN-0001}",
                with: "patient: {name: Maria R., ref: MRN-0001, born: 1954, sex: female}")
        try text.write(toFile: file, atomically: true, encoding: .utf8)
        return ws
    }

    static func log(_ ws: TemporaryWorkspace, _ date: String, _ test: String, _ value: String, _ more: [String] = [])
        throws -> Run
    {
        try Run(["log", "measure", plan, "--date", date, "--test", test, "--value", value] + more, in: ws.root)
    }

    @Test func aMeasureIsLoggedAndAnImplausibleOneRefusedNamingTheOption() throws {
        let ws = try Self.clinic()
        let ok = try Self.log(ws, "2026-11-30", "chair-stand-30s", "11")
        #expect(ok.status == 0, "\(ok.stderr)")
        #expect(ok.stdout == "logged the chair-stand-30s of 2026-11-30: 11 repetitions\n")
        let high = try Self.log(ws, "2026-12-01", "chair-stand-30s", "110")
        #expect(high.status == 1)
        #expect(
            high.stderr
                == "error: --value: chair-stand-30s 110 is outside the plausible range 0–60 repetitions: check the value (a typing error?)\n"
        )
        let typo = try Self.log(ws, "2026-12-01", "timed-up-and-goo", "9")
        #expect(typo.stderr == "error: --test: unknown test 'timed-up-and-goo'; did you mean 'timed-up-and-go'?\n")
        let word = try Self.log(ws, "2026-12-01", "gait-speed-4m", "fast")
        #expect(word.status != 0 && word.stderr.contains("--value 'fast' is not a number"))
        let list = try Run(["log", "list", Self.plan], in: ws.root)
        #expect(list.stdout.contains("measure chair-stand-30s 11"))
    }

    @Test func aFallInLegFunctionIsAReviewInProgressCheckAndOverviewAndBlocksNothing() throws {
        let ws = try Self.clinic()
        #expect(try Self.log(ws, "2026-11-30", "timed-up-and-go", "9.1").status == 0)
        #expect(try Self.log(ws, "2026-12-14", "timed-up-and-go", "10.4").status == 0)
        let progress = try Run(["progress", Self.plan, "--as-of", "2026-12-20"], in: ws.root)
        #expect(
            progress.stdout.contains("review: timed up-and-go fell from 9.1 on 2026-11-30 to 10.4 on 2026-12-14"),
            "\(progress.stdout)")
        #expect(
            progress.stdout.contains("leg function has fallen: reassess, and ask about weakness, numbness and walking"))
        #expect(
            progress.stdout.contains("2026-11-30   9.1  within the typical range for adults aged 70–79 (8.2–10.2)"),
            "\(progress.stdout)")
        let check = try Run(["check", Self.plan, "--as-of", "2026-12-20"], in: ws.root)
        #expect(
            check.stdout.contains("review: gentle-start-osteopenia: timed up-and-go fell from 9.1"), "\(check.stdout)")
        #expect(check.status == 0, "a review alert never blocks: \(check.stderr)")
        let json = try Run(["check", Self.plan, "--as-of", "2026-12-20", "--format", "json"], in: ws.root)
        #expect(
            (try? JSONSerialization.jsonObject(with: Data(json.stdout.utf8))) != nil, "JSON stays the safety report's")
        #expect(json.stderr.contains("leg function has fallen"))
        let overview = try Run(["overview", "--as-of", "2026-12-20"], in: ws.root)
        #expect(overview.stdout.contains("review: timed up-and-go fell from 9.1"), "\(overview.stdout)")
        let progressJSON = try Run(["progress", Self.plan, "--as-of", "2026-12-20", "--format", "json"], in: ws.root)
        let body = try #require(
            try JSONSerialization.jsonObject(with: Data(progressJSON.stdout.utf8)) as? [String: Any])
        let measure = try #require((body["measures"] as? [[String: Any]])?.first)
        #expect(measure["test"] as? String == "timed-up-and-go")
        #expect((measure["change"] as? [String: Any])?["important"] as? Bool == true)
    }

    @Test func theProgressReportDrawsTheMeasureInHTMLAndPDF() throws {
        try #require(
            ["/usr/bin/chromium-headless-shell", "/usr/bin/chromium"].contains {
                FileManager.default.isExecutableFile(atPath: $0)
            },
            "headless Chromium is not installed: run 'make test'")
        let ws = try Self.clinic()
        for (date, value) in [("2026-11-30", "9"), ("2026-12-07", "11"), ("2026-12-14", "12")] {
            #expect(try Self.log(ws, date, "chair-stand-30s", value).status == 0)
        }
        let html = try Run(["progress", Self.plan, "--as-of", "2026-12-20", "--format", "html"], in: ws.root)
        #expect(html.status == 0, "\(html.stderr)")
        #expect(html.stdout.contains("<figure class=\"measure\">"))
        #expect(
            html.stdout.contains(
                "aria-label=\"30-second chair stand, repetitions, higher is better: 2026-11-30 9, 2026-12-07 11, 2026-12-14 12\""
            ))
        #expect(html.stdout.contains("class=\"band\""), "the typical range is drawn")
        #expect(html.stdout.contains("<td>2026-12-14</td><td>12</td>"), "the numbers beside the chart")
        let pdf = ws.root + "/progress.pdf"
        let printed = try Run(
            ["progress", Self.plan, "--as-of", "2026-12-20", "--format", "pdf", "-o", pdf], in: ws.root)
        #expect(printed.status == 0, "\(printed.stderr)")
        let text = try PDFTestTool.run("pdftotext", [pdf, "-"]).split(whereSeparator: \.isWhitespace).joined(
            separator: " ")
        #expect(text.contains("Outcome measures"))
        #expect(text.contains("typical 10–15"), "the chart's own text: \(text.prefix(2000))")
    }

    @Test func measuresExportAsValidObservations() throws {
        let ws = try Self.clinic()
        #expect(try Self.log(ws, "2026-11-30", "ecog", "1").status == 0)
        #expect(try Self.log(ws, "2026-11-30", "grip-strength", "21.5", ["--side", "left"]).status == 0)
        #expect(try Self.log(ws, "2026-12-01", "gait-speed-4m", "1.05").status == 0)
        #expect(try Self.log(ws, "2026-12-02", "chair-stand-30s", "10").status == 0)
        let run = try Run(["export", "fhir", Self.plan], in: ws.root)
        #expect(run.status == 0, "\(run.stderr)")
        let summary = try FHIRExportTests.check(run.stdout)
        FHIRExportTests.expectLoadable(summary)
        let observations = FHIRExportTests.observations(summary)
        let ecog = try #require(observations.first { FHIRExportTests.code($0) == "89247-1" })
        #expect((ecog["codes"] as! [[String]]).first?[0] == "http://loinc.org")
        #expect(ecog["value"] as? Int == 1)
        let local = "https://rehab.invalid/fhir/CodeSystem/rehab-outcome-tests"
        let gait = try #require(observations.first { FHIRExportTests.code($0) == "gait-speed-4m" })
        #expect((gait["codes"] as! [[String]]).first?[0] == local)
        #expect(gait["unit"] as? String == "m/s" && gait["value"] as? Double == 1.05)
        let grip = try #require(observations.first { FHIRExportTests.code($0) == "grip-strength" })
        #expect(grip["unit"] as? String == "kg" && grip["value"] as? Double == 21.5)
        let chair = try #require(observations.first { FHIRExportTests.code($0) == "chair-stand-30s" })
        #expect(chair["unit"] as? String == "{#}")
    }
}
