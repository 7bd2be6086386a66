import Foundation

/// `rehab export fhir PLAN [--week N]`: a FHIR R4 `transaction` Bundle a server loads idempotently,
/// following the HL7 Physical Activity Implementation Guide (STU 1, 1.0.1) where its profiles fit:
/// a Patient (conditional create on the clinic's record number); a Practitioner (the plan's
/// clinician) or, without one, an Organization for the care team; a CarePlan (PA Care Plan)
/// whose activities reference one ServiceRequest per plan item (PA Service Request); a Flag per
/// urgent or within-24-hours alert, linked from the CarePlan; and, from the progress log,
/// Observations of pain per day, of exercise per day and per week (PA exercise vital signs: only
/// moderate or vigorous exercise counts), and of each red flag reported. Every id is a
/// name-based UUID (version 5) of stable names — the clinic's system and the record number, the
/// plan id, the item's key — never of a position; entries are `PUT Type/id`, so loading the same
/// bundle twice changes nothing. What a receiving system does not get: the safety profile itself,
/// the rules and their sources, the instruction cards' cautions, and free-text notes of the log
/// (docs/FORMAT.md).
public enum FHIRExport {
    /// One entry of the progress log as the export sees it.
    public struct Logged: Sendable {
        public enum What: Sendable {
            /// The day's pain (NRS 0–10).
            case pain(Int)
            /// A session of `exercise` (the one done), its minutes as scheduled times the outcome's
            /// credit, and the pain during it.
            case session(exercise: String, minutes: Double, pain: Int?)
            /// A red flag reported.
            case symptom(RedFlag)
            /// An outcome measure: its test, the value in the test's unit, and the side (left, right).
            case measure(OutcomeTest, value: Double, side: String?)
        }
        public var date: LocalDate
        public var what: What
        /// Withdrawn with `rehab log void`: the Observations it fed are corrected or entered in error.
        public var voided: Bool
        public init(date: LocalDate, what: What, voided: Bool = false) {
            self.date = date
            self.what = what
            self.voided = voided
        }
    }

    static let snomed = "http://snomed.info/sct", loinc = "http://loinc.org", ucum = "http://unitsofmeasure.org"
    static let obsCategory = "http://terminology.hl7.org/CodeSystem/observation-category"

    /// The code system of the outcome tests without a LOINC code: the clinic's own (its domain), since
    /// a clinic may add tests of its own (docs/FORMAT.md).
    public static func outcomeTestSystem(_ clinic: ClinicIdentity) -> String {
        "https://\(clinic.domain)/fhir/CodeSystem/rehab-outcome-tests"
    }
    /// The Physical Activity IG's canonical and its code system for the "PhysicalActivity" category.
    public static let paCanonical = "http://hl7.org/fhir/us/physical-activity"
    static var paCategory: [String: Any] {
        [
            "coding": [
                [
                    "system": paCanonical + "/CodeSystem/pa-temporary-codes",
                    "code": "PhysicalActivity", "display": "Physical Activity",
                ]
            ]
        ]
    }
    static func profile(_ id: String) -> [String: Any] { ["profile": [paCanonical + "/StructureDefinition/" + id]] }

    /// An exercise whose minutes count toward the exercise vital signs (LOINC 68516-4, 89555-7,
    /// 82290-8: "moderate to strenuous exercise"): of kind activity, strength or mobility, of
    /// intensity moderate or vigorous, and not a spinal precaution. Brace care, breathing,
    /// relaxation, posture, education and light exercise do not.
    public static func countsAsExercise(_ e: Exercise?) -> Bool {
        guard let e else { return false }
        return [.activity, .strength, .mobility].contains(e.kind) && e.intensity >= .moderate && !e.precaution
    }

    /// SNOMED CT findings for the red flags that have one (the others go as text only).
    static let redFlagCodes: [RedFlag: (String, String)] = [
        .fever: ("386661006", "Fever"),
        .chestPain: ("29857009", "Chest pain"),
        .breathlessness: ("267036007", "Dyspnea"),
        .confusion: ("286933003", "Confusional state"),
        .numbness: ("44077006", "Numbness"),
        .newBackPain: ("161891005", "Backache"),
        .worseningBackPain: ("161891005", "Backache"),
    ]

    static func timing(_ f: Frequency) -> [String: Any]? {
        switch f {
        case .daily: return ["repeat": ["frequency": 1, "period": 1, "periodUnit": "d"]]
        case .perDay(let n): return ["repeat": ["frequency": n, "period": 1, "periodUnit": "d"]]
        case .perWeek(let n): return ["repeat": ["frequency": n, "period": 1, "periodUnit": "wk"]]
        case .allDay:
            return [
                "repeat": ["frequency": 1, "period": 1, "periodUnit": "d"], "code": ["text": "all day, every day"],
            ]
        case .asNeeded: return nil
        }
    }

    /// Generated narrative: the text, escaped, in a `div` of XHTML.
    static func narrative(_ text: String) -> [String: Any] {
        let escaped = text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;")
        return ["status": "generated", "div": "<div xmlns=\"http://www.w3.org/1999/xhtml\"><p>\(escaped)</p></div>"]
    }

    /// The status of an Observation from the entries behind it: `final`; `amended` when a voided
    /// entry fed it too (its value changed since it may have been sent); `entered-in-error` when
    /// only voided entries fed it (then with the value they gave).
    static func status(live: Bool, voided: Bool) -> String {
        live ? (voided ? "amended" : "final") : "entered-in-error"
    }

    /// The Bundle as JSON text (keys sorted). `today` (default: the date of `generated`): exercise
    /// Observations are written only for days before it, and weekly ones only for weeks that ended
    /// before it — a day or week still under way would change later under the same id.
    public static func bundle(
        plan: Plan, week: WeekSchedule, workspace: Workspace, log: [Logged],
        clinic: ClinicIdentity = ClinicIdentity(), generated: String, today: LocalDate? = nil
    ) -> String {
        var entries: [[String: Any]] = []
        /// Adds an entry `PUT Type/id` (or a conditional create) and returns its reference.
        @discardableResult
        func add(_ name: String, _ resource: [String: Any], ifNoneExist: String? = nil) -> String {
            let id = NameUUID.v5(name)
            let type = resource["resourceType"] as! String
            var r = resource
            let request: [String: Any]
            if let query = ifNoneExist {
                request = ["method": "POST", "url": type, "ifNoneExist": query]
            } else {
                r["id"] = id
                request = ["method": "PUT", "url": "\(type)/\(id)"]
            }
            entries.append(["fullUrl": "urn:uuid:\(id)", "resource": r, "request": request])
            return "urn:uuid:\(id)"
        }
        let asOf = (week.safety.asOf ?? plan.start)?.description ?? String(generated.prefix(10))

        // Patient: found by the clinic's record number, created only when the server has none.
        let patientName = plan.patient?.ref.map { "\(clinic.mrnSystem)|\($0)" } ?? "\(clinic.mrnSystem)|plan:\(plan.id)"
        var patient: [String: Any] = [
            "resourceType": "Patient", "name": [["text": plan.patient?.name ?? ""]],
            "text": narrative(
                "Patient \(plan.patient?.name ?? "")\(plan.patient?.ref.map { ", record number \($0)" } ?? "")"),
        ]
        // The year of birth and the sex the norms of the outcome measures use (a FHIR date may be a year).
        if let born = plan.patient?.born { patient["birthDate"] = String(format: "%04d", born) }
        if let sex = plan.patient?.sex { patient["gender"] = sex.rawValue }
        var patientQuery: String?
        if let ref = plan.patient?.ref {
            patient["identifier"] = [
                [
                    "use": "usual", "system": clinic.mrnSystem, "value": ref,
                    "type": [
                        "coding": [
                            [
                                "system": "http://terminology.hl7.org/CodeSystem/v2-0203", "code": "MR",
                                "display": "Medical record number",
                            ]
                        ], "text": "Medical record number",
                    ],
                ]
            ]
            patientQuery = "identifier=" + Self.queryEscaped("\(clinic.mrnSystem)|\(ref)")
        }
        let patientRef = add(patientName, patient, ifNoneExist: patientQuery)

        // Who asks for the exercises and supervises what the check keeps for the clinic: the plan's
        // clinician, or (without one) the care team as an Organization.
        let carePlanName = "\(patientName)|careplan|\(plan.id)"
        let clinician: String
        let hasPractitioner = plan.careTeam?.clinician != nil
        if let name = plan.careTeam?.clinician {
            clinician = add(
                "\(clinic.mrnSystem)|practitioner|\(name)",
                ["resourceType": "Practitioner", "name": [["text": name]], "text": narrative("Clinician \(name)")])
        } else {
            var org: [String: Any] = [
                "resourceType": "Organization", "name": "Care team of \(plan.title)",
                "text": narrative("Care team of \(plan.title)"),
            ]
            if let contact = plan.careTeam?.contact { org["telecom"] = [["system": "phone", "value": contact]] }
            clinician = add("\(carePlanName)|care-team", org)
        }
        let noteBy: [String: Any] = ["authorReference": ["reference": clinician], "time": asOf]
        let carePlanRef = "urn:uuid:" + NameUUID.v5(carePlanName)

        // One ServiceRequest per item, named by the item's key (exercise id, `#2` for a second item
        // of the same exercise).
        var activities: [[String: Any]] = []
        let keys = ItemKey.keys(plan)
        let doseOf: [Int: Dose] = Dictionary(
            week.days.flatMap(\.sessions).map { ($0.item, $0.dose) }, uniquingKeysWith: { a, _ in a })
        for d in week.safety.items {
            let item = plan.items[d.index]
            let exercise = workspace.exercise(d.performed)
            let dose = doseOf[d.index] ?? (exercise?.dose ?? Dose()).overridden(by: item.dose)
            var instruction = (exercise?.steps ?? []).enumerated().map { "\($0 + 1). \($1)" }.joined(separator: " ")
            instruction =
                DoseWords.text(dose, inBrace: d.inBrace) + "."
                + (instruction.isEmpty ? "" : " " + instruction)
            if let notes = item.notes { instruction += " " + notes }
            if d.decision == .supervised { instruction = "Only with your physiotherapist, not at home. " + instruction }
            let planBlocked = week.safety.status == .blocked
            // Kept while exercise is stopped: a spinal precaution (brace, log roll) and the warning
            // signs to know — active, on their timing, never "not now".
            let kept = d.decision == .precaution || (d.decision.isOnRoutine && exercise?.judgedKind == .education)
            let stopped = !kept && (d.decision == .blocked || planBlocked)
            if stopped { instruction = "Not now: do not do this exercise until your care team says so. " + instruction }
            var note = "Safety check \(week.safety.asOf.map { "as of \($0)" } ?? ""): \(d.decision.rawValue)"
            if !d.changes.isEmpty { note += " — " + d.changes.joined(separator: "; ") }
            if !d.rules.isEmpty { note += " (rules: " + d.rules.map(\.rawValue).joined(separator: ", ") + ")" }
            let name = exercise?.name ?? d.exercise.rawValue
            var request: [String: Any] = [
                "resourceType": "ServiceRequest",
                // A blocked item is withdrawn (the IG allows no doNotPerform); every other item of a
                // blocked plan — blocked ones too, which may come back when the plan does — is
                // suspended with it until the team reassesses; a precaution stays active; a
                // supervised one is active, for the clinician to do with the patient.
                "status": kept ? "active" : planBlocked ? "on-hold" : d.decision == .blocked ? "revoked" : "active",
                "intent": "original-order",
                "category": [
                    paCategory,
                    ["coding": [["system": snomed, "code": "91251008", "display": "Physical therapy procedure"]]],
                ],
                "code": [
                    "coding": [["system": snomed, "code": "229065009", "display": "Exercise therapy"]], "text": name,
                ],
                "subject": ["reference": patientRef],
                "requester": ["reference": clinician],
                "basedOn": [["reference": carePlanRef]],
                "reasonCode": [["text": plan.title]],
                "patientInstruction": instruction,
                "note": [noteBy.merging(["text": note]) { a, _ in a }],
                "text": narrative(
                    "\(name): \(kept && planBlocked ? "kept while exercise is stopped, \(item.frequency.description)" : planBlocked ? "suspended: the plan is stopped" : d.decision == .blocked ? "withdrawn by the safety check" : d.decision == .supervised ? "with the clinician only" : item.frequency.description). \(note)"
                ),
            ]
            if let start = plan.start { request["authoredOn"] = start.description }
            if hasPractitioner { request["meta"] = profile("pa-servicerequest") }
            if d.decision == .supervised {
                // Done in clinic: performed by the clinician (or the team), not on the home timing.
                request["performer"] = [["reference": clinician]]
            } else {
                request["performer"] = [["reference": patientRef]]
                if !stopped {
                    if let t = timing(item.frequency) {
                        request["occurrenceTiming"] = t
                    } else {
                        request["asNeededBoolean"] = true
                    }
                }
            }
            let ref = add("\(carePlanName)|item|\(keys[d.index])", request)
            activities.append(["reference": ["reference": ref]])
        }

        // Urgent and within-24-hours alerts as Flags a receiving system can act on.
        var flags: [[String: Any]] = []
        for a in week.safety.alerts where a.level <= .within24h {
            let (code, display) = a.level == .urgent ? ("PH", "High priority") : ("PM", "Medium priority")
            let flag: [String: Any] = [
                "resourceType": "Flag", "status": "active",
                "extension": [
                    [
                        "url": "http://hl7.org/fhir/StructureDefinition/flag-priority",
                        "valueCodeableConcept": [
                            "coding": [
                                [
                                    "system": "http://terminology.hl7.org/CodeSystem/flag-priority-code",
                                    "code": code, "display": display,
                                ]
                            ]
                        ],
                    ]
                ],
                "category": [
                    [
                        "coding": [
                            [
                                "system": "http://terminology.hl7.org/CodeSystem/flag-category", "code": "clinical",
                                "display": "Clinical",
                            ]
                        ]
                    ]
                ],
                "code": ["text": "\(a.level.rawValue): \(a.message)"],
                "subject": ["reference": patientRef], "period": ["start": asOf], "author": ["reference": clinician],
                "text": narrative("\(a.level.rawValue): \(a.message) (rule \(a.rule); \(a.source))"),
            ]
            flags.append(["reference": add("\(carePlanName)|flag|\(a.rule)", flag)])
        }

        var notes = [
            noteBy.merging([
                "text": "Safety status \(week.safety.status.rawValue)\(week.safety.asOf.map { " as of \($0)" } ?? "")"
            ]) { a, _ in a }
        ]
        for a in week.safety.alerts {
            notes.append(
                noteBy.merging(["text": "\(a.level.rawValue): \(a.message) (rule \(a.rule); \(a.source))"]) { a, _ in a
                })
        }
        var carePlan: [String: Any] = [
            "resourceType": "CarePlan",
            "meta": profile("pa-careplan"),
            "status": week.safety.status == .blocked ? "on-hold" : "active",
            "intent": "plan",
            "category": [
                [
                    "coding": [
                        ["system": "http://hl7.org/fhir/us/core/CodeSystem/careplan-category", "code": "assess-plan"]
                    ]
                ],
                paCategory,
            ],
            "title": plan.title,
            "subject": ["reference": patientRef],
            "author": ["reference": clinician],
            "activity": activities,
            "note": notes,
            "text": narrative(
                "\(plan.title): \(plan.items.count) exercises, safety status \(week.safety.status.rawValue)"
                    + (week.safety.status == .blocked
                        ? "; the home programme is stopped until the care team reassesses" : "")),
        ]
        if !flags.isEmpty { carePlan["supportingInfo"] = flags }
        if let start = plan.start {
            carePlan["period"] = [
                "start": start.description, "end": start.adding(days: plan.weeks * 7 - 1).description,
            ]
        }
        // The CarePlan right after the Patient (and the clinician).
        let id = NameUUID.v5(carePlanName)
        carePlan["id"] = id
        entries.insert(
            ["fullUrl": carePlanRef, "resource": carePlan, "request": ["method": "PUT", "url": "CarePlan/\(id)"]], at: 2
        )

        observations(
            plan: plan, workspace: workspace, log: log, name: carePlanName, patient: patientRef,
            carePlan: carePlanRef, today: today ?? LocalDate(String(generated.prefix(10))), clinic: clinic
        ) { add($0, $1) }

        let bundle: [String: Any] = [
            "resourceType": "Bundle", "type": "transaction", "timestamp": generated, "entry": entries,
        ]
        guard
            let data = try? JSONSerialization.data(
                withJSONObject: bundle, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        else { return "" }
        // No bidirectional override or other invisible character of a note or title in any value
        // (JSON writes them raw; dropping them leaves the JSON valid).
        return UserText.plain(String(decoding: data, as: UTF8.self)) + "\n"
    }

    /// A search parameter's value as a URL query writes it.
    static func queryEscaped(_ s: String) -> String {
        var allowed = CharacterSet.urlQueryAllowed
        allowed.remove(charactersIn: "&=+#")
        return s.addingPercentEncoding(withAllowedCharacters: allowed) ?? s
    }

    /// The log's Observations: pain per day; moderate-or-vigorous exercise minutes per day, and per
    /// week the days and the minutes; each red flag reported.
    static func observations(
        plan: Plan, workspace: Workspace, log: [Logged], name: String, patient: String, carePlan: String,
        today: LocalDate?, clinic: ClinicIdentity = ClinicIdentity(), add: (String, [String: Any]) -> Void
    ) {
        /// A day that is over (without a today, every day: fail towards writing what was logged).
        func past(_ d: LocalDate) -> Bool { today.map { d < $0 } ?? true }
        func observation(
            _ key: String, profileID: String?, category: [[String: Any]], code: (String, String, String),
            value: [String: Any], date: LocalDate, status: String, text: String
        ) {
            var o: [String: Any] = [
                "resourceType": "Observation", "status": status, "category": category,
                "code": ["coding": [["system": code.0, "code": code.1, "display": code.2]]],
                "subject": ["reference": patient], "basedOn": [["reference": carePlan]],
                "performer": [["reference": patient]], "effectiveDateTime": date.description,
                "text": narrative(text + (status == "final" ? "" : " (\(status))")),
            ]
            if let profileID { o["meta"] = profile(profileID) }
            o.merge(value) { a, _ in a }
            add("\(name)|\(key)", o)
        }
        let survey: [[String: Any]] = [["coding": [["system": obsCategory, "code": "survey", "display": "Survey"]]]]
        let activity: [[String: Any]] = [
            ["coding": [["system": obsCategory, "code": "activity", "display": "Activity"]]], paCategory,
        ]
        func quantity(_ v: Double, _ unit: String) -> [String: Any] {
            ["valueQuantity": ["value": (v * 10).rounded() / 10, "unit": unit, "system": ucum, "code": unit]]
        }
        func words(_ v: Double) -> String { v == v.rounded() ? String(Int(v)) : String((v * 10).rounded() / 10) }

        // Pain per day: the day's pain entry, else the highest pain of its sessions.
        func pain(_ entries: [Logged]) -> Int? {
            var day: Int?
            var session: Int?
            for e in entries {
                switch e.what {
                case .pain(let p): day = p
                case .session(_, _, let p?): session = max(session ?? 0, p)
                default: break
                }
            }
            return day ?? session
        }
        // Minutes that count, per entry.
        func counted(_ e: Logged) -> Double {
            if case .session(let exercise, let minutes, _) = e.what, countsAsExercise(workspace.exercise(exercise)) {
                return minutes
            }
            return 0
        }
        let byDay = Dictionary(grouping: log, by: \.date)
        for date in byDay.keys.sorted() {
            let all = byDay[date]!
            let live = all.filter { !$0.voided }
            let voided = all.filter(\.voided)
            if let p = pain(live) ?? pain(voided) {
                let st = status(live: pain(live) != nil, voided: pain(voided) != nil)
                observation(
                    "pain|\(date)", profileID: nil, category: survey,
                    code: (loinc, "72514-3", "Pain severity - 0-10 verbal numeric rating [Score] - Reported"),
                    value: ["valueInteger": p], date: date, status: st, text: "Pain \(p)/10 on \(date)")
            }
            let liveMinutes = live.map(counted).reduce(0, +)
            let voidedMinutes = voided.map(counted).reduce(0, +)
            if liveMinutes > 0 || voidedMinutes > 0, past(date) {
                let m = liveMinutes > 0 ? liveMinutes : voidedMinutes
                observation(
                    "minutes|\(date)", profileID: "pa-observation-evs-min-per-day", category: activity,
                    code: (
                        loinc, "68516-4",
                        "On those days that you engage in moderate to strenuous exercise, how many minutes, on average, do you exercise"
                    ),
                    value: quantity(m, "min/d"), date: date,
                    status: status(live: liveMinutes > 0, voided: voidedMinutes > 0),
                    text: "\(words(m)) minutes of moderate or vigorous exercise on \(date)")
            }
            // One Observation per red flag and day: a report voided and made again is `amended`.
            var reports: [RedFlag: (live: Bool, voided: Bool)] = [:]
            var order: [RedFlag] = []
            for e in all {
                guard case .symptom(let flag) = e.what else { continue }
                if reports[flag] == nil { order.append(flag) }
                var r = reports[flag] ?? (false, false)
                if e.voided { r.voided = true } else { r.live = true }
                reports[flag] = r
            }
            for flag in order {
                let st = status(live: reports[flag]!.live, voided: reports[flag]!.voided)
                var code: [String: Any] = ["text": "Red flag reported: \(flag.words)"]
                if let (c, d) = redFlagCodes[flag] { code["coding"] = [["system": snomed, "code": c, "display": d]] }
                let o: [String: Any] = [
                    "resourceType": "Observation", "status": st,
                    "category": survey, "code": code, "valueBoolean": true,
                    "subject": ["reference": patient], "basedOn": [["reference": carePlan]],
                    "performer": [["reference": patient]], "effectiveDateTime": date.description,
                    "text": narrative("Red flag reported on \(date): \(flag.words)\(st == "final" ? "" : " (\(st))")"),
                ]
                add("\(name)|symptom|\(date)|\(flag.rawValue)", o)
            }
        }
        measureObservations(log, name: name, patient: patient, carePlan: carePlan, clinic: clinic, add: add)
        // Per week of the plan the log covers: days with exercise that counts, and its minutes.
        let byWeek = Dictionary(grouping: log) { plan.week(of: $0.date) ?? 0 }
        for (w, entries) in byWeek.sorted(by: { $0.key < $1.key }) where w >= 1 {
            guard let last = plan.firstDay(ofWeek: w)?.adding(days: 6), past(last) else { continue }
            func summary(_ es: [Logged]) -> (days: Int, minutes: Double) {
                let perDay = Dictionary(grouping: es, by: \.date).mapValues { $0.map(counted).reduce(0, +) }
                return (perDay.values.filter { $0 > 0 }.count, perDay.values.reduce(0, +))
            }
            let live = summary(entries.filter { !$0.voided })
            let voided = summary(entries.filter(\.voided))
            guard live.days > 0 || voided.days > 0 else { continue }
            let st = status(live: live.days > 0, voided: voided.days > 0)
            let shown = live.days > 0 ? live : voided
            observation(
                "days|week-\(w)", profileID: "pa-observation-evs-days-per-week", category: activity,
                code: (
                    loinc, "89555-7",
                    "How many days per week did you engage in moderate to strenuous physical activity in the last 30 days"
                ),
                value: quantity(Double(shown.days), "d/wk"), date: last, status: st,
                text: "\(shown.days) days of moderate or vigorous exercise in week \(w)")
            observation(
                "minutes|week-\(w)", profileID: "pa-observation-evs-min-per-week", category: activity,
                code: (loinc, "82290-8", "Frequency of moderate to vigorous aerobic physical activity"),
                value: quantity(shown.minutes, "min/wk"), date: last, status: st,
                text: "\(words(shown.minutes)) minutes of moderate or vigorous exercise in week \(w)")
        }
    }

    /// One Observation per outcome measure (test, side and day): LOINC where the test has a code, else
    /// the clinic's code system; the value in UCUM (a whole-number score as an integer); performed by
    /// the clinician, so no performer is claimed. A measure voided and taken again is `amended`.
    static func measureObservations(
        _ log: [Logged], name: String, patient: String, carePlan: String, clinic: ClinicIdentity,
        add: (String, [String: Any]) -> Void
    ) {
        var slots: [String: (test: OutcomeTest, date: LocalDate, side: String?, live: Double?, voided: Double?)] = [:]
        var order: [String] = []
        for e in log {
            guard case .measure(let test, let value, let side) = e.what else { continue }
            let key = "\(e.date)|\(test.id)|\(side ?? "")"
            if slots[key] == nil {
                order.append(key)
                slots[key] = (test, e.date, side, nil, nil)
            }
            if e.voided { slots[key]!.voided = value } else { slots[key]!.live = value }
        }
        for key in order {
            let m = slots[key]!
            let value = m.live ?? m.voided!
            let t = m.test
            let st = status(live: m.live != nil, voided: m.voided != nil)
            let coding: [String: Any] =
                t.loinc.map { ["system": loinc, "code": $0, "display": t.name] }
                ?? ["system": outcomeTestSystem(clinic), "code": t.id, "display": t.name]
            var o: [String: Any] = [
                "resourceType": "Observation", "status": st,
                "category": [["coding": [["system": obsCategory, "code": "exam", "display": "Exam"]]]],
                "code": ["coding": [coding], "text": t.name],
                "subject": ["reference": patient], "basedOn": [["reference": carePlan]],
                "effectiveDateTime": m.date.description,
                "text": narrative(
                    "\(t.name)\(m.side.map { " (\($0))" } ?? ""): \(OutcomeTest.text(value)) \(t.unit) on \(m.date)\(st == "final" ? "" : " (\(st))")"
                ),
            ]
            if t.whole && t.ucum == "{score}" {
                o["valueInteger"] = Int(value)
            } else {
                o["valueQuantity"] = ["value": value, "unit": t.unit, "system": ucum, "code": t.ucum]
            }
            if let side = m.side { o["bodySite"] = ["text": t.id == "grip-strength" ? "\(side) hand" : "\(side) side"] }
            add("\(name)|measure|\(key)", o)
        }
    }
}
