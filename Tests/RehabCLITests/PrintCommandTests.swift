import Foundation
import TestSupport
import Testing

struct PrintCommandTests {
    @Test func printsWeekOneAsTextByDefault() throws {
        let run = try Run(["print", "Plans/gentle-start-osteopenia.yaml", "--week", "1"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.hasPrefix("Gentle start after treatment\nMaria R. · MRN-0001"))
        #expect(run.stdout.contains("Stop and call now: Acute oncology 24-hour line 555 0199. No answer? Call 999."))
        #expect(run.stdout.contains("Stop your exercises and call today: Breast care nurses 555 0100"))
        #expect(run.stdout.contains("Any warning sign today?"))
    }

    @Test func aBlockedPlanPrintsThePageAndExitsThree() throws {
        let run = try Run(["print", "Plans/suspected-cord-compression.yaml", "--week", "1"])
        #expect(run.status == 3)
        #expect(run.stdout.hasPrefix("DO NOT START THIS EXERCISE PROGRAMME"))
    }

    @Test func writesAFileWithOutput() throws {
        let ws = try TemporaryWorkspace()
        let run = try Run([
            "print", "Plans/braced-t10-metastasis.yaml", "--weeks", "1-2", "--format", "html", "-o",
            ws.root + "/w.html",
        ])
        #expect(run.status == 0)
        let html = try String(contentsOfFile: ws.root + "/w.html", encoding: .utf8)
        #expect(html.components(separatedBy: "class=\"sheet\"").count == 3)
    }

    @Test func pdfWithoutABrowserNamesThePackage() throws {
        let ws = try TemporaryWorkspace()
        let run = try Run(
            ["print", "Plans/braced-t10-metastasis.yaml", "--week", "1", "--format", "pdf", "-o", ws.root + "/w.pdf"],
            environment: ["REHAB_CHROMIUM": "/nonexistent/chromium"])
        #expect(run.status == 1)
        #expect(run.stderr.contains("apt-get install chromium-headless-shell"))
        #expect(!FileManager.default.fileExists(atPath: ws.root + "/w.pdf"))
    }

    @Test func pdfInARealBrowser() throws {
        let ws = try TemporaryWorkspace()
        let run = try Run([
            "print", "Plans/gentle-start-osteopenia.yaml", "--week", "2", "--format", "pdf", "--paper", "letter",
            "-o", ws.root + "/w.pdf",
        ])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr == "wrote \(ws.root)/w.pdf\n")
        let head = try FileHandle(forReadingFrom: URL(fileURLWithPath: ws.root + "/w.pdf")).readData(ofLength: 5)
        #expect(String(decoding: head, as: UTF8.self) == "%PDF-")
    }
}
