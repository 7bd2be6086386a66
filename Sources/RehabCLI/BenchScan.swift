import ArgumentParser
import Foundation
import RehabKit
import RehabPrint
import RehabScan

/// `rehab bench scan`: box accuracy of `rehab log scan` over synthetic scans of a printed week.
struct BenchScan: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scan",
        abstract: "Print a week (Chromium), rasterise it at 150, 200 and 300 dpi, tick and distort it at random, and read it back.",
        discussion: "Reports box accuracy, the share flagged uncertain, and false ticks (docs/TRACKING.md, \"Scanning\")."
    )

    @OptionGroup var workspace: WorkspaceOptions
    @OptionGroup var store: StoreOptions
    @Option(help: "The plan to print (id or file).") var plan = "gentle-start-osteopenia"
    @Option(help: "The week.") var week = 1
    @Option(help: "Synthetic scans to read.") var count = 200
    @Option(help: "Seed of the random ticks and distortions.") var seed: UInt64 = 1
    @Flag(help: "List each sheet not found and each false tick with its distortion.") var verbose = false

    func run() throws {
        let tracking = try store.tracking(workspace, rules: RuleSet.defaults, create: false)
        guard let named = PlanArgument.resolveOrPrint(plan, in: tracking.open) else { throw ExitStatus.invalidInput }
        let printer = try RoutinePrinter(overrides: nil)
        let schedule = try tracking.scheduler(for: named).schedule(named, week: week)
        let html = try printer.render([schedule], plan: named, workspace: tracking.open.workspace, format: .html, paper: .a4, cards: .none)
        guard let layout = printer.models([schedule], plan: named, workspace: tracking.open.workspace, paper: .a4).first?.scan.first?.layout else {
            Output.err("week \(week) of '\(named.id)' prints no tick sheet")
            throw ExitStatus.invalidInput
        }
        let dir = try FileSystem.privateTemporaryDirectory("rehab-bench-scan").get()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let pdf = dir + "/week.pdf"
        try OutputTarget.write(try PDFPrinter.render(html: html), to: pdf, protected: ProtectedPaths())
        let started = Date()
        let bench = ScanBench(layout: layout, pages: try ScanBench.pages(pdf: pdf, dpis: [150, 200, 300], layout: layout))
        let result = try bench.run(count: count, seed: seed)
        Output.out(result.description)
        if verbose { for n in result.notes { Output.out("  " + n) } }
        Output.out(String(format: "%.1f s for %d scans (%d boxes a sheet)", Date().timeIntervalSince(started), count, layout.boxes.count))
    }
}
