import Foundation
import RehabBench
import RehabKit
import TestSupport
import Testing

/// `rehab validate` and `rehab check` print the same, byte for byte, whatever the window of plans
/// they hold (`REHAB_WINDOW`), on a workspace whose findings reach across windows.
struct StreamingCommandTests {
    func workspace() throws -> TemporaryWorkspace {
        let ws = try TemporaryWorkspace()
        for file in CorpusGenerator(exercises: 25, plans: 30, seed: 5).files() {
            try ws.write(file.path, file.contents)
        }
        try ws.copy(folder: Paths.fixtures + "/valid/Exercises", to: "Exercises")
        try ws.copy(folder: Paths.fixtures + "/valid/Patients", to: "Patients")
        let maria = try Paths.read(Paths.fixtures + "/valid/Plans/maria.yaml")
        try ws.write("Patients/broken.yaml", "assessed: 2026-11-20\nsuspected_cord_compression: maybe\n")
        try ws.write(
            "Plans/a-first.yaml",
            maria.replacingOccurrences(of: "id: maria", with: "id: a-first")
                .replacingOccurrences(of: "maria.yaml", with: "broken.yaml"))
        try ws.write(
            "Plans/zz-last.yaml",
            maria.replacingOccurrences(of: "id: maria", with: "id: zz-last")
                .replacingOccurrences(of: "maria.yaml", with: "broken.yaml"))
        try ws.write("Plans/plan-00025-copy.yaml", try Paths.read(ws.root + "/Plans/plan-00002.yaml"))
        try ws.write("Plans/plan-00010-broken.yaml", "id: [\n")
        return ws
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
