import Foundation
import RehabKit

/// What recording a batch did: the judgement (its problems, when refused), how many entries were
/// stored, and the plans the batch's red-flag symptoms now stop. The library records and returns;
/// the CLI prints.
public struct RecordOutcome: Sendable {
    public var judgement: LogJudgement
    /// Entries stored (0 when the batch was refused).
    public var stored: Int
    /// Plans of the batch's symptoms whose safety check now blocks, with the urgent alerts.
    public var stopped: [StoppedPlan]
}

/// A plan a red-flag report stopped.
public struct StoppedPlan: Sendable {
    public var plan: Plan
    /// The urgent alerts of its safety check now.
    public var alerts: [SafetyAlert]
    /// The latest red flag reported for its patient.
    public var latest: LocalDate
}

extension Tracking {
    /// Judges a file read by `LogCSV` and stores it whole when nothing is wrong (one transaction).
    public func record(_ parsed: LogCSV.Parsed, today: LocalDate, replace: Bool) throws(StoreError) -> RecordOutcome {
        try store(judge(parsed, today: today, replace: replace), today: today, replace: replace)
    }

    /// Judges entries (the ticks of one `rehab log` call) and stores them all when nothing is wrong;
    /// `columns` places the problems (1-based, by field name).
    public func record(_ rows: [LogCSV.Row], columns: [String: Int] = [:], today: LocalDate, replace: Bool)
        throws(StoreError) -> RecordOutcome
    {
        try store(judge(rows, columns: columns, today: today, replace: replace), today: today, replace: replace)
    }

    func store(_ judgement: LogJudgement, today: LocalDate, replace: Bool) throws(StoreError) -> RecordOutcome {
        guard judgement.isAccepted else { return RecordOutcome(judgement: judgement, stored: 0, stopped: []) }
        guard let store else { throw StoreError("no progress log was opened for writing") }
        let rows = judgement.accepted
        try store.add(rows.map(\.entry), replace: replace, voided: rows.map(\.voided))
        let withSymptoms = Set(rows.filter { $0.entry.kind == .symptom && $0.voided == nil }.map(\.entry.plan))
        let plans = open.workspace.plans.filter { withSymptoms.contains($0.id) }
        return RecordOutcome(judgement: judgement, stored: rows.count, stopped: try stopped(plans, today: today))
    }

    /// Of `plans`, those whose safety check blocks now, with the red flags their patients reported.
    public func stopped(_ plans: [Plan], today: LocalDate) throws(StoreError) -> [StoppedPlan] {
        var out: [StoppedPlan] = []
        for plan in plans {
            let asNow = try tracked(plan, today: today)
            guard let report = engine.check(asNow, in: open.workspace, asOf: today), report.status == .blocked,
                let latest = try reports(for: plan).map(\.date).max()
            else { continue }
            out.append(StoppedPlan(plan: plan, alerts: report.alerts.filter { $0.level == .urgent }, latest: latest))
        }
        return out
    }
}
