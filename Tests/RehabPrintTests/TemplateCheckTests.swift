import Testing

@testable import RehabPrint

/// The parts of `TemplateCheck` a clinic folder cannot reach on its own (the bundled folder always
/// has a `red-flags.txt`).
struct TemplateCheckTests {
    @Test func theSignsFileIsReadInTiers() throws {
        #expect(throws: PrintError.self) { try StopAndCall(text: "# only a comment\n", file: "clinic/red-flags.txt") }
        #expect(throws: PrintError.self) { try StopAndCall(text: "soon | Weak legs\n", file: "f") }
        #expect(throws: PrintError.self, "no 'now' sign: the sheet would not say when to call at once") {
            try StopAndCall(text: "today | New back pain\nvisit | Tired\n", file: "f")
        }
        let signs = try StopAndCall(
            text: "# ours\nNew back pain\r\n\n  today [back_pain.new] | Weak legs  \n", file: "f")
        #expect(
            signs.signs == [
                .init(urgency: .now, field: nil, text: "New back pain"),
                .init(urgency: .today, field: "back_pain.new", text: "Weak legs"),
            ], "an untiered line counts as 'now'")
    }

    @Test func partialsAreFoundWithTheirPlaces() {
        #expect(
            TemplateCheck.partials(in: "a\n  {{> head }}{{{raw}}}{{=<% %>=}}<%<base%>{{> not}}") == [
                .init(name: "head", line: 2, column: 3), .init(name: "base", line: 2, column: 34),
            ])
    }
}
