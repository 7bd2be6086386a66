import Foundation
import TestSupport
import Testing

@testable import RehabPrint

/// The one rendering layer: typed view models, read through `TemplateValue`, documented field by field.
struct TemplateContractTests {
    struct Inner: Sendable {
        var text: String
        var flag: Bool
    }
    struct Model: Sendable {
        var patientName: String
        var ref: String?
        var items: [Inner]
        var none: [Inner]
        var count: Int
    }

    static let model = Model(
        patientName: "Ann <b>\u{1b}[8m", ref: nil, items: [.init(text: "<i>a</i>\u{7}", flag: true)], none: [], count: 2
    )

    /// Renders `template` over the model through the printer, as a clinic's template would be.
    func render(_ template: String, _ format: PrintFormat = .text) throws -> String {
        let clinic = try TemporaryWorkspace()
        _ = try clinic.write("t.mustache", (format == .html ? "" : "{{% CONTENT_TYPE: TEXT}}") + template)
        let out = try RoutinePrinter(overrides: clinic.root).renderPage(Self.model, template: "t", format: format)
        return String(out.dropLast())  // tidy's newline
    }

    @Test func namesInSwiftOrSnakeCaseAndHasForAnyField() throws {
        // HTML loses control characters too (issue 22: one cleaning for every output).
        #expect(try render("{{patientName}}|{{patient_name}}", .html) == "Ann &lt;b&gt;[8m|Ann &lt;b&gt;[8m")
        #expect(try render("{{#has_ref}}R{{/has_ref}}{{^has_ref}}no ref{{/has_ref}}") == "no ref")
        #expect(
            try render("{{#has_items}}I{{/has_items}}{{#has_none}}N{{/has_none}}{{#hasItems}}J{{/hasItems}}") == "IJ")
        #expect(
            try render("{{#items}}{{#flag}}{{count}}{{/flag}}{{/items}}") == "2",
            "a nested model sees its parents' fields")
        #expect(
            try render("{{#has_nothing}}x{{/has_nothing}}{{nothing}}") == "",
            "an unknown field is empty, has_ of it false")
    }

    @Test func textIsEscapedForTheFormatWhereItIsRead() throws {
        let plain = try render("{{patient_name}} {{#items}}{{text}}{{/items}}", .text)
        #expect(!plain.contains("\u{1b}") && !plain.contains("\u{7}"), "control characters out of text")
        let md = try render("{{patient_name}} {{#items}}{{text}}{{/items}}", .md)
        #expect(!md.contains("<b>") && !md.contains("<i>"), "HTML escaped in Markdown: \(md)")
    }

    /// Every field of the routine's view models is in docs/PRINTING.md's template contract, and the
    /// contract names no field that is not there: the documentation is the types.
    @Test func theContractInTheDocsIsTheViewModels() throws {
        let docs = try String(contentsOfFile: Paths.packageRoot + "/docs/PRINTING.md", encoding: .utf8)
        let start = try #require(
            docs.range(of: "### The template contract"), "docs/PRINTING.md has no template contract")
        let rest = docs[start.upperBound...]
        let contract = String(rest[..<(rest.range(of: "\n#")?.lowerBound ?? rest.endIndex)])
        let p = try Printing()
        let week = try #require(
            p.printer.models(
                try p.weeks("braced-t10-metastasis", 1...1), plan: try p.plan("braced-t10-metastasis"),
                workspace: p.open.workspace, paper: .a4
            ).first)
        let document = RoutineDocument(
            weeks: [week], style: "", largePrint: false, first: true, title: "", patientName: "")
        var fields: Set<String> = []
        func collect(_ value: Any) {
            for child in Mirror(reflecting: value).children {
                guard let label = child.label else { continue }
                fields.insert(label)
                guard let v = TemplateValue.property(label, of: value) else { continue }
                if let array = v as? [Any] {
                    array.prefix(1).forEach(collect)
                } else if Mirror(reflecting: v).displayStyle == .struct {
                    collect(v)
                }
            }
        }
        collect(document)
        collect(try #require(week.cardPages.first?.cards.first))
        let documented = Set(contract.matches(of: /`([a-z][a-zA-Z]*)`/).map { String($0.1) })
        for field in fields.sorted() {
            #expect(documented.contains(field), "'\(field)' is not in the template contract")
        }
        let known = fields.union(["has_x", "hasX"])
        for name in documented.sorted() where !known.contains(name) && name.first!.isLowercase && !name.contains(".") {
            #expect(Bool(false), "the contract names '\(name)', which no view model has")
        }
    }

    /// The source of the printing layer builds no untyped model.
    @Test func noUntypedModelInThePrintingLayer() throws {
        let folder = Paths.packageRoot + "/Sources/RehabPrint"
        for name in try FileManager.default.contentsOfDirectory(atPath: folder) where name.hasSuffix(".swift") {
            let text = try String(contentsOfFile: folder + "/" + name, encoding: .utf8)
            #expect(!text.contains("[String: Any]"), "\(name) builds an untyped model")
            #expect(!text.contains("as!"), "\(name) force-casts")
        }
    }
}
