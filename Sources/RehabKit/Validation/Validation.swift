import YAMLReader

/// The result of `rehab validate`: every finding, sorted, and what was read.
public struct ValidationReport: Sendable {
    public var diagnostics: [Diagnostic]
    public var filesRead: Int
    public var workspace: Workspace

    public var errorCount: Int { diagnostics.filter { $0.severity == .error }.count }
    public var warningCount: Int { diagnostics.filter { $0.severity == .warning }.count }
}

public enum Validation {
    /// Loads the workspace at `root` and validates it. With `paths`, only findings in files at or
    /// below those paths are reported (the whole library is still read to resolve references).
    /// With `rules`, every patient's plan is also checked (as of its start) and a plan that the
    /// check blocks gets a warning: it can never be printed as it stands. With `today`, a clinical
    /// date of a profile after it is an error at its place (a mistyped year is never a fresh assessment).
    /// With `readability`, hard sentences in exercises' patient-facing text are warnings.
    public static func run(root: String, displayBase: String, paths: [String] = [],
                           limits: YAMLLimits = .default, rules: RuleSet? = .defaults, today: LocalDate? = nil,
                           readability: Bool = false) -> ValidationReport {
        let loader = WorkspaceLoader(root: root, displayBase: displayBase, limits: limits)
        let (ws, loadDiagnostics) = loader.load(extraPaths: paths)
        // Cross-file validation and the safety check of every plan are independent: run them side by side.
        let halves = ParallelMap.map([0, 1], minimumForParallel: 2) { half -> [Diagnostic] in
            if half == 0 { return WorkspaceValidator().validate(ws) }
            guard let rules else { return [] }
            return blockedPlanWarnings(ws, rules: rules, errors: loadDiagnostics)
        }
        let validatorErrors = Set(halves[0].filter { $0.severity == .error }.map(\.location.file))
        // A plan with an error is not warned about as blocked: the error comes first.
        var diagnostics = loadDiagnostics + halves[0] + halves[1].filter { !validatorErrors.contains($0.location.file) }
        if let today {
            // A profile file several plans share is reported once.
            var seen = Set<SourceLocation>()
            for plan in ws.plans {
                for d in SafetyEngine.dateErrors(plan.safety ?? SafetyProfile(location: plan.location), asOf: today, day: "today")
                where seen.insert(d.location).inserted {
                    diagnostics.append(d)
                }
            }
        }
        // With `readability`: patient-facing text above a reading age of about 11 (docs/PRINTING.md).
        if readability { diagnostics += ReadabilityPass.exercises(ws) }
        if !paths.isEmpty {
            // A set and a walk up each finding's folders: linear in findings and paths, for 20,000 paths too.
            let wanted = Set(paths.map { FileSystem.absolute($0, base: displayBase) })
            let named = Set(paths)
            diagnostics = diagnostics.filter { d in
                if named.contains(d.location.file) { return true }
                var abs = FileSystem.absolute(d.location.file, base: displayBase)
                while true {
                    if wanted.contains(abs) { return true }
                    if abs == "/" { return false }
                    abs = FileSystem.directoryName(abs)
                }
            }
        }
        return ValidationReport(diagnostics: diagnostics.sortedForReport(), filesRead: ws.files.count, workspace: ws)
    }

    static func blockedPlanWarnings(_ ws: Workspace, rules: RuleSet, errors: [Diagnostic]) -> [Diagnostic] {
        let engine = SafetyEngine(rules)
        let filesWithErrors = Set(errors.filter { $0.severity == .error }.map(\.location.file))
        let candidates = ws.plans.filter { !$0.isTemplate && !filesWithErrors.contains($0.file) }
        return ParallelMap.map(candidates) { plan -> Diagnostic? in
            guard let report = engine.check(plan, in: ws, asOf: plan.start), report.status == .blocked else { return nil }
            let urgent = report.alerts.filter { $0.level == .urgent }
            let why = report.blockedReason ?? ""
            return .warning("plan '\(plan.id)' is blocked by the safety check (\(why)): it cannot be printed", at: plan.location,
                            notes: urgent.map(\.message) + ["run 'rehab check \(plan.file)' for the full report"])
        }.compactMap { $0 }
    }
}
