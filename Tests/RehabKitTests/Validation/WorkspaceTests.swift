import Foundation
import RehabBench
import TestSupport
import Testing

@testable import RehabKit

struct WorkspaceTests {
    @Test func bundledWorkspaceIsValid() {
        let report = Validation.run(root: Paths.packageRoot, displayBase: Paths.packageRoot)
        // The one finding is deliberate: the cord-compression example plan can never be printed.
        #expect(
            report.diagnostics.map { "\($0.location) \($0.severity.rawValue)" } == [
                "Plans/suspected-cord-compression.yaml:2:5 warning"
            ], "\(report.diagnostics.map(\.description).joined(separator: "\n"))")
        #expect(report.workspace.exercises.count >= 40)
        #expect(report.workspace.plans.count >= 4)
        #expect(report.workspace.plans.contains { $0.isTemplate })
        #expect(report.workspace.plans.allSatisfy { $0.isTemplate || $0.safety != nil })
    }

    @Test func generatedWorkspaceIsValid() throws {
        let ws = try TemporaryWorkspace()
        for file in CorpusGenerator(exercises: 300, plans: 150, seed: 11).files() {
            try ws.write(file.path, file.contents)
        }
        let report = Validation.run(root: ws.root, displayBase: ws.root)
        #expect(report.filesRead == 450)
        // Only warnings for plans whose profiles the safety check blocks (the corpus exercises every rule),
        // and for items their weeks leave out for want of room.
        #expect(!report.diagnostics.isEmpty)
        #expect(
            report.diagnostics.allSatisfy {
                $0.severity == .warning
                    && ($0.message.contains("is blocked by the safety check") || $0.message.contains("does not fit"))
            },
            "\(report.diagnostics.prefix(5).map(\.description))")
        #expect(report.workspace.plans.count == 150)
    }

    @Test func generatorIsDeterministic() {
        let a = CorpusGenerator(exercises: 50, plans: 20, seed: 3).files()
        let b = CorpusGenerator(exercises: 50, plans: 20, seed: 3).files()
        #expect(a.map(\.contents) == b.map(\.contents))
        #expect(a.map(\.contents) != CorpusGenerator(exercises: 50, plans: 20, seed: 4).files().map(\.contents))
    }

    @Test func everyProblemIsReportedSortedByFileLineColumn() throws {
        let ws = try TemporaryWorkspace()
        try ws.write(
            "Exercises/b.yaml",
            "id: b\nname: B\nkind: posturee\nsummary: S\nsteps: [x]\nmovements: [upright, jumping]\n")
        try ws.write(
            "Exercises/a.yaml", "id: a\nname: A\nkind: posture\nsummary: S\nsteps: [x]\nmovements: []\nharder: okk\n")
        try ws.write("Exercises/ok.yaml", "id: ok\nname: A\nkind: posture\nsummary: S\nsteps: [x]\nmovements: []\n")
        let report = Validation.run(root: ws.root, displayBase: ws.root)
        #expect(
            report.diagnostics.map { "\($0.location) \($0.message)" } == [
                "Exercises/a.yaml:7:9 unknown exercise 'okk' in harder",
                "Exercises/b.yaml:3:7 unknown kind 'posturee'",
                "Exercises/b.yaml:6:22 unknown movement tag 'jumping'",
            ])
        #expect(report.diagnostics[0].notes == ["did you mean 'ok'?"])
    }

    @Test func ladderLoopsAreReportedOnce() throws {
        let ws = try TemporaryWorkspace()
        let body = "name: X\nkind: mobility\nsummary: S\nsteps: [x]\nmovements: []\n"
        try ws.write("Exercises/a.yaml", "id: a\n\(body)easier: b\n")
        try ws.write("Exercises/b.yaml", "id: b\n\(body)easier: c\n")
        try ws.write("Exercises/c.yaml", "id: c\n\(body)easier: a\n")
        try ws.write("Exercises/d.yaml", "id: d\n\(body)easier: a\n")
        let report = Validation.run(root: ws.root, displayBase: ws.root)
        #expect(
            report.diagnostics.map { "\($0.location) \($0.message)" } == [
                "Exercises/a.yaml:7:9 easier ladder loops: a → b → c → a"
            ])
    }

    @Test func hostileFilesBecomeLocatedErrorsAndTheRestStillLoads() throws {
        let ws = try TemporaryWorkspace()
        try ws.write("Exercises/huge.yaml", String(repeating: "# padding\n", count: 110_000))
        try ws.write("Exercises/binary.yaml", Data([0x69, 0x64, 0x3A, 0x00, 0xFF]))
        try ws.write("Exercises/empty.yaml", "")
        try ws.write("Exercises/ok.yaml", "id: ok\nname: OK\nkind: posture\nsummary: S\nsteps: [x]\nmovements: []\n")
        let report = Validation.run(root: ws.root, displayBase: ws.root)
        #expect(
            report.diagnostics.map { "\($0.location) \($0.message)" } == [
                "Exercises/binary.yaml:1:4 file holds a NUL byte: it looks binary, not YAML text",
                "Exercises/empty.yaml:1:1 file is empty",
                "Exercises/huge.yaml:1:1 file is 1100000 bytes; the limit is 1048576 bytes",
            ])
        #expect(report.workspace.exercise("ok") != nil)
    }

    @Test func profilePathsMayNotLeaveTheWorkspace() throws {
        let outside = try TemporaryWorkspace()
        try outside.write("p.yaml", "assessed: 2026-11-20\nsuspected_cord_compression: false\n")
        let ws = try TemporaryWorkspace()
        try ws.copy(folder: Paths.fixtures + "/valid/Exercises", to: "Exercises")
        let rel = "../" + (outside.root as NSString).lastPathComponent + "/p.yaml"
        try ws.write(
            "Plans/p.yaml",
            """
            id: p
            title: T
            patient: {name: N}
            care_team: {contact: "Team 555 0100", urgent: "Acute oncology 555 0199"}
            start: 2026-11-30
            weeks: 1
            safety_profile: ../\(rel)
            items: [{exercise: walking-gentle, frequency: daily}]
            """)
        let report = Validation.run(root: ws.root, displayBase: ws.root)
        #expect(report.diagnostics.map(\.message) == ["safety_profile '../\(rel)' lies outside the workspace"])
        #expect(report.workspace.plans.first?.safety == nil)
    }

    @Test func pathsLimitWhatIsReportedButNotWhatIsRead() throws {
        let ws = try TemporaryWorkspace()
        try ws.copy(folder: Paths.fixtures + "/valid/Exercises", to: "Exercises")
        try ws.write("Exercises/bad.yaml", "id: bad\n")
        try ws.write(
            "Plans/p.yaml",
            """
            id: p
            title: T
            patient: {name: N}
            care_team: {contact: "Team 555 0100", urgent: "Acute oncology 555 0199"}
            start: 2026-11-30
            weeks: 1
            safety: {assessed: 2026-11-20, suspected_cord_compression: false}
            items: [{exercise: squat, frequency: daily}]
            """)
        let onlyPlans = Validation.run(root: ws.root, displayBase: ws.root, paths: ["Plans"], rules: nil)
        #expect(onlyPlans.diagnostics.isEmpty)
        let all = Validation.run(root: ws.root, displayBase: ws.root, rules: nil)
        #expect(
            all.diagnostics.map(\.message)
                == ["kind", "movements", "name", "steps", "summary"].map {
                    "an exercise is missing required key '\($0)'"
                })
    }
}
