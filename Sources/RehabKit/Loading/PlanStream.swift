/// A workspace read so that memory holds the library and one window of plans: every file that is
/// not a plan file (the exercises, other files named, profiles named on their own) is read at once;
/// the plan files (those under a `Plans/` folder, and any other file that turns out to be a plan)
/// are then read a window at a time, in file order, with the profiles they name. A profile's own
/// diagnostics come with the first window that reads it; profiles are cached within a window
/// only, so a profile that plans of several windows share is read again (and not reported again).
/// `WorkspaceLoader.load` is this with one window holding every plan. See docs/FORMAT.md, Streaming.
public final class PlanStream {
    public let loader: WorkspaceLoader
    /// The library: exercises (and any profile files named), with `plans` empty.
    public private(set) var library: Workspace
    /// Diagnostics of the walk and of the library's files.
    public private(set) var libraryDiagnostics: [Diagnostic]
    /// With the loader's `readability`: the warnings for the exercises' patient-facing text, by
    /// file (as shown) in order (what `ReadabilityPass.exercises` gives).
    public private(set) var readabilityDiagnostics: [Diagnostic] = []
    /// Plan files (absolute), in file order.
    public let planFiles: [String]
    /// Plans among the library's files (found by their keys), read already, by path.
    private let preloaded: [String: WorkspaceLoader.Loaded]
    /// Profiles read as files of the library, by path (nil: unusable).
    private let libraryProfiles: [String: SafetyProfile?]
    private let listed: Set<String>
    /// Profile files read for plans: reported once (and counted once with the listed files).
    private var profilesRead = Set<String>()
    /// The largest number of plans one window held (for tests of the window bound).
    public private(set) var largestWindow = 0

    /// Reads the library of `listing` (from `WorkspaceLoader.list`).
    public init(loader: WorkspaceLoader, listing: (files: [String], diagnostics: [Diagnostic])) {
        self.loader = loader
        let inPlansFolder = listing.files.map { loader.isPlanFile($0) }
        let libraryFiles = zip(listing.files, inPlansFolder).filter { !$0.1 }.map(\.0)
        let results = loader.loadAll(libraryFiles)
        var ws = Workspace(root: loader.root, exercises: [], exercisesByID: [:], plans: [], files: [:])
        var diagnostics = listing.diagnostics
        var preloaded: [String: WorkspaceLoader.Loaded] = [:]
        var profiles: [String: SafetyProfile?] = [:]
        var readability: [(file: String, diagnostics: [Diagnostic])] = []
        for (path, result) in zip(libraryFiles, results) {
            if result.kind == .plan {
                preloaded[path] = result
                continue
            }
            ws.files[path] = loader.display(path)
            diagnostics += result.diagnostics
            if let e = result.exercise {
                readability.append((loader.display(path), result.readability))
                ws.exercises.append(e)
                if ws.exercisesByID[e.id] == nil { ws.exercisesByID[e.id] = e }
            }
            if result.kind == .profile { profiles[path] = .some(result.profile) }
        }
        library = ws
        libraryDiagnostics = diagnostics
        readabilityDiagnostics = readability.sorted { $0.file < $1.file }.flatMap(\.diagnostics)
        self.preloaded = preloaded
        libraryProfiles = profiles
        planFiles = zip(listing.files, inPlansFolder).filter { $0.1 || preloaded[$0.0] != nil }.map(\.0)
        listed = Set(listing.files)
    }

    /// Every file read so far: the listed files and the profiles plans named.
    public var filesRead: Int { listed.count + profilesRead.filter { !listed.contains($0) }.count }

    /// One window of plan files, read.
    public struct Window: Sendable {
        /// Each plan file of the window (absolute) and its plan, if it could be read.
        public var entries: [(path: String, plan: Plan?)]
        /// Diagnostics of the window's plan files and of the profiles first read for them.
        public var diagnostics: [Diagnostic]
        /// Absolute → display path of the files read for the window (plan files, profiles).
        public var files: [String: String]

        public var plans: [Plan] { entries.compactMap(\.plan) }
    }

    /// Reads the plan files `size` at a time (each window on all cores) and hands each window to
    /// `body`; the next window's files are read (on all cores) while `body` works on this one, so
    /// memory holds at most two windows.
    public func forEachWindow(size: Int, _ body: (Window) throws -> Void) rethrows {
        try forEachWindow(of: planFiles, size: size, body)
    }

    /// The same over some of the plan files, in the order given.
    public func forEachWindow(of paths: [String], size: Int, _ body: (Window) throws -> Void) rethrows {
        precondition(size >= 1)
        let chunks = stride(from: 0, to: paths.count, by: size).map { start in
            Array(paths[start..<(size >= paths.count - start ? paths.count : start + size)])
        }
        var reading = chunks.first.map(read)
        for (i, chunk) in chunks.enumerated() {
            let results = reading!.wait()
            reading = i + 1 < chunks.count ? read(chunks[i + 1]) : nil
            // The profiles and their reports are taken in window order, after the window before was done.
            let window = assemble(chunk, results)
            largestWindow = max(largestWindow, window.entries.count)
            try body(window)
        }
    }

    /// Starts reading a window's files in the background.
    private func read(_ chunk: [String]) -> BackgroundResult<[WorkspaceLoader.Loaded]> {
        let loader = self.loader
        let preloaded = self.preloaded
        // A file not read with the library lies under a Plans/ folder: a plan by its folder.
        return BackgroundResult { ParallelMap.map(chunk) { preloaded[$0] ?? loader.loadFile($0, as: .plan) } }
    }

    /// A window from its files' results: each plan given its profile (read once per window).
    private func assemble(_ chunk: [String], _ results: [WorkspaceLoader.Loaded]) -> Window {
        var window = Window(entries: [], diagnostics: [], files: [:])
        window.entries.reserveCapacity(chunk.count)
        var cache: [String: SafetyProfile?] = [:]
        for (path, result) in zip(chunk, results) {
            window.files[path] = loader.display(path)
            window.diagnostics += result.diagnostics
            guard var plan = result.plan else {
                window.entries.append((path, nil))
                continue
            }
            if let ref = plan.safetyProfilePath {
                plan.safety = profile(ref, planPath: path, cache: &cache, window: &window)
            }
            window.entries.append((path, plan))
        }
        return window
    }

    private func profile(
        _ ref: Located<String>, planPath: String, cache: inout [String: SafetyProfile?],
        window: inout Window
    ) -> SafetyProfile? {
        let path = FileSystem.absolute(ref.value, base: FileSystem.directoryName(planPath))
        guard FileSystem.isInside(path, loader.root) else {
            window.diagnostics.append(
                .error(
                    "safety_profile '\(ref.value)' lies outside the workspace", at: ref.location,
                    notes: [
                        "keep profiles inside the workspace root '\(loader.display(loader.root))', such as Patients/NAME.yaml"
                    ]))
            return nil
        }
        if let cached = libraryProfiles[path] ?? cache[path] {
            if cached == nil { window.diagnostics.append(unusableProfile(ref)) }
            return cached
        }
        guard [.file, .special].contains(FileSystem.kind(path)) else {
            window.diagnostics.append(
                .error(
                    "safety_profile '\(ref.value)' not found", at: ref.location,
                    notes: ["the path is relative to the plan file; it resolves to '\(loader.display(path))'"]))
            return nil
        }
        let loaded = loader.loadFile(path, as: .profile)
        window.files[path] = loader.display(path)
        // A profile read for an earlier window was reported then.
        if profilesRead.insert(path).inserted { window.diagnostics += loaded.diagnostics }
        cache[path] = .some(loaded.profile)
        if loaded.profile == nil { window.diagnostics.append(unusableProfile(ref)) }
        return loaded.profile
    }

    /// Said at the plan, so that checking the plan alone shows that its profile cannot be used.
    private func unusableProfile(_ ref: Located<String>) -> Diagnostic {
        .error(
            "safety profile '\(ref.value)' has errors; the plan cannot be checked until they are fixed",
            at: ref.location,
            notes: ["run 'rehab validate' on the profile file to see them"])
    }
}
