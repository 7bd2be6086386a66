import Foundation
import RehabBench
import RehabKit
import TestSupport
import Testing

/// `rehab validate` and `rehab check` print the same, byte for byte, whatever the window of plans
/// they hold (`REHAB_WINDOW`), on a workspace whose findings reach across windows.
struct StreamingCommandTests {
    func workspace() throws -> TemporaryWorkspace {
        try .acrossWindows(
            CorpusGenerator(exercises: 25, plans: 30, seed: 5).files(),
            copied: (of: "plan-00002", as: "plan-00025-copy"),
            broken: "plan-00010-broken")
    }

    @Test(arguments: [
        ["validate"], ["validate", "--format", "json"], ["validate", "Plans"],
        ["check", "--all", "--as-of", "2026-11-30"], ["check", "Plans/", "--as-of", "2026-11-30", "--format", "json"],
        ["check", "Plans/plan-00001.yaml", "Plans/plan-00025-copy.yaml", "--as-of", "2026-11-30"],
    ])
    func outputDoesNotDependOnTheWindow(_ arguments: [String]) throws {
        let ws = try workspace()
        let whole = try Run(arguments, in: ws.root, environment: ["REHAB_WINDOW": "100000"])
        let streamed = try Run(arguments, in: ws.root, environment: ["REHAB_WINDOW": "3"])
        #expect(whole.status != 0, "the workspace has errors")
        #expect(whole.stderr.contains("error") || whole.stdout.contains("\"error\""))
        #expect(streamed.status == whole.status)
        #expect(streamed.stdout == whole.stdout)
        #expect(streamed.stderr == whole.stderr)
    }
}
