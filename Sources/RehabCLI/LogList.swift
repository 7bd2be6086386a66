import ArgumentParser
import Foundation
import RehabKit
import RehabTracking

/// `rehab log list PLAN`: every entry of a plan with its id (for `rehab log void`), voided ones marked.
struct LogList: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List a plan's log entries with their ids (voided ones marked)."
    )

    @OptionGroup var workspace: WorkspaceOptions
    @OptionGroup var store: StoreOptions
    @Argument(help: "The plan file (or plan id).") var plan: String

    func run() throws {
        let tracking = try store.tracking(workspace, rules: .defaults, create: false)
        let plan = try PlanArgument.resolve(self.plan, in: tracking.open)
        let entries = try storeCall { () throws(StoreError) in try tracking.store?.allEntries(plan: plan.id) ?? [] }
        if entries.isEmpty {
            Output.out("no entries for \(plan.id)")
            return
        }
        let width = String(entries.map(\.id).max() ?? 0).count
        for s in entries {
            Output.out(Self.line(s, idWidth: width))
        }
    }

    /// "  12  2026-11-30  done 'walking-gentle' session 1  pain 2  RPE 11  note: …  [VOIDED 2026-…Z by ana: typo]"
    static func line(_ s: StoredEntry, idWidth: Int) -> String {
        let e = s.entry
        let id = String(s.id)
        var parts = [String(repeating: " ", count: max(0, idWidth - id.count)) + id, e.date.description]
        switch e.kind {
        case .session: parts.append("\(e.outcome?.rawValue ?? "?") '\(e.item ?? "?")' session \(e.session ?? 1)")
        case .pain: parts.append("pain of the day")
        case .symptom: parts.append("SYMPTOM \(e.symptom?.rawValue ?? "?")")
        case .measure:
            parts.append(
                "measure \(e.test ?? "?")\(e.side.map { " (\($0.rawValue))" } ?? "") \(e.value.map(OutcomeTest.text) ?? "?")"
            )
        }
        if let p = e.pain { parts.append("pain \(p)") }
        if let r = e.rpe { parts.append("RPE \(r)") }
        if let n = e.note { parts.append("note: \(Self.oneLine(n))") }
        if let r = e.reason { parts.append("reason: \(Self.oneLine(r))") }
        if let v = s.voided { parts.append("[VOIDED \(v.at) by \(v.by): \(Self.oneLine(v.reason))]") }
        return parts.joined(separator: "  ")
    }

    static func oneLine(_ s: String) -> String {
        s.unicodeScalars.contains { $0 == "\n" || $0 == "\r" } ? "\(s.debugDescription)" : s
    }
}
