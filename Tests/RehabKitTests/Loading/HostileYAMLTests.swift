import Foundation
import TestSupport
import Testing

@testable import RehabKit

/// Whole files that once passed or failed wrongly, read the way `rehab validate` reads them.
struct HostileYAMLTests {
    static let exerciseBody = "name: OK\nkind: posture\nsummary: S\nsteps: [x]\nmovements: []\n"

    @Test func largeScalarAliasedThousandsOfTimesIsRefusedAtValidate() throws {
        let ws = try TemporaryWorkspace()
        // Passed `validate` while the alias limit counted nodes only; `print` then tried to allocate 7.4 GB.
        let big = String(repeating: "Stand tall. ", count: 75_000)
        let aliases = Array(repeating: "*s", count: 9_000).joined(separator: ", ")
        try ws.write(
            "Exercises/bomb.yaml", "id: bomb\n\(Self.exerciseBody)summary_long: &s \(big)\nsteps_again: [\(aliases)]\n")
        let report = Validation.run(root: ws.root, displayBase: ws.root)
        #expect(
            report.diagnostics.map { "\($0.location) \($0.message)" } == [
                "Exercises/bomb.yaml:8:19 aliases expand to more than 1048576 bytes"
            ])
    }

    @Test func byteOrderMarkIsAcceptedAtValidate() throws {
        let ws = try TemporaryWorkspace()
        try ws.write("Exercises/ok.yaml", Data([0xEF, 0xBB, 0xBF]) + Data("id: ok\n\(Self.exerciseBody)".utf8))
        let report = Validation.run(root: ws.root, displayBase: ws.root)
        #expect(report.diagnostics.isEmpty, "\(report.diagnostics)")
        #expect(report.workspace.exercise("ok") != nil)
    }

    @Test func standardTagsReadAsTheirValues() throws {
        let ws = try TemporaryWorkspace()
        try ws.write("Exercises/ok.yaml", "id: !!str ok\n\(Self.exerciseBody)dose: {reps: !!int 5}\n")
        let report = Validation.run(root: ws.root, displayBase: ws.root)
        #expect(report.diagnostics.isEmpty, "\(report.diagnostics)")
        #expect(report.workspace.exercise("ok")?.dose?.reps == 5)
    }
}
