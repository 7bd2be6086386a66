import Foundation
import TestSupport
import Testing

@testable import RehabKit
@testable import RehabPrint

/// The strings table: a clinic rewords or translates the printed phrases without recompiling, and a
/// mistake in its table is an error at its line.
struct PatientStringsTests {
    static let bundled = RoutinePrinter.bundledTemplates + "/strings.txt"

    @Test func theBundledTableHasEveryKeyAndNothingElse() throws {
        let text = try String(contentsOfFile: Self.bundled, encoding: .utf8)
        let keys = text.split(separator: "\n").filter { !$0.hasPrefix("#") && $0.contains("=") }
            .map { $0.split(separator: "=")[0].trimmingCharacters(in: .whitespaces) }
        #expect(Set(keys) == Set(PatientStrings.placeholders.keys))
        #expect(keys.count == Set(keys).count, "a key twice")
    }

    @Test func aClinicRewordsAndTranslatesWithoutRecompiling() throws {
        let clinic = try TemporaryWorkspace()
        _ = try clinic.write(
            "strings.txt",
            """
            # Our own words, in part in Welsh.
            tier.now = Ffoniwch nawr: {contact}. Or call 999 at once.
            day.short.monday = Llun
            dose.times.one = unused
            dose.times = {n} gwaith
            brace.upright = Wear the {brace} whenever you are up
            """.replacingOccurrences(of: "dose.times.one = unused\n", with: ""))
        let p = try Printing(templates: clinic.root)
        let text = try p.render("braced-t10-metastasis", .text)
        #expect(text.contains("Ffoniwch nawr: Acute oncology 24-hour line 555 0199. Or call 999 at once."))
        #expect(!text.contains("Stop and call now:"))
        #expect(text.contains("Llun 30"))
        #expect(
            text.contains("10 gwaith, both sides together"), "a dose's part reworded, the rest from the bundled table")
        #expect(text.contains("Stop your exercises and call today"), "lines the clinic left out keep their words")
        let html = try p.render("braced-t10-metastasis", .html)
        #expect(html.contains("Ffoniwch nawr"), "the same words on every format")
    }

    /// Issue 25: the row's and the card's "in your brace" were typed into each template (and the
    /// text grid and the scannable sheet each assembled the row's words); a clinic's `grid.in-brace`
    /// reached only the grid. The words now come from the table in every format.
    @Test func theBraceWordsComeFromTheTableInEveryFormat() throws {
        let clinic = try TemporaryWorkspace()
        _ = try clinic.write("strings.txt", "grid.in-brace = yn eich brês\n")
        let p = try Printing(templates: clinic.root)
        for format in [PrintFormat.text, .md, .html] {
            let out = try p.render("braced-t10-metastasis", format)
            #expect(out.contains("yn eich brês"), "\(format): the table's words")
            // The plan's own notes say "Sitting, in your brace." — these are the templates' places.
            for own in ["· in your brace", ", in your brace |", ", in your brace\n", "\"brace\">in your brace<"] {
                #expect(!out.contains(own), "\(format): no words of the template's own (\(own))")
            }
        }
    }

    /// Issue 25: the Markdown grid typed "*rest*" and the HTML sheet "Rest day" for a rest day, words the
    /// strings table has (`grid.rest`) or now has (`grid.rest-day`): a clinic's table reached neither.
    @Test func theRestDayWordsComeFromTheTable() throws {
        let clinic = try TemporaryWorkspace()
        _ = try clinic.write("strings.txt", "grid.rest = gorffwys\ngrid.rest-day = Diwrnod gorffwys\n")
        let p = try Printing(templates: clinic.root)
        let md = try p.render("braced-t10-metastasis", .md)
        #expect(md.contains("*gorffwys*") && !md.contains("*rest*"))
        // The HTML table of a sheet that cannot be scanned (the scannable one labels its cells with
        // `grid.rest` already): its words come from the model's `restDay`, not the template.
        let html = try String(
            contentsOfFile: Paths.packageRoot + "/Sources/RehabPrint/Templates/routine.html.mustache", encoding: .utf8)
        #expect(html.contains("{{rest_day}}") && !html.contains("Rest day"))
        // The bundled table keeps the words the goldens have.
        #expect(try Printing().render("braced-t10-metastasis", .md).contains("*rest*"))
    }

    @Test(arguments: [
        (
            "tier.nwo = Call now", "strings.txt:1:1",
            "unknown key 'tier.nwo' in the strings table (did you mean 'tier.now'?)"
        ),
        ("tier.now = Call {contcat}", "strings.txt:1:1", "'tier.now' cannot use {contcat}; it has {contact}"),
        ("# ok\ntier.now", "strings.txt:2:1", "a line of the strings table is 'key = words'"),
        ("grid.rest =   ", "strings.txt:1:1", "'grid.rest' has no words"),
        ("grid.rest = \u{200B} .", "strings.txt:1:1", "'grid.rest' has no words"),
        (
            "tier.now = Stop and call 999 now.", "strings.txt:1:1",
            "'tier.now' must say whom to call: keep {contact} in it"
        ),
        ("tier.today = Call today", "strings.txt:1:1", "'tier.today' must say whom to call: keep {contact} in it"),
    ])
    func aMistakeIsAnErrorAtItsLine(_ c: (text: String, at: String, message: String)) throws {
        let clinic = try TemporaryWorkspace()
        _ = try clinic.write("strings.txt", c.text)
        do {
            _ = try RoutinePrinter(overrides: clinic.root)
            Issue.record("accepted \(c.text)")
        } catch {
            #expect(error.location == clinic.root + "/" + c.at)
            #expect(error.description == c.message)
        }
    }

    @Test func aTableWithoutEveryKeyIsNotABundledTable() {
        #expect(throws: PrintError.self) { try PatientStrings(text: "tier.now = Call {contact}", file: "strings.txt") }
    }

    @Test func phrasesBuiltFromParts() throws {
        let s = try PatientStrings(text: String(contentsOfFile: Self.bundled, encoding: .utf8), file: Self.bundled)
        #expect(s.times([.morning, .midday, .evening]) == "morning, midday and evening")
        #expect(s.say("daily-limit", n: 1) == "1 minute")
        #expect(s.say("daily-limit", n: 45) == "45 minutes")
        #expect(s.longDate(LocalDate(year: 2026, month: 11, day: 30)!) == "Monday 30 November 2026")
        #expect(
            s.dose(Dose(reps: 10, holdSeconds: 1, minutes: 5, side: .each))
                == "10 times, hold 1 second (5 minutes), each side")
        #expect(
            s.dose(Dose(reps: 10, holdSeconds: 1, minutes: 5, side: .each))
                == DoseWords.text(Dose(reps: 10, holdSeconds: 1, minutes: 5, side: .each)),
            "the bundled table says what the care team's English says")
        #expect(
            s.braceRegimen(Brace(type: "TLSO", wearWhen: .upright))
                == "Wear your back brace whenever you sit up, stand or walk")
        #expect(s.braceRegimen(Brace(type: "Boston", wearWhen: .always)) == "Wear your Boston brace day and night")
        #expect(s.braceRegimen(Brace(type: "soft collar", wearWhen: .always)) == "Wear your soft collar day and night")
    }
}
