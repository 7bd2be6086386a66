import Foundation
import RehabKit
import Testing
import TestSupport

/// One defect per file under Tests/Fixtures/invalid. Each file says what it must produce:
///
///     # expect: error: unknown exercise 'sqaut'
///     # note: did you mean 'squat'?
///     # place: Plans/other-name.yaml        (optional)
///
/// and marks each expected location with `‸`, the n-th marker for the n-th `# expect:`.
/// The file is placed in a workspace holding the small valid workspace of Tests/Fixtures/valid:
/// by its name, `exercise-*` under Exercises/, `plan-*` under Plans/, `profile-*` under Patients/.
/// The findings for the file must be exactly the expected ones, at the marked line and column.
struct InvalidFixtureTests {
    static let names: [String] = {
        (try? FileManager.default.contentsOfDirectory(atPath: Paths.fixtures + "/invalid"))?
            .filter { $0.hasSuffix(".yaml") }.sorted() ?? []
    }()

    struct Expectation: CustomStringConvertible {
        var severity: Severity
        var message: String
        var notes: [String] = []
        var line = 0, column = 0

        var description: String { "\(line):\(column): \(severity.rawValue): \(message)" }
    }

    @Test func thereAreFixtures() {
        #expect(Self.names.count >= 10)
    }

    @Test(arguments: names)
    func fixtureProducesExactlyItsDiagnostics(_ name: String) throws {
        let marked = MarkedText(try Paths.read(Paths.fixtures + "/invalid/" + name))
        var expectations: [Expectation] = []
        var place: String?
        for line in marked.text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("# expect: ") {
                let rest = line.dropFirst("# expect: ".count)
                let severity: Severity = rest.hasPrefix("warning: ") ? .warning : .error
                expectations.append(Expectation(severity: severity,
                                                message: String(rest.drop { $0 != ":" }.dropFirst(2))))
            } else if line.hasPrefix("# note: ") {
                try #require(!expectations.isEmpty, "a '# note:' must follow an '# expect:'")
                expectations[expectations.count - 1].notes.append(String(line.dropFirst("# note: ".count)))
            } else if line.hasPrefix("# place: ") {
                place = String(line.dropFirst("# place: ".count))
            }
        }
        try #require(!expectations.isEmpty, "\(name) has no '# expect:' line")
        try #require(expectations.count == marked.marks.count,
                     "\(name): \(expectations.count) expectations but \(marked.marks.count) ‸ markers")
        for (i, mark) in marked.marks.enumerated() {
            expectations[i].line = mark.line
            expectations[i].column = mark.column
        }

        let ws = try TemporaryWorkspace()
        try ws.copy(folder: Paths.fixtures + "/valid/Exercises", to: "Exercises")
        try ws.copy(folder: Paths.fixtures + "/valid/Patients", to: "Patients")
        try ws.copy(folder: Paths.fixtures + "/valid/Plans", to: "Plans")
        let relative = place ?? Self.defaultPlace(name)
        try ws.write(relative, marked.text)

        let report = Validation.run(root: ws.root, displayBase: ws.root, paths: [relative])
        let actual = report.diagnostics.filter { $0.location.file == relative }
        let describe = actual.map { "\($0.location.line):\($0.location.column): \($0.severity.rawValue): \($0.message) \($0.notes)" }
        #expect(actual.count == expectations.count, "\(name): got \(describe)")
        for expected in expectations {
            let match = actual.first {
                $0.severity == expected.severity && $0.message == expected.message
                    && $0.location.line == expected.line && $0.location.column == expected.column
            }
            #expect(match != nil, "\(name): expected \(expected); got \(describe)")
            for note in expected.notes {
                #expect(match?.notes.contains(note) == true, "\(name): expected note '\(note)'; got \(match?.notes ?? [])")
            }
        }
        // Nothing outside the fixture is reported: the valid library stays clean.
        #expect(report.diagnostics.allSatisfy { $0.location.file == relative })
    }

    static func defaultPlace(_ name: String) -> String {
        if name.hasPrefix("plan-") { return "Plans/" + name }
        if name.hasPrefix("profile-") { return "Patients/" + name }
        return "Exercises/" + name
    }
}
