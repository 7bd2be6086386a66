import Foundation
import TestSupport
import Testing

@testable import RehabKit

struct OpenWorkspaceTests {
    func workspace() throws -> TemporaryWorkspace {
        let ws = try TemporaryWorkspace()
        try ws.copy(folder: Paths.fixtures + "/valid/Exercises", to: "Exercises")
        try ws.copy(folder: Paths.fixtures + "/valid/Patients", to: "Patients")
        try ws.copy(folder: Paths.fixtures + "/valid/Plans", to: "Plans")
        let maria = try Paths.read(Paths.fixtures + "/valid/Plans/maria.yaml")
        try ws.write(
            "Plans/2027/ana.yaml",
            maria.replacingOccurrences(of: "id: maria", with: "id: ana")
                .replacingOccurrences(of: "../Patients", with: "../../Patients"))
        try ws.write("Plans/2027/broken.yaml", "id: [\n")
        return ws
    }

    @Test func foldersAndAllExpandToPlanFilesIncludingBrokenOnes() throws {
        let ws = try workspace()
        let open = OpenWorkspace(root: ws.root, displayBase: ws.root)
        #expect(
            open.planNames(["Plans"]).names == ["Plans/2027/ana.yaml", "Plans/2027/broken.yaml", "Plans/maria.yaml"])
        #expect(
            open.planNames(["Plans/2027/", "maria"]).names == [
                "Plans/2027/ana.yaml", "Plans/2027/broken.yaml", "maria",
            ])
        #expect(open.planNames([], all: true).names == open.planNames(["Plans"]).names)
        #expect(open.planNames([], all: true).diagnostics.isEmpty)
    }

    @Test func aFolderWithoutPlansIsLocated() throws {
        let ws = try workspace()
        let open = OpenWorkspace(root: ws.root, displayBase: ws.root)
        let (names, diagnostics) = open.planNames(["Exercises"])
        #expect(names.isEmpty)
        #expect(diagnostics.map { "\($0.location): \($0.message)" } == ["Exercises:1:1: no plans in 'Exercises'"])
    }
}
