/// `rehab check`: load the workspace, validate the named plans, check each against its profile.
public struct SafetyCheckResult: Sendable {
    public var reports: [SafetyReport]
    /// Errors in the named plans, their profiles or the rules: the plans they touch are not checked.
    public var diagnostics: [Diagnostic]
    /// Templates named: they have no patient, so nothing to check.
    public var templates: [Plan]

    public var hasErrors: Bool { diagnostics.hasErrors }
    public var anyBlocked: Bool { reports.contains { $0.status == .blocked } }
}

public enum SafetyCheck {
    /// `plans` are plan files (or plan ids); `asOf` is the date the check is for (stale assessments).
    /// `reported`: the red flags each plan's patient reported in the progress log, by plan id.
    public static func run(
        root: String, displayBase: String, plans: [String], rules: RuleSet,
        asOf: LocalDate?, reported: [String: [ReportedRedFlag]] = [:]
    ) -> SafetyCheckResult {
        run(
            open: OpenWorkspace(root: root, displayBase: displayBase), plans: plans, rules: rules, asOf: asOf,
            reported: reported)
    }

    /// The same on a workspace already open.
    public static func run(
        open: OpenWorkspace, plans: [String], rules: RuleSet,
        asOf: LocalDate?, reported: [String: [ReportedRedFlag]] = [:]
    ) -> SafetyCheckResult {
        run(plans.map { open.plan($0) }, workspace: open.workspace, rules: rules, asOf: asOf, reported: reported)
    }

    /// The check of plans already resolved (in the order given; a failure's errors are reported),
    /// against the exercise library of `workspace`. `rehab check` streams by calling this a window
    /// of plans at a time.
    public static func run(
        _ resolved: [Result<Plan, PlanErrors>], workspace: Workspace, rules: RuleSet,
        asOf: LocalDate?, reported: [String: [ReportedRedFlag]] = [:]
    ) -> SafetyCheckResult {
        var result = SafetyCheckResult(reports: [], diagnostics: [], templates: [])
        var toCheck: [Plan] = []
        for resolution in resolved {
            switch resolution {
            case .failure(let e):
                result.diagnostics += e.diagnostics
            case .success(let plan) where plan.isTemplate:
                result.templates.append(plan)
            case .success(let plan) where plan.safety == nil:
                result.diagnostics.append(.error("plan '\(plan.id)' has no usable safety profile", at: plan.location))
            case .success(var plan):
                if let reports = reported[plan.id] {
                    // As of the date checked: reports after it had not happened yet.
                    plan = plan.withReported(reports, upTo: asOf, today: asOf)
                }
                toCheck.append(plan)
            }
        }
        let engine = SafetyEngine(rules)
        let checked = ParallelMap.map(toCheck) { plan -> (SafetyReport, [Diagnostic]) in
            let report = engine.check(plan, in: workspace, asOf: asOf ?? plan.start)!
            // What the plan's weeks would leave out for want of room: warnings at the items.
            return (
                report,
                report.dateErrors.isEmpty
                    ? ScheduleFit.warnings(plan, report: report, workspace: workspace, engine: engine) : []
            )
        }
        // A clinical date after the day checked is an input error: that plan is not reported on.
        for (report, fit) in checked {
            if report.dateErrors.isEmpty {
                result.reports.append(report)
            } else {
                result.diagnostics += report.dateErrors
            }
            result.diagnostics += fit
        }
        result.diagnostics = result.diagnostics.sortedForReport()
        return result
    }
}
