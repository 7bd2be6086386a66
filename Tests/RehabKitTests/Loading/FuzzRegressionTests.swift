import Foundation
import Testing
import TestSupport
import YAMLReader
@testable import RehabKit

/// Every input under Tests/Fixtures/fuzz (crashes `scripts/fuzz.sh` found, and the hostile inputs
/// of issue 13) goes through what the fuzz target runs (Fuzz/FuzzTarget.swift), and then through a
/// whole `validate` as an exercise, a plan and a profile, and the scheduler for every plan without errors.
@Suite(.timeLimit(.minutes(1)))
struct FuzzRegressionTests {
    static let names = ((try? FileManager.default.contentsOfDirectory(atPath: Paths.fixtures + "/fuzz")) ?? [])
        .filter { $0 != "README.md" }.sorted()

    @Test func thereAreRegressionInputs() {
        #expect(!Self.names.isEmpty)
    }

    @Test(arguments: names)
    func fuzzInputEndsWithAValueOrDiagnostics(_ name: String) throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: Paths.fixtures + "/fuzz/" + name))
        let bytes = [UInt8](data)
        _ = try? YAMLParser.scanEvents(bytes)
        if let node = try? YAMLParser.parse(bytes) {
            _ = ExerciseReader.read(node, NodeReader(file: name))
            _ = PlanReader.read(node, NodeReader(file: name))
            _ = ProfileReader.read(node, NodeReader(file: name))
        }
        _ = RuleSet.read(bytes, file: name, origin: name)

        let ws = try TemporaryWorkspace()
        try ws.copy(folder: Paths.fixtures + "/valid/Exercises", to: "Exercises")
        try ws.copy(folder: Paths.fixtures + "/valid/Patients", to: "Patients")
        try ws.copy(folder: Paths.fixtures + "/valid/Plans", to: "Plans")
        for place in ["Exercises/fuzz.yaml", "Plans/fuzz.yaml", "Patients/fuzz.yaml"] { try ws.write(place, data) }
        try ws.write("Plans/fuzz-profile.yaml", try Paths.read(Paths.fixtures + "/valid/Plans/maria.yaml")
            .replacingOccurrences(of: "id: maria", with: "id: fuzz-profile")
            .replacingOccurrences(of: "maria.yaml", with: "fuzz.yaml"))
        let report = Validation.run(root: ws.root, displayBase: ws.root)
        #expect(report.filesRead >= 9)
        // Plans without errors go on to the scheduler and its renderers, as commands take them.
        let withErrors = Set(report.diagnostics.filter { $0.severity == .error }.map(\.location.file))
        let scheduler = WeekScheduler(workspace: report.workspace, engine: SafetyEngine(rules: RuleSet.defaults.rules))
        for plan in report.workspace.plans where !withErrors.contains(plan.file) && !plan.isTemplate {
            var weeks: [WeekSchedule] = []
            for week in 1...max(1, min(plan.weeks, 3)) {
                guard let w = try? scheduler.schedule(plan, week: week, previous: weeks.last) else { break }
                weeks.append(w)
                _ = ScheduleText.render(w, plan: plan)
            }
            _ = ScheduleJSON.render(weeks)
        }
    }
}
