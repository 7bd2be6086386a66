import Foundation
import RehabKit
import RehabPrint
import TestSupport
import Testing

/// A clinic's templates that used to crash or mislead: a partial that includes itself (a stack
/// overflow), an empty or missing red-flags list, parse errors printed as a Swift struct.
struct TemplateSafetyTests {
    static func error(_ files: [String: String]) throws -> PrintError? {
        let dir = try TemporaryWorkspace()
        for (name, text) in files { try dir.write(name, text) }
        do {
            _ = try RoutinePrinter(overrides: dir.root)
            return nil
        } catch {
            return PrintError(
                error.description.replacingOccurrences(of: dir.root + "/", with: ""),
                at: error.location?.replacingOccurrences(of: dir.root + "/", with: ""))
        }
    }

    @Test func aPartialThatIncludesItselfIsAnError() throws {
        let e = try Self.error([
            "routine.txt.mustache": "{{% CONTENT_TYPE: TEXT}}\nHello\n{{#weeks}}{{> routine.txt}}{{/weeks}}"
        ])
        #expect(e?.location == "routine.txt.mustache:3:11")
        #expect(
            e?.description.contains("includes itself through partials (routine.txt → routine.txt)") == true,
            "\(String(describing: e))")
    }

    @Test func aLoopThroughTwoPartialsAndChangedDelimitersIsAnError() throws {
        let e = try Self.error([
            "routine.txt.mustache": "{{=<% %>=}}\n<%> a %>", "a.mustache": "{{> b}}", "b.mustache": "x {{>a}}",
        ])
        #expect(e?.description.contains("(a → b → a)") == true, "\(String(describing: e))")
    }

    @Test func aPartialThatNamesNoTemplateIsAnError() throws {
        let e = try Self.error(["routine.txt.mustache": "{{> header}}"])
        #expect(e?.location == "routine.txt.mustache:1:1")
        #expect(e?.description.contains("partial 'header' names no template") == true)
    }

    @Test func partialsWithoutALoopAreFine() throws {
        let e = try Self.error([
            "routine.txt.mustache": "{{% CONTENT_TYPE: TEXT}}\n{{#weeks}}{{> head}}{{/weeks}}",
            "head.mustache": "Week {{week}}\n",
        ])
        #expect(e == nil)
        let dir = try TemporaryWorkspace()
        // A sheet must still carry the stop-and-call box and the stop lines (RequiredContent).
        try dir.write(
            "routine.txt.mustache",
            "{{% CONTENT_TYPE: TEXT}}\n{{#weeks}}{{> head}}\(RoutinePrinterTests.requiredSections){{/weeks}}")
        try dir.write("head.mustache", "Week {{week}}\n")
        let out = try Printing(templates: dir.root).render("gentle-start-osteopenia", .text)
        #expect(out.hasPrefix("Week 1\nStop and call now"), "\(out.prefix(200))")
    }

    @Test(arguments: ["", "\n  \n\n", "# only a comment\n"])
    func anEmptyRedFlagsListIsAnError(_ text: String) throws {
        let e = try Self.error(["red-flags.txt": text])
        #expect(e?.location == "red-flags.txt")
        #expect(e?.description.contains("lists no red flag") == true, "\(String(describing: e))")
    }

    @Test func aParseErrorSaysFileLineAndColumn() throws {
        let e = try Self.error(["routine.html.mustache": "<html>\n<body>\n{{#weeks}}\n  {{title}}\n{{/week}}\n"])
        #expect(e?.formatted.hasPrefix("routine.html.mustache:5:") == true, "\(String(describing: e?.formatted))")
        #expect(
            e?.formatted.contains(": error: template does not parse: the section closed here is not the one open")
                == true)
        #expect(e?.description.contains("ParserError") == false)
    }
}
