import Foundation
import TestSupport
import Testing

@testable import RehabKit

/// `rehab validate` judges plans as of a day (today, or `--as-of`), as `rehab check` does, and
/// warns about an assessment that was stale when the plan started.
struct ValidateAsOfTests {
    static let profile = """
        suspected_cord_compression: false
          neuro_symptoms: []
          back_pain: {new: false, worsening: false, night_pain: false, worse_on_straining: false, region: lumbar}
          spinal_metastases: {present: false}
          bone_density: normal
        """

    func workspace(start: String, assessed: String, weeks: Int = 2) throws -> TemporaryWorkspace {
        let ws = try TemporaryWorkspace()
        try ws.copy(folder: Paths.fixtures + "/valid/Exercises", to: "Exercises")
        try ws.write(
            "Plans/p.yaml",
            """
            id: p
            title: T
            patient: {name: N}
            care_team: {contact: "Team 555 0100", urgent: "Acute oncology 555 0199"}
            start: \(start)
            weeks: \(weeks)
            safety:
              assessed: \(assessed)
              \(Self.profile)
            items: [{exercise: walking-gentle, frequency: daily}]
            """)
        return ws
    }

    /// A plan reassessed after it started is not "blocked: a clinical date lies after the day
    /// checked" as of its start: validate judges it as of today, like check and print.
    @Test func aReassessedPlanIsJudgedAsOfToday() throws {
        let ws = try workspace(start: "2026-09-07", assessed: "2026-11-20", weeks: 16)
        let today = LocalDate("2026-12-05")!
        let report = Validation.run(root: ws.root, displayBase: ws.root, today: today)
        #expect(report.diagnostics.isEmpty, "\(report.diagnostics.map(\.description))")
        // The same plan as of a day before the reassessment: that date lies after the day judged.
        let before = Validation.run(root: ws.root, displayBase: ws.root, today: LocalDate("2026-11-19")!)
        #expect(
            before.diagnostics.contains { $0.severity == .error && $0.message.contains("lies after today, 2026-11-19") }
        )
    }

    /// 30 days between assessment and start is fresh, 31 is stale; across February (28 days) so
    /// that a month-based count or a moved boundary fails.
    @Test(
        arguments: [("2026-01-31", nil), ("2026-01-30", 31), ("2026-02-01", nil), ("2025-12-31", 61)]
            as [(String, Int?)])
    func stalenessWarningAt30Days(assessed: String, stale: Int?) throws {
        let ws = try workspace(start: "2026-03-02", assessed: assessed)
        let report = Validation.run(root: ws.root, displayBase: ws.root, rules: nil)
        let warnings = report.diagnostics.filter { $0.message.hasPrefix("safety profile assessed") }.map(\.message)
        #expect(
            warnings == stale.map { ["safety profile assessed \(assessed), \($0) days before the plan starts"] } ?? [])
        #expect(WorkspaceValidator.staleAfterDays == 30)
    }
}
