import Foundation
import RehabKit

/// One outcome test (and side) of a plan's log over time: each value with its band and cut-offs,
/// and the change from the first value against the test's minimal important change (MIC).
public struct MeasureSeries: Sendable {
    public struct Point: Sendable {
        public var date: LocalDate
        public var value: Double
        /// The patient's age that year (the year of the measure minus the year of birth).
        public var age: Int?
        /// The typical range for the patient's age and sex (nil: see `MeasureSeries.noBand`).
        public var band: OutcomeTest.Band?
        public var position: NormPosition?
        /// The published cut-offs whose worse side the value is on.
        public var cutoffs: [OutcomeTest.Cutoff]
        public var note: String?
    }

    /// A change between two values, judged against the MIC.
    public struct Change: Sendable {
        public var from: Point
        public var to: Point
        /// Positive: better, in the test's unit.
        public var improvement: Double
        /// At least the MIC (either way).
        public var important: Bool
    }

    public var test: OutcomeTest
    public var side: MeasureSide?
    public var points: [Point]
    /// Why the values have no band, when they have none ("the plan's patient has no 'born' …").
    public var noBand: String?
    /// The patient's sex (cut-offs of the other sex do not apply; those for a sex need it known).
    public var sex: Sex?

    /// The test's cut-offs that apply to this patient.
    public var applicableCutoffs: [OutcomeTest.Cutoff] { test.cutoffs.filter { $0.sex == nil || $0.sex == sex } }

    /// The last value against the first (nil with one value).
    public var change: Change? {
        guard let first = points.first, let last = points.last, points.count > 1 else { return nil }
        return Measures.change(test, from: first, to: last)
    }

    /// "grip strength (left)".
    public var title: String { test.name + (side.map { " (\($0.rawValue))" } ?? "") }
}

/// A fall in a leg-function measure of at least the MIC: the latest value against the best earlier one.
public struct LegDecline: Sendable {
    public var series: MeasureSeries
    public var change: MeasureSeries.Change

    /// The review alert, in the words the team acts on.
    public var message: String {
        let t = series.test
        return
            "\(series.title) fell from \(OutcomeTest.text(change.from.value)) on \(change.from.date) to \(OutcomeTest.text(change.to.value)) on \(change.to.date) "
            + "(\(Measures.amount(change.to.value - change.from.value, t)) \(t.unit); minimal important change \(OutcomeTest.text(t.mic))): \(Measures.legAlert)"
    }
}

public enum Measures {
    /// The words of the review alert a fall in leg function raises (`progress`, `check`, `overview`).
    public static let legAlert = "leg function has fallen: reassess, and ask about weakness, numbness and walking"
    /// The rule name the alert carries in `overview`.
    public static let legAlertRule = "leg-function-fallen"

    /// The series of the live measure entries of a plan, by test (in the table's order) and side.
    /// Entries naming a test the table does not know are left out (the log refused them when written).
    public static func series(_ entries: [LogEntry], tests: OutcomeTests, patient: Patient?) -> [MeasureSeries] {
        let measures = entries.filter { $0.kind == .measure && $0.value != nil }.sorted { $0.date < $1.date }
        var out: [MeasureSeries] = []
        for test in tests.all {
            let mine = measures.filter { $0.test == test.id }
            let sides: [MeasureSide?] = test.sides ? MeasureSide.allCases : [nil]
            for side in sides {
                let ofSide = mine.filter { $0.side == side }
                guard !ofSide.isEmpty else { continue }
                let points = ofSide.map { point($0, test: test, patient: patient) }
                out.append(
                    MeasureSeries(
                        test: test, side: side, points: points, noBand: noBand(test, patient: patient, points: points),
                        sex: patient?.sex))
            }
        }
        return out
    }

    static func point(_ e: LogEntry, test: OutcomeTest, patient: Patient?) -> MeasureSeries.Point {
        let value = e.value ?? 0
        let age = patient?.born.map { e.date.year - $0 }
        let band = age.flatMap { a in test.norms == nil ? nil : test.band(age: a, sex: patient?.sex) }
        // Without the sex, a band that differs by sex is not guessed.
        let usable = band.flatMap { b in b.sex == nil || patient?.sex != nil ? b : nil }
        return MeasureSeries.Point(
            date: e.date, value: value, age: age, band: usable, position: usable?.position(of: value),
            cutoffs: test.cutoffsCrossed(by: value, sex: patient?.sex), note: e.note)
    }

    /// Why a series has no band (nil when every value has one).
    static func noBand(_ test: OutcomeTest, patient: Patient?, points: [MeasureSeries.Point]) -> String? {
        guard let norms = test.norms, !norms.bands.isEmpty else {
            return "no age norms for this test" + (test.cutoffs.isEmpty ? "" : "; its cut-offs apply")
        }
        guard points.contains(where: { $0.band == nil }) else { return nil }
        var missing: [String] = []
        if patient?.born == nil { missing.append("'born' (year of birth)") }
        if patient?.sex == nil, norms.bands.contains(where: { $0.sex != nil }) {
            missing.append("'sex' (female or male)")
        }
        if !missing.isEmpty {
            return
                "no band: the plan's patient has no \(missing.joined(separator: " and ")); add \(missing.count == 1 ? "it" : "them") under 'patient:'"
        }
        let lowest = norms.bands.map(\.ages.lowerBound).min()!
        let highest = norms.bands.map(\.ages.upperBound).max()!
        let ages = Set(points.compactMap(\.age)).sorted().map(String.init).joined(separator: ", ")
        return "no band for age \(ages): the norms cover ages \(lowest)–\(highest)"
    }

    static func change(_ test: OutcomeTest, from: MeasureSeries.Point, to: MeasureSeries.Point) -> MeasureSeries.Change
    {
        let improvement = test.improvement(from: from.value, to: to.value)
        return MeasureSeries.Change(
            from: from, to: to, improvement: improvement, important: abs(improvement) >= test.mic - tolerance(test))
    }

    /// Values are typed to a few decimals: a difference within a millionth of the MIC is the MIC
    /// (1.15 − 1.05 is 0.0999… in binary, and is a change of 0.1 m/s).
    static func tolerance(_ test: OutcomeTest) -> Double { test.mic * 1e-6 }

    /// The falls of leg function: for each leg-function series, the latest value against the best of
    /// the earlier ones, when it is worse by at least the MIC. The best, not the first: a decline
    /// in small steps, each under the MIC, adds up.
    public static func legDeclines(_ series: [MeasureSeries]) -> [LegDecline] {
        series.compactMap { s in
            guard s.test.legFunction, let latest = s.points.last, s.points.count > 1 else { return nil }
            let earlier = s.points.dropLast()
            let best = earlier.reduce(earlier.first!) { s.test.isWorse($0.value, than: $1.value) ? $1 : $0 }
            let c = change(s.test, from: best, to: latest)
            guard c.improvement < 0, c.important else { return nil }
            return LegDecline(series: s, change: c)
        }
    }

    /// "+3", "−0.8", "0".
    public static func amount(_ x: Double, _ test: OutcomeTest) -> String {
        let rounded = (x * 1000).rounded() / 1000
        return rounded > 0 ? "+" + OutcomeTest.text(rounded) : rounded < 0 ? "−" + OutcomeTest.text(-rounded) : "0"
    }
}

extension Tracking {
    /// The measures of a plan's log (live entries) as series, judged for its patient.
    public func measures(_ plan: Plan) throws(StoreError) -> [MeasureSeries] {
        Measures.series(try entries(plan), tests: tests, patient: plan.patient)
    }

    /// The falls of leg function in a plan's log (each a review alert; none blocks anything).
    public func legDeclines(_ plan: Plan) throws(StoreError) -> [LegDecline] {
        Measures.legDeclines(try measures(plan))
    }
}
