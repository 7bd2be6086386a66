import Foundation

/// The patient's sex as the norms of the outcome measures are published (`patient: sex:`).
public enum Sex: String, CaseIterable, Sendable, Codable {
    case female, male
}

/// One outcome measure a physiotherapist records (`rehab log measure`): its unit, plausible range,
/// direction of better, minimal important change (MIC), norms and sources. The bundled ones are the
/// resource `outcome-tests.yaml`; a clinic adds its own in a file of the same shape.
public struct OutcomeTest: Sendable, Equatable {
    public enum Better: String, CaseIterable, Sendable { case higher, lower }

    /// The typical range for an age band (and sex, where the source gives it).
    public struct Band: Sendable, Equatable {
        public var sex: Sex?
        public var ages: ClosedRange<Int>
        public var low: Double
        public var high: Double
    }

    public struct Norms: Sendable, Equatable {
        /// What the bands are, in words ("the middle 50% …", "an approximation: …").
        public var meaning: String
        public var source: String
        public var bands: [Band]
    }

    /// A published threshold: a value on its worse side means what `meaning` says.
    public struct Cutoff: Sendable, Equatable {
        public var value: Double
        /// The value itself counts as worse (`at_or_worse`), else only beyond it (`worse_than`).
        public var inclusive: Bool
        public var sex: Sex?
        public var meaning: String
        public var source: String
    }

    public var id: String
    public var name: String
    public var unit: String
    /// The UCUM code of the unit (FHIR export).
    public var ucum: String
    /// Whole numbers only (repetitions, grades, points).
    public var whole: Bool
    public var range: ClosedRange<Double>
    public var better: Better
    public var mic: Double
    public var micSource: String
    /// A fall beyond the MIC raises the review alert "leg function has fallen".
    public var legFunction: Bool
    /// Each side is measured (`--side left|right`).
    public var sides: Bool
    public var loinc: String?
    public var source: String
    public var norms: Norms?
    public var cutoffs: [Cutoff]
    /// Where the test was defined (the bundled file or a clinic's).
    public var location: SourceLocation

    /// How much `to` is better than `from` (negative: worse), in the test's unit.
    public func improvement(from: Double, to: Double) -> Double {
        better == .higher ? to - from : from - to
    }

    /// `a` is worse than `b`.
    public func isWorse(_ a: Double, than b: Double) -> Bool {
        improvement(from: b, to: a) < 0
    }

    /// The band for a patient of `age` and `sex` (nil when the norms do not cover them).
    public func band(age: Int, sex: Sex?) -> Band? {
        norms?.bands.first { $0.ages.contains(age) && ($0.sex == nil || $0.sex == sex) }
    }

    /// The cut-offs whose worse side `value` is on, for `sex` (a cut-off of the other sex never applies;
    /// one for a sex does not apply when the sex is not known).
    public func cutoffsCrossed(by value: Double, sex: Sex?) -> [Cutoff] {
        cutoffs.filter { c in
            guard c.sex == nil || c.sex == sex else { return false }
            if c.inclusive && value == c.value { return true }
            return isWorse(value, than: c.value)
        }
    }

    /// A value as written in the log and in exports: whole numbers without a decimal point, others
    /// in the shortest form that reads back to the same number ("12", "1.05").
    public static func text(_ x: Double) -> String {
        x == x.rounded() && abs(x) < 1e15 ? String(Int(x)) : String(x)
    }
}

/// Where a value falls against a test's norms.
public enum NormPosition: String, Sendable, Codable {
    case below, within, above
}

extension OutcomeTest.Band {
    public func position(of value: Double) -> NormPosition {
        value < low ? .below : value > high ? .above : .within
    }

    /// "women aged 70–74", "aged 60–69".
    public var who: String {
        let people = sex.map { $0 == .female ? "women" : "men" } ?? "adults"
        return "\(people) aged \(ages.lowerBound)–\(ages.upperBound)"
    }
}
