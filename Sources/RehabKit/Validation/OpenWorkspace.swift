/// A workspace loaded and validated once, from which commands pick plans by file or id.
public struct OpenWorkspace: Sendable {
    public let validation: ValidationReport
    public let displayBase: String
    private let byFile: [String: Plan]
    private let byID: [String: Plan]
    private let errorsByFile: [String: [Diagnostic]]

    public var workspace: Workspace { validation.workspace }

    /// Loads and validates (without the per-plan safety warnings: commands check plans themselves).
    public init(root: String, displayBase: String) {
        validation = Validation.run(root: root, displayBase: displayBase, paths: [], rules: nil)
        self.displayBase = displayBase
        var byFile: [String: Plan] = [:], byID: [String: Plan] = [:]
        for plan in validation.workspace.plans {
            let abs = FileSystem.absolute(plan.file, base: displayBase)
            byFile[abs] = byFile[abs] ?? plan
            byID[plan.id] = byID[plan.id] ?? plan
        }
        var errors: [String: [Diagnostic]] = [:]
        for d in validation.diagnostics where d.severity == .error { errors[d.location.file, default: []].append(d) }
        self.byFile = byFile
        self.byID = byID
        self.errorsByFile = errors
    }

    /// The plan a command names (a file, or an id), or the errors that stop it from being used.
    public func plan(_ name: String) -> Result<Plan, PlanErrors> {
        let abs = FileSystem.absolute(name, base: displayBase)
        guard let plan = byFile[abs] ?? byID[name] else {
            let errors = errorsByFile[FileSystem.relative(abs, to: displayBase)] ?? []
            return .failure(PlanErrors(diagnostics: errors.isEmpty
                ? [.error("no plan '\(name)' in the workspace", at: SourceLocation(file: name, line: 1, column: 1),
                          notes: ["name a plan file under Plans/, or a plan id"])]
                : errors))
        }
        if let errors = errorsByFile[plan.file] { return .failure(PlanErrors(diagnostics: errors)) }
        return .success(plan)
    }
}

public struct PlanErrors: Error, Sendable {
    public var diagnostics: [Diagnostic]
}
