import ArgumentParser
import Foundation
import RehabKit
import RehabTracking

/// `rehab log void ENTRY --reason TEXT`: withdraw a mistaken entry. It stays in the log with who,
/// when and why, shows in exports as voided, and no longer counts for adherence, pain or safety.
struct LogVoid: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "void",
        abstract: "Withdraw a mistaken entry (kept, marked voided, with who, when and why).",
        discussion:
            "'rehab log list PLAN' shows the ids. A voided entry no longer counts for adherence, pain or safety."
    )

    @OptionGroup var workspace: WorkspaceOptions
    @OptionGroup var store: StoreOptions
    @Argument(help: "The entry's id (see 'rehab log list PLAN').") var entry: Int64
    @Option(help: "Why the entry is withdrawn (required).") var reason: String
    @Option(help: "Who withdraws it (default: the login name).") var by: String?

    func validate() throws {
        if reason.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            throw ValidationError("--reason must say why the entry is withdrawn")
        }
    }

    func run() throws {
        let tracking = try store.tracking(workspace, rules: .defaults, create: true)
        let env = ProcessInfo.processInfo.environment
        let who = by ?? env["USER"] ?? env["LOGNAME"] ?? "unknown"
        let now = ISO8601DateFormatter().string(from: Date())
        let voided = try storeCall { () throws(StoreError) in
            try tracking.store!.void(id: entry, voiding: Voiding(at: now, by: who, reason: reason))
        }
        Output.out("voided: \(LogList.line(voided, idWidth: 0))")
        if voided.entry.kind == .symptom {
            Output.out(
                "The red-flag report of \(voided.entry.date) no longer counts for the safety check; it stays in the log and its exports as voided."
            )
        }
    }
}
