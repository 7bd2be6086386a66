import Testing

@testable import RehabKit

/// Issue 20: inside "Stop and call now" the sheet said "call your care team today … then call the
/// emergency number now". A tier's heading gives its one action and number; the words of an urgent or
/// within-24-hour alert printed under it say what the finding is and what to do until seen, never
/// whom or when to call.
struct OneActionPerTierTests {
    @Test func urgentAndDayAlertsNameNoActionOfTheirOwn() {
        var reached = 0
        for rule in RuleSet.defaults.rules {
            guard let level = rule.then.alert, level == .urgent || level == .within24h,
                let words = rule.then.patientMessage
            else { continue }
            reached += 1
            let lower = words.lowercased()
            #expect(!lower.contains("call"), "\(rule.id): '\(words)' says whom or when to call")
            #expect(!lower.contains("emergency number"), "\(rule.id): a number the sheet never gives")
        }
        #expect(reached >= 5, "the default rules' urgent and within-24h alerts were reached")
    }
}
