import Foundation
import RehabKit
import TestSupport
import Testing

/// One clinical scenario per file under Tests/Fixtures/safety/scenarios: a plan with its profile,
/// checked against the scenario exercises of Tests/Fixtures/safety/Exercises, with the expected
/// decisions in comment lines at the top:
///
///     # as-of: 2026-11-30             the date checked (default 2026-11-30)
///     # rules: clinic.yaml            a clinic's rules file under Tests/Fixtures/safety/rules
///     # status: blocked               the plan's status
///     # item: bag-lift blocked mirels-high-lower spinal-metastasis-movements
///                                     an item's decision, and rules that must be among its rules
///     # alert: urgent suspected-cord-compression
///     # no-alert: spinal-pain-red-flags
///     # acknowledged: spinal-pain-red-flags
///     # missing: weight_bearing
///     # note: does not count          a line of the report's notes contains this
///     # change: pain-high weakened    a clinic change named on the report contains this
///     # error: 14:23: clearance.date 2027-01-05 lies after   a diagnostic at line:col containing this
///
/// A scenario with `# error:` lines expects exactly those errors and no report.
struct SafetyScenarioFixtureTests {
    static let folder = Paths.fixtures + "/safety"
    static let names =
        (try? FileManager.default.contentsOfDirectory(atPath: folder + "/scenarios"))?
        .filter { $0.hasSuffix(".yaml") }.sorted() ?? []

    @Test func thereAreScenarios() {
        #expect(Self.names.count >= 25)
    }

    @Test(arguments: names)
    func scenario(_ name: String) throws {
        let text = try Paths.read(Self.folder + "/scenarios/" + name)
        var asOf = LocalDate("2026-11-30")!
        var expectations: [(String, String)] = []
        for line in text.split(separator: "\n") where line.hasPrefix("# ") {
            let body = line.dropFirst(2)
            guard let colon = body.firstIndex(of: ":") else { continue }
            let key = String(body[..<colon])
            let value = body[body.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            if key == "as-of" { asOf = try #require(LocalDate(value)) } else { expectations.append((key, value)) }
        }
        try #require(!expectations.isEmpty, "\(name) states no expectation")

        let ws = try TemporaryWorkspace()
        try ws.copy(folder: Self.folder + "/Exercises", to: "Exercises")
        try ws.write("Plans/scenario.yaml", text)
        var rules = RuleSet.defaults
        var diagnostics: [Diagnostic] = []
        if let file = expectations.first(where: { $0.0 == "rules" })?.1 {
            let (clinic, problems) = RuleSet.read(
                Array(try Paths.read(Self.folder + "/rules/" + file).utf8), file: file, origin: file)
            diagnostics += problems
            let (layered, weakening) = RuleSet.defaults.layered(with: clinic)
            diagnostics += weakening
            rules = layered
        }
        let result = SafetyCheck.run(
            root: ws.root, displayBase: ws.root, plans: ["Plans/scenario.yaml"], rules: rules, asOf: asOf)
        diagnostics += result.diagnostics
        let errors = diagnostics.filter { $0.severity == .error }
        let wantedErrors = expectations.filter { $0.0 == "error" }.map(\.1)
        for wanted in wantedErrors {
            #expect(
                errors.contains { "\($0.location.line):\($0.location.column): \($0.message)".contains(wanted) },
                "\(name): no error '\(wanted)' in \(errors.map(\.description))")
        }
        if !wantedErrors.isEmpty {
            #expect(errors.count == wantedErrors.count, "\(name): \(errors.map(\.description))")
            return
        }
        #expect(errors.isEmpty, "\(name): \(errors.map(\.description))")
        let report = try #require(result.reports.first, "\(name): no report")
        for (key, value) in expectations {
            let words = value.split(separator: " ").map(String.init)
            switch key {
            case "status":
                #expect(report.status.rawValue == value, "\(name): status \(report.status)")
            case "item":
                let item = try #require(
                    report.items.first { $0.exercise.rawValue == words[0] }, "\(name): no item \(words[0])")
                #expect(
                    item.decision.rawValue == words[1],
                    "\(name): \(words[0]) is \(item.decision) (\(item.changes), \(item.rules))")
                for rule in words.dropFirst(2) {
                    #expect(
                        item.rules.contains(RuleID(rule)), "\(name): \(words[0]) not decided by \(rule): \(item.rules)")
                }
            case "alert":
                #expect(
                    report.alerts.contains { $0.level.rawValue == words[0] && $0.rule.rawValue == words[1] },
                    "\(name): no \(value) alert in \(report.alerts.map { "\($0.level) \($0.rule)" })")
            case "no-alert":
                #expect(!report.alerts.contains { $0.rule.rawValue == value }, "\(name): alert \(value) present")
            case "acknowledged":
                #expect(
                    report.acknowledged.contains { $0.alert.rule.rawValue == value },
                    "\(name): \(value) not acknowledged")
                #expect(
                    !report.alerts.contains { $0.rule.rawValue == value }, "\(name): \(value) still among the alerts")
            case "missing":
                #expect(report.missing.contains(value), "\(name): \(value) not missing in \(report.missing)")
            case "note":
                #expect(report.notes.contains { $0.contains(value) }, "\(name): no note '\(value)' in \(report.notes)")
            case "change":
                #expect(report.ruleChanges.contains { $0.description.contains(value) }, "\(name): no change '\(value)'")
            case "rules", "scenario":
                break
            default:
                Issue.record("\(name): unknown expectation '\(key)'")
            }
        }
    }
}
