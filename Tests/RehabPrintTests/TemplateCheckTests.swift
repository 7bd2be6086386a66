@testable import RehabPrint
import Testing

/// The parts of `TemplateCheck` a clinic folder cannot reach on its own (the bundled folder always
/// has a `red-flags.txt`).
struct TemplateCheckTests {
    @Test func aMissingRedFlagsFileIsAnError() throws {
        #expect(throws: PrintError.self) { try TemplateCheck.redFlags(nil, file: "clinic/red-flags.txt") }
        #expect(try TemplateCheck.redFlags("# ours\nNew back pain\r\n\n  Weak legs  \n", file: "f") == ["New back pain", "Weak legs"])
    }

    @Test func partialsAreFoundWithTheirPlaces() {
        #expect(TemplateCheck.partials(in: "a\n  {{> head }}{{{raw}}}{{=<% %>=}}<%<base%>{{> not}}") ==
                [.init(name: "head", line: 2, column: 3), .init(name: "base", line: 2, column: 34)])
    }
}
