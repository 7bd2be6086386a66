import Foundation
import Testing
import TestSupport

/// `rehab export fhir`, validated by the fhir.resources R4B models (installed by `make test`): codes,
/// timings, references and the Observations from the log.
struct FHIRExportTests {
    static func check(_ bundle: String) throws -> [String: Any] {
        let ws = try TemporaryWorkspace()
        let file = try ws.write("bundle.json", bundle)
        let p = try Subprocess.tool("python3", [Paths.packageRoot + "/scripts/check_fhir.py", file])
        try #require(p.status == 0, "the R4B models refuse the bundle: \(p.errors.suffix(2000))  (make test installs fhir.resources)")
        return try #require(try JSONSerialization.jsonObject(with: p.stdout) as? [String: Any])
    }

    @Test func aPlanWithItsLogIsAValidBundle() throws {
        let ws = try TemporaryWorkspace.clinicCopy()
        let plan = "Plans/gentle-start-osteopenia.yaml"
        for (date, item, session) in try validTicks(ws, count: 12) {
            let r = try Run(["log", plan, "--date", date, "--done", item, "--session", "\(session)"], in: ws.root)
            #expect(r.status == 0, "\(r.stderr)")
        }
        for date in ["2026-11-30", "2026-12-01", "2026-12-02"] {
            #expect(try Run(["log", plan, "--date", date, "--pain-today", "3"], in: ws.root).status == 0)
        }
        let run = try Run(["export", "fhir", plan], in: ws.root)
        #expect(run.status == 0, "\(run.stderr)")
        let summary = try Self.check(run.stdout)
        let types = summary["types"] as! [String]
        #expect(types.first == "Patient")
        #expect(types.filter { $0 == "CarePlan" }.count == 1)
        #expect(types.filter { $0 == "ServiceRequest" }.count == 10, "one per plan item")
        #expect((summary["dangling"] as! [String]).isEmpty, "every reference resolves inside the bundle")
        for r in summary["requests"] as! [[String: Any]] {
            #expect((r["codes"] as! [[String]]).contains(["http://snomed.info/sct", "229065009"]))
            #expect(!(r["performer"] as! [String]).isEmpty)
            #expect((r["instruction"] as? String)?.isEmpty == false)
        }
        let walking = try #require((summary["requests"] as! [[String: Any]]).first { $0["text"] as? String == "Gentle walking" })
        #expect((walking["timing"] as? [String: Any])?["unit"] as? String == "d")
        let sitToStand = try #require((summary["requests"] as! [[String: Any]]).first { ($0["text"] as? String)?.hasPrefix("Standing up") == true })
        #expect((sitToStand["timing"] as? [String: Any])?["unit"] as? String == "wk", "N/week")
        let energy = try #require((summary["requests"] as! [[String: Any]]).first { $0["text"] as? String == "Pacing - little and often" })
        #expect(energy["asNeeded"] as? Bool == true)
        let codes = (summary["observations"] as! [[[String]]]).flatMap { $0.map { $0[1] } }
        #expect(codes.filter { $0 == "72514-3" }.count == 3, "a pain observation per day logged")
        #expect(codes.contains("68516-4") && codes.contains("89555-7"), "minutes per day and days per week")
    }

    @Test(arguments: ["gentle-start-osteopenia", "braced-t10-metastasis", "suspected-cord-compression"])
    func everyBundledPlanExportsAValidBundle(_ plan: String) throws {
        for week in [1, 3] {
            let run = try Run(["export", "fhir", "Plans/\(plan).yaml", "--week", "\(week)"])
            #expect(run.status == 0 || run.status == 3, "\(run.stderr)")
            let summary = try Self.check(run.stdout)
            #expect((summary["dangling"] as! [String]).isEmpty)
            let requests = summary["requests"] as! [[String: Any]]
            #expect(!requests.isEmpty)
            for r in requests {
                #expect((r["codes"] as! [[String]]).contains(["http://snomed.info/sct", "229065009"]))
                #expect(r["timing"] != nil && !(r["timing"] is NSNull) || r["asNeeded"] as? Bool == true, "timing or as needed")
            }
        }
    }

    @Test func aBlockedPlanIsOnHoldAndItsItemsNotToBeDone() throws {
        let run = try Run(["export", "fhir", "Plans/suspected-cord-compression.yaml"])
        #expect(run.status == 3)
        #expect(run.stdout.contains("\"status\" : \"on-hold\""))
        let summary = try Self.check(run.stdout)
        let walking = try #require((summary["requests"] as! [[String: Any]]).first { $0["text"] as? String == "Gentle walking" })
        #expect(walking["doNotPerform"] as? Bool == true)
    }
}
