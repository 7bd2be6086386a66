import YAMLReader

/// What the fired rules do to the plan as a whole.
public struct PlanEffects: Sendable {
    /// The product of the rules' daily-minutes factors (1 when none).
    public var dailyMinutesFactor = 1.0
    /// The least status the rules allow (`plan_status`).
    public var minimumStatus: PlanStatus = .clear
}
