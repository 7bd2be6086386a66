import Foundation
import RehabKit
import RehabPrint
import TestSupport
import Testing

/// Text and Markdown output of user text from YAML (issue 11): no raw HTML in Markdown, no
/// terminal escapes in text.
struct UserTextTests {
    /// A one-exercise plan whose every field carries `payload` (a YAML double-quoted string body).
    static func workspace(_ payload: String) throws -> TemporaryWorkspace {
        let ws = try TemporaryWorkspace()
        try ws.write(
            "Exercises/x.yaml",
            """
            id: x
            name: "Walk \(payload)"
            kind: activity
            summary: "Summary \(payload)"
            steps: ["Step \(payload)"]
            movements: []
            intensity: very-light
            dose: {minutes: 5}
            equipment: ["Kit \(payload)"]
            cautions: ["Caution \(payload)"]
            stop_if: ["Stop \(payload)"]
            """)
        try ws.write(
            "Plans/p.yaml",
            PlanText.plan(
                id: "p", title: "\"Title \(payload)\"", patient: "{name: \"Name \(payload)\", ref: \"Ref \(payload)\"}",
                careTeam: "{contact: \"Contact \(payload)\", clinician: \"Clinician \(payload)\"}",
                items: ["{exercise: x, frequency: daily, notes: \"Notes \(payload)\"}"]))
        return ws
    }

    @Test func markdownEscapesHTMLFromYAML() throws {
        let ws = try Self.workspace(
            "<img src=x onerror=alert(1)> <script>alert(2)</script> ![t](http://evil.example/p.png) &amp;")
        let md = try Printing(root: ws.root).render("p", .md)
        #expect(!md.contains("<img") && !md.contains("<script"), "raw HTML in Markdown:\n\(md)")
        #expect(!md.contains("![t](http") && md.contains("!\\[t\\](http"), "a Markdown image from YAML")
        for field in ["Walk", "Summary", "Step", "Caution", "Stop", "Title", "Name", "Notes"] {
            #expect(md.contains("\(field) &lt;img src=x onerror=alert(1)&gt;"), "\(field) is not escaped")
        }
        #expect(md.contains("&amp;amp;"))
    }

    @Test func textStripsControlCharacters() throws {
        // \e[8m hides what follows on a terminal; \r overwrites the line; U+202E reverses it.
        let ws = try Self.workspace("\\e[8m\\rHIDDEN\\u202E\\a\\x7F\\x9B")
        for format in [PrintFormat.text, .md] {
            let out = try Printing(root: ws.root).render("p", format)
            let controls = out.unicodeScalars.filter {
                ($0.value < 0x20 && $0 != "\n" && $0 != "\t") || (0x7F...0x9F).contains($0.value) || $0.value == 0x202E
            }
            #expect(controls.isEmpty, "\(format): \(controls.map { String($0.value, radix: 16) })")
            #expect(out.contains("Title [8mHIDDEN") || out.contains("Title \\[8mHIDDEN"), "the text itself stays")
        }
    }

    @Test func plainAndMarkdownKeepOrdinaryText() {
        #expect(UserText.plain("Line one\n\tLine two — 38 °C, café ✓") == "Line one\n\tLine two — 38 °C, café ✓")
        #expect(UserText.markdown("Sit | stand") == "Sit \\| stand", "a pipe never breaks a table cell")
        #expect(
            UserText.markdown("\\[x\\](http://t.example/p.png) \\|")
                == "\\\\\\[x\\\\\\](http://t.example/p.png) \\\\\\|",
            "a backslash from YAML cannot undo the escapes after it")
        #expect(UserText.plain("a\u{1B}[2Jb\u{0}c\u{85}d\u{2066}e") == "a[2Jbcde")
    }
}
