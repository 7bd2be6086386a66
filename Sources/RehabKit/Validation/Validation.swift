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
    public static func run(root: String, displayBase: String, paths: [String] = [],
                           limits: YAMLLimits = .default) -> ValidationReport {
        let loader = WorkspaceLoader(root: root, displayBase: displayBase, limits: limits)
        let (ws, loadDiagnostics) = loader.load(extraPaths: paths)
        var diagnostics = loadDiagnostics + WorkspaceValidator().validate(ws)
        if !paths.isEmpty {
            let wanted = paths.map { FileSystem.absolute($0, base: displayBase) }
            diagnostics = diagnostics.filter { d in
                let abs = FileSystem.absolute(d.location.file, base: displayBase)
                return wanted.contains { FileSystem.isInside(abs, $0) } || paths.contains(d.location.file)
            }
        }
        return ValidationReport(diagnostics: diagnostics.sortedForReport(), filesRead: ws.files.count, workspace: ws)
    }
}
