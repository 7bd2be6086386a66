import ArgumentParser
import Foundation
import RehabKit
import RehabTracking

struct LogExport: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export a plan's log as CSV or JSON.",
        discussion: """
            Voided entries are exported too, with voided_at, voided_by and void_reason. A CSV cell that \
            would start a spreadsheet formula (=, +, -, @, tab, CR) is written with a leading ' \
            (import takes it off again).
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case csv, json }

    @OptionGroup var workspace: WorkspaceOptions
    @OptionGroup var store: StoreOptions
    @Option(help: "csv or json.") var format: Format = .csv
    @Option(name: .shortAndLong, help: "Write to this file (default: standard output).") var output: String?
    @Argument(help: "The plan file (or plan id).") var plan: String

    func run() throws {
        let tracking = try store.tracking(workspace, rules: .defaults, create: false)
        let plan = try PlanArgument.resolve(self.plan, in: tracking.open)
        let entries = try storeCall { () throws(StoreError) in try tracking.store?.allEntries(plan: plan.id) ?? [] }
        let text: String
        switch format {
        case .csv: text = LogCSV.export(entries)
        case .json: text = JSONText.encode(entries.map(ExportedEntry.init))
        }
        try OutputTarget.emit(text, to: output) {
            OutputTarget.protected(tracking, workspace: workspace, store: store, inputs: [nil])
        }
    }
}

/// An entry in the JSON export: the entry's fields, its id, and the voiding when withdrawn.
struct ExportedEntry: Encodable {
    var stored: StoredEntry

    init(_ stored: StoredEntry) {
        self.stored = stored
    }

    enum Keys: String, CodingKey { case id, voided }

    func encode(to encoder: Encoder) throws {
        try stored.entry.encode(to: encoder)
        var c = encoder.container(keyedBy: Keys.self)
        try c.encode(stored.id, forKey: .id)
        try c.encodeIfPresent(stored.voided, forKey: .voided)
    }
}
