import TestSupport
import Testing

@testable import RehabKit

/// Issue 20: "TLSO" on the patient's sheet. Clinical abbreviations in patient-facing text are warned
/// about, with plain words; capitals for emphasis are not.
struct PlainWordsTests {
    @Test func clinicalAbbreviationsAreFoundWithPlainWords() {
        let found = PlainWords.found(in: "Wear your TLSO when up; NWB on the left, PRN pain relief. TLSO again.")
        #expect(found.map(\.written) == ["TLSO", "NWB", "PRN"])
        #expect(found.first?.plain == "back brace")
        #expect(PlainWords.found(in: "STOP and call NOW. Do NOT lift. Ask your GP.").isEmpty)
        #expect(PlainWords.found(in: "ADLs as usual").map(\.plain) == ["daily tasks"])
    }

    @Test func aPlansNotesAreCheckedWhereTheyAreWritten() throws {
        let ws = try TemporaryWorkspace.clinicCopy()
        let file = "Plans/braced-t10-metastasis.yaml"
        let text = try String(contentsOfFile: ws.root + "/" + file, encoding: .utf8)
        try text.replacingOccurrences(
            of: "notes: \"Each evening when the brace comes off.\"",
            with: "notes: \"Each evening when the TLSO comes off.\""
        )
        .write(toFile: ws.root + "/" + file, atomically: false, encoding: .utf8)
        let report = Validation.run(root: ws.root, displayBase: ws.root)
        let hits = report.diagnostics.filter { $0.message.contains("abbreviation 'TLSO'") }
        #expect(hits.count == 1, "\(report.diagnostics)")
        #expect(hits.first?.location.file == file)
        #expect(hits.first?.severity == .warning)
        #expect(hits.first?.notes.first?.contains("back brace") == true)
    }
}
