public struct ItemDecision: Sendable {
    /// Position of the item in the plan.
    public var index: Int
    /// The exercise the plan names.
    public var exercise: ExerciseID
    public var decision: Decision
    /// Every rule that decided, in rule order.
    public var rules: [RuleID]
    /// What changed or why it is blocked, in words for the care team.
    public var changes: [String]
    /// The exercise actually done when an easier variant replaced the planned one.
    public var replacement: ExerciseID?
    /// Upright work done in the prescribed brace.
    public var inBrace: Bool
    /// What the rules change in how much of the exercise done is asked for (the strictest of them).
    public var doseLimit: DoseLimit = .none

    /// The exercise done: the replacement when there is one.
    public var performed: ExerciseID { replacement ?? exercise }
}
