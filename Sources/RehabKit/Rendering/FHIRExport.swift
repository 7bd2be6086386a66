import Foundation

/// `rehab export fhir PLAN [--week N]`: a FHIR R4 Bundle (type collection) following the HL7 Physical
/// Activity Implementation Guide's pattern: a Patient; a CarePlan (intent plan) whose activities
/// reference one ServiceRequest per plan item — SNOMED CT 229065009 "Exercise therapy" with the
/// exercise as text, the patient as subject and performer, `occurrenceTiming` from the frequency
/// (`asNeededBoolean` for as-needed items), `patientInstruction` from the steps and the week's dose,
/// the safety decision as a note (an item the check blocks is `doNotPerform`); and, from the progress
/// log, Observations of pain (LOINC 72514-3) per day, and of exercise minutes per day (68516-4) and
/// exercise days per week (89555-7) per week. What a receiving system does not get: the safety
/// profile itself, the rules and their sources, the instruction cards' cautions, and free-text notes
/// of the log (docs/FORMAT.md).
public enum FHIRExport {
    /// What the log says of one day, for the Observations.
    public struct Day: Sendable {
        public var date: LocalDate
        /// Pain that day, NRS 0–10.
        public var pain: Int?
        /// Minutes of sessions done that day (partial sessions count half).
        public var minutes: Double
        public init(date: LocalDate, pain: Int?, minutes: Double) {
            self.date = date
            self.pain = pain
            self.minutes = minutes
        }
    }

    static let snomed = "http://snomed.info/sct", loinc = "http://loinc.org"

    /// A deterministic `urn:uuid:` from a name (so the same export gives the same bundle).
    static func uuid(_ name: String) -> String {
        var h1: UInt64 = 0xcbf2_9ce4_8422_2325, h2: UInt64 = 0x8422_2325_cbf2_9ce4
        for b in name.utf8 {
            h1 = (h1 ^ UInt64(b)) &* 0x100_0000_01b3
            h2 = (h2 &* 0x100_0000_01b3) ^ UInt64(b)
        }
        func hex(_ v: UInt64, _ n: Int) -> String {
            let s = String(v, radix: 16)
            return String(repeating: "0", count: max(0, 16 - s.count)) + s
        }
        let a = hex(h1, 16), b = hex(h2, 16)
        let digits = Array(a + b)
        var v = digits
        v[12] = "4"                                           // version 4 layout
        v[16] = ["8", "9", "a", "b"][Int(String(v[16]), radix: 16)! % 4]
        let s = String(v)
        let i = s.startIndex
        func part(_ from: Int, _ len: Int) -> Substring { s[s.index(i, offsetBy: from)..<s.index(i, offsetBy: from + len)] }
        return "urn:uuid:\(part(0, 8))-\(part(8, 4))-\(part(12, 4))-\(part(16, 4))-\(part(20, 12))"
    }

    static func timing(_ f: Frequency) -> [String: Any]? {
        switch f {
        case .daily: return ["repeat": ["frequency": 1, "period": 1, "periodUnit": "d"]]
        case .perDay(let n): return ["repeat": ["frequency": n, "period": 1, "periodUnit": "d"]]
        case .perWeek(let n): return ["repeat": ["frequency": n, "period": 1, "periodUnit": "wk"]]
        case .allDay: return ["repeat": ["frequency": 1, "period": 1, "periodUnit": "d"], "code": ["text": "all day, every day"]]
        case .asNeeded: return nil
        }
    }

    /// The Bundle as JSON text (keys sorted).
    public static func bundle(plan: Plan, week: WeekSchedule, workspace: Workspace, log: [Day], generated: String) -> String {
        let patientURL = uuid("patient/\(plan.patient?.ref ?? plan.id)")
        let carePlanURL = uuid("careplan/\(plan.id)")
        var entries: [[String: Any]] = []
        var patient: [String: Any] = ["resourceType": "Patient", "name": [["text": plan.patient?.name ?? ""]]]
        if let ref = plan.patient?.ref { patient["identifier"] = [["type": ["text": "Medical record number"], "value": ref]] }
        entries.append(["fullUrl": patientURL, "resource": patient])

        var activities: [[String: Any]] = []
        let doseOf: [Int: Dose] = Dictionary(week.days.flatMap(\.sessions).map { ($0.item, $0.dose) }, uniquingKeysWith: { a, _ in a })
        for d in week.safety.items {
            let item = plan.items[d.index]
            let exercise = workspace.exercise(d.performed)
            let url = uuid("servicerequest/\(plan.id)/\(d.index)")
            let dose = doseOf[d.index] ?? (exercise?.dose ?? Dose()).overridden(by: item.dose)
            var instruction = (exercise?.steps ?? []).enumerated().map { "\($0 + 1). \($1)" }.joined(separator: " ")
            instruction = "\(DoseWords.text(dose))\(d.inBrace ? ", in your brace" : "")." + (instruction.isEmpty ? "" : " " + instruction)
            if let notes = item.notes { instruction += " " + notes }
            var note = "Safety check \(week.safety.asOf.map { "as of \($0)" } ?? ""): \(d.decision.rawValue)"
            if !d.changes.isEmpty { note += " — " + d.changes.joined(separator: "; ") }
            if !d.rules.isEmpty { note += " (rules: " + d.rules.map(\.rawValue).joined(separator: ", ") + ")" }
            var request: [String: Any] = [
                "resourceType": "ServiceRequest",
                "status": d.decision == .blocked ? "on-hold" : "active",
                "intent": "plan",
                "code": ["coding": [["system": snomed, "code": "229065009", "display": "Exercise therapy"]],
                         "text": exercise?.name ?? d.exercise.rawValue],
                "subject": ["reference": patientURL],
                "performer": [["reference": patientURL]],
                "basedOn": [["reference": carePlanURL]],
                "reasonCode": [["text": plan.title]],
                "patientInstruction": instruction,
                "note": [["text": note]],
            ]
            if d.decision == .blocked || d.decision == .supervised { request["doNotPerform"] = d.decision == .blocked }
            if let t = timing(item.frequency) { request["occurrenceTiming"] = t } else { request["asNeededBoolean"] = true }
            entries.append(["fullUrl": url, "resource": request])
            activities.append(["reference": ["reference": url]])
        }

        var notes = [["text": "Safety status \(week.safety.status.rawValue)\(week.safety.asOf.map { " as of \($0)" } ?? "")"]]
        for a in week.safety.alerts { notes.append(["text": "\(a.level.rawValue): \(a.message) (rule \(a.rule); \(a.source))"]) }
        var carePlan: [String: Any] = [
            "resourceType": "CarePlan",
            "status": week.safety.status == .blocked ? "on-hold" : "active",
            "intent": "plan",
            "title": plan.title,
            "subject": ["reference": patientURL],
            "activity": activities,
            "note": notes,
        ]
        if let start = plan.start {
            carePlan["period"] = ["start": start.description, "end": start.adding(days: plan.weeks * 7 - 1).description]
        }
        entries.insert(["fullUrl": carePlanURL, "resource": carePlan], at: 1)

        func observation(_ key: String, code: String, display: String, value: [String: Any], effective: [String: Any]) -> [String: Any] {
            var o: [String: Any] = [
                "resourceType": "Observation", "status": "final",
                "category": [["coding": [["system": "http://terminology.hl7.org/CodeSystem/observation-category", "code": "survey"]]]],
                "code": ["coding": [["system": loinc, "code": code, "display": display]]],
                "subject": ["reference": patientURL], "basedOn": [["reference": carePlanURL]],
            ]
            o.merge(value) { a, _ in a }
            o.merge(effective) { a, _ in a }
            return ["fullUrl": uuid("observation/\(plan.id)/\(key)"), "resource": o]
        }
        for day in log {
            if let pain = day.pain {
                entries.append(observation("pain/\(day.date)", code: "72514-3",
                                           display: "Pain severity - 0-10 verbal numeric rating [Score] - Reported",
                                           value: ["valueInteger": pain], effective: ["effectiveDateTime": day.date.description]))
            }
        }
        // Per week of the plan that the log covers: minutes per exercise day, and exercise days.
        do {
            let byWeek = Dictionary(grouping: log.filter { $0.minutes > 0 }) { plan.week(of: $0.date) ?? 0 }
            for (w, days) in byWeek.sorted(by: { $0.key < $1.key }) where w >= 1 {
                guard let from = plan.firstDay(ofWeek: w) else { continue }
                let to = from.adding(days: 6)
                let period = ["effectivePeriod": ["start": from.description, "end": to.description]]
                let minutes = days.map(\.minutes).reduce(0, +) / Double(days.count)
                entries.append(observation("minutes/\(w)", code: "68516-4",
                                           display: "On those days that you engage in moderate to strenuous exercise, how many minutes, on average, do you exercise",
                                           value: ["valueQuantity": ["value": (minutes * 10).rounded() / 10, "unit": "min",
                                                                     "system": "http://unitsofmeasure.org", "code": "min"]],
                                           effective: period))
                entries.append(observation("days/\(w)", code: "89555-7",
                                           display: "How many days per week did you engage in moderate to strenuous physical activity in the last 30 days",
                                           value: ["valueQuantity": ["value": days.count, "unit": "days per week",
                                                                     "system": "http://unitsofmeasure.org", "code": "d/wk"]],
                                           effective: period))
            }
        }

        let bundle: [String: Any] = ["resourceType": "Bundle", "type": "collection", "timestamp": generated, "entry": entries]
        guard let data = try? JSONSerialization.data(withJSONObject: bundle, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        else { return "" }
        // No bidirectional override or other invisible character of a note or title in any value
        // (JSON writes them raw; dropping them leaves the JSON valid).
        return UserText.plain(String(decoding: data, as: UTF8.self)) + "\n"
    }
}
