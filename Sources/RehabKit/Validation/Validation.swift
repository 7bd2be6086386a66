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
    /// With `rules`, every patient's plan is also checked (as of `today`, like `rehab check`; without
    /// it, as of the plan's start) and a plan that the check blocks gets a warning: it cannot be
    /// printed as it stands. With `today`, a clinical date of a profile after it is an error at its
    /// place (a mistyped year is never a fresh assessment).
    /// With `readability`, hard sentences in exercises' patient-facing text are warnings.
    public static func run(
        root: String, displayBase: String, paths: [String] = [],
        limits: YAMLLimits = .default, rules: RuleSet? = .defaults, today: LocalDate? = nil,
        readability: Bool = false
    ) -> ValidationReport {
        var diagnostics: [Diagnostic] = []
        let summary = stream(
            root: root, displayBase: displayBase, paths: paths, limits: limits, rules: rules, today: today,
            readability: readability, window: .max, keepPlans: true
        ) { diagnostics += $0 }
        return ValidationReport(
            diagnostics: diagnostics.sortedForReport(), filesRead: summary.filesRead,
            workspace: summary.workspace)
    }

    /// What a streamed validation found, besides the diagnostics it handed over.
    public struct Summary: Sendable {
        public var filesRead: Int
        public var errors: Int
        public var warnings: Int
        /// The library; with `keepPlans`, every plan and file too.
        public var workspace: Workspace
    }

    /// Plans per window when `validate` and `check` stream (see docs/FORMAT.md, Streaming).
    public static let defaultWindow = 256

    /// `run`, a window of `window` plans at a time: the library is read and checked first, then each
    /// window of plans (in file order) is read, checked and handed to `emit` as sorted diagnostics
    /// before the next is read. The library's diagnostics (and `extra`, which `paths` does not limit)
    /// are merged into that order: each batch holds the window's diagnostics and every library
    /// diagnostic that sorts before the window's last, and the library's rest comes last. With one
    /// window the batches together are exactly `run`'s sorted list; with several, a file outside the
    /// plan files that a window reads (a profile) is reported in that window's batch.
    public static func stream(
        root: String, displayBase: String, paths: [String] = [], limits: YAMLLimits = .default,
        rules: RuleSet? = .defaults, today: LocalDate? = nil, readability: Bool = false,
        extra: [Diagnostic] = [], window: Int = defaultWindow, keepPlans: Bool = false,
        emit: ([Diagnostic]) throws -> Void
    ) rethrows -> Summary {
        var loader = WorkspaceLoader(root: root, displayBase: displayBase, limits: limits)
        loader.readability = readability
        let planStream = PlanStream(loader: loader, listing: loader.list(extraPaths: paths))
        let library = planStream.library
        let keep = reportFilter(paths, displayBase: displayBase)
        let validator = WorkspaceValidator()
        var libraryDiagnostics = planStream.libraryDiagnostics + validator.validateExercises(library)
        // With `readability`: patient-facing text above a reading age of about 11 (docs/PRINTING.md).
        // Judged as the exercises were read (`ReadabilityPass.exercises` reads them again).
        if readability { libraryDiagnostics += planStream.readabilityDiagnostics }
        var pending = (libraryDiagnostics.filter(keep) + extra).sortedForReport()[...]
        var summary = Summary(filesRead: 0, errors: 0, warnings: 0, workspace: library)
        var last: Diagnostic?
        func send(_ batch: [Diagnostic]) throws {
            // Identical findings once (a batch is sorted, and batches follow each other in order).
            var out: [Diagnostic] = []
            out.reserveCapacity(batch.count)
            for d in batch where d != last {
                out.append(d)
                last = d
                if d.severity == .error { summary.errors += 1 } else { summary.warnings += 1 }
            }
            if !out.isEmpty { try emit(out) }
        }
        let firstPlans = FirstPlans()
        // A profile file several plans share is reported once.
        var seenDates = Set<SourceLocation>()
        try planStream.forEachWindow(size: window) { w in
            let plans = w.plans
            // Cross-file validation and the safety check of the window's plans are independent: side by side.
            let halves = ParallelMap.map([0, 1], minimumForParallel: 2) { half -> [Diagnostic] in
                if half == 0 { return firstPlans.validate(plans, in: library, validator) }
                guard let rules else { return [] }
                return blockedPlanWarnings(plans, library, rules: rules, errors: w.diagnostics, asOf: today)
            }
            let validated = halves[0]
            let validatorErrors = Set(validated.filter { $0.severity == .error }.map(\.location.file))
            // A plan with an error is not warned about as blocked: the error comes first.
            var diagnostics =
                w.diagnostics + validated + halves[1].filter { !validatorErrors.contains($0.location.file) }
            if let today {
                for plan in plans {
                    for d in SafetyEngine.dateErrors(
                        plan.safety ?? SafetyProfile(location: plan.location), asOf: today, day: "today")
                    where seenDates.insert(d.location).inserted {
                        diagnostics.append(d)
                    }
                }
            }
            let batch = diagnostics.filter(keep).sortedForReport()
            var merged: [Diagnostic] = []
            merged.reserveCapacity(batch.count)
            for d in batch {
                while let p = pending.first, orderedBefore(p, d) {
                    merged.append(p)
                    pending.removeFirst()
                }
                merged.append(d)
            }
            try send(merged)
            if keepPlans {
                summary.workspace.plans += plans
                summary.workspace.files.merge(w.files) { a, _ in a }
            }
        }
        try send(Array(pending))
        summary.filesRead = planStream.filesRead
        return summary
    }

    /// The order of `sortedForReport`.
    static func orderedBefore(_ a: Diagnostic, _ b: Diagnostic) -> Bool {
        (a.location, a.severity, a.message) < (b.location, b.severity, b.message)
    }

    /// With `paths`, only findings in files at or below those paths are kept. A set and a walk up
    /// each finding's folders: linear in findings and paths, for 20,000 paths too.
    static func reportFilter(_ paths: [String], displayBase: String) -> (Diagnostic) -> Bool {
        if paths.isEmpty { return { _ in true } }
        let wanted = Set(paths.map { FileSystem.absolute($0, base: displayBase) })
        let named = Set(paths)
        return { d in
            if named.contains(d.location.file) { return true }
            var abs = FileSystem.absolute(d.location.file, base: displayBase)
            while true {
                if wanted.contains(abs) { return true }
                if abs == "/" { return false }
                abs = FileSystem.directoryName(abs)
            }
        }
    }

    /// A warning for each plan the safety check blocks as of `asOf` (the day `validate` is run for,
    /// as `check` judges it; without one, the plan's start).
    static func blockedPlanWarnings(
        _ plans: [Plan], _ ws: Workspace, rules: RuleSet, errors: [Diagnostic],
        asOf: LocalDate? = nil
    ) -> [Diagnostic] {
        let engine = SafetyEngine(rules, today: asOf)
        let filesWithErrors = Set(errors.filter { $0.severity == .error }.map(\.location.file))
        let candidates = plans.filter { !$0.isTemplate && !filesWithErrors.contains($0.file) }
        return ParallelMap.map(candidates) { plan -> [Diagnostic] in
            guard let report = engine.check(plan, in: ws, asOf: asOf ?? plan.start) else { return [] }
            // A plan that is not blocked: what its weeks would leave out for want of room.
            guard report.status == .blocked else {
                return ScheduleFit.warnings(plan, report: report, workspace: ws, engine: engine)
            }
            let urgent = report.alerts.filter { $0.level == .urgent }
            let why = report.blockedReason ?? ""
            return [
                .warning(
                    "plan '\(plan.id)' is blocked by the safety check (\(why)): it cannot be printed",
                    at: plan.location,
                    notes: urgent.map(\.message) + ["run 'rehab check \(plan.file)' for the full report"])
            ]
        }.flatMap { $0 }
    }
}

/// Where each plan id was first defined, across the windows of a streamed validation: written by
/// one task at a time (the validating half of each window, which ends before the next starts).
private final class FirstPlans: @unchecked Sendable {
    private var table: [String: SourceLocation] = [:]

    func validate(_ plans: [Plan], in library: Workspace, _ validator: WorkspaceValidator) -> [Diagnostic] {
        validator.validatePlans(plans, in: library, firstPlans: &table)
    }
}
