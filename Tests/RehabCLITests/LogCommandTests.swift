import Foundation
import TestSupport
import Testing

struct LogCommandTests {
    static let plan = "Plans/gentle-start-osteopenia.yaml"

    @Test func everyTickOfOneCallIsStoredAndEchoed() throws {
        let ws = try TemporaryWorkspace.clinicCopy()
        let run = try Run(
            [
                "log", Self.plan, "--date", "2026-11-30", "--done", "walking-gentle", "--done", "chin-tucks",
                "--skipped", "standing-posture-check", "--reason", "tired",
            ], in: ws.root)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(
            run.stdout == """
                logged done 'walking-gentle' session 1 on 2026-11-30
                logged done 'chin-tucks' session 1 on 2026-11-30
                logged skipped 'standing-posture-check' session 1 on 2026-11-30

                """)
        let export = try Run(["log", "export", Self.plan], in: ws.root)
        #expect(export.stdout.split(separator: "\n").count == 4)
    }

    @Test func oneBadTickStoresNoneOfTheCall() throws {
        let ws = try TemporaryWorkspace.clinicCopy()
        let run = try Run(
            [
                "log", Self.plan, "--date", "2026-12-01", "--done", "walking-gentle", "--done",
                "wall-push-up-half-range",
            ], in: ws.root)
        #expect(run.status == 1)
        #expect(
            run.stderr == """
                error: 'wall-push-up-half-range' session 1 on 2026-12-01: 'wall-push-up-half-range' is not on the schedule on Tuesday 2026-12-01 (this week: Monday, Thursday)
                nothing was logged

                """)
        #expect(try Run(["log", "export", Self.plan], in: ws.root).stdout == LogCSVHeader.export + "\n")
    }

    @Test func aRefusedFileWithARedFlagSaysSoFirst() throws {
        let ws = try TemporaryWorkspace.clinicCopy()
        try ws.write("s.csv", try Paths.read(Paths.fixtures + "/log/symptom-in-pain-row.csv"))
        let run = try Run(["log", "import", "s.csv"], in: ws.root)
        #expect(run.status == 1)
        #expect(
            run.stdout.hasPrefix(
                "\nURGENT: THIS FILE REPORTS A RED-FLAG SYMPTOM, AND IT WAS NOT IMPORTED:\n  s.csv:3: leg-weakness"))
        #expect(run.stderr.hasPrefix("\nURGENT: THIS FILE REPORTS A RED-FLAG SYMPTOM"))
        #expect(
            run.stderr.contains(
                "s.csv:3:9: error: a symptom belongs on its own row (entry 'symptom'), not on a pain row\nnothing was imported\n"
            ))
    }

    @Test func aPathInThePlanColumnStopsThePlan() throws {
        let ws = try TemporaryWorkspace.clinicCopy()
        try ws.write("p.csv", try Paths.read(Paths.fixtures + "/log/plan-path.csv"))
        let run = try Run(["log", "import", "p.csv"], in: ws.root)
        #expect(run.status == 3, "\(run.stderr)")
        #expect(run.stdout.contains("STOP THE EXERCISE PROGRAMME (braced-t10-metastasis)"))
        let check = try Run(["check", "braced-t10-metastasis", "--as-of", "2026-12-02"], in: ws.root)
        #expect(check.status == 3)
    }

    @Test func aDeviceIsNotAStoreAndNoLockFileAppearsBesideIt() throws {
        let ws = try TemporaryWorkspace.clinicCopy()
        let lockBefore = FileManager.default.fileExists(atPath: "/dev/null.lock")
        let run = try Run(
            ["log", Self.plan, "--db", "/dev/null", "--date", "2026-11-30", "--pain-today", "2"], in: ws.root)
        #expect(run.status == 1)
        #expect(run.stderr.contains("is not a regular file"))
        #expect(FileManager.default.fileExists(atPath: "/dev/null.lock") == lockBefore)
    }

    @Test func listShowsIdsAndVoidWithdrawsAnEntry() throws {
        let ws = try TemporaryWorkspace.clinicCopy()
        let braced = "Plans/braced-t10-metastasis.yaml"
        #expect(try Run(["log", braced, "--date", "2026-12-02", "--symptom", "numbness"], in: ws.root).status == 3)
        let list = try Run(["log", "list", braced], in: ws.root)
        #expect(list.stdout == "1  2026-12-02  SYMPTOM numbness\n")
        #expect(try Run(["log", "void", "1"], in: ws.root).status == 64, "a reason is required")
        let void = try Run(
            ["log", "void", "1", "--reason", "logged for the wrong patient", "--by", "J. Okafor"], in: ws.root)
        #expect(void.status == 0, "\(void.stderr)")
        #expect(void.stdout.contains("[VOIDED "))
        #expect(void.stdout.contains("by J. Okafor: logged for the wrong patient]"))
        let check = try Run(["check", braced, "--as-of", "2026-12-02"], in: ws.root)
        #expect(check.status == 0)
        #expect(
            check.stderr.contains(
                "Plans/braced-t10-metastasis.yaml: note: the red-flag report 'numbness' of 2026-12-02 (entry 1, plan braced-t10-metastasis) was voided on "
            ))
        #expect(
            check.stderr.contains(
                " by J. Okafor: logged for the wrong patient; it no longer stops the plan (shown until the next assessment)\n"
            ))
        let export = try Run(["log", "export", braced], in: ws.root)
        #expect(export.stdout.contains(",numbness,,,"))
        #expect(export.stdout.hasSuffix(",J. Okafor,logged for the wrong patient,,,\n"))
        #expect(try Run(["log", "list", braced], in: ws.root).stdout.contains("[VOIDED"))
    }

    @Test func aReadOnlyCommandLeavesAnEmptyFileAlone() throws {
        let ws = try TemporaryWorkspace.clinicCopy()
        try ws.write(".rehab/progress.sqlite", Data())
        #expect(try Run(["log", "export", Self.plan], in: ws.root).status == 0)
        #expect(try Data(contentsOf: URL(fileURLWithPath: ws.root + "/.rehab/progress.sqlite")).isEmpty)
    }
}

struct LogRefusedSymptomTests {
    @Test func aRefusedSymptomIsUrgentNotATypo() throws {
        let ws = try TemporaryWorkspace.clinicCopy()
        let run = try Run(
            ["log", "Plans/braced-t10-metastasis.yaml", "--date", "2027-05-01", "--symptom", "leg-weakness"],
            in: ws.root)
        #expect(run.status == 1)
        #expect(
            run.stdout.hasPrefix(
                "URGENT: THE RED-FLAG SYMPTOM leg-weakness (weak or heavy legs) ON 2027-05-01 WAS NOT LOGGED:"))
        #expect(run.stderr.hasPrefix("URGENT: THE RED-FLAG SYMPTOM"))
        #expect(
            run.stderr.hasSuffix("error: 2027-05-01 is outside the plan, which runs from 2026-11-30 to 2027-01-10\n"))
    }
}

struct LogRoundTripTests {
    /// A clinic's CRLF file with formula cells and a two-line note: imported, exported (formulas
    /// neutralised, CR LF quoted), imported elsewhere and exported again, byte for byte.
    @Test func exportImportExportThroughTheBinaryIsByteIdentical() throws {
        let ws = try TemporaryWorkspace.clinicCopy()
        try ws.write("in.csv", try Paths.read(Paths.fixtures + "/log/crlf-formula-notes.csv"))
        let first = try Run(["log", "import", "in.csv"], in: ws.root)
        #expect(first.status == 0, "\(first.stderr)")
        let export = try Run(["log", "export", "gentle-start-osteopenia"], in: ws.root)
        #expect(export.stdout.contains(",\"first line\r\nsecond line, with a comma\","))
        #expect(export.stdout.contains(",\"'=HYPERLINK(\"\"http://x\"\")\",'@SUM(A1),"))
        #expect(export.stdout.contains(",'-2 better,'+1,"))
        let other = try TemporaryWorkspace.clinicCopy()
        try other.write("again.csv", export.stdout)
        #expect(try Run(["log", "import", "again.csv"], in: other.root).status == 0)
        let again = try Run(["log", "export", "gentle-start-osteopenia"], in: other.root)
        #expect(Array(again.stdout.utf8) == Array(export.stdout.utf8))
    }
}

struct LogSessionsAndBenchTests {
    @Test func theSameExerciseTwiceTakesTheNextSession() throws {
        let ws = try TemporaryWorkspace.clinicCopy()
        let run = try Run(
            [
                "log", "Plans/gentle-start-osteopenia.yaml", "--date", "2026-11-30",
                "--done", "sitting-posture-check", "--partial", "sitting-posture-check",
            ], in: ws.root)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(
            run.stdout
                == "logged done 'sitting-posture-check' session 1 on 2026-11-30\nlogged partial 'sitting-posture-check' session 2 on 2026-11-30\n"
        )
    }

    /// `bench ticks` writes ticks that import whole (what scripts/bench-import.sh measures).
    @Test func benchTicksImport() throws {
        let ws = try TemporaryWorkspace()
        #expect(
            try Run(["bench", "generate", "clinic", "--exercises", "60", "--plans", "12"], in: ws.root).status == 0)
        let ticks = try Run(["bench", "ticks", "clinic", "--rows", "300", "-o", "t.csv"], in: ws.root)
        #expect(ticks.status == 0, "\(ticks.stderr)")
        let run = try Run(
            ["log", "import", "../t.csv"], in: ws.root + "/clinic", environment: ["REHAB_TODAY": "2028-01-01"])
        #expect(run.status == 0, "\(run.stderr.prefix(500))")
        #expect(run.stdout == "imported 300 entries from ../t.csv\n")
    }
}
