import Foundation
import RehabBench
import TestSupport
import Testing

@testable import RehabKit

/// `validate` and `check` read plans a window at a time (docs/FORMAT.md, Streaming): whatever the
/// window, they must find what the whole-workspace reading finds, in the documented order, and
/// hold no more plans than the window.
struct StreamingTests {
    /// A generated clinic (inline profiles) and, among its plans, the things that reach across
    /// windows: a profile file with an error shared by plans far apart, a duplicate plan id in a
    /// later file, a file that cannot be read, a template, an unknown exercise.
    func workspace() throws -> TemporaryWorkspace {
        // The same id as plan-00003, many windows later (of a small window).
        let ws = try TemporaryWorkspace.acrossWindows(
            CorpusGenerator(exercises: 30, plans: 40, seed: 3).files(),
            copied: (of: "plan-00003", as: "plan-00033-copy"),
            broken: "plan-00020-broken")
        let maria = try TemporaryWorkspace.maria()
        try ws.write("Plans/maria.yaml", maria)
        try ws.write(
            "Plans/plan-00021-template.yaml",
            maria.replacingOccurrences(of: "id: maria", with: "id: plan-00021-template")
                .replacingOccurrences(of: "safety_profile: ../Patients/maria.yaml", with: "template: true"))
        try ws.write(
            "Plans/plan-00022-unknown.yaml",
            maria.replacingOccurrences(of: "id: maria", with: "id: plan-00022-unknown")
                .replacingOccurrences(of: "exercise: sit-to-stand", with: "exercise: sit-to-stnad"))
        return ws
    }

    func streamed(_ ws: TemporaryWorkspace, window: Int) -> (batches: [[Diagnostic]], summary: Validation.Summary) {
        var batches: [[Diagnostic]] = []
        let summary = Validation.stream(
            root: ws.root, displayBase: ws.root, today: LocalDate("2026-11-30"), readability: true,
            window: window
        ) { batches.append($0) }
        return (batches, summary)
    }

    @Test(arguments: [1, 4, 7, 1000])
    func validateFindsWhatTheWholeReadingFinds(window: Int) throws {
        let ws = try workspace()
        let whole = Validation.run(
            root: ws.root, displayBase: ws.root, today: LocalDate("2026-11-30"), readability: true)
        let (batches, summary) = streamed(ws, window: window)
        let all = batches.flatMap { $0 }
        #expect(whole.diagnostics.contains { $0.message.hasPrefix("duplicate plan id 'plan-00003'") })
        #expect(whole.diagnostics.filter { $0.location.file == "Patients/broken.yaml" }.count == 1)
        #expect(Set(all) == Set(whole.diagnostics))
        #expect(all.count == whole.diagnostics.count, "each finding once")
        #expect(summary.errors == whole.errorCount)
        #expect(summary.warnings == whole.warningCount)
        #expect(summary.filesRead == whole.filesRead)
        // The plan files' findings keep the global order; so does everything with one window.
        let inPlans = { (d: Diagnostic) in d.location.file.hasPrefix("Plans/") }
        #expect(all.filter(inPlans) == whole.diagnostics.filter(inPlans))
        if window >= 1000 { #expect(all == whole.diagnostics) }
        // Each batch is sorted.
        for batch in batches { #expect(batch == batch.sortedForReport()) }
    }

    @Test func aWindowIsReportedBeforeTheNextIsRead() throws {
        let ws = try workspace()
        let last = "Plans/zz-last.yaml"
        let whole = Validation.run(root: ws.root, displayBase: ws.root)
        #expect(
            whole.diagnostics.contains {
                $0.location.file == last && $0.message.hasPrefix("safety profile '../Patients/broken.yaml' has errors")
            })
        var batches = 0
        var aboutLast: [Diagnostic] = []
        _ = Validation.stream(root: ws.root, displayBase: ws.root, window: 5) { batch in
            batches += 1
            // The last plan file disappears once the first window is reported: a reading that
            // held every plan before reporting would still report what the file held.
            if batches == 1 { try? FileManager.default.removeItem(atPath: ws.root + "/" + last) }
            aboutLast += batch.filter { $0.location.file == last }
        }
        #expect(batches > 1)
        #expect(aboutLast.count == 1)
        #expect(aboutLast.first?.severity == .error)
        #expect(
            aboutLast.first?.message.hasPrefix("safety profile") == false, "read after the first window: \(aboutLast)")
    }

    @Test(arguments: [1, 5, 16])
    func noWindowHoldsMoreThanItsSize(window: Int) throws {
        let ws = try workspace()
        let loader = WorkspaceLoader(root: ws.root, displayBase: ws.root)
        let stream = PlanStream(loader: loader, listing: loader.list())
        var windows = 0
        var plans = 0
        stream.forEachWindow(size: window) { w in
            windows += 1
            plans += w.entries.count
            #expect(w.entries.count <= window)
        }
        #expect(plans == stream.planFiles.count)
        #expect(windows == (plans + window - 1) / window)
        #expect(stream.largestWindow == min(window, plans))
        #expect(stream.library.plans.isEmpty)
        // A streamed validation keeps no plan.
        #expect(streamed(ws, window: window).summary.workspace.plans.isEmpty)
    }

    @Test(arguments: [1, 7, 1000])
    func checkFindsWhatTheWholeReadingFinds(window: Int) throws {
        let ws = try workspace()
        let stream = CheckStream(root: ws.root, displayBase: ws.root, names: [], all: true)
        #expect(stream.canStream)
        var reports: [SafetyReport] = []
        var diagnostics: [Diagnostic] = []
        var templates: [String] = []
        stream.run(rules: .defaults, asOf: LocalDate("2026-11-30"), window: window) { r in
            reports += r.reports
            diagnostics += r.diagnostics
            templates += r.templates.map(\.id)
        }
        let open = OpenWorkspace(root: ws.root, displayBase: ws.root)
        let names = open.planNames([], all: true).names
        #expect(names == stream.names)
        let whole = SafetyCheck.run(open: open, plans: names, rules: .defaults, asOf: LocalDate("2026-11-30"))
        #expect(reports.map(\.plan.id) == whole.reports.map(\.plan.id))
        #expect(reports.map(\.status) == whole.reports.map(\.status))
        #expect(SafetyReportJSON.render(reports) == SafetyReportJSON.render(whole.reports))
        #expect(diagnostics.sortedForReport() == whole.diagnostics)
        #expect(templates == whole.templates.map(\.id))
        #expect(whole.diagnostics.contains { $0.message.hasPrefix("duplicate plan id") })
        #expect(whole.diagnostics.contains { $0.location.file == "Plans/zz-last.yaml" })
    }

    @Test func checkStreamsOnlyPlanFilesInFileOrder() throws {
        let ws = try workspace()
        func streams(_ names: [String]) -> Bool {
            CheckStream(root: ws.root, displayBase: ws.root, names: names, all: false).canStream
        }
        #expect(streams(["Plans"]))
        #expect(streams(["Plans/plan-00001.yaml", "Plans/plan-00005.yaml"]))
        #expect(!streams(["Plans/plan-00005.yaml", "Plans/plan-00001.yaml"]), "out of file order")
        #expect(!streams(["Plans/plan-00001.yaml", "Plans/plan-00001.yaml"]), "named twice")
        #expect(!streams(["plan-00001"]), "an id")
        #expect(!streams(["Plans/nothing.yaml"]), "no such file")
    }

    @Test func aStreamedJSONArrayIsTheWholeArray() throws {
        struct Item: Encodable {
            var name: String
            var list: [Int]
            var nested: [[String]]
        }
        let items = [
            Item(name: "a\nb \"q\"", list: [], nested: [[]]), Item(name: "", list: [1, 2], nested: [["x"], []]),
        ]
        for count in 0...items.count {
            let values = Array(items.prefix(count))
            var array = JSONArrayStream(depth: 0)
            var text = "["
            for v in values { text += array.element(v) }
            text += array.close() + "\n"
            #expect(text == JSONText.encode(values))
            struct Body: Encodable {
                var a: Int
                var items: [Item]
                var z: Int
            }
            var inner = JSONArrayStream(depth: 1)
            var object = "{\n  \"a\" : 1,\n  \"items\" : ["
            for v in values { object += inner.element(v) }
            object += inner.close() + ",\n  \"z\" : 2\n}\n"
            #expect(object == JSONText.encode(Body(a: 1, items: values, z: 2)))
        }
    }
}
