import YAMLReader

/// Reads one plan file (FORMAT.md §2). The profile behind `safety_profile` is loaded by the
/// workspace loader, which knows the other files.
enum PlanReader {
    static let keys = [
        "id", "title", "template", "patient", "care_team", "start", "weeks", "rest_days",
        "daily_minutes_limit", "safety", "safety_profile", "items", "pauses",
    ]
    static let itemKeys = ["exercise", "frequency", "time", "dose", "rest_day_between", "notes", "progression"]
    static let progressionKeys = ["every_weeks", "add", "up_to", "when", "else"]

    static func read(_ root: YAMLNode, _ r: NodeReader) -> Plan? {
        guard let f = r.fields(root, "a plan", known: keys, required: ["id", "title", "weeks", "items"]) else {
            return nil
        }
        let id = r.identifier(f["id"], "id")
        let title = r.string(f["title"], "title")
        let isTemplate = f["template"].map { r.bool($0, "template") ?? false } ?? false
        let patient = f["patient"].flatMap { readPatient($0, r) }
        let careTeam = f["care_team"].flatMap { readCareTeam($0, r, template: isTemplate) }
        let start = r.date(f["start"], "start")
        let weeks = r.int(f["weeks"], "weeks", in: 1...52)
        let restDays = r.list(f["rest_days"], "rest_days") { r.word($0, "weekday", as: Weekday.self) } ?? []
        if let node = f["rest_days"], Set(restDays).count < restDays.count {
            r.warning("rest_days names a day twice", at: node)
        }
        if let node = f["rest_days"], Set(restDays).count == 7 {
            r.error("every day is a rest day: nothing can be scheduled", at: node)
        }
        let limit = r.int(f["daily_minutes_limit"], "daily_minutes_limit", in: 1...1440, unit: "minutes")
        let safety = f["safety"].flatMap { ProfileReader.read($0, r) }
        let profilePath = r.located(f["safety_profile"], "safety_profile")
        let items = r.list(f["items"], "items") { readItem($0, r) }
        if let node = f["items"], node.sequence?.isEmpty == true {
            r.error("a plan needs at least one item", at: node)
        }

        // Template rules: a template has no patient and is not printed until applied; a plan for a
        // patient needs the patient, a start date and a safety profile (no profile, no check).
        if isTemplate {
            for key in ["patient", "start", "safety", "safety_profile"] {
                if let k = f.key(key) {
                    r.error(
                        "a template has no '\(key)'", at: k,
                        notes: ["remove '\(key)', or set 'template: false' to make this a patient's plan"])
                }
            }
        } else {
            if !f.has("care_team") {
                r.error(
                    "a plan for a patient needs 'care_team' with the 'urgent' line", at: root,
                    notes: [
                        "add 'care_team: {contact: \"the team's line and number\", urgent: \"the 24-hour acute oncology line and number\"}': a patient with possible cord compression must read a number that answers at night"
                    ])
            }
            for key in ["patient", "start"] where !f.has(key) {
                r.error(
                    "a plan for a patient needs '\(key)'", at: root,
                    notes: ["add '\(key)', or set 'template: true' for a reusable template"])
            }
            if !f.has("safety"), !f.has("safety_profile") {
                r.error(
                    "a plan for a patient needs a safety profile", at: root,
                    notes: [
                        "add 'safety:' inline or 'safety_profile: ../Patients/NAME.yaml'; without one the plan cannot be checked"
                    ])
            }
        }
        if let both = f.key("safety_profile"), f.has("safety") {
            r.error(
                "give the safety profile inline or as a file, not both", at: both,
                notes: ["remove 'safety' or 'safety_profile'"])
        }

        let pauses = readPauses(f["pauses"], r, start: start, weeks: weeks)
        if isTemplate, let k = f.key("pauses") {
            r.error("a template has no 'pauses'", at: k, notes: ["pause a patient's plan, not the template"])
        }

        guard let id, let title, let weeks, let items, !items.isEmpty else { return nil }
        if !isTemplate, patient == nil || start == nil { return nil }
        if f.has("safety"), safety == nil { return nil }
        return Plan(
            id: id.value, title: title, isTemplate: isTemplate, patient: patient, careTeam: careTeam,
            start: start, weeks: weeks, restDays: restDays, dailyMinutesLimit: limit, safety: safety,
            safetyProfilePath: profilePath, items: items, file: r.file, location: id.location, pauses: pauses)
    }

    /// `pauses: [{from, to, reason}]`: each `to` on or after its `from`, no two overlapping (an
    /// open-ended pause runs on for ever), sorted by `from`; a pause wholly outside the plan's weeks is
    /// a warning.
    static func readPauses(_ node: YAMLNode?, _ r: NodeReader, start: LocalDate?, weeks: Int?) -> [Pause] {
        let read =
            r.list(node, "pauses") { n -> (Pause, YAMLNode)? in
                guard let p = r.fields(n, "a pause", known: ["from", "to", "reason"], required: ["from"]),
                    let from = r.date(p["from"], "from")
                else { return nil }
                let to = r.date(p["to"], "to")
                if let to, to < from, let at = p["to"] {
                    r.error(
                        "the pause ends (to: \(to)) before it begins (from: \(from))", at: at,
                        notes: ["'to' is the last paused day: on or after 'from'"])
                    return nil
                }
                return (Pause(from: from, to: to, reason: r.string(p["reason"], "reason"), location: r.location(n)), n)
            } ?? []
        let sorted = read.sorted { $0.0.from < $1.0.from }
        for (a, b) in zip(sorted, sorted.dropFirst()) where a.0.to.map({ $0 >= b.0.from }) ?? true {
            r.error(
                "this pause (from \(b.0.from)) overlaps the pause from \(a.0.from)", at: b.1,
                notes: [
                    a.0.to == nil
                        ? "the pause from \(a.0.from) has no 'to': give it its last day"
                        : "merge the two, or end the first before the second begins"
                ])
        }
        if let start, let weeks {
            let end = start.adding(days: 7 * weeks - 1)
            for (p, n) in read where p.from > end || p.to.map({ $0 < start }) == true {
                r.warning("the pause from \(p.from) lies outside the plan (\(start) to \(end))", at: n)
            }
        }
        return sorted.map(\.0)
    }

    /// `care_team`: the team's line (`contact`, "call today", "next visit") and the 24-hour urgent
    /// line (`urgent`, "stop and call now", the stop page). A patient's plan needs both, each with a
    /// phone number, and neither may still be `rehab new plan`'s placeholder.
    static func readCareTeam(_ node: YAMLNode, _ r: NodeReader, template: Bool) -> CareTeam? {
        guard
            let c = r.fields(
                node, "care_team", known: ["contact", "urgent", "clinician"],
                required: template ? [] : ["contact", "urgent"])
        else { return nil }
        let what = [
            "contact": "the team's line (call today, next visit)",
            "urgent": "the 24-hour urgent line (acute oncology or the cord-compression pathway)",
        ]
        func number(_ key: String) -> String? {
            guard let n = c[key], let s = r.string(n, "care_team.\(key)") else { return nil }
            if isPlaceholder(s) {
                r.error(
                    "care_team.\(key) is still a placeholder", at: n,
                    notes: ["write \(what[key]!) with its phone number, as the patient should read it"])
            } else if !hasNumber(s) {
                r.error(
                    "care_team.\(key) '\(s)' has no phone number", at: n,
                    notes: ["write \(what[key]!) with its number, such as 'Acute oncology 24-hour line 555 0199'"])
            }
            return s
        }
        return CareTeam(
            contact: number("contact"), urgent: number("urgent"), clinician: r.string(c["clinician"], "clinician"))
    }

    /// `rehab new plan`'s placeholder, spaces before it and case aside. ASCII text (nearly every line)
    /// is answered on its bytes, without Foundation's trimming and a new upper-case string: the same
    /// answer, as no ASCII character changes length in upper case and only space and tab are
    /// whitespace among them.
    static func isPlaceholder(_ s: String) -> Bool {
        let prefix = CareTeam.placeholderPrefix.utf8
        guard s.utf8.allSatisfy({ $0 < 0x80 }) else {
            return s.trimmingCharacters(in: .whitespaces).uppercased().hasPrefix(CareTeam.placeholderPrefix)
        }
        let text = s.utf8.drop { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }
        return text.count >= prefix.count
            && zip(text, prefix).allSatisfy { a, b in
                (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(a) ? a - 32 == b : a == b
            }
    }

    /// Whether the text holds a number (a digit of any script); in ASCII text, a digit 0–9.
    static func hasNumber(_ s: String) -> Bool {
        s.utf8.allSatisfy { $0 < 0x80 }
            ? s.utf8.contains { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) } : s.contains(where: \.isNumber)
    }

    static func readPatient(_ node: YAMLNode, _ r: NodeReader) -> Patient? {
        guard let p = r.fields(node, "patient", known: ["name", "ref", "born", "sex"], required: ["name"]),
            let name = r.string(p["name"], "patient name")
        else { return nil }
        // The year of birth only (enough for the norms' age bands, less identifying than a date).
        return Patient(
            name: name, ref: r.string(p["ref"], "patient ref"),
            born: r.int(p["born"], "patient born (year of birth)", in: 1900...2100),
            sex: r.word(p["sex"], "patient sex", as: Sex.self))
    }

    static func readItem(_ node: YAMLNode, _ r: NodeReader) -> PlanItem? {
        guard let f = r.fields(node, "a plan item", known: itemKeys, required: ["exercise", "frequency"]) else {
            return nil
        }
        let exercise = r.identifier(f["exercise"], "exercise")
        let frequency = f["frequency"].flatMap { readFrequency($0, r) }
        let time = r.word(f["time"], "time", as: TimeOfDay.self)
        let dose = f["dose"].flatMap { DoseReader.read($0, r, "dose", requireAmount: false) }
        let restDayBetween = r.bool(f["rest_day_between"], "rest_day_between")
        let notes = r.string(f["notes"], "notes")
        let progression = f["progression"].flatMap { readProgression($0, r) }
        if restDayBetween == true, let frequency, let node = f["rest_day_between"] {
            switch frequency {
            case .perWeek: break
            default:
                r.error(
                    "rest_day_between needs an N/week frequency; '\(frequency)' is done every day", at: node,
                    notes: ["use for example 3/week with rest_day_between: true, or remove rest_day_between"])
            }
        }
        if let p = f["progression"], let frequency, frequency == .allDay || frequency == .asNeeded {
            r.warning("an item that is '\(frequency)' has no dose to progress", at: p)
        }
        guard let exercise, let frequency else { return nil }
        return PlanItem(
            exercise: exercise, frequency: frequency, time: time ?? .any, dose: dose,
            restDayBetween: restDayBetween ?? false, notes: notes, progression: progression,
            location: r.location(node))
    }

    static func readFrequency(_ node: YAMLNode, _ r: NodeReader) -> Frequency? {
        guard let text = r.string(node, "frequency") else { return nil }
        guard let f = Frequency(text) else {
            r.error(
                "unknown frequency '\(text)'", at: node,
                notes: [
                    Frequency(words: text).map { "did you mean '\($0)'?" }
                        ?? DidYouMean.note(for: text, in: ["daily", "all-day", "as-needed"])
                        ?? "write daily, N/day, N/week, all-day or as-needed (for example 3/week)"
                ])
            return nil
        }
        switch f {
        case .perWeek(let n) where !(1...7).contains(n):
            r.error(
                "frequency '\(text)' must be 1/week to 7/week", at: node,
                notes: n > 7 ? ["for more than once a day write N/day"] : [])
            return nil
        case .perDay(let n) where !(1...12).contains(n):
            r.error("frequency '\(text)' must be 1/day to 12/day", at: node)
            return nil
        default:
            return f
        }
    }

    static func readProgression(_ node: YAMLNode, _ r: NodeReader) -> Progression? {
        guard let f = r.fields(node, "progression", known: progressionKeys, required: ["add"]) else { return nil }
        let every = r.int(f["every_weeks"], "every_weeks", in: 1...52)
        let add = f["add"].flatMap { DoseReader.read($0, r, "progression step", requireAmount: false) }
        let upTo = f["up_to"].flatMap { DoseReader.read($0, r, "progression ceiling", requireAmount: false) }
        let when = f["when"].flatMap { node -> ProgressionCondition? in
            guard let w = r.fields(node, "progression condition", known: ["pain_at_most", "adherence_at_least"])
            else { return nil }
            return ProgressionCondition(
                painAtMost: r.int(w["pain_at_most"], "pain_at_most", in: 0...10),
                adherenceAtLeast: r.number(w["adherence_at_least"], "adherence_at_least", in: 0...1))
        }
        let otherwise = r.word(f["else"], "else", as: ProgressionFallback.self)
        if let addNode = f["add"], let add {
            if add.side != nil { r.error("a progression step cannot change the side", at: addNode) }
            if add.isEmpty { r.error("a progression step must add something", at: addNode) }
            if let upTo, let upNode = f["up_to"] {
                for key in Dose.numericKeys where upTo[key] != nil && add[key] == nil {
                    r.warning("up_to limits '\(key)', which the step does not add to", at: upNode)
                }
            }
        }
        guard let add else { return nil }
        return Progression(everyWeeks: every ?? 1, add: add, upTo: upTo, when: when, otherwise: otherwise ?? .hold)
    }
}
