import Foundation
import RehabKit
import TestSupport
import Testing

/// The readability warning of `rehab validate`: Flesch–Kincaid grade from our own syllable counter.
struct ReadabilityTests {
    @Test(arguments: [
        ("walk", 1), ("breathe", 1), ("breathes", 1), ("gentle", 2), ("table", 2), ("walked", 1), ("rested", 2),
        ("tired", 1), ("boxes", 2), ("safely", 2), ("pillow", 2), ("comfortable", 4), ("physiotherapist", 6),
        ("diaphragm", 3), ("radiotherapy", 6), ("position", 3), ("usual", 3), ("quality", 3), ("pushes", 2),
        ("lion", 2), ("yes", 1),
        ("everyday", 4), ("exercise", 3), ("shoulder", 2), ("metastases", 4), ("38", 0),
    ])
    func syllables(_ c: (String, Int)) {
        #expect(Readability.syllables(c.0) == c.1, "\(c.0)")
    }

    @Test func sentencesSplitAtStopsNotInsideNumbers() {
        #expect(
            Readability.sentences("Rest. Call if 38.5 °C or more! Why? Sit: then stand\nWalk") == [
                "Rest.", "Call if 38.5 °C or more!", "Why?", "Sit:", "then stand", "Walk",
            ])
    }

    @Test func gradeFollowsTheFormula() {
        // 0.39 × 8 + 11.8 × 15 / 8 − 15.59 = 9.655
        let s = Readability.judge("Sit or lie in a comfortable, supported position.")
        #expect(s.words == 8 && s.syllables == 15)
        #expect(abs(s.grade - 9.655) < 0.001)
        #expect(Readability.judge("Sit down and rest a bit.").grade < 1)
    }

    static func exercise(_ steps: [String]) -> String {
        """
        id: e
        name: E
        kind: posture
        summary: Sit tall in a chair.
        steps:
        \(steps.map { "  - \($0)" }.joined(separator: "\n"))
        movements: []
        intensity: very-light
        """
    }

    @Test func aHardCardIsAWarningAtItsHardestSentence() throws {
        let ws = try TemporaryWorkspace()
        try ws.write(
            "Exercises/e.yaml",
            Self.exercise([
                "Sit back.",
                "Subsequently, systematically reevaluate musculoskeletal discomfort, documenting intermittent exacerbations comprehensively.",
            ]))
        let report = Validation.run(root: ws.root, displayBase: ws.root, rules: nil, readability: true)
        let warnings = report.diagnostics.filter { $0.message.contains("hard to read") }
        #expect(warnings.count == 1)
        #expect(warnings.first?.severity == .warning)
        #expect(warnings.first?.location == SourceLocation(file: "Exercises/e.yaml", line: 7, column: 5))
        #expect(
            warnings.first?.message.contains("hardest: 'Subsequently, systematically reevaluate") == true, "\(warnings)"
        )
        // Off unless asked for: other commands load the workspace without it.
        #expect(
            !Validation.run(root: ws.root, displayBase: ws.root, rules: nil).diagnostics.contains {
                $0.message.contains("hard to read")
            })
    }

    @Test func plainWordsPass() throws {
        let ws = try TemporaryWorkspace()
        try ws.write(
            "Exercises/e.yaml",
            Self.exercise([
                "Sit back in your chair.", "Lift one foot a little. Put it down.", "Do the same with the other foot.",
            ]))
        let report = Validation.run(root: ws.root, displayBase: ws.root, rules: nil, readability: true)
        #expect(!report.diagnostics.contains { $0.message.contains("hard to read") }, "\(report.diagnostics)")
    }

    @Test func everyPatientMessageOfARulesFileIsJudgedOnItsOwn() throws {
        let ws = try TemporaryWorkspace()
        let file = try ws.write(
            "rules.yaml",
            """
            - id: a
              then: {alert: info, message: "x", patient_message: "Call us today."}
            - id: b
              then: {alert: info, message: "x", patient_message: "Notwithstanding contraindications, immunocompromised individuals should preferentially avoid communal hydrotherapy facilities."}
            """)
        let warnings = ReadabilityPass.rules(clinicFile: file, displayBase: ws.root).filter { $0.location.file == file }
        #expect(warnings.count == 1)
        #expect(warnings.first?.location.line == 4)
        #expect(
            warnings.first?.message.hasPrefix("patient_message may be hard to read: this text reads at grade") == true)
    }

    @Test func theBundledExercisesReadAtGradeSixOrBelow() throws {
        let report = Validation.run(
            root: Paths.packageRoot, displayBase: Paths.packageRoot, rules: nil, readability: true)
        let hard = report.diagnostics.filter { $0.message.contains("hard to read") }
        #expect(hard.isEmpty, "\(hard.map(\.description))")
    }
}
