import Foundation
import TestSupport
import Testing

/// Text for a terminal that quotes the user's words — a plan's title, the patient's name and MRN, a
/// note in the log — holds none of their control characters: `"\e[8m"` would hide the rest of the
/// line, `"\r"` overwrite it, U+202E reverse it. `check` and `print` already cleaned them; the
/// pipeline property test found `schedule`, `progress`, `overview` and `exercises --allowed-for`
/// printing them raw.
struct TextOutputSafetyTests {
    static let plan = "Plans/gentle-start-osteopenia.yaml"

    /// The bundled clinic with a hostile title, name and MRN on one plan and a hostile note in its log.
    static func hostileClinic() throws -> TemporaryWorkspace {
        let ws = try TemporaryWorkspace.clinicCopy()
        let text = try Paths.read(ws.root + "/" + plan)
            .replacingOccurrences(
                of: "title: Gentle start after treatment", with: "title: \"Gentle \\e[8mstart\\r\\u202Eafter\""
            )
            .replacingOccurrences(
                of: "patient: {name: Maria R., ref: MRN-0001}",
                with: "patient: {name: \"Maria \\e]0;owned\\a R.\", ref: \"MRN\\x9b31m-0001\"}")
        try ws.write(plan, text)
        let log = try Run(
            ["log", plan, "--date", "2026-11-30", "--done", "walking-gentle", "--note", "legs \u{1B}[8mnumb\r"],
            in: ws.root)
        #expect(log.status == 0, "\(log.stderr)")
        return ws
    }

    static func control(in s: String) -> [String] {
        s.unicodeScalars.filter { u in
            (u.value < 0x20 && u != "\n" && u != "\t") || (0x7F...0x9F).contains(u.value)
                || (0x202A...0x202E).contains(u.value)
        }.map { "U+" + String($0.value, radix: 16, uppercase: true) }
    }

    @Test(arguments: [
        (["schedule", plan, "--week", "1"], "Gentle [8mstartafter — Maria ]0;owned R."),
        (["progress", plan], "Progress: Gentle [8mstartafter — Maria ]0;owned R. (MRN MRN31m-0001)"),
        (["overview"], "Maria ]0;owned R. (MRN31m-0001) — Gentle [8mstartafter"),
        (["exercises", "--allowed-for", plan], "For Maria ]0;owned R."),
    ])
    func textOutputHoldsNoControlCharacterOfTheUser(_ arguments: [String], _ visible: String) throws {
        let ws = try Self.hostileClinic()
        let run = try Run(arguments, in: ws.root)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(
            Self.control(in: run.stdout).isEmpty,
            "\(arguments[0]): \(Self.control(in: run.stdout)) in \(run.stdout.prefix(300).debugDescription)")
        #expect(run.stdout.contains(visible), "\(run.stdout.prefix(300))")
    }

    @Test func progressTextKeepsTheNoteWithoutItsEscapes() throws {
        let ws = try Self.hostileClinic()
        let run = try Run(["progress", Self.plan], in: ws.root)
        #expect(run.stdout.contains("note: legs [8mnumb"), "\(run.stdout)")
    }
}
