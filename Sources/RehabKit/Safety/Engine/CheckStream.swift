/// `rehab check` a window of plans at a time: the exercise library is read once, then the plan
/// files in file order, a window at a time, each window checked and handed over before the next
/// is read. The answers are those of `SafetyCheck.run` on the whole workspace: a plan file's errors
/// (its own, its profile's, a duplicate id of an earlier plan) keep it from being checked.
/// Streaming needs the plans named to be plan files in file order, each once (as `--all` and
/// folders give them); otherwise `plan(for:)` is nil and the caller reads the workspace whole.
/// See docs/FORMAT.md, Streaming.
public struct CheckStream {
    /// The plan names, folders and `--all` expanded (as `OpenWorkspace.planNames` does).
    public let names: [String]
    /// Diagnostics of the expansion (a folder with no plan).
    public let selectionDiagnostics: [Diagnostic]
    private let loader: WorkspaceLoader
    private let listing: (files: [String], diagnostics: [Diagnostic])
    /// For each name, the index of its plan file in file order; nil when the names cannot be streamed.
    private let indices: [Int]?
    private let planFiles: [String]

    /// Lists the workspace (no file is read yet) and expands the names.
    public init(root: String, displayBase: String, names given: [String], all: Bool) {
        let loader = WorkspaceLoader(root: root, displayBase: displayBase)
        let listing = loader.list()
        // Without extra paths every plan file lies under a Plans/ folder.
        let planFiles = listing.files.filter { loader.isPlanFile($0) }
        let shown = Set(planFiles.map { loader.display($0) })
        let (names, selectionDiagnostics) = OpenWorkspace.planNames(
            given, all: all, candidates: shown, root: loader.root,
            displayBase: displayBase)
        self.loader = loader
        self.listing = listing
        self.planFiles = planFiles
        self.names = names
        self.selectionDiagnostics = selectionDiagnostics
        var index: [String: Int] = [:]
        for (i, path) in planFiles.enumerated() { index[path] = i }
        var found: [Int] = []
        for name in names {
            guard let i = index[FileSystem.absolute(name, base: displayBase)], i > (found.last ?? -1) else {
                indices = nil
                return
            }
            found.append(i)
        }
        indices = found
    }

    /// Whether the names can be checked a window at a time.
    public var canStream: Bool { indices != nil }

    /// Checks the named plans a window at a time and hands each window's result to `emit`, in the
    /// order of the names. Plan files after the last one named are not read (a duplicate id is
    /// reported at the later file, so they cannot change an earlier plan's answer).
    public func run(
        rules: RuleSet, asOf: LocalDate?, window: Int = Validation.defaultWindow,
        emit: (SafetyCheckResult) throws -> Void
    ) rethrows {
        guard let indices, let lastIndex = indices.last else { return }
        let stream = PlanStream(loader: loader, listing: listing)
        let library = stream.library
        let validator = WorkspaceValidator()
        var firstPlans: [String: SourceLocation] = [:]
        var next = 0
        var offset = 0
        try stream.forEachWindow(of: Array(planFiles[...lastIndex]), size: window) { w in
            let validated = validator.validatePlans(w.plans, in: library, firstPlans: &firstPlans)
            var errorsByFile: [String: [Diagnostic]] = [:]
            for d in w.diagnostics + validated where d.severity == .error {
                errorsByFile[d.location.file, default: []].append(d)
            }
            var resolved: [Result<Plan, PlanErrors>] = []
            for entry in w.entries {
                defer { offset += 1 }
                guard next < indices.count, indices[next] == offset else { continue }
                let name = names[next]
                next += 1
                if let plan = entry.plan {
                    if let errors = errorsByFile[plan.file] {
                        resolved.append(.failure(PlanErrors(diagnostics: errors)))
                    } else {
                        resolved.append(.success(plan))
                    }
                    continue
                }
                let errors = errorsByFile[loader.display(entry.path)] ?? []
                resolved.append(
                    .failure(
                        PlanErrors(
                            diagnostics: errors.isEmpty
                                ? [
                                    .error(
                                        "no plan '\(name)' in the workspace",
                                        at: SourceLocation(file: name, line: 1, column: 1),
                                        notes: ["name a plan file under Plans/, or a plan id"])
                                ]
                                : errors)))
            }
            if !resolved.isEmpty {
                try emit(SafetyCheck.run(resolved, workspace: library, rules: rules, asOf: asOf))
            }
        }
    }
}
