import Foundation
import YAMLReader

/// The outcome measures a workspace knows: the bundled table (`outcome-tests.yaml`, a resource)
/// and, when the workspace has one, the clinic's `outcome-tests.yaml` at its root, which adds tests
/// of the same shape (it may not redefine a bundled one).
public struct OutcomeTests: Sendable {
    public private(set) var all: [OutcomeTest]
    /// What was wrong reading the clinic's file (its tests are then left out).
    public private(set) var problems: [Diagnostic]

    public init(_ tests: [OutcomeTest], problems: [Diagnostic] = []) {
        all = tests
        self.problems = problems
    }

    /// The name of a clinic's file of tests, at the workspace's root.
    public static let clinicFile = "outcome-tests.yaml"

    /// The bundled tests. The resource is part of rehab: a broken one is a broken build, which the
    /// tests catch (`OutcomeTestTests`); here it yields no tests and the problem.
    public static let bundled: OutcomeTests = {
        guard let url = Bundle.module.url(forResource: "outcome-tests", withExtension: "yaml"),
            let data = try? Data(contentsOf: url)
        else {
            return OutcomeTests(
                [],
                problems: [
                    .error(
                        "the outcome-tests resource is missing from the RehabKit bundle",
                        at: SourceLocation(file: "outcome-tests.yaml", line: 1, column: 1))
                ])
        }
        let (tests, problems) = read(Array(data), file: "outcome-tests.yaml")
        return OutcomeTests(tests, problems: problems)
    }()

    /// The bundled tests and the clinic's, when `root` holds an `outcome-tests.yaml`.
    public static func forWorkspace(root: String, displayBase: String) -> OutcomeTests {
        let path = FileSystem.absolute((root as NSString).appendingPathComponent(clinicFile), base: displayBase)
        guard FileManager.default.fileExists(atPath: path) else { return bundled }
        let shown = FileSystem.relative(path, to: displayBase)
        let bytes: [UInt8]
        do {
            bytes = try FileSystem.read(path, limit: YAMLLimits.default.maxBytes)
        } catch {
            var b = bundled
            b.problems.append(
                .error(
                    "cannot read the clinic's outcome tests: \(error.message)",
                    at: SourceLocation(file: shown, line: 1, column: 1)))
            return b
        }
        return bundled.adding(read(bytes, file: shown))
    }

    /// These tests with a clinic's: a test whose id is already known is refused (a clinic adds tests;
    /// it does not change the bundled ones).
    public func adding(_ clinic: (tests: [OutcomeTest], problems: [Diagnostic])) -> OutcomeTests {
        var out = self
        out.problems += clinic.problems
        for t in clinic.tests {
            if let known = out.test(t.id) {
                out.problems.append(
                    .error(
                        "outcome test '\(t.id)' is already defined (\(known.location))", at: t.location,
                        notes: ["give the clinic's test an id of its own"]))
            } else {
                out.all.append(t)
            }
        }
        return out
    }

    public func test(_ id: String) -> OutcomeTest? {
        all.first { $0.id == id }
    }

    public var ids: [String] { all.map(\.id) }

    /// "unknown test 'chair-stand'; did you mean 'chair-stand-30s'?" with every id when there is no near one.
    public func unknown(_ name: String) -> String {
        "unknown test '\(name)'; "
            + (DidYouMean.note(for: name, in: ids) ?? "the tests are: \(ids.joined(separator: ", "))")
    }

    /// What is wrong with `value` for `test` (nil when it may be stored): out of the plausible range,
    /// or a fraction where the test counts whole numbers.
    public static func valueProblem(_ value: Double, for test: OutcomeTest) -> String? {
        if !value.isFinite || !test.range.contains(value) {
            return
                "\(test.id) \(OutcomeTest.text(value)) is outside the plausible range \(OutcomeTest.text(test.range.lowerBound))–\(OutcomeTest.text(test.range.upperBound)) \(test.unit): check the value (a typing error?)"
        }
        if test.whole, value != value.rounded() {
            return "\(test.id) counts whole \(test.unit), not \(OutcomeTest.text(value))"
        }
        return nil
    }

    // MARK: Reading

    static let keys = [
        "id", "name", "unit", "ucum", "whole", "range", "better", "mic", "mic_source", "leg_function", "sides",
        "loinc", "source", "norms", "cutoffs",
    ]

    /// Reads a file of tests (a list); `file` is the name shown in diagnostics.
    public static func read(_ bytes: [UInt8], file: String) -> (tests: [OutcomeTest], problems: [Diagnostic]) {
        let r = NodeReader(file: file)
        let node: YAMLNode?
        do {
            node = try YAMLParser.parse(bytes)
        } catch {
            return ([], [.error(error.message, at: SourceLocation(file: file, mark: error.mark), notes: error.notes)])
        }
        guard let node else {
            return (
                [], [.error("the file of outcome tests is empty", at: SourceLocation(file: file, line: 1, column: 1))]
            )
        }
        let tests = r.list(node, "the outcome tests") { readTest($0, r) } ?? []
        var seen: [String: SourceLocation] = [:]
        for t in tests {
            if let first = seen[t.id] {
                r.add(
                    .error("duplicate outcome test id '\(t.id)'", at: t.location, notes: ["also defined at \(first)"]))
            }
            seen[t.id] = seen[t.id] ?? t.location
        }
        // A test that was not read must not pass in silence.
        if let items = node.sequence, items.count != tests.count, r.errorCount == 0 {
            r.add(
                .error(
                    "\(items.count - tests.count) of \(items.count) outcome tests could not be read",
                    at: SourceLocation(file: file, mark: node.mark)))
        }
        return (r.errorCount == 0 ? tests : [], r.diagnostics)
    }

    static func readTest(_ node: YAMLNode, _ r: NodeReader) -> OutcomeTest? {
        let before = r.errorCount
        guard
            let f = r.fields(
                node, "an outcome test", known: keys,
                required: ["id", "name", "unit", "ucum", "range", "better", "mic", "mic_source", "source"])
        else { return nil }
        let id = r.identifier(f["id"], "test id")
        let name = r.string(f["name"], "test name")
        let unit = r.string(f["unit"], "unit")
        let ucum = r.string(f["ucum"], "UCUM unit")
        let range = readRange(f["range"], "range", r)
        let better = r.word(f["better"], "direction of better", as: OutcomeTest.Better.self)
        let mic = r.number(f["mic"], "minimal important change", in: Double.leastNonzeroMagnitude...1e9)
        let micSource = r.string(f["mic_source"], "mic_source")
        let source = r.string(f["source"], "source")
        let loinc = r.string(f["loinc"], "LOINC code")
        if let loinc, let node = f["loinc"], loinc.range(of: "^[0-9]{1,7}-[0-9]$", options: .regularExpression) == nil {
            r.error("LOINC code '\(loinc)' is not of the form 12345-6", at: node)
        }
        var norms: OutcomeTest.Norms?
        if let n = f["norms"],
            let nf = r.fields(
                n, "norms", known: ["meaning", "source", "bands"], required: ["meaning", "source", "bands"]),
            let meaning = r.string(nf["meaning"], "norms meaning"), let nsource = r.string(nf["source"], "norms source")
        {
            let bands =
                r.list(nf["bands"], "bands") { b -> OutcomeTest.Band? in
                    guard
                        let bf = r.fields(
                            b, "a band", known: ["sex", "age", "low", "high"], required: ["age", "low", "high"]),
                        let ages = readRange(bf["age"], "age", r), let low = r.number(bf["low"], "low", in: -1e9...1e9),
                        let high = r.number(bf["high"], "high", in: -1e9...1e9)
                    else { return nil }
                    let sex = bf["sex"].flatMap { r.word($0, "sex", as: Sex.self) }
                    if low > high {
                        r.error("low \(OutcomeTest.text(low)) is above high \(OutcomeTest.text(high))", at: b)
                    }
                    return OutcomeTest.Band(
                        sex: sex, ages: Int(ages.lowerBound)...Int(ages.upperBound), low: low, high: high)
                } ?? []
            norms = OutcomeTest.Norms(meaning: meaning, source: nsource, bands: bands)
        }
        let cutoffs =
            f["cutoffs"].flatMap {
                r.list($0, "cutoffs") { c -> OutcomeTest.Cutoff? in
                    guard
                        let cf = r.fields(
                            c, "a cut-off", known: ["at_or_worse", "worse_than", "sex", "meaning", "source"],
                            required: ["meaning", "source"])
                    else { return nil }
                    guard cf.has("at_or_worse") != cf.has("worse_than") else {
                        r.error("a cut-off needs one of 'at_or_worse' or 'worse_than'", at: c)
                        return nil
                    }
                    let inclusive = cf.has("at_or_worse")
                    guard let value = r.number(cf[inclusive ? "at_or_worse" : "worse_than"], "cut-off", in: -1e9...1e9),
                        let meaning = r.string(cf["meaning"], "cut-off meaning"),
                        let csource = r.string(cf["source"], "cut-off source")
                    else { return nil }
                    return OutcomeTest.Cutoff(
                        value: value, inclusive: inclusive, sex: cf["sex"].flatMap { r.word($0, "sex", as: Sex.self) },
                        meaning: meaning, source: csource)
                }
            } ?? []
        let whole = f["whole"].flatMap { r.bool($0, "whole") } ?? false
        let legFunction = f["leg_function"].flatMap { r.bool($0, "leg_function") } ?? false
        let sides = f["sides"].flatMap { r.bool($0, "sides") } ?? false
        guard r.errorCount == before, let id, let name, let unit, let ucum, let range, let better, let mic,
            let micSource, let source
        else {
            return nil
        }
        return OutcomeTest(
            id: id.value, name: name, unit: unit, ucum: ucum, whole: whole, range: range, better: better, mic: mic,
            micSource: micSource, legFunction: legFunction, sides: sides, loinc: loinc, source: source, norms: norms,
            cutoffs: cutoffs, location: id.location)
    }

    /// `[low, high]`, two numbers, low not above high.
    static func readRange(_ node: YAMLNode?, _ what: String, _ r: NodeReader) -> ClosedRange<Double>? {
        guard let node else { return nil }
        guard let items = node.sequence, items.count == 2 else {
            r.error("\(what) must be [lowest, highest]", at: node)
            return nil
        }
        guard let a = r.number(items[0], what, in: -1e9...1e9), let b = r.number(items[1], what, in: -1e9...1e9) else {
            return nil
        }
        guard a <= b else {
            r.error("\(what) [\(OutcomeTest.text(a)), \(OutcomeTest.text(b))] runs backwards", at: node)
            return nil
        }
        return a...b
    }
}
