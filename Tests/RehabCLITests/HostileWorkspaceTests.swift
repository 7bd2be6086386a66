import Foundation
import TestSupport
import Testing

/// Issue 13's hostile workspace, through the binary: every command ends, with the entries located.
@Suite(.timeLimit(.minutes(10)))
struct HostileWorkspaceTests {
    func hostileWorkspace() throws -> TemporaryWorkspace {
        let ws = try TemporaryWorkspace()
        try ws.copy(folder: Paths.fixtures + "/valid/Exercises", to: "Exercises")
        try ws.copy(folder: Paths.fixtures + "/valid/Patients", to: "Patients")
        try ws.copy(folder: Paths.fixtures + "/valid/Plans", to: "Plans")
        try #require(mkfifo(ws.root + "/Exercises/x.yaml", 0o644) == 0)
        try FileManager.default.removeItem(atPath: ws.root + "/Patients/maria.yaml")
        try #require(mkfifo(ws.root + "/Patients/maria.yaml", 0o644) == 0)
        try FileManager.default.createSymbolicLink(atPath: ws.root + "/Exercises/a", withDestinationPath: ".")
        try FileManager.default.createSymbolicLink(atPath: ws.root + "/Exercises/b", withDestinationPath: ".")
        return ws
    }

    @Test(arguments: [
        ["validate"], ["check", "--all"], ["schedule", "Plans/", "--week", "1"], ["print", "--all", "--week", "1"],
    ])
    func commandsEndWithLocatedErrors(_ arguments: [String]) throws {
        let ws = try hostileWorkspace()
        let run = try Run(arguments, in: ws.root)
        #expect(run.status == 1, "\(run.stderr)")
        if arguments == ["validate"] {
            #expect(
                run.stderr.contains("Exercises/x.yaml:1:1: error: is a named pipe (FIFO), not a regular file"),
                "\(run.stderr)")
            #expect(
                run.stderr.contains("Patients/maria.yaml:1:1: error: is a named pipe (FIFO), not a regular file"),
                "\(run.stderr)")
            #expect(
                run.stderr.contains("Exercises/a:1:1: warning: 'Exercises/a' is a link to a folder"), "\(run.stderr)")
        } else {
            #expect(
                run.stderr.contains("Plans/maria.yaml:9:17: error: safety profile '../Patients/maria.yaml' has errors"),
                "\(run.stderr)")
        }
    }

    @Test func namedPipeAsRulesFileIsRefused() throws {
        let ws = try TemporaryWorkspace()
        try #require(mkfifo(ws.root + "/rules.yaml", 0o644) == 0)
        let run = try Run(["check", "--rules", ws.root + "/rules.yaml", "Plans/gentle-start-osteopenia.yaml"])
        #expect(run.status == 1)
        #expect(run.stderr.contains("is a named pipe (FIFO), not a regular file"), "\(run.stderr)")
    }
}

/// `rehab log import` of a named pipe is refused at once, never read.
@Suite(.timeLimit(.minutes(10)))
struct HostileImportTests {
    @Test func aPipeIsNotImported() throws {
        let ws = try TemporaryWorkspace.clinicCopy()
        try #require(mkfifo(ws.root + "/ticks.csv", 0o644) == 0)
        let run = try Run(["log", "import", "ticks.csv"], in: ws.root)
        #expect(run.status == 1)
        #expect(run.stderr.contains("ticks.csv:1:1: error: not a regular file"), "\(run.stderr)")
    }
}
