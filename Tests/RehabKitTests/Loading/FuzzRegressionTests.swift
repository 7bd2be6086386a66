import Foundation
import TestSupport
import Testing
import YAMLReader

@testable import RehabKit
@testable import RehabTracking

/// Every input under Tests/Fixtures/fuzz (crashes `scripts/fuzz.sh` found, and the hostile inputs
/// of issue 13) goes through what the fuzz target runs (Fuzz/FuzzTarget.swift), and then through a
/// whole `validate` as an exercise, a plan and a profile, and the scheduler for every plan without errors.
/// As the fuzz target reads every input as a progress-log CSV too, so does `csvReaderHoldsItsPromises`,
/// with the CSV fixtures of the log (the fuzz corpus's CSV seeds).
@Suite(.timeLimit(.minutes(10)))
struct FuzzRegressionTests {
    static let names = ((try? FileManager.default.contentsOfDirectory(atPath: Paths.fixtures + "/fuzz")) ?? [])
        .filter { $0 != "README.md" }.sorted()

    @Test func thereAreRegressionInputs() {
        #expect(!Self.names.isEmpty)
    }

    static let csvSeeds = ((try? FileManager.default.contentsOfDirectory(atPath: Paths.fixtures + "/log")) ?? [])
        .filter { $0.hasSuffix(".csv") }.sorted().map { "../log/" + $0 }

    @Test(arguments: names + csvSeeds)
    func csvReaderHoldsItsPromises(_ name: String) throws {
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: Paths.fixtures + "/fuzz/" + name)))
        let problem = LogCSV.consistencyProblem(bytes)
        #expect(problem == nil, "\(name): \(problem ?? "")")
    }

    @Test func theCSVSeedsReadIntoRows() {
        // The seeds are real logs: a check that read nothing would hold trivially.
        #expect(Self.csvSeeds.count >= 5)
        for name in Self.csvSeeds {
            let parsed = LogCSV.parse(
                bytes: [UInt8](FileManager.default.contents(atPath: Paths.fixtures + "/fuzz/" + name) ?? Data()),
                chunkSize: 7)
            #expect(!parsed.rows.isEmpty || !parsed.problems.isEmpty, "\(name)")
        }
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
        try ws.write(
            "Plans/fuzz-profile.yaml",
            try Paths.read(Paths.fixtures + "/valid/Plans/maria.yaml")
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
