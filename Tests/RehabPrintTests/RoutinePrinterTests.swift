import Foundation
import SheetGeometry
import TestSupport
import Testing

@testable import RehabKit
@testable import RehabPrint

/// The bundled workspace, scheduled and printed.
struct Printing {
    let open: OpenWorkspace
    let scheduler: WeekScheduler
    let printer: RoutinePrinter

    init(root: String = Paths.packageRoot, templates: String? = nil) throws {
        open = OpenWorkspace(root: root, displayBase: root)
        scheduler = WeekScheduler(workspace: open.workspace, engine: SafetyEngine(rules: RuleSet.defaults.rules))
        printer = try RoutinePrinter(overrides: templates)
    }

    func plan(_ id: String) throws -> Plan {
        try #require(open.workspace.plan(id: id), "no plan \(id)")
    }

    func weeks(_ id: String, _ range: ClosedRange<Int>) throws -> [WeekSchedule] {
        let plan = try plan(id)
        var out: [WeekSchedule] = []
        for w in range { out.append(try scheduler.schedule(plan, week: w, previous: out.last)) }
        return out
    }

    func render(_ id: String, _ format: PrintFormat, weeks range: ClosedRange<Int> = 1...1, paper: Paper = .a4) throws
        -> String
    {
        try printer.render(
            try weeks(id, range), plan: try plan(id), workspace: open.workspace, format: format, paper: paper,
            imageBase: open.workspace.root)
    }
}

struct RoutinePrinterTests {
    static let golden = Paths.packageRoot + "/Tests/RehabPrintTests/Golden/"

    @Test(arguments: ["gentle-start-osteopenia", "braced-t10-metastasis", "suspected-cord-compression"])
    func bundledPlansMatchGolden(_ plan: String) throws {
        let p = try Printing()
        for (format, ext) in [(PrintFormat.text, "txt"), (.md, "md"), (.html, "html")] {
            let out = try p.render(plan, format)
            let problem = Golden.check(out, file: Self.golden + "\(plan)-week1.\(ext)")
            #expect(problem == nil, "\(problem ?? "")")
        }
    }

    @Test func aBlockedPlanPrintsOnlyThePageThatSaysNotToStart() throws {
        let html = try Printing().render("suspected-cord-compression", .html)
        #expect(html.contains("Do not start this exercise programme"))
        // The rule's words for the patient, not the care team's.
        #expect(html.contains("You may have pressure on your spinal cord"))
        // One action, with the 24-hour number, worded as the "now" tier's heading (issue 20).
        #expect(
            html.contains(
                "This needs help now. Stop and call now: Acute oncology 24-hour line 555 0199. No answer? Call 999."))
        #expect(!html.contains("emergency number"), "a number the sheet never gives")
        #expect(!html.contains("MRI of the whole spine"))
        // The spinal precautions reach the stop page (SAFETY.md): what to do while waiting.
        #expect(html.contains("Until you are seen, keep doing these to protect your back"))
        #expect(html.contains("Log roll in bed"))
        #expect(html.contains("Lying on your back with pillows"))
        #expect(!html.contains("class=\"sheet\""), "no routine grid")
        #expect(!html.contains("class=\"card"), "no exercise cards")
        #expect(!html.contains("Gentle walking"))
    }

    @Test func htmlIsSelfContainedAndPrintable() throws {
        let html = try Printing().render("braced-t10-metastasis", .html, weeks: 1...2, paper: .letter)
        #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"en\">"))
        #expect(html.contains("@page { size: 8.5in 11in;"))
        #expect(html.contains("font-size: 14pt"))
        #expect(!html.contains("<link"), "styles are inline")
        #expect(!html.contains("src=\"http"), "nothing is fetched")
        #expect(html.components(separatedBy: "class=\"scan\"").count == 3, "one scannable grid per week")
        #expect(html.components(separatedBy: "class=\"sheet\"").count == 3, "one grid per week")
    }

    @Test func everyUserSuppliedFieldIsEscaped() throws {
        // In single-quoted YAML a quote is written twice: every field below reads as <script>…"'&.
        let evil = "<script>alert(1)</script>\"''&"
        let ws = try TemporaryWorkspace()
        try ws.write(
            "Exercises/x.yaml",
            """
            id: x
            name: 'Walk \(evil)'
            kind: activity
            summary: 'Summary \(evil)'
            steps: ['Step \(evil)']
            movements: []
            intensity: very-light
            dose: {minutes: 5}
            equipment: ['Kit \(evil)']
            cautions: ['Caution \(evil)']
            stop_if: ['Stop \(evil)']
            """)
        try ws.write(
            "Exercises/y.yaml",
            """
            id: y
            name: 'Habit \(evil)'
            kind: posture
            summary: s
            steps: [s]
            movements: []
            intensity: very-light
            """)
        try ws.write(
            "Plans/p.yaml",
            PlanText.plan(
                id: "p", title: "'Title \(evil)'", patient: "{name: 'Name \(evil)', ref: 'Ref \(evil)'}",
                careTeam: "{contact: 'Contact \(evil)', clinician: 'Clinician \(evil)'}",
                items: ["{exercise: x, frequency: daily, notes: 'Notes \(evil)'}", "{exercise: y, frequency: all-day}"])
        )
        let p = try Printing(root: ws.root)
        let html = try p.render("p", .html)
        #expect(!html.contains("<script>"))
        #expect(!html.contains("\"'&<"))
        for field in [
            "Walk", "Summary", "Step", "Kit", "Caution", "Stop", "Habit", "Title", "Name", "Ref", "Contact",
            "Clinician", "Notes",
        ] {
            #expect(
                html.contains("\(field) &lt;script&gt;alert(1)&lt;/script&gt;&quot;&#39;&amp;"),
                "\(field) is not escaped")
        }
    }

    @Test func aWeekWithNothingScheduledSaysSo() throws {
        let ws = try TemporaryWorkspace()
        try ws.copy(folder: Paths.packageRoot + "/Exercises/education", to: "Exercises/education")
        try ws.write(
            "Plans/q.yaml",
            PlanText.plan(
                id: "q", title: "Reading only", careTeam: nil,
                items: ["{exercise: energy-conservation, frequency: as-needed}"]))
        let html = try Printing(root: ws.root).render("q", .html)
        #expect(html.contains("Nothing is planned this week"))
        #expect(html.contains("When you need them:</strong> Saving your energy"))
        let text = try Printing(root: ws.root).render("q", .text)
        #expect(text.contains("When you need them: Saving your energy"))
    }

    /// The sections a clinic's text template needs at least: the stop-and-call tiers and every stop line.
    static let requiredSections =
        "{{#tiers}}{{heading}}\n{{#lines}}{{text}}\n{{/lines}}{{/tiers}}{{#shared_stop_if}}{{text}}\n{{/shared_stop_if}}"
        + "{{#card_pages}}{{#cards}}{{#stop_if}}{{text}}\n{{/stop_if}}{{/cards}}{{/card_pages}}"

    @Test func aClinicTemplateReplacesOnlyWhatItGives() throws {
        let dir = try TemporaryWorkspace()
        try dir.write(
            "routine.txt.mustache",
            "{{% CONTENT_TYPE: TEXT}}\nSt Elsewhere Clinic\n{{#weeks}}Semaine {{week}} — {{patient_name}}\n\(Self.requiredSections){{/weeks}}"
        )
        try dir.write("red-flags.txt", "Nouvelle douleur dans le dos\n")
        let p = try Printing(templates: dir.root)
        let text = try p.render("gentle-start-osteopenia", .text)
        #expect(text.hasPrefix("St Elsewhere Clinic\nSemaine 1 — Maria R.\nStop and call now"), "\(text.prefix(200))")
        #expect(text.contains("Nouvelle douleur dans le dos"))
        let html = try p.render("gentle-start-osteopenia", .html)
        #expect(html.contains("<li>Nouvelle douleur dans le dos</li>"))
        #expect(html.contains("Stop and call now"), "the bundled HTML template stays")
    }

    @Test func aBrokenClinicTemplateIsAClearError() throws {
        let dir = try TemporaryWorkspace()
        try dir.write("routine.txt.mustache", "{{#weeks}}unclosed")
        #expect(throws: PrintError.self) { try RoutinePrinter(overrides: dir.root) }
    }
}

/// What `print` embeds or loads is read as the workspace files are: regular files only, inside the workspace.
@Suite(.timeLimit(.minutes(10)))
struct PrintFileTests {
    @Test func imagesThatAreNotRegularFilesInsideTheWorkspaceAreNotEmbedded() throws {
        let ws = try TemporaryWorkspace()
        let outside = try TemporaryWorkspace()
        let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0]
        try ws.write("Exercises/real.png", Data(png))
        try #require(mkfifo(ws.root + "/Exercises/pipe.png", 0o644) == 0)
        try FileManager.default.createSymbolicLink(
            atPath: ws.root + "/Exercises/zero.png", withDestinationPath: "/dev/zero")
        let secret = try outside.write("secret.png", "secret")
        try FileManager.default.createSymbolicLink(
            atPath: ws.root + "/Exercises/secret.png", withDestinationPath: secret)
        let workspace = Workspace(root: ws.root, exercises: [], exercisesByID: [:], plans: [], files: [:])
        func uri(_ name: String) -> String? {
            ImageEmbedding.dataURI(name, exerciseFile: ws.root + "/Exercises/x.yaml", base: nil, workspace: workspace)
        }
        #expect(uri("real.png") == "data:image/png;base64," + Data(png).base64EncodedString())
        #expect(uri("pipe.png") == nil)
        #expect(uri("zero.png") == nil)
        #expect(uri("secret.png") == nil)
        #expect(uri("../../" + (outside.root as NSString).lastPathComponent + "/secret.png") == nil)
    }

    @Test func aNamedPipeAmongTheTemplatesIsRefusedWithoutBlocking() throws {
        let dir = try TemporaryWorkspace()
        try #require(mkfifo(dir.root + "/routine.md.mustache", 0o644) == 0)
        #expect(throws: PrintError.self) { try RoutinePrinter(overrides: dir.root) }
    }
}
