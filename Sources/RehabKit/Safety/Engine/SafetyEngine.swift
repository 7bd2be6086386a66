/// Decides, for a profile, which rules fire and what that means for each item of a plan.
/// Precedence (SAFETY.md): per item the most restrictive outcome wins, whichever rule gives it —
/// blocked > supervised > modified > allowed. A block from any rule is never softened by another
/// rule; supervision, brace marks and intensity caps apply only to items no rule blocks; movement
/// blocks add up.
public struct SafetyEngine: Sendable {
    public var rules: [SafetyRule]
    public var ruleChanges: [RuleChange]
    /// The day the check runs, when it differs from the date checked for (printing a week that
    /// started earlier): clinical dates may not lie after it. Nil: the date checked for.
    public var today: LocalDate?

    /// Rules whose decision can change with the date checked.
    let dated: [SafetyRule]

    public init(rules: [SafetyRule], changes: [RuleChange] = [], today: LocalDate? = nil) {
        self.rules = rules
        self.ruleChanges = changes
        self.today = today
        self.dated = rules.filter { $0.when.dependsOnDate }
    }

    public init(_ set: RuleSet, today: LocalDate? = nil) {
        self.init(rules: set.rules, changes: set.changes, today: today)
    }

    /// Whether one rule applies to a profile tree.
    public static func evaluate(_ rule: SafetyRule, _ view: ProfileView) -> FiredRule? {
        var missing: [String] = []
        let truth = rule.when.evaluate(view, missing: &missing)
        switch truth {
        case .yes:
            return FiredRule(rule: rule, truth: .yes, missing: missing.isEmpty ? [] : Array(Set(missing)).sorted())
        case .undecided where rule.whenMissing == .apply:
            return FiredRule(rule: rule, truth: .undecided, missing: Array(Set(missing)).sorted())
        default: return nil
        }
    }

    /// The rules that fire for a profile, with the restrictions its clearances carry as one more rule.
    public func fired(for profile: SafetyProfile, asOf: LocalDate?) -> [FiredRule] {
        let view = ProfileView(profile, asOf: asOf)
        var out = rules.compactMap { Self.evaluate($0, view) }
        if let restrictions = ClearanceRestrictions.rule(for: profile, asOf: asOf) {
            out.append(FiredRule(rule: restrictions, truth: .yes, missing: []))
        }
        return out
    }

    /// Checks a plan against its profile as of a date (for stale assessments). Nil for a plan
    /// without a profile (a template, or one whose profile could not be read).
    ///
    /// `reusing`: an earlier report of the same plan (another week). When the same rules fire
    /// for the new date and every date of the profile lies on or before both, its decisions stand
    /// and only the date changes.
    public func check(_ plan: Plan, in workspace: Workspace, asOf: LocalDate?, reusing earlier: SafetyReport? = nil)
        -> SafetyReport?
    {
        guard let profile = plan.safety else { return nil }
        if var earlier, earlier.plan.id == plan.id, let asOf, let before = earlier.asOf,
            profile.writtenDates.allSatisfy({ $0.date <= min(today ?? asOf, asOf, before) })
        {
            let view = ProfileView(profile, asOf: asOf)
            let was = Set(earlier.fired.map(\.rule.id))
            let renewal = earlier.alerts.contains { $0.rule == Self.clearanceRenewalRule }
            if dated.allSatisfy({ (Self.evaluate($0, view) != nil) == was.contains($0.id) }),
                (Self.clearanceRenewal(profile, fired: earlier.fired, asOf: asOf) != nil) == renewal
            {
                earlier.asOf = asOf
                return earlier
            }
        }
        let fired = fired(for: profile, asOf: asOf)
        let context = EffectContext(profile: profile, asOf: asOf)
        var items: [ItemDecision] = []
        for (index, item) in plan.items.enumerated() {
            guard let exercise = workspace.exercise(item.exercise.value) else {
                // An unknown exercise cannot be judged, so it is never done (validation reports it).
                items.append(
                    ItemDecision(
                        index: index, exercise: ExerciseID(item.exercise.value), decision: .blocked, rules: [],
                        changes: ["unknown exercise: not in the library"], replacement: nil, inBrace: false))
                continue
            }
            var d = decide(exercise, fired: fired, context: context, workspace: workspace)
            d.index = index
            items.append(d)
        }

        let notes = ProfileNotes(profile: profile, asOf: asOf, fired: fired, rules: rules)
        var alerts: [SafetyAlert] = []
        var acknowledged: [AcknowledgedAlert] = []
        for alert in Self.reportedAlerts(fired) {
            if let ack = notes.counted[alert.rule] {
                acknowledged.append(AcknowledgedAlert(alert: alert, acknowledgement: ack))
            } else {
                alerts.append(alert)
            }
        }
        if let renewal = Self.clearanceRenewal(profile, fired: fired, asOf: asOf) { alerts.append(renewal) }
        alerts.sort { ($0.level, $0.rule) < ($1.level, $1.rule) }
        let dateErrors = Self.dateErrors(profile, asOf: today ?? asOf)
        if !dateErrors.isEmpty {
            alerts.append(
                SafetyAlert(
                    level: .review, rule: "profile-dates",
                    message:
                        "A clinical date in the safety profile lies after \((today ?? asOf)!): correct it before this plan is used.",
                    patientMessage: "Your plan needs checking by your care team before you use it.",
                    source: "input check: no clinical date may lie in the future of the day checked",
                    origin: RuleSet.defaultOrigin))
        }

        var planEffects = PlanEffects()
        for f in fired { f.rule.then.apply(to: &planEffects) }
        // Exercise items: a plan of which only education and precautions are left is not a routine.
        let exerciseItems = items.filter {
            guard let e = workspace.exercise($0.exercise) else { return true }
            return !e.precaution && e.judgedKind != .education
        }
        var status: PlanStatus = .clear
        if items.contains(where: { $0.decision != .allowed && $0.decision != .precaution }) { status = .restricted }
        status = max(status, planEffects.minimumStatus)
        if alerts.contains(where: { $0.level == .urgent }) || !dateErrors.isEmpty
            || (!exerciseItems.isEmpty && exerciseItems.allSatisfy { $0.decision == .blocked })
        {
            status = .blocked
        }
        var limit = plan.dailyMinutesLimit
        if let l = limit, planEffects.dailyMinutesFactor < 1 {
            limit = max(1, Int(Double(l) * planEffects.dailyMinutesFactor))
        }
        let braced = fired.contains { $0.rule.then.require.contains(.brace) } ? profile.brace : nil
        return SafetyReport(
            plan: plan, status: status, alerts: alerts, acknowledged: acknowledged,
            missing: Array(Set(fired.flatMap(\.missing))).sorted(), items: items, fired: fired,
            dailyMinutesLimit: limit, asOf: asOf, braceRegimen: braced,
            dailyMinutesFactor: planEffects.dailyMinutesFactor, notes: notes.lines, dateErrors: dateErrors,
            ruleChanges: ruleChanges, lapsed: profile.lapses,
            acknowledgeSuggestions: AcknowledgementSuggestion.suggestions(
                profile, alerts: alerts, rules: rules, asOf: asOf))
    }

    /// The alerts of the fired rules, less those another fired rule's alert, at least as urgent,
    /// stands for (`superseded_by`; one episode, one urgency). The superseded rule's blocks stay.
    public static func reportedAlerts(_ fired: [FiredRule]) -> [SafetyAlert] {
        let alerts = fired.compactMap(\.alert)
        let level = Dictionary(alerts.map { ($0.rule, $0.level) }, uniquingKeysWith: min)
        return fired.compactMap { f in
            guard let alert = f.alert else { return nil }
            let covered = f.rule.supersededBy.contains { other in level[other].map { $0 <= alert.level } ?? false }
            return covered ? nil : alert
        }
    }

    /// Days after which a clearance that a fired rule relies on (or the post-operative clearance)
    /// is to be renewed: a review alert, never an urgent one (a design choice, SAFETY.md revisions
    /// of 2026-12-05).
    public static let clearanceRenewalDays = 90
    public static let clearanceRenewalRule: RuleID = "clearance-renewal"

    /// The "renew the clearance" alert, when a clearance in use is more than 90 days old on `asOf`.
    public static func clearanceRenewal(_ p: SafetyProfile, fired: [FiredRule], asOf: LocalDate?) -> SafetyAlert? {
        guard let asOf else { return nil }
        let teams = Set(fired.flatMap { $0.rule.then.clearedBy })
        let postOperative = p.postOperativeClearance(asOf: asOf)
        let old = (p.clearance ?? []).filter { c in
            (teams.contains(c.by) || c == postOperative) && c.date <= asOf && p.countsForThisAssessment(c.date)
                && c.date.days(to: asOf) > clearanceRenewalDays
        }
        guard !old.isEmpty else { return nil }
        let which = old.map { "\($0.by.rawValue) of \($0.date)" }.joined(separator: ", ")
        return SafetyAlert(
            level: .review, rule: clearanceRenewalRule,
            message:
                "Renew the clearance: the clearance by \(which) is more than \(clearanceRenewalDays) days old; ask the team to confirm it still holds.",
            patientMessage:
                "Your physiotherapist will check with your specialist team that your exercises are still right for you.",
            source: "Design choice: a clearance is confirmed again after 90 days", origin: RuleSet.defaultOrigin)
    }

    /// Clinical dates after the day checked: input errors at their place (SAFETY.md).
    /// `day` names the date in the message ("the day checked", "today").
    public static func dateErrors(_ profile: SafetyProfile, asOf: LocalDate?, day: String = "the day checked")
        -> [Diagnostic]
    {
        guard let asOf else { return [] }
        return profile.writtenDates.filter { $0.date > asOf }.map {
            .error(
                "\($0.field) \($0.date) lies after \(day), \(asOf)", at: $0.location,
                notes: ["a clinical date cannot be in the future: correct the date (a typo in the year?)"])
        }
    }

    /// Whether the check blocks a plan (an urgent alert, or every item blocked), with the urgent
    /// alerts — the answer of `check(…).status == .blocked`. Nil without a profile.
    public func blocks(_ plan: Plan, in workspace: Workspace, asOf: LocalDate?) -> [SafetyAlert]? {
        guard let report = check(plan, in: workspace, asOf: asOf), report.status == .blocked else { return nil }
        return report.alerts.filter { $0.level == .urgent }.sorted { $0.rule < $1.rule }
    }

    /// The decision for one exercise under the fired rules.
    public func decide(
        _ e: Exercise, fired: [FiredRule], profile: SafetyProfile, workspace: Workspace, asOf: LocalDate? = nil
    ) -> ItemDecision {
        decide(e, fired: fired, context: EffectContext(profile: profile, asOf: asOf), workspace: workspace)
    }

    func decide(_ e: Exercise, fired: [FiredRule], context: EffectContext, workspace: Workspace, depth: Int = 0)
        -> ItemDecision
    {
        var d = ItemDecision(
            index: 0, exercise: e.id, decision: .allowed, rules: [], changes: [], replacement: nil, inBrace: false)
        var blockAll: [RuleID] = []
        var tagBlocks: [(RuleID, [String])] = []
        var clearanceBlocks: [(RuleID, [ClinicalTeam])] = []
        var supervised: [RuleID] = []
        var cleared: [RuleID] = []
        var caps: [(RuleID, Intensity)] = []
        var brace: [RuleID] = []
        var kept: [RuleID] = []
        var doses: [(RuleID, DoseLimit)] = []
        for f in fired {
            for verdict in f.rule.then.verdicts(on: e, context: context) {
                switch verdict {
                case .blocked(.all): blockAll.append(f.rule.id)
                case .blocked(.tags(let tags)): tagBlocks.append((f.rule.id, tags))
                case .blocked(.clearance(let teams)): clearanceBlocks.append((f.rule.id, teams))
                case .keptAsPrecaution: kept.append(f.rule.id)
                case .supervised: supervised.append(f.rule.id)
                case .cleared: cleared.append(f.rule.id)
                case .cap(let c): caps.append((f.rule.id, c))
                case .brace: brace.append(f.rule.id)
                case .dose(let limit): doses.append((f.rule.id, limit))
                }
            }
        }

        // 1. Blocks, from whichever rule: never softened.
        if !blockAll.isEmpty || !tagBlocks.isEmpty || !clearanceBlocks.isEmpty {
            d.decision = .blocked
            d.rules = (blockAll + clearanceBlocks.map(\.0) + tagBlocks.map(\.0)).uniqued()
            if !blockAll.isEmpty { d.changes.append("all exercise stopped") }
            for (_, teams) in clearanceBlocks {
                let who = teams.map(\.rawValue).joined(separator: " or ")
                d.changes.append(
                    "needs clearance by \(who) recorded after the assessment\(context.profile.assessed.map { " of \($0)" } ?? "")"
                )
            }
            if !tagBlocks.isEmpty {
                d.changes.append("blocked: " + tagBlocks.flatMap(\.1).uniqued().joined(separator: ", "))
            }
            // Every rule that would have stopped it is named, caps included.
            if let cap = caps.map(\.1).min() {
                d.rules = (d.rules + caps.map(\.0)).uniqued()
                d.changes.append("\(e.intensity.rawValue) is above the cap of \(cap.rawValue)")
            }
            d.changes = d.changes.uniqued()
            return d
        }

        // 2. Intensity caps: the nearest easier variant within the cap that is on the home routine
        //    without changes of its own, else blocked.
        var current = e
        if let cap = caps.map(\.1).min() {
            let capIDs = caps.map(\.0).uniqued()
            if let easier = depth < 64
                ? easierVariant(of: e, within: cap, fired: fired, context: context, workspace: workspace, depth: depth)
                : nil
            {
                current = easier
                d.replacement = easier.id
                d.rules = capIDs
                d.changes = ["replaced by '\(easier.id)' (intensity capped at \(cap.rawValue))"]
            } else {
                d.decision = .blocked
                d.rules = capIDs
                d.changes = ["\(e.intensity.rawValue) is above the cap of \(cap.rawValue) and no easier variant fits"]
                return d
            }
        }

        // 4. Brace on upright work (judged on what is done).
        let braceRules =
            current === e
            ? brace
            : fired.filter { f in
                f.rule.then.verdicts(on: current, context: context).contains(.brace)
            }.map(\.rule.id)

        // Dose limits, judged on what is done: every kind through one path, the strictest of all.
        let doseRules =
            current === e
            ? doses
            : fired.flatMap { f in
                f.rule.then.verdicts(on: current, context: context).compactMap { v -> (RuleID, DoseLimit)? in
                    if case .dose(let limit) = v { return (f.rule.id, limit) }
                    return nil
                }
            }
        d.doseLimit = doseRules.map(\.1).reduce(.none) { $0.tightened(by: $1) }
        // A capped dose changes the item (modified); a slower pace alone does not.
        let capRules = doseRules.filter { !$0.1.most.isEmpty }.map(\.0)

        // 3. Supervision, judged on what is done: a cap that replaced the item binds (the easier
        //    variant was chosen because it is on the home routine as it is), so supervision of the
        //    harder original never brings it back.
        if !supervised.isEmpty, current === e {
            d.decision = .supervised
            d.rules = (cleared + supervised + braceRules + capRules).uniqued()
            d.changes =
                ["only with your physiotherapist"] + (braceRules.isEmpty ? [] : ["in your brace"]) + d.doseLimit.changes
            d.inBrace = !braceRules.isEmpty
            return d
        }
        if !braceRules.isEmpty {
            d.inBrace = true
            d.rules += braceRules
            d.changes.append("in your brace")
        }
        if !capRules.isEmpty {
            d.rules = (d.rules + capRules).uniqued()
            d.changes += d.doseLimit.changes
        }
        if !kept.isEmpty {
            // Exercise is stopped; a spinal precaution stays, as what to do while waiting.
            d.decision = .precaution
            d.rules = (kept + d.rules).uniqued()
            d.changes.insert("spinal precaution: kept while exercise is stopped", at: 0)
        } else {
            d.decision = d.changes.isEmpty ? .allowed : .modified
        }
        return d
    }

    /// Walks the `easier` ladder for the first variant within the cap that is on the home routine
    /// as it is (allowed, or only braced).
    func easierVariant(
        of e: Exercise, within cap: Intensity, fired: [FiredRule], context: EffectContext,
        workspace: Workspace, depth: Int
    ) -> Exercise? {
        var seen: Set<ExerciseID> = [e.id]
        var next = e.easier?.value
        while let id = next.map({ ExerciseID($0) }), seen.insert(id).inserted, let candidate = workspace.exercise(id) {
            if candidate.intensity <= cap {
                let d = decide(candidate, fired: fired, context: context, workspace: workspace, depth: depth + 1)
                if d.decision.isOnRoutine, d.replacement == nil { return candidate }
            }
            next = candidate.easier?.value
        }
        return nil
    }
}

extension Array where Element: Hashable {
    /// The elements in order, each once (its first place). The lists this sees (rules of one item, a
    /// day's habits) are short: up to 16 elements are compared, not hashed (no set to allocate).
    func uniqued() -> [Element] {
        if count < 2 { return self }
        if count <= 16 {
            var out: [Element] = []
            out.reserveCapacity(count)
            for e in self where !out.contains(e) { out.append(e) }
            return out
        }
        var seen = Set<Element>()
        return filter { seen.insert($0).inserted }
    }
}
