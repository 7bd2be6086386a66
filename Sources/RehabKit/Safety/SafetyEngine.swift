/// What the check decided for one plan item (FORMAT.md §4).
public enum Decision: String, Sendable, Codable, CaseIterable {
    case allowed, modified, supervised, blocked
}

public enum PlanStatus: String, Sendable, Codable {
    case clear, restricted, blocked
}

/// A rule that fired for a profile: its condition held, or was undecided and the rule fails closed.
public struct FiredRule: Sendable {
    public var rule: SafetyRule
    public var truth: Truth
    /// Fields the profile lacks that left the condition undecided.
    public var missing: [String]

    /// The rule's alert, when it has one.
    public var alert: SafetyAlert? {
        rule.then.alert.map {
            SafetyAlert(level: $0, rule: rule.id, message: rule.then.message ?? rule.title, source: rule.source, origin: rule.origin)
        }
    }
}

public struct SafetyAlert: Sendable, Equatable {
    public var level: AlertLevel
    public var rule: String
    public var message: String
    public var source: String
    /// "default" or the clinic's rules file.
    public var origin: String
}

public struct ItemDecision: Sendable {
    /// Position of the item in the plan.
    public var index: Int
    /// The exercise the plan names.
    public var exercise: String
    public var decision: Decision
    /// Every rule that decided, in rule order.
    public var rules: [String]
    /// What changed or why it is blocked, in words for the care team.
    public var changes: [String]
    /// The exercise actually done when an easier variant replaced the planned one.
    public var replacement: String?
    /// Upright work done in the prescribed brace.
    public var inBrace: Bool

    /// The exercise done: the replacement when there is one.
    public var performed: String { replacement ?? exercise }
}

public struct SafetyReport: Sendable {
    public var plan: Plan
    public var status: PlanStatus
    /// Most urgent first.
    public var alerts: [SafetyAlert]
    /// Profile fields whose absence forced a fail-closed decision.
    public var missing: [String]
    public var items: [ItemDecision]
    public var fired: [FiredRule]
    /// The plan's daily minutes limit as lowered by rules (e.g. severe fatigue), if it has one.
    public var dailyMinutesLimit: Int?
    /// The date checked for.
    public var asOf: LocalDate?
    /// True when a rule requires a brace and the profile prescribes one: the wear regimen is a daily habit.
    public var braceRegimen: Brace?
    /// The product of the fired rules' `daily_minutes_factor` (1 when none): with no plan limit the
    /// scheduler applies it to the busiest day the plan asks for.
    public var dailyMinutesFactor: Double = 1
}

/// Decides, for a profile, which rules fire and what that means for each item of a plan.
/// Precedence (FORMAT.md §4): block all > clearance and supervision > intensity caps > movement
/// blocks; movement blocks add up across rules.
public struct SafetyEngine: Sendable {
    public var rules: [SafetyRule]

    /// Rules whose decision can change with the date checked (they read `assessment_age_days`).
    let dated: [SafetyRule]

    public init(rules: [SafetyRule]) {
        self.rules = rules
        self.dated = rules.filter { $0.when.dependsOnDate }
    }

    /// Whether one rule applies to a profile tree.
    public static func evaluate(_ rule: SafetyRule, _ view: ProfileView) -> FiredRule? {
        var missing: [String] = []
        let truth = rule.when.evaluate(view, missing: &missing)
        switch truth {
        case .yes: return FiredRule(rule: rule, truth: .yes, missing: missing.isEmpty ? [] : Array(Set(missing)).sorted())
        case .undecided where rule.whenMissing == .apply:
            return FiredRule(rule: rule, truth: .undecided, missing: Array(Set(missing)).sorted())
        default: return nil
        }
    }

    public func fired(for profile: SafetyProfile, asOf: LocalDate?) -> [FiredRule] {
        let view = ProfileView(profile, asOf: asOf)
        return rules.compactMap { Self.evaluate($0, view) }
    }

    /// Checks a plan against its profile as of a date (for stale assessments). Nil for a plan
    /// without a profile (a template, or one whose profile could not be read).
    ///
    /// `reusing`: an earlier report of the same plan (another week). When the same rules fire
    /// for the new date, its decisions stand and only the date changes: a week's check then costs
    /// the rule evaluation alone.
    public func check(_ plan: Plan, in workspace: Workspace, asOf: LocalDate?, reusing earlier: SafetyReport? = nil) -> SafetyReport? {
        guard let profile = plan.safety else { return nil }
        if var earlier, earlier.plan.id == plan.id {
            // Only date-dependent rules can decide differently on another date of the same plan.
            let view = ProfileView(profile, asOf: asOf)
            let before = Set(earlier.fired.map(\.rule.id))
            if dated.allSatisfy({ (Self.evaluate($0, view) != nil) == before.contains($0.id) }) {
                earlier.asOf = asOf
                return earlier
            }
        }
        let fired = fired(for: profile, asOf: asOf)
        let sets = FiredSets(fired)
        var items: [ItemDecision] = []
        for (index, item) in plan.items.enumerated() {
            guard let exercise = workspace.exercise(item.exercise.value) else {
                // An unknown exercise cannot be judged, so it is never done (validation reports it).
                items.append(ItemDecision(index: index, exercise: item.exercise.value, decision: .blocked, rules: [],
                                          changes: ["unknown exercise: not in the library"], replacement: nil, inBrace: false))
                continue
            }
            var d = decide(exercise, fired: sets, profile: profile, workspace: workspace)
            d.index = index
            items.append(d)
        }
        let alerts = fired.compactMap(\.alert).sorted { ($0.level, $0.rule) < ($1.level, $1.rule) }
        let status: PlanStatus
        if alerts.contains(where: { $0.level == .urgent }) || items.allSatisfy({ $0.decision == .blocked }) {
            status = .blocked
        } else if items.contains(where: { $0.decision != .allowed }) {
            status = .restricted
        } else {
            status = .clear
        }
        var limit = plan.dailyMinutesLimit
        var factor = 1.0
        for f in fired {
            if let ruleFactor = f.rule.then.dailyMinutesFactor {
                factor *= ruleFactor
                if let l = limit { limit = max(1, Int(Double(l) * ruleFactor)) }
            }
        }
        let braced = fired.contains { $0.rule.then.require.contains(.brace) } ? profile.brace : nil
        return SafetyReport(plan: plan, status: status, alerts: alerts,
                            missing: Array(Set(fired.flatMap(\.missing))).sorted(), items: items, fired: fired,
                            dailyMinutesLimit: limit, asOf: asOf, braceRegimen: braced, dailyMinutesFactor: factor)
    }

    /// The fired rules sorted by what they do, once per check rather than once per item.
    struct FiredSets {
        var blockAll: [FiredRule] = [], clearance: [FiredRule] = [], supervision: [FiredRule] = []
        var caps: [FiredRule] = [], blockers: [FiredRule] = [], brace: [FiredRule] = []

        init(_ fired: [FiredRule]) {
            for f in fired {
                let e = f.rule.then
                if e.blockAll { blockAll.append(f) }
                if e.require.contains(.clearance) { clearance.append(f) }
                if e.require.contains(.supervision) { supervision.append(f) }
                if e.maxIntensity != nil { caps.append(f) }
                if !e.blockMovements.isEmpty || !e.blockCombinations.isEmpty || !e.blockKinds.isEmpty { blockers.append(f) }
                if e.require.contains(.brace) { brace.append(f) }
            }
        }
    }

    /// Whether the check blocks a plan (an urgent alert, or every item blocked), with the urgent
    /// alerts — the same answer as `check(…).status == .blocked`, stopping at the first item that
    /// is not blocked. Nil without a profile.
    public func blocks(_ plan: Plan, in workspace: Workspace, asOf: LocalDate?) -> [SafetyAlert]? {
        guard let profile = plan.safety else { return nil }
        let fired = fired(for: profile, asOf: asOf)
        let urgent = fired.compactMap(\.alert).filter { $0.level == .urgent }.sorted { $0.rule < $1.rule }
        if !urgent.isEmpty { return urgent }
        let sets = FiredSets(fired)
        for item in plan.items {
            guard let e = workspace.exercise(item.exercise.value) else { continue }
            if decide(e, fired: sets, profile: profile, workspace: workspace).decision != .blocked { return nil }
        }
        return []
    }

    /// The decision for one exercise under the fired rules.
    public func decide(_ e: Exercise, fired: [FiredRule], profile: SafetyProfile, workspace: Workspace) -> ItemDecision {
        decide(e, fired: FiredSets(fired), profile: profile, workspace: workspace)
    }

    func decide(_ e: Exercise, fired: FiredSets, profile: SafetyProfile, workspace: Workspace) -> ItemDecision {
        var d = ItemDecision(index: 0, exercise: e.id, decision: .allowed, rules: [], changes: [], replacement: nil, inBrace: false)

        // 1. Block all.
        let blockAll = fired.blockAll.filter { !$0.rule.then.excepts(e) }
        if !blockAll.isEmpty {
            d.decision = .blocked
            d.rules = blockAll.map(\.rule.id)
            d.changes = ["all exercise stopped"]
            return d
        }

        // 2. Clearance, then supervision.
        let clearance = fired.clearance.filter { $0.rule.then.touches(e) }
        if !clearance.isEmpty, !Self.hasClearance(profile) {
            d.decision = .blocked
            d.rules = clearance.map(\.rule.id)
            d.changes = ["needs clearance recorded after the assessment\(profile.assessed.map { " of \($0)" } ?? "")"]
            return d
        }
        let supervision = fired.supervision.filter { $0.rule.then.touches(e) }
        if !supervision.isEmpty {
            d.decision = .supervised
            d.rules = (clearance + supervision).map(\.rule.id).uniqued()
            d.changes = ["only with your physiotherapist"]
            return d
        }

        // 3. Intensity caps: replaced by the nearest easier variant within the cap that is not itself
        //    blocked, else blocked.
        var current = e
        let caps = fired.caps.filter { $0.rule.then.touches(e) }
        if let cap = caps.compactMap(\.rule.then.maxIntensity).min(), e.intensity > cap {
            let capIDs = caps.filter { $0.rule.then.maxIntensity! < e.intensity }.map(\.rule.id)
            if let easier = easierVariant(of: e, within: cap, fired: fired, profile: profile, workspace: workspace) {
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

        // 4. Movement (and kind) blocks, added up across rules.
        let blocks = fired.blockers.compactMap { f -> (String, [String])? in
            let hit = f.rule.then.blockedMovements(of: current)
            return hit.isEmpty ? nil : (f.rule.id, hit)
        }
        if !blocks.isEmpty {
            d.decision = .blocked
            d.rules += blocks.map(\.0)
            d.changes = ["blocked: " + blocks.flatMap(\.1).uniqued().joined(separator: ", ")]
            d.replacement = nil
            return d
        }

        // 5. Brace on upright work.
        let brace = fired.brace.filter { $0.rule.then.touches(current) }
        if !brace.isEmpty, current.effectiveMovements.contains(.upright) {
            d.inBrace = true
            d.rules += brace.map(\.rule.id)
            d.changes.append("in your brace")
        }
        d.decision = d.changes.isEmpty ? .allowed : .modified
        return d
    }

    /// Walks the `easier` ladder for the first variant within the cap that no rule blocks or
    /// moves off the home routine.
    func easierVariant(of e: Exercise, within cap: Intensity, fired: FiredSets, profile: SafetyProfile,
                       workspace: Workspace) -> Exercise? {
        var seen: Set<String> = [e.id]
        var next = e.easier?.value
        while let id = next, seen.insert(id).inserted, let candidate = workspace.exercise(id) {
            if candidate.intensity <= cap {
                let d = decide(candidate, fired: fired, profile: profile, workspace: workspace)
                if d.decision == .allowed || (d.decision == .modified && d.replacement == nil) { return candidate }
            }
            next = candidate.easier?.value
        }
        return nil
    }

    /// A clearance dated on or after the assessment (an older one predates what the assessment found).
    public static func hasClearance(_ p: SafetyProfile) -> Bool {
        guard let assessed = p.assessed else { return false }
        return p.clearance?.contains { $0.date >= assessed } ?? false
    }
}

extension Array where Element: Hashable {
    func uniqued() -> [Element] {
        var seen = Set<Element>()
        return filter { seen.insert($0).inserted }
    }
}
