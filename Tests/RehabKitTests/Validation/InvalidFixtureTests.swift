import Foundation
import RehabKit
import TestSupport
import Testing

/// One defect per file under Tests/Fixtures/invalid (see FixtureExpectations for the format).
/// The file is placed in a copy of the small valid workspace of Tests/Fixtures/valid: by its
/// name, `exercise-*` under Exercises/, `plan-*` under Plans/, `profile-*` under Patients/, or
/// where `# place:` says. The findings for the file must be exactly the expected ones.
struct InvalidFixtureTests {
    static let names = fixtureNames("invalid")

    @Test func thereAreFixtures() {
        #expect(Self.names.count >= 60)
    }

    @Test(arguments: names)
    func fixtureProducesExactlyItsDiagnostics(_ name: String) throws {
        let fixture = FixtureExpectations(try Paths.read(Paths.fixtures + "/invalid/" + name))
        try #require(fixture.problem == nil, "\(name): \(fixture.problem!)")

        let ws = try TemporaryWorkspace()
        try ws.copy(folder: Paths.fixtures + "/valid/Exercises", to: "Exercises")
        try ws.copy(folder: Paths.fixtures + "/valid/Patients", to: "Patients")
        try ws.copy(folder: Paths.fixtures + "/valid/Plans", to: "Plans")
        let relative = fixture.place ?? Self.defaultPlace(name)
        try ws.write(relative, fixture.text)

        let report = Validation.run(root: ws.root, displayBase: ws.root, paths: [relative])
        let actual = report.diagnostics.filter { $0.location.file == relative }
        for problem in fixture.mismatches(actual.map(\.asTuple)) {
            Issue.record("\(name): \(problem)")
        }
        // Nothing outside the fixture is reported: the valid workspace stays clean.
        #expect(report.diagnostics.allSatisfy { $0.location.file == relative })
    }

    static func defaultPlace(_ name: String) -> String {
        if name.hasPrefix("plan-") { return "Plans/" + name }
        if name.hasPrefix("profile-") { return "Patients/" + name }
        return "Exercises/" + name
    }
}

/// One defect per rules file under Tests/Fixtures/invalid-rules: rule files are validated like
/// any other file.
struct InvalidRuleFixtureTests {
    static let names = fixtureNames("invalid-rules")

    @Test func thereAreFixtures() {
        #expect(Self.names.count >= 8)
    }

    @Test(arguments: names)
    func ruleFixtureProducesExactlyItsDiagnostics(_ name: String) throws {
        let fixture = FixtureExpectations(try Paths.read(Paths.fixtures + "/invalid-rules/" + name))
        try #require(fixture.problem == nil, "\(name): \(fixture.problem!)")
        let (_, diagnostics) = RuleSet.read(Array(fixture.text.utf8), file: name, origin: name)
        for problem in fixture.mismatches(diagnostics.sortedForReport().map(\.asTuple)) {
            Issue.record("\(name): \(problem)")
        }
    }
}

func fixtureNames(_ folder: String) -> [String] {
    (try? FileManager.default.contentsOfDirectory(atPath: Paths.fixtures + "/" + folder))?
        .filter { $0.hasSuffix(".yaml") }.sorted() ?? []
}

extension Diagnostic {
    var asTuple: (severity: String, message: String, line: Int, column: Int, notes: [String]) {
        (severity.rawValue, message, location.line, location.column, notes)
    }
}
