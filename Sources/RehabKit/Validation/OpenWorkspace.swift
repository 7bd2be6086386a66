/// A workspace loaded and validated once, from which commands pick plans by file or id.
public struct OpenWorkspace: Sendable {
    public let validation: ValidationReport
    public let displayBase: String
    private let byFile: [String: Plan]
    private let byID: [String: Plan]
    private let errorsByFile: [String: [Diagnostic]]

    public var workspace: Workspace { validation.workspace }
    /// Files (as shown) with at least one error.
    var errorFiles: Dictionary<String, [Diagnostic]>.Keys { errorsByFile.keys }

    /// Loads and validates (without the per-plan safety warnings: commands check plans themselves).
    public init(root: String, displayBase: String) {
        validation = Validation.run(root: root, displayBase: displayBase, paths: [], rules: nil)
        self.displayBase = displayBase
        var byFile: [String: Plan] = [:]
        var byID: [String: Plan] = [:]
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
            return .failure(PlanErrors(diagnostics: errors.isEmpty ? [noSuchPlan(name, abs)] : errors))
        }
        if let errors = errorsByFile[plan.file] { return .failure(PlanErrors(diagnostics: errors)) }
        return .success(plan)
    }
}

extension OpenWorkspace {
    /// A name that is neither a plan file nor a plan id: located at the file when one exists there,
    /// else at the command line (a mistyped id is no file "back-care-templat:1:1"), with the nearest
    /// plan id.
    func noSuchPlan(_ name: String, _ abs: String) -> Diagnostic {
        let isFile = FileSystem.kind(abs) == .file
        let ids = workspace.plans.map(\.id)
        let file = FileSystem.fileName(name)
        let stem = file.hasSuffix(".yaml") ? String(file.dropLast(5)) : file
        let hint = DidYouMean.note(for: stem, in: ids).map { [$0] } ?? []
        return .error(
            "no plan '\(name)' in the workspace",
            at: isFile ? SourceLocation(file: name, line: 1, column: 1) : .commandLine,
            notes: hint + ["name a plan file under Plans/, or a plan id"])
    }

    /// The plans a command names, with folders expanded: a folder stands for every plan file at or
    /// below it (sorted by path), and `all` for every plan file of the workspace. Plan files that
    /// failed to load are included, so that their errors are reported. A folder with no plan is a
    /// diagnostic; other names are passed on unchanged, to be resolved by `plan(_:)`.
    public func planNames(_ names: [String], all: Bool = false) -> (names: [String], diagnostics: [Diagnostic]) {
        Self.planNames(names, all: all, candidates: planFileCandidates, root: workspace.root, displayBase: displayBase)
    }

    /// The same over `candidates` (as shown): every plan file, loaded or not.
    static func planNames(
        _ names: [String], all: Bool, candidates: Set<String>, root: String,
        displayBase: String
    ) -> (names: [String], diagnostics: [Diagnostic]) {
        var out: [String] = []
        var diagnostics: [Diagnostic] = []
        if all {
            out += planFiles(under: root, candidates, displayBase: displayBase)
            if out.isEmpty {
                diagnostics.append(
                    .error(
                        "the workspace has no plans",
                        at: SourceLocation(
                            file: FileSystem.relative(root + "/Plans", to: displayBase), line: 1, column: 1),
                        notes: ["plans are YAML files under Plans/"]))
            }
        }
        for name in names {
            let abs = FileSystem.absolute(name, base: displayBase)
            guard FileSystem.kind(abs) == .directory else {
                out.append(name)
                continue
            }
            let found = planFiles(under: abs, candidates, displayBase: displayBase)
            if found.isEmpty {
                diagnostics.append(
                    .error(
                        "no plans in '\(name)'", at: SourceLocation(file: name, line: 1, column: 1),
                        notes: ["plans are YAML files under the workspace's Plans/ folder"]))
            }
            out += found
        }
        return (out, diagnostics)
    }

    /// Plan files (as shown) at or below `folder` (absolute), loaded or not, sorted.
    public func planFiles(under folder: String) -> [String] {
        Self.planFiles(under: folder, planFileCandidates, displayBase: displayBase)
    }

    /// Every plan file (as shown): the plans loaded and the files under a `Plans/` folder with errors.
    private var planFileCandidates: Set<String> {
        var shown = Set(workspace.plans.map(\.file))
        for file in errorFiles
        where WorkspaceLoader.folderKind(
            FileSystem.relative(FileSystem.absolute(file, base: displayBase), to: workspace.root)) == .plan
        {
            shown.insert(file)
        }
        return shown
    }

    static func planFiles(under folder: String, _ shown: Set<String>, displayBase: String) -> [String] {
        shown.filter { FileSystem.isInside(FileSystem.absolute($0, base: displayBase), folder) }.sorted()
    }
}

public struct PlanErrors: Error, Sendable {
    public var diagnostics: [Diagnostic]
}
