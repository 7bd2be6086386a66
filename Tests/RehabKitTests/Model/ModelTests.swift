import Testing

@testable import RehabKit

struct DoseTests {
    @Test(arguments: [
        (Dose(minutes: 10), 10),
        (Dose(sets: 2, reps: 8), 2),  // 2 × 8 × 4 s = 64 s → 2 min
        (Dose(reps: 5), 1),  // 20 s → at least 1
        (Dose(sets: 3, holdSeconds: 10, restSeconds: 5), 3),  // 3 × 10 × (1 + 5) = 180 s
        (Dose(holdSeconds: 30), 1),
        (Dose(sets: 2, reps: 8, minutes: 7), 7),
    ])
    func sessionMinutesFollowTheFormat(_ dose: Dose, _ minutes: Int) {
        #expect(dose.sessionMinutes == minutes)
    }

    @Test func overridesReplaceKeyByKey() {
        let d = Dose(sets: 2, reps: 8, side: .each).overridden(by: Dose(reps: 10))
        #expect(d == Dose(sets: 2, reps: 10, side: .each))
    }
}

struct FrequencyTests {
    @Test(arguments: [
        ("daily", Frequency.daily), ("2/day", .perDay(2)), ("3/week", .perWeek(3)),
        ("all-day", .allDay), ("as-needed", .asNeeded), (" 5 / week", .perWeek(5)),
    ])
    func grammar(_ text: String, _ expected: Frequency) {
        #expect(Frequency(text) == expected)
    }

    @Test(arguments: ["twice", "3/month", "/week", "x/day", ""])
    func notFrequencies(_ text: String) {
        #expect(Frequency(text) == nil)
    }
}

struct LocalDateTests {
    @Test func weekdays() {
        #expect(LocalDate("2026-11-30")?.weekday == .monday)
        #expect(LocalDate("2026-12-03")?.weekday == .thursday)
        #expect(LocalDate("1970-01-01")?.weekday == .thursday)
        #expect(LocalDate("2024-02-29")?.weekday == .thursday)
    }

    @Test func arithmeticAcrossMonthsAndLeapYears() {
        #expect(LocalDate("2026-11-30")?.adding(days: 6).description == "2026-12-06")
        #expect(LocalDate("2028-02-28")?.adding(days: 1).description == "2028-02-29")
        #expect(LocalDate("2026-12-31")?.adding(days: 1).description == "2027-01-01")
        #expect(LocalDate("2026-10-01")!.days(to: LocalDate("2026-11-30")!) == 60)
    }

    @Test(arguments: ["2026-02-29", "2026-13-01", "2026-1-01", "26-11-30", "2026-11-31", "today"])
    func invalidDates(_ text: String) {
        #expect(LocalDate(text) == nil)
    }

    @Test func dayNumberRoundTrips() {
        for n in stride(from: -800_000, to: 800_000, by: 997) {
            #expect(LocalDate(dayNumber: n).dayNumber == n)
        }
    }
}

struct WordSuggestionTests {
    @Test(arguments: [
        ("sqaut", "squat"), ("stopif", "stop_if"), ("spinal-flexon", "spinal-flexion"),
        ("mornin", "morning"), ("sundy", "sunday"),
    ])
    func suggestsTheNearWord(_ typo: String, _ word: String) {
        #expect(
            DidYouMean.suggestion(for: typo, in: ["squat", "stop_if", "spinal-flexion", "morning", "sunday", "steps"])
                == word)
    }

    @Test func noSuggestionForSomethingElse() {
        #expect(DidYouMean.suggestion(for: "banana", in: ["squat", "walking-gentle"]) == nil)
    }

    @Test func transpositionCountsOnce() {
        #expect(DidYouMean.distance("sqaut", "squat") == 1)
        #expect(DidYouMean.distance("kitten", "sitting") == 3)
    }
}

struct RedFlagTests {
    /// Every neurological symptom of the profile can be reported as a red flag, under the same word.
    @Test(arguments: NeuroSymptom.allCases)
    func everyNeuroSymptomIsARedFlag(_ s: NeuroSymptom) {
        #expect(RedFlag(rawValue: s.rawValue)?.neuroSymptom == s)
    }
}

/// Did-you-mean over ids and names: typos, word order, a word more or fewer, stems.
struct IdSuggestionTests {
    static let ids = [
        "walking-gentle", "walking-brisk", "bridging", "sit-to-stand", "heel-raises-supported", "log-roll",
    ]

    @Test(arguments: [
        ("gentle-walking", "walking-gentle"), ("bridge", "bridging"), ("sit-stand", "sit-to-stand"),
        ("heel-raise-supported", "heel-raises-supported"), ("roll-log", "log-roll"),
        ("walkng-gentle", "walking-gentle"),
    ])
    func suggests(_ written: String, _ meant: String) {
        #expect(DidYouMean.suggestion(for: written, in: Self.ids) == meant, "\(written)")
    }

    @Test func suggestsNothingUnrelated() {
        #expect(DidYouMean.suggestion(for: "hydrotherapy", in: Self.ids) == nil)
        #expect(DidYouMean.suggestion(for: "chest-press", in: Self.ids) == nil)
    }
}
