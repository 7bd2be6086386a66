import Foundation
import RehabKit
import TestSupport
import Testing

/// `rehab export fhir`, checked by scripts/check_fhir.py (installed by `make test`: the
/// fhir.resources R4B models): the transaction's shape, references resolving, the Physical Activity
/// IG's constraints as written down there, codes, timings and the Observations from the log.
struct FHIRExportTests {
    static func check(_ bundle: String) throws -> [String: Any] {
        let ws = try TemporaryWorkspace()
        let file = try ws.write("bundle.json", bundle)
        let p = try Subprocess.tool("python3", [Paths.packageRoot + "/scripts/check_fhir.py", file])
        try #require(
            p.status == 0,
            "the R4B models refuse the bundle: \(p.errors.suffix(2000))  (make test installs fhir.resources)")
        return try #require(try JSONSerialization.jsonObject(with: p.stdout) as? [String: Any])
    }

    /// A server's rules as far as they can be checked here: a transaction, every reference
    /// resolving, every IG constraint met.
    static func expectLoadable(_ summary: [String: Any], _ sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        #expect(
            (summary["transaction"] as! [String]).isEmpty, "\(summary["transaction"]!)", sourceLocation: sourceLocation)
        #expect(
            (summary["dangling"] as! [String]).isEmpty, "every reference resolves inside the bundle",
            sourceLocation: sourceLocation)
        #expect((summary["ig"] as! [String]).isEmpty, "\(summary["ig"]!)", sourceLocation: sourceLocation)
    }

    static func requests(_ s: [String: Any]) -> [[String: Any]] { s["requests"] as! [[String: Any]] }
    static func observations(_ s: [String: Any]) -> [[String: Any]] { s["observations"] as! [[String: Any]] }
    static func code(_ o: [String: Any]) -> String? { (o["codes"] as! [[String]]).first?[1] }

    /// The bundle of the bundled plan gentle-start-osteopenia's week 1 (checked as of 2026-12-07)
    /// with `log`.
    static func gentleStartBundle(_ log: [FHIRExport.Logged], generated: String, today: LocalDate? = nil) throws
        -> String
    {
        let open = OpenWorkspace(root: Paths.packageRoot, displayBase: Paths.packageRoot)
        let plan = try #require(open.workspace.plan(id: "gentle-start-osteopenia"))
        let week = try WeekScheduler(
            workspace: open.workspace, engine: SafetyEngine(RuleSet.defaults, today: LocalDate("2026-12-07"))
        )
        .schedule(plan, week: 1)
        return FHIRExport.bundle(
            plan: plan, week: week, workspace: open.workspace, log: log, generated: generated, today: today)
    }

    @Test func aPlanWithItsLogIsALoadableTransaction() throws {
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
        Self.expectLoadable(summary)
        let types = summary["types"] as! [String]
        #expect(types.first == "Patient")
        #expect(types.filter { $0 == "CarePlan" }.count == 1)
        #expect(types.filter { $0 == "ServiceRequest" }.count == 10, "one per plan item")
        for r in Self.requests(summary) {
            #expect((r["codes"] as! [[String]]).contains(["http://snomed.info/sct", "229065009"]))
            #expect(r["performerTypes"] as! [String] == ["Patient"])
            #expect((r["instruction"] as? String)?.isEmpty == false)
            #expect(r["intent"] as? String == "original-order")
        }
        let walking = try #require(Self.requests(summary).first { $0["text"] as? String == "Gentle walking" })
        #expect((walking["timing"] as? [String: Any])?["unit"] as? String == "d")
        let sitToStand = try #require(
            Self.requests(summary).first { ($0["text"] as? String)?.hasPrefix("Standing up") == true })
        #expect((sitToStand["timing"] as? [String: Any])?["unit"] as? String == "wk", "N/week")
        let energy = try #require(Self.requests(summary).first { $0["text"] as? String == "Pacing - little and often" })
        #expect(energy["asNeeded"] as? Bool == true)
        let codes = Self.observations(summary).compactMap(Self.code)
        #expect(codes.filter { $0 == "72514-3" }.count == 3, "a pain observation per day logged")
        // Walking gently, posture checks, chin tucks and breathing are not moderate exercise.
        #expect(
            !codes.contains("68516-4") && !codes.contains("89555-7"),
            "nothing logged counts as moderate or vigorous exercise")
        // The Patient: created only when the server has no one with the clinic's record number.
        let patient = try #require((summary["patient"] as! [[String: Any]]).first)
        let identifier = try #require((patient["identifier"] as! [[String: Any]]).first)
        #expect(
            identifier["system"] as? String == "https://rehab.invalid/fhir/sid/mrn"
                && identifier["value"] as? String == "MRN-0001")
        let request = try #require(patient["request"] as? [String: Any])
        #expect(request["method"] as? String == "POST")
        #expect(request["ifNoneExist"] as? String == "identifier=https://rehab.invalid/fhir/sid/mrn%7CMRN-0001")
    }

    @Test(arguments: ["gentle-start-osteopenia", "braced-t10-metastasis", "suspected-cord-compression"])
    func everyBundledPlanExportsALoadableBundle(_ plan: String) throws {
        for week in [1, 3] {
            let run = try Run(["export", "fhir", "Plans/\(plan).yaml", "--week", "\(week)"])
            #expect(run.status == 0 || run.status == 3, "\(run.stderr)")
            let summary = try Self.check(run.stdout)
            Self.expectLoadable(summary)
            let requests = Self.requests(summary)
            #expect(!requests.isEmpty)
            for r in requests {
                #expect((r["codes"] as! [[String]]).contains(["http://snomed.info/sct", "229065009"]))
                #expect(r["doNotPerform"] == nil || r["doNotPerform"] is NSNull)
                if r["status"] as? String == "active" {
                    #expect(
                        r["timing"] != nil && !(r["timing"] is NSNull) || r["asNeeded"] as? Bool == true,
                        "timing or as needed")
                }
            }
        }
    }

    @Test func theSameExportTwiceIsTheSameTransaction() throws {
        let a = try Run(["export", "fhir", "Plans/braced-t10-metastasis.yaml"])
        let b = try Run(["export", "fhir", "Plans/braced-t10-metastasis.yaml"])
        func body(_ s: String) -> [String] {
            s.split(separator: "\n").map(String.init).filter { !$0.contains("\"timestamp\"") }
        }
        #expect(body(a.stdout) == body(b.stdout), "a server loads it twice and nothing changes")
    }

    /// Ids are version-5 UUIDs of the clinic, the record number, the plan and the item's exercise:
    /// inserting an item at the top changes no other request's id; another clinic's ids differ.
    @Test func idsAreStableWhenAnItemIsInsertedAtTheTop() throws {
        let ws = try TemporaryWorkspace.clinicCopy()
        let plan = "Plans/gentle-start-osteopenia.yaml"
        let before = try Self.check(try Run(["export", "fhir", plan], in: ws.root).stdout)
        let text = try String(contentsOfFile: ws.root + "/" + plan, encoding: .utf8)
        _ = try ws.write(
            plan,
            text.replacingOccurrences(of: "items:\n", with: "items:\n  - exercise: ankle-pumps\n    frequency: daily\n")
        )
        let after = try Self.check(try Run(["export", "fhir", plan], in: ws.root).stdout)
        func ids(_ s: [String: Any]) -> [String: String] {
            Dictionary(uniqueKeysWithValues: Self.requests(s).map { ($0["text"] as! String, $0["id"] as! String) })
        }
        #expect(ids(after).count == ids(before).count + 1)
        for (name, id) in ids(before) { #expect(ids(after)[name] == id, "\(name) keeps its id") }
        let ofType = { (s: [String: Any], t: String) in (s["ids"] as! [String: [String]])[t] ?? [] }
        #expect(ofType(before, "CarePlan") == ofType(after, "CarePlan"))
        for id in ofType(before, "ServiceRequest") + ofType(before, "CarePlan") {
            #expect(id.count == 36 && Array(id)[14] == "5", "\(id) is a version-5 UUID")
        }
        let otherRun = try Run(["export", "fhir", plan, "--mrn-system", "urn:oid:1.2.3.4.5"], in: ws.root)
        #expect(!otherRun.stderr.contains("warning"), "a clinic identity is set: \(otherRun.stderr)")
        let unset = try Run(["export", "fhir", plan], in: ws.root)
        #expect(unset.status == 0 && unset.stderr.contains("warning: no clinic identity set"), "\(unset.stderr)")
        let other = try Self.check(otherRun.stdout)
        #expect(ofType(other, "CarePlan") != ofType(after, "CarePlan"), "two clinics' plans do not collide")
        #expect(Set(ofType(other, "ServiceRequest")).isDisjoint(with: ofType(after, "ServiceRequest")))
    }

    @Test func anItemForTheClinicIsNotHomework() throws {
        let ws = try TemporaryWorkspace.clinicCopy()
        let plan = "Plans/braced-t10-metastasis.yaml"
        // Side-bending only: with the spinal team's clearance, the SINS 7–12 rule keeps it for the
        // physiotherapist.
        let neckFile = "Exercises/mobility/neck-range-gentle.yaml"
        let exercise = try String(contentsOfFile: ws.root + "/" + neckFile, encoding: .utf8)
            .replacingOccurrences(of: "id: neck-range-gentle", with: "id: neck-tilts-gentle")
            .replacingOccurrences(of: "name: Gentle neck turns and tilts", with: "name: Gentle neck tilts")
            .replacingOccurrences(of: "[upright, spinal-rotation, side-bending]", with: "[upright, side-bending]")
        _ = try ws.write("Exercises/mobility/neck-tilts-gentle.yaml", exercise)
        let text = try String(contentsOfFile: ws.root + "/" + plan, encoding: .utf8)
        _ = try ws.write(
            plan,
            text.replacingOccurrences(
                of: "items:\n", with: "items:\n  - exercise: neck-tilts-gentle\n    frequency: daily\n"))
        let check = try Run(["check", plan, "--format", "json"], in: ws.root)
        #expect(
            check.stdout.contains("\"supervised\""),
            "the check keeps the item for the physiotherapist: \(check.stdout.prefix(3000))")
        let run = try Run(["export", "fhir", plan], in: ws.root)
        let summary = try Self.check(run.stdout)
        Self.expectLoadable(summary)
        let neck = try #require(
            Self.requests(summary).first { ($0["text"] as? String)?.lowercased().contains("neck") == true })
        #expect(neck["performerTypes"] as! [String] == ["Practitioner"], "done with the clinician, not by the patient")
        #expect(neck["timing"] == nil || neck["timing"] is NSNull, "not on the home timing")
        #expect(neck["asNeeded"] == nil || neck["asNeeded"] is NSNull)
        #expect(neck["status"] as? String == "active")
    }

    @Test func aBlockedPlanIsOnHoldWithItsItemsAndItsAlertsFlagged() throws {
        let run = try Run(["export", "fhir", "Plans/suspected-cord-compression.yaml"])
        #expect(run.status == 3)
        let summary = try Self.check(run.stdout)
        Self.expectLoadable(summary)
        let carePlan = summary["careplan"] as! [String: Any]
        #expect(carePlan["status"] as? String == "on-hold")
        // Spinal precautions and the warning signs stay active (`rehab check` keeps them); every
        // other item is suspended with the plan — on-hold, never revoked, since it comes back under
        // the same id when the plan does.
        let kept = ["Log roll in bed", "Tummy (diaphragm) breathing", "Warning signs - when to stop and call"]
        for r in Self.requests(summary) {
            let name = r["text"] as? String ?? ""
            #expect(r["doNotPerform"] == nil || r["doNotPerform"] is NSNull, "never doNotPerform with on-hold")
            if kept.contains(name) || name.hasPrefix("Lying on your back") {
                #expect(r["status"] as? String == "active", "\(name) is kept")
                #expect((r["instruction"] as? String)?.contains("Not now") == false, "\(r)")
            } else {
                #expect(r["status"] as? String == "on-hold", "\(r)")
                #expect(r["timing"] == nil || r["timing"] is NSNull)
                #expect((r["instruction"] as? String)?.hasPrefix("Not now") == true)
            }
        }
        for name in kept { #expect(Self.requests(summary).contains { $0["text"] as? String == name }, "\(name)") }
        #expect(Self.requests(summary).contains { $0["status"] as? String == "on-hold" })
        let flags = summary["flags"] as! [[String: Any]]
        let urgent = try #require(flags.first { ($0["priority"] as! [String]) == ["PH"] }, "\(flags)")
        #expect((urgent["text"] as? String)?.hasPrefix("urgent:") == true)
        #expect(
            Set(carePlan["supportingInfo"] as! [String]) == Set(flags.map { $0["url"] as! String }),
            "linked from the CarePlan")
    }

    /// Voiding a pain entry makes its Observation `entered-in-error`; a pain logged again after a
    /// void is `amended`; a red flag is an Observation, coded where SNOMED CT has the finding.
    @Test func aVoidedEntryIsEnteredInErrorAndACorrectionAmended() throws {
        let ws = try TemporaryWorkspace.clinicCopy()
        let plan = "Plans/gentle-start-osteopenia.yaml"
        for (date, pain) in [("2026-11-30", 3), ("2026-12-01", 4)] {
            #expect(try Run(["log", plan, "--date", date, "--pain-today", "\(pain)"], in: ws.root).status == 0)
        }
        let list = try Run(["log", "list", plan], in: ws.root).stdout
        func id(_ needle: String) throws -> String {
            let line = try #require(list.split(separator: "\n").first { $0.contains(needle) }, "\(list)")
            return String(line.drop { !$0.isNumber }.prefix { $0.isNumber })
        }
        let first = try id("2026-11-30")
        let second = try id("2026-12-01")
        #expect(try Run(["log", "void", first, "--reason", "wrong patient"], in: ws.root).status == 0)
        #expect(try Run(["log", "void", second, "--reason", "misread"], in: ws.root).status == 0)
        #expect(try Run(["log", plan, "--date", "2026-12-01", "--pain-today", "2"], in: ws.root).status == 0)
        #expect(try Run(["log", plan, "--date", "2026-12-02", "--symptom", "fever"], in: ws.root).status == 3)
        let run = try Run(["export", "fhir", plan], in: ws.root)
        let summary = try Self.check(run.stdout)
        Self.expectLoadable(summary)
        let pains = Self.observations(summary).filter { Self.code($0) == "72514-3" }
        let voided = try #require(pains.first { $0["date"] as? String == "2026-11-30" })
        #expect(voided["status"] as? String == "entered-in-error")
        let corrected = try #require(pains.first { $0["date"] as? String == "2026-12-01" })
        #expect(corrected["status"] as? String == "amended")
        #expect(corrected["value"] as? Int == 2)
        let fever = try #require(
            Self.observations(summary).first { Self.code($0) == "386661006" }, "the red flag is exported")
        #expect(fever["status"] as? String == "final")
        let idsBefore = Self.observations(summary).map { $0["id"] as! String }
        #expect(Set(idsBefore).count == idsBefore.count)
    }

    /// A red flag voided and logged again the same day is one Observation, `amended` (two with the
    /// same id would make the transaction invalid).
    @Test func aRedFlagVoidedAndLoggedAgainIsOneAmendedObservation() throws {
        let d = LocalDate("2026-12-01")!
        let log: [FHIRExport.Logged] = [
            .init(date: d, what: .symptom(.fever), voided: true),
            .init(date: d, what: .symptom(.fever)),
            .init(date: d, what: .symptom(.confusion), voided: true),
        ]
        let json = try Self.gentleStartBundle(log, generated: "2026-12-08T00:00:00Z")
        let summary = try Self.check(json)
        Self.expectLoadable(summary)
        let fever = Self.observations(summary).filter { Self.code($0) == "386661006" }
        #expect(fever.count == 1 && fever.first?["status"] as? String == "amended", "\(fever)")
        let confusion = Self.observations(summary).filter { Self.code($0) == "286933003" }
        #expect(confusion.count == 1 && confusion.first?["status"] as? String == "entered-in-error")
    }

    /// The exercise vital signs: only moderate or vigorous exercise counts; per day (min/d, a date),
    /// per week (d/wk, min/wk); a voided session amends them.
    @Test func exerciseObservationsFollowThePhysicalActivityProfiles() throws {
        let d1 = LocalDate("2026-11-30")!
        let d2 = LocalDate("2026-12-01")!
        let d3 = LocalDate("2026-12-02")!
        let log: [FHIRExport.Logged] = [
            .init(date: d1, what: .session(exercise: "sit-to-stand", minutes: 6, pain: nil)),
            .init(date: d1, what: .session(exercise: "walking-brisk", minutes: 10, pain: nil)),
            .init(date: d1, what: .session(exercise: "diaphragmatic-breathing", minutes: 5, pain: nil)),
            .init(date: d2, what: .session(exercise: "brace-tlso-wear", minutes: 30, pain: nil)),
            .init(date: d3, what: .session(exercise: "sit-to-stand", minutes: 6, pain: nil)),
            .init(date: d3, what: .session(exercise: "walking-brisk", minutes: 10, pain: nil), voided: true),
        ]
        let json = try Self.gentleStartBundle(log, generated: "2026-12-08T00:00:00Z")
        let summary = try Self.check(json)
        Self.expectLoadable(summary)
        let perDay = Self.observations(summary).filter { Self.code($0) == "68516-4" }
        #expect(
            perDay.map { $0["date"] as! String } == ["2026-11-30", "2026-12-02"],
            "brace care and breathing do not count")
        #expect(perDay.first?["value"] as? Double == 16 && perDay.first?["unit"] as? String == "min/d")
        #expect(perDay.last?["status"] as? String == "amended" && perDay.last?["value"] as? Double == 6)
        let days = try #require(Self.observations(summary).first { Self.code($0) == "89555-7" })
        #expect(
            days["value"] as? Double == 2 && days["unit"] as? String == "d/wk"
                && days["date"] as? String == "2026-12-06")
        let minutes = try #require(Self.observations(summary).first { Self.code($0) == "82290-8" })
        #expect(minutes["value"] as? Double == 22 && minutes["unit"] as? String == "min/wk")
        for o in perDay + [days, minutes] { #expect(!(o["profile"] as! [String]).isEmpty) }
    }

    /// A day or week still under way has no exercise Observation yet (it would change later under
    /// the same id with status final): minutes per day only for days before today, weekly ones only
    /// for weeks that ended before today.
    @Test func theCurrentDayAndWeekAreNotYetObserved() throws {
        let log: [FHIRExport.Logged] = [
            .init(date: LocalDate("2026-11-30")!, what: .session(exercise: "sit-to-stand", minutes: 6, pain: nil)),
            .init(date: LocalDate("2026-12-02")!, what: .session(exercise: "sit-to-stand", minutes: 6, pain: nil)),
        ]
        let json = try Self.gentleStartBundle(log, generated: "2026-12-02T10:00:00Z", today: LocalDate("2026-12-02"))
        let summary = try Self.check(json)
        Self.expectLoadable(summary)
        let perDay = Self.observations(summary).filter { Self.code($0) == "68516-4" }
        #expect(perDay.map { $0["date"] as! String } == ["2026-11-30"], "today is not over")
        #expect(
            !Self.observations(summary).contains { ["89555-7", "82290-8"].contains(Self.code($0)) },
            "week 1 ends on 2026-12-06")
    }

    /// The checker itself fails what a server or the IG would refuse (so a green check means something).
    @Test func theCheckerRefusesWhatTheProfilesForbid() throws {
        let log: [FHIRExport.Logged] = [
            .init(date: LocalDate("2026-11-30")!, what: .session(exercise: "sit-to-stand", minutes: 6, pain: nil))
        ]
        let json = try Self.gentleStartBundle(log, generated: "2026-12-08T00:00:00Z")
        var bundle = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        bundle["type"] = "collection"
        var entries = bundle["entry"] as! [[String: Any]]
        for i in entries.indices {
            var r = entries[i]["resource"] as! [String: Any]
            switch r["resourceType"] as! String {
            case "ServiceRequest" where i == 3:
                r["intent"] = "plan"
                r["doNotPerform"] = true
                r["subject"] = ["reference": "urn:uuid:00000000-0000-5000-8000-000000000000"]
            case "Observation":
                r["effectivePeriod"] = ["start": "2026-11-30", "end": "2026-12-06"]
                r.removeValue(forKey: "effectiveDateTime")
                var q = r["valueQuantity"] as! [String: Any]
                q["code"] = "min"
                r["valueQuantity"] = q
            default: break
            }
            entries[i]["resource"] = r
        }
        entries[0].removeValue(forKey: "request")
        bundle["entry"] = entries
        let broken = String(decoding: try JSONSerialization.data(withJSONObject: bundle), as: UTF8.self)
        let summary = try Self.check(broken)
        let transaction = (summary["transaction"] as! [String]).joined(separator: "\n")
        #expect(
            transaction.contains("not transaction") && transaction.contains("Patient: no request"), "\(transaction)")
        #expect(summary["dangling"] as! [String] == ["urn:uuid:00000000-0000-5000-8000-000000000000"])
        let ig = (summary["ig"] as! [String]).joined(separator: "\n")
        for problem in [
            "intent 'plan'", "doNotPerform is not allowed", "EVS: effective[x] only dateTime",
            "valueQuantity.code must be min/d",
        ] {
            #expect(ig.contains(problem), "\(problem) in \(ig)")
        }
    }
}
