import Foundation
import TestSupport
import Testing

@testable import RehabKit

/// `pauses:` in a plan, and `rehab plan pause|resume` editing them as text.
struct PausesTests {
    static let plan = """
        # Maria's plan: keep this comment
        id: p
        title: T
        patient: {name: N}
        care_team: {contact: "Team 555 0100", urgent: "Acute oncology 555 0199"}
        start: 2026-11-30   # a Monday
        weeks: 6
        safety: {assessed: 2026-11-20, suspected_cord_compression: false, neuro_symptoms: [], spinal_metastases: {present: false},
                 back_pain: {new: false, worsening: false, night_pain: false, worse_on_straining: false, region: lumbar}, bone_density: normal}
        items: [{exercise: walking-gentle, frequency: daily}]

        """

    func validate(_ text: String) throws -> [String] {
        let ws = try TemporaryWorkspace()
        try ws.copy(folder: Paths.fixtures + "/valid/Exercises", to: "Exercises")
        try ws.write("Plans/p.yaml", text)
        return Validation.run(root: ws.root, displayBase: ws.root, rules: nil).diagnostics.map {
            "\($0.location.line):\($0.location.column) \($0.severity.rawValue): \($0.message)"
        }
    }

    @Test func pausesAreReadAndCheckedWhereTheyStand() throws {
        #expect(
            try validate(Self.plan + "pauses: [{from: 2026-12-07, to: 2026-12-13, reason: radiotherapy}]\n").isEmpty)
        #expect(
            try validate(
                Self.plan + """
                    pauses:
                      - {from: 2026-12-07, to: 2026-12-01}
                      - {from: 2026-12-20}
                      - {from: 2026-12-27, to: 2026-12-30}
                      - {from: 2027-06-01, to: 2027-06-02}
                    """) == [
                    "12:28 error: the pause ends (to: 2026-12-01) before it begins (from: 2026-12-07)",
                    "14:5 error: this pause (from 2026-12-27) overlaps the pause from 2026-12-20",
                    "15:5 warning: the pause from 2027-06-01 lies outside the plan (2026-11-30 to 2027-01-10)",
                ])
    }

    @Test func pausedDaysScheduleNothing() throws {
        let ws = try TemporaryWorkspace()
        try ws.copy(folder: Paths.fixtures + "/valid/Exercises", to: "Exercises")
        try ws.write("Plans/p.yaml", Self.plan + "pauses: [{from: 2026-12-03}]\n")
        let report = Validation.run(root: ws.root, displayBase: ws.root, rules: nil)
        let plan = try #require(report.workspace.plans.first)
        let week = try WeekScheduler(workspace: report.workspace, engine: SafetyEngine(.defaults)).schedule(
            plan, week: 1)
        #expect(week.days.map(\.sessions.count) == [1, 1, 1, 0, 0, 0, 0])
        #expect(week.days.map(\.isPaused) == [false, false, false, true, true, true, true])
        #expect(plan.isWhollyPaused(week: 2) && !plan.isWhollyPaused(week: 1))
        #expect(plan.programmeWeek(3) == 2)
    }

    @Test func pauseAppendsABlockAndKeepsEverythingElse() throws {
        let text = try PauseEdit.pause(
            Self.plan, file: "p.yaml", from: LocalDate("2026-12-07")!, reason: "admitted \"ward 4\""
        ).get()
        #expect(text.hasPrefix(Self.plan.trimmingCharacters(in: .newlines) + "\npauses:"))
        #expect(text.hasSuffix("\n  - {from: 2026-12-07, reason: \"admitted \\\"ward 4\\\"\"}\n"))
        let resumed = try PauseEdit.resume(text, file: "p.yaml", from: LocalDate("2026-12-21")!).get()
        #expect(resumed.hasSuffix("\n  - {from: 2026-12-07, to: 2026-12-20, reason: \"admitted \\\"ward 4\\\"\"}\n"))
        #expect(try validate(resumed).isEmpty)
        // Again: a second pause goes after the first, in the same block.
        let again = try PauseEdit.pause(resumed, file: "p.yaml", from: LocalDate("2027-01-04")!, reason: nil).get()
        #expect(again.hasSuffix("to: 2026-12-20, reason: \"admitted \\\"ward 4\\\"\"}\n  - {from: 2027-01-04}\n"))
    }

    @Test func resumeEndsABlockStylePauseInPlace() throws {
        let text =
            Self.plan
            + "pauses:\n# the ward\n- from: 2026-12-07   # admitted\n  reason: chest infection\nrest_days: [sunday]\n"
        let resumed = try PauseEdit.resume(text, file: "p.yaml", from: LocalDate("2026-12-10")!).get()
        #expect(
            resumed.contains(
                "- from: 2026-12-07   # admitted\n  to: 2026-12-09\n  reason: chest infection\nrest_days: [sunday]\n"))
        let paused = try PauseEdit.pause(resumed, file: "p.yaml", from: LocalDate("2026-12-14")!, reason: nil).get()
        #expect(paused.contains("  reason: chest infection\n- {from: 2026-12-14}\nrest_days: [sunday]\n"))
        #expect(try validate(paused).isEmpty)
    }

    @Test func editsThatCannotBeMadeAreRefused() throws {
        let open = Self.plan + "pauses: [{from: 2026-12-07}]\n"
        guard
            case .failure(let twice) = PauseEdit.pause(
                open, file: "p.yaml", from: LocalDate("2026-12-20")!, reason: nil)
        else {
            Issue.record("a second open pause")
            return
        }
        #expect(
            twice.message
                == "the plan already has a pause from 2026-12-07 with no end, which 2026-12-20 does not follow")
        guard case .failure(let early) = PauseEdit.resume(open, file: "p.yaml", from: LocalDate("2026-12-07")!) else {
            Issue.record("resume on the first paused day")
            return
        }
        #expect(early.message == "the plan cannot resume on 2026-12-07: its pause begins on 2026-12-07")
        guard case .failure(let notPaused) = PauseEdit.resume(Self.plan, file: "p.yaml", from: LocalDate("2026-12-07")!)
        else {
            Issue.record("resume an unpaused plan")
            return
        }
        #expect(notPaused.message == "plan 'p' is not paused: no pause without an end")
        // A flow list over several lines: not edited, the entry to add is printed.
        let flow = Self.plan + "pauses: [{from: 2026-12-01, to: 2026-12-02},\n  {from: 2026-12-03, to: 2026-12-04}]\n"
        guard
            case .failure(let hand) = PauseEdit.pause(flow, file: "p.yaml", from: LocalDate("2026-12-07")!, reason: nil)
        else {
            Issue.record("a flow list")
            return
        }
        #expect(hand.notes == ["add this entry to 'pauses:' in p.yaml by hand: - {from: 2026-12-07}"])
    }
}

/// Did-you-mean for a frequency written in words.
struct FrequencyWordsTests {
    @Test(arguments: [
        ("twice daily", "2/day"), ("three times a week", "3/week"), ("once a day", "daily"), ("every day", "daily"),
        ("3x/week", "3/week"), ("twice weekly", "2/week"), ("4 times per day", "4/day"), ("weekly", "1/week"),
    ])
    func wordsSayAFrequency(words: String, frequency: String) {
        #expect(Frequency(words: words)?.description == frequency)
    }

    @Test(arguments: ["every 2 days", "every other day", "twice", "eight times a week", "twice daily weekly", "dail"])
    func otherWordsSayNone(words: String) {
        #expect(Frequency(words: words) == nil)
    }

    @Test func theReaderSuggestsTheFrequency() throws {
        let ws = try TemporaryWorkspace()
        try ws.copy(folder: Paths.fixtures + "/valid/Exercises", to: "Exercises")
        try ws.write(
            "Plans/p.yaml",
            PausesTests.plan.replacingOccurrences(of: "frequency: daily", with: "frequency: twice daily"))
        let d = try #require(Validation.run(root: ws.root, displayBase: ws.root, rules: nil).diagnostics.first)
        #expect(d.message == "unknown frequency 'twice daily'")
        #expect(d.notes == ["did you mean '2/day'?"])
    }
}
