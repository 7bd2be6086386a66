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
    public static func run(root: String, displayBase: String, plans: [String], rules: RuleSet,
                           asOf: LocalDate?) -> SafetyCheckResult {
        let validation = Validation.run(root: root, displayBase: displayBase, paths: [], rules: rules)
        var result = SafetyCheckResult(reports: [], diagnostics: [], templates: [])
        let engine = SafetyEngine(rules: rules.rules)
        for name in plans {
            let abs = FileSystem.absolute(name, base: displayBase)
            let matches = validation.workspace.plans.filter {
                FileSystem.absolute($0.file, base: displayBase) == abs || $0.id == name
            }
            guard let plan = matches.first else {
                let shown = FileSystem.relative(abs, to: displayBase)
                let errors = validation.diagnostics.filter { $0.location.file == shown && $0.severity == .error }
                result.diagnostics += errors.isEmpty
                    ? [.error("no plan '\(name)' in the workspace", at: SourceLocation(file: name, line: 1, column: 1),
                              notes: ["name a plan file under Plans/, or a plan id"])]
                    : errors
                continue
            }
            let errors = validation.diagnostics.filter { $0.location.file == plan.file && $0.severity == .error }
            if !errors.isEmpty {
                result.diagnostics += errors
                continue
            }
            if plan.isTemplate {
                result.templates.append(plan)
                continue
            }
            guard let report = engine.check(plan, in: validation.workspace, asOf: asOf ?? plan.start) else {
                result.diagnostics.append(.error("plan '\(plan.id)' has no usable safety profile", at: plan.location))
                continue
            }
            result.reports.append(report)
        }
        result.diagnostics = result.diagnostics.sortedForReport()
        return result
    }
}
