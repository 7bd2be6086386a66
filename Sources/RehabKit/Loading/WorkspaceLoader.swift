import Foundation
import YAMLReader

/// A clinic's files, read into models: the exercise library, the plans and the profiles they name.
public struct Workspace: Sendable {
    /// The workspace root, absolute.
    public var root: String
    /// Exercises in file order; the first of a duplicated id wins in `exercisesByID`.
    public var exercises: [Exercise]
    public var exercisesByID: [ExerciseID: Exercise]
    public var plans: [Plan]
    /// Absolute path → display path of every file read.
    public var files: [String: String]

    public func exercise(_ id: ExerciseID) -> Exercise? { exercisesByID[id] }
    /// The exercise a plan names (as written).
    public func exercise(_ id: String) -> Exercise? { exercisesByID[ExerciseID(id)] }

    /// Every exercise id, sorted.
    public var exerciseIDs: [String] { exercisesByID.keys.map(\.rawValue).sorted() }

    /// A did-you-mean note for an unknown exercise id: the nearest id (a slip, words in another
    /// order, a word more or fewer), or the id of the exercise whose name was written.
    public func suggestion(for written: String) -> String? {
        if let note = DidYouMean.note(for: written, in: exerciseIDs) { return note }
        let names = Dictionary(exercises.map { ($0.name, $0.id.rawValue) }, uniquingKeysWith: { a, _ in a })
        let byName =
            names[written] ?? names.first { $0.key.lowercased() == written.lowercased() }?.value
            ?? DidYouMean.suggestion(for: written, in: names.keys.sorted()).flatMap { names[$0] }
        return byName.map {
            "did you mean '\($0)'? ('\(written)' reads like that exercise's name; a plan names exercises by id)"
        }
    }

    public func plan(id: String) -> Plan? { plans.first { $0.id == id } }
}

/// What a file holds.
public enum DocumentKind: String, Sendable {
    case exercise, plan, profile
}

/// Reads the workspace: every YAML file under `Exercises/` and `Plans/` of the root, plus any
/// other file or folder named, and the safety profiles plans point to.
public struct WorkspaceLoader: Sendable {
    public var root: String
    /// Files are shown relative to this folder (the working directory).
    public var displayBase: String
    public var limits: YAMLLimits
    /// Judge the patient-facing text as it is read (`rehab validate`), from the node tree the load
    /// builds anyway rather than a second parse: each exercise's readability (`Readability`), and
    /// invisible format characters in every file (`InvisibleCharacters`: errors). Other commands load
    /// such a file and drop those characters from everything they write (`UserText.plain`).
    public var readability = false

    /// The root with its links resolved: files inside the root must really lie below it.
    let realRoot: String
    private let realFolders = RealFolders()

    public init(root: String, displayBase: String, limits: YAMLLimits = .default) {
        self.displayBase = displayBase
        self.root = FileSystem.absolute(root, base: displayBase)
        self.limits = limits
        self.realRoot = FileSystem.realPath(self.root) ?? self.root
    }

    /// Real paths of folders, resolved once per folder however many files they hold. An NSLock
    /// (a pthread mutex) rather than Synchronization's Mutex: ThreadSanitizer does not see the
    /// latter's lock on Linux and reports every use as a race (`make sanitize`).
    private final class RealFolders: @unchecked Sendable {
        private let lock = NSLock()
        private var cache: [String: String] = [:]

        func resolve(_ folder: String) -> String? {
            if let known = lock.withLock({ cache[folder] }) { return known }
            guard let real = FileSystem.realPath(folder) else { return nil }
            lock.withLock { cache[folder] = real }
            return real
        }
    }

    /// One file's result.
    struct Loaded: Sendable {
        var kind: DocumentKind?
        var exercise: Exercise?
        var plan: Plan?
        var profile: SafetyProfile?
        var diagnostics: [Diagnostic]
        /// With `readability`, the warnings for an exercise's patient-facing text.
        var readability: [Diagnostic] = []
    }

    /// Loads everything; never throws: unreadable files become diagnostics. The same reading as
    /// `PlanStream` with one window holding every plan.
    public func load(extraPaths: [String] = []) -> (Workspace, [Diagnostic]) {
        let stream = PlanStream(loader: self, listing: list(extraPaths: extraPaths))
        var ws = stream.library
        var diagnostics = stream.libraryDiagnostics
        stream.forEachWindow(size: .max) { window in
            ws.plans += window.plans
            ws.files.merge(window.files) { a, _ in a }
            diagnostics += window.diagnostics
        }
        return (ws, diagnostics)
    }

    /// The files a load reads, in order (each folder's files sorted by path; the named paths after),
    /// and the diagnostics of the walk (folder links skipped, names that do not exist).
    public func list(extraPaths: [String] = []) -> (files: [String], diagnostics: [Diagnostic]) {
        var files: [String] = []
        var diagnostics: [Diagnostic] = []
        func walk(_ folder: String) {
            let found = FileSystem.walk(folder)
            files += found.files
            for link in found.skippedLinks {
                diagnostics.append(
                    .warning(
                        "'\(display(link.path))' is a link to a folder; rehab does not follow folder links",
                        at: SourceLocation(file: display(link.path), line: 1, column: 1),
                        notes: ["move the files into the workspace, or link each file"]))
            }
        }
        walk(root + "/Exercises")
        walk(root + "/Plans")
        for path in extraPaths {
            let abs = FileSystem.absolute(path, base: displayBase)
            switch FileSystem.kind(abs) {
            case .directory: walk(abs)
            case .file, .special: files.append(abs)
            case .missing:
                diagnostics.append(
                    .error("no such file or folder '\(path)'", at: SourceLocation(file: path, line: 1, column: 1)))
            }
        }
        var seen = Set<String>()
        files = files.filter { seen.insert($0).inserted }
        return (files, diagnostics)
    }

    /// Whether a file is read a window at a time with the plans: it lies under a `Plans/` folder.
    func isPlanFile(_ path: String) -> Bool {
        Self.folderKind(FileSystem.relative(path, to: root)) == .plan
    }

    /// Parses files on all cores; results come back in the order of `files`.
    func loadAll(_ files: [String]) -> [Loaded] {
        ParallelMap.map(files) { self.loadFile($0) }
    }

    func loadFile(_ path: String, as forced: DocumentKind? = nil) -> Loaded {
        let shown = display(path)
        let reader = NodeReader(file: shown)
        let start = SourceLocation(file: shown, line: 1, column: 1)
        let bytes: [UInt8]
        do {
            let inside = FileSystem.isInside(path, root)
            if inside, let outside = leavesWorkspace(FileSystem.directoryName(path)) {
                return Loaded(diagnostics: [
                    .error(
                        "lies in a linked folder outside the workspace", at: start,
                        notes: ["the folder resolves to '\(outside)'; keep files inside the workspace root"])
                ])
            }
            bytes = try FileSystem.read(path, limit: limits.maxBytes, confinedTo: inside ? realRoot : nil)
        } catch {
            return Loaded(diagnostics: [.error(error.message, at: start, notes: error.notes)])
        }
        let node: YAMLNode
        do {
            guard let root = try YAMLParser.parse(bytes, limits: limits) else {
                return Loaded(diagnostics: [
                    .error(
                        "file is empty", at: start,
                        notes: ["an exercise, plan or profile file holds one YAML mapping"])
                ])
            }
            node = root
        } catch {
            return Loaded(diagnostics: [
                .error(error.message, at: SourceLocation(file: shown, mark: error.mark), notes: error.notes)
            ])
        }
        guard let kind = forced ?? kind(of: path, node) else {
            return Loaded(diagnostics: [
                .error(
                    "cannot tell whether this is an exercise, a plan or a safety profile", at: start,
                    notes: ["put exercises under Exercises/, plans under Plans/ and profiles under Patients/"])
            ])
        }
        var loaded = Loaded(kind: kind, diagnostics: [])
        switch kind {
        case .exercise:
            loaded.exercise = ExerciseReader.read(node, reader)
            if let e = loaded.exercise {
                Self.checkFileName(e.id.rawValue, e.location, path: path, reader)
                if readability {
                    loaded.readability =
                        Readability.warnings(node, keys: Readability.exerciseKeys, file: shown)
                        + PlainWords.warnings(node, keys: PlainWords.exerciseKeys, file: shown)
                }
            }
        case .plan:
            loaded.plan = PlanReader.read(node, reader)
            if let p = loaded.plan {
                Self.checkFileName(p.id, p.location, path: path, reader)
                // The title and the items' notes are printed on the patient's sheet.
                PlainWords.warnings(node, keys: PlainWords.planKeys, file: shown).forEach(reader.add)
            }
        case .profile: loaded.profile = ProfileReader.read(node, reader)
        }
        loaded.diagnostics =
            reader.diagnostics + (readability ? InvisibleCharacters.diagnostics(bytes, root: node, file: shown) : [])
        return loaded
    }

    /// The real path of `folder` when links take it outside the workspace, else nil.
    private func leavesWorkspace(_ folder: String) -> String? {
        guard let real = realFolders.resolve(folder) else { return nil }
        return FileSystem.isInside(real, realRoot) ? nil : real
    }

    /// An id should match its file's name, so that authors find files by id.
    static func checkFileName(_ id: String, _ location: SourceLocation, path: String, _ r: NodeReader) {
        let name = FileSystem.fileName(path)
        let stem =
            name.hasSuffix(".yaml") ? name.dropLast(5) : name.hasSuffix(".yml") ? name.dropLast(4) : Substring(name)
        if stem != id {
            r.add(
                .warning(
                    "id '\(id)' does not match the file name '\(name)'", at: location,
                    notes: ["rename the file to '\(id).yaml' or change the id"]))
        }
    }

    /// The kind a file's folder gives it: the innermost of `Exercises/`, `Plans/`, `Patients/`
    /// (or `Profiles/`) in its path relative to the root.
    static func folderKind(_ relativePath: String) -> DocumentKind? {
        for part in relativePath.split(separator: "/").dropLast().reversed() {
            switch part {
            case "Exercises": return .exercise
            case "Plans": return .plan
            case "Patients", "Profiles": return .profile
            default: continue
            }
        }
        return nil
    }

    /// By folder first (`Exercises/`, `Plans/`, `Patients/`), else by the keys the file has.
    func kind(of path: String, _ node: YAMLNode) -> DocumentKind? {
        if let kind = Self.folderKind(FileSystem.relative(path, to: root)) { return kind }
        let keys = Set(node.mapping?.compactMap { $0.key.scalar } ?? [])
        if keys.contains("items") { return .plan }
        if keys.contains("steps") || keys.contains("movements") { return .exercise }
        if keys.contains("assessed") || keys.contains("suspected_cord_compression") { return .profile }
        return nil
    }

    func display(_ path: String) -> String {
        FileSystem.relative(path, to: displayBase)
    }
}
