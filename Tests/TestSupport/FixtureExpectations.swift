import YAMLReader

/// What a one-defect fixture says it must produce:
///
///     # expect: error: unknown exercise 'sqaut'
///     # note: did you mean 'squat'?
///     # place: Plans/other-name.yaml        (optional)
///
/// with the n-th `‸` marker giving the line and column of the n-th `# expect:`.
public struct FixtureExpectations: Sendable {
    public struct Expectation: Sendable, CustomStringConvertible {
        public var severity: String
        public var message: String
        public var notes: [String] = []
        public var mark = Mark(line: 0, column: 0)

        public var description: String { "\(mark): \(severity): \(message)" }
    }

    public var text: String
    public var expectations: [Expectation] = []
    public var place: String?
    /// Why the fixture is malformed, if it is.
    public var problem: String?

    public init(_ marked: String) {
        let m = MarkedText(marked)
        text = m.text
        for line in m.text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("# expect: ") {
                let rest = line.dropFirst("# expect: ".count)
                let severity = rest.hasPrefix("warning: ") ? "warning" : "error"
                expectations.append(
                    Expectation(severity: severity, message: String(rest.dropFirst(severity.count + 2))))
            } else if line.hasPrefix("# note: ") {
                guard !expectations.isEmpty else {
                    problem = "a '# note:' must follow an '# expect:'"
                    continue
                }
                expectations[expectations.count - 1].notes.append(String(line.dropFirst("# note: ".count)))
            } else if line.hasPrefix("# place: ") {
                place = String(line.dropFirst("# place: ".count))
            }
        }
        if expectations.isEmpty { problem = "no '# expect:' line" }
        if expectations.count != m.marks.count {
            problem = "\(expectations.count) expectations but \(m.marks.count) ‸ markers"
        } else {
            for (i, mark) in m.marks.enumerated() { expectations[i].mark = mark }
        }
    }

    /// Mismatches between these expectations and actual findings (severity, message, line,
    /// column, notes), each a line for the test failure; empty when they agree exactly.
    public func mismatches(_ actual: [(severity: String, message: String, line: Int, column: Int, notes: [String])])
        -> [String]
    {
        var out: [String] = []
        let shown = actual.map { "\($0.line):\($0.column): \($0.severity): \($0.message) \($0.notes)" }
        if actual.count != expectations.count { out.append("expected \(expectations.count) findings, got \(shown)") }
        for e in expectations {
            guard
                let match = actual.first(where: {
                    $0.severity == e.severity && $0.message == e.message && $0.line == e.mark.line
                        && $0.column == e.mark.column
                })
            else {
                out.append("expected \(e); got \(shown)")
                continue
            }
            for note in e.notes where !match.notes.contains(note) {
                out.append("expected note '\(note)' on \(e); got \(match.notes)")
            }
        }
        return out
    }
}
