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
        // The plans are checked below, so validation need not check them for its warnings.
        let validation = Validation.run(root: root, displayBase: displayBase, paths: [], rules: nil)
        var result = SafetyCheckResult(reports: [], diagnostics: [], templates: [])
        let engine = SafetyEngine(rules: rules.rules)
        var byFile: [String: Plan] = [:], byID: [String: Plan] = [:]
        for plan in validation.workspace.plans {
            byFile[FileSystem.absolute(plan.file, base: displayBase)] = byFile[FileSystem.absolute(plan.file, base: displayBase)] ?? plan
            byID[plan.id] = byID[plan.id] ?? plan
        }
        var errorsByFile: [String: [Diagnostic]] = [:]
        for d in validation.diagnostics where d.severity == .error { errorsByFile[d.location.file, default: []].append(d) }
        var toCheck: [Plan] = []
        for name in plans {
            let abs = FileSystem.absolute(name, base: displayBase)
            guard let plan = byFile[abs] ?? byID[name] else {
                let errors = errorsByFile[FileSystem.relative(abs, to: displayBase)] ?? []
                result.diagnostics += errors.isEmpty
                    ? [.error("no plan '\(name)' in the workspace", at: SourceLocation(file: name, line: 1, column: 1),
                              notes: ["name a plan file under Plans/, or a plan id"])]
                    : errors
                continue
            }
            if let errors = errorsByFile[plan.file] {
                result.diagnostics += errors
                continue
            }
            if plan.isTemplate {
                result.templates.append(plan)
                continue
            }
            guard plan.safety != nil else {
                result.diagnostics.append(.error("plan '\(plan.id)' has no usable safety profile", at: plan.location))
                continue
            }
            toCheck.append(plan)
        }
        let workspace = validation.workspace
        result.reports = ParallelMap.map(toCheck) { engine.check($0, in: workspace, asOf: asOf ?? $0.start)! }
        result.diagnostics = result.diagnostics.sortedForReport()
        return result
    }
}
