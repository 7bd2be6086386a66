/// Checks across files: duplicate ids, references that do not resolve, easier/harder loops,
/// missing images, doses that cannot be scheduled, stale assessments.
public struct WorkspaceValidator: Sendable {
    /// An assessment older than this at the plan's start is a warning (FORMAT.md §3).
    public static let staleAfterDays = 30

    public init() {}

    public func validate(_ ws: Workspace) -> [Diagnostic] {
        var firstPlans: [String: SourceLocation] = [:]
        return validateExercises(ws) + validatePlans(ws.plans, in: ws, firstPlans: &firstPlans)
    }

    /// The exercise library's checks (ids, ladders, images).
    public func validateExercises(_ ws: Workspace) -> [Diagnostic] {
        var out: [Diagnostic] = []
        checkExercises(ws, &out)
        return out
    }

    /// The checks of some plans against the library of `ws`; `firstPlans` holds where each plan id
    /// was first defined, across calls (plans are handed over in file order, a window at a time).
    public func validatePlans(_ plans: [Plan], in ws: Workspace, firstPlans: inout [String: SourceLocation])
        -> [Diagnostic]
    {
        var out: [Diagnostic] = []
        checkPlans(plans, ws, &firstPlans, &out)
        return out
    }

    // MARK: Exercises

    private func checkExercises(_ ws: Workspace, _ out: inout [Diagnostic]) {
        var firstByID: [ExerciseID: Exercise] = [:]
        for e in ws.exercises {
            if let first = firstByID[e.id] {
                out.append(
                    .error(
                        "duplicate exercise id '\(e.id)'", at: e.location,
                        notes: ["also defined at \(first.location)"]))
            } else {
                firstByID[e.id] = e
            }
            for (ref, what) in [(e.easier, "easier"), (e.harder, "harder")] {
                guard let ref else { continue }
                if ref.value == e.id.rawValue {
                    out.append(.error("\(what) names the exercise itself", at: ref.location))
                } else if ws.exercise(ref.value) == nil {
                    out.append(
                        .error(
                            "unknown exercise '\(ref.value)' in \(what)", at: ref.location,
                            notes: [ws.suggestion(for: ref.value)].compactMap { $0 }))
                }
            }
            if let image = e.image {
                if case .failure(let problem) = ImageCheck.load(
                    image.value, exerciseFile: absolutePath(e.location.file, ws), root: ws.root)
                {
                    out.append(.error(problem.message, at: image.location, notes: problem.notes))
                }
            }
        }
        checkLadders(ws, \.easier, "easier", &out)
        checkLadders(ws, \.harder, "harder", &out)
    }

    /// Follows one kind of ladder link from every exercise; a walk that comes back to where it
    /// started is a loop, reported once at its alphabetically first member.
    private func checkLadders(
        _ ws: Workspace, _ link: KeyPath<Exercise, Located<String>?>, _ what: String,
        _ out: inout [Diagnostic]
    ) {
        var done = Set<String>()
        for start in ws.exerciseIDs where !done.contains(start) {
            var path: [String] = []
            var index: [String: Int] = [:]
            var current: String? = start
            while let id = current, !done.contains(id), let e = ws.exercise(id) {
                if let at = index[id] {
                    let loop = Array(path[at...])
                    if loop.count > 1, let first = loop.min(), let fe = ws.exercise(first), let ref = fe[keyPath: link]
                    {
                        let rotated = loop[loop.firstIndex(of: first)!...] + loop[..<loop.firstIndex(of: first)!]
                        out.append(
                            .error(
                                "\(what) ladder loops: \((rotated + [first]).joined(separator: " → "))",
                                at: ref.location, notes: ["a ladder must end; remove one '\(what)' link"]))
                    }
                    break
                }
                index[id] = path.count
                path.append(id)
                current = e[keyPath: link]?.value
            }
            done.formUnion(path)
        }
    }

    // MARK: Plans

    private func checkPlans(
        _ plans: [Plan], _ ws: Workspace, _ firstByID: inout [String: SourceLocation],
        _ out: inout [Diagnostic]
    ) {
        for plan in plans {
            if let first = firstByID[plan.id] {
                out.append(
                    .error("duplicate plan id '\(plan.id)'", at: plan.location, notes: ["also defined at \(first)"]))
            } else {
                firstByID[plan.id] = plan.location
            }
            for item in plan.items {
                guard let exercise = ws.exercise(item.exercise.value) else {
                    out.append(
                        .error(
                            "unknown exercise '\(item.exercise.value)'", at: item.exercise.location,
                            notes: [
                                ws.suggestion(for: item.exercise.value)
                                    ?? "the exercise library has no file with this id"
                            ]))
                    continue
                }
                checkDose(item, exercise, &out)
            }
            if let profile = plan.safety, let assessed = profile.assessed, let start = plan.start {
                let age = assessed.days(to: start)
                if age > Self.staleAfterDays {
                    out.append(
                        .warning(
                            "safety profile assessed \(assessed), \(age) days before the plan starts",
                            at: plan.safetyProfilePath?.location ?? profile.location,
                            notes: ["reassess the patient: older than \(Self.staleAfterDays) days is stale"]))
                }
            }
        }
    }

    private func checkDose(_ item: PlanItem, _ exercise: Exercise, _ out: inout [Diagnostic]) {
        let scheduled: Bool
        switch item.frequency {
        case .daily, .perDay, .perWeek: scheduled = true
        case .allDay, .asNeeded: scheduled = false
        }
        let dose = (exercise.dose ?? Dose()).overridden(by: item.dose)
        if scheduled, !dose.isComplete {
            out.append(
                .error(
                    "'\(exercise.id)' has no dose to schedule", at: item.exercise.location,
                    notes: ["give the item a dose such as {minutes: 10}; the exercise has no default dose"]))
        }
        guard let progression = item.progression else { return }
        for key in Dose.numericKeys where progression.add[key] != nil && dose[key] == nil {
            out.append(
                .warning(
                    "progression adds to '\(key)', which the dose of '\(exercise.id)' does not set",
                    at: item.location,
                    notes: [
                        "the first step makes it \(key) \(progression.add[key]!); give the item's dose a '\(key)' to start from"
                    ]))
        }
        if let upTo = progression.upTo {
            for key in Dose.numericKeys {
                if let ceiling = upTo[key], let startValue = dose[key], ceiling < startValue {
                    out.append(
                        .warning(
                            "progression ceiling \(key) \(ceiling) is below the starting \(key) \(startValue)",
                            at: item.location))
                }
            }
        }
    }

    private func absolutePath(_ shown: String, _ ws: Workspace) -> String {
        ws.files.first { $0.value == shown }?.key ?? shown
    }
}
