import Foundation

/// An entry as the store holds it: its id (for `rehab log void`) and, when withdrawn, the voiding.
public struct StoredEntry: Sendable, Equatable {
    public var id: Int64
    public var entry: LogEntry
    public var voided: Voiding?

    public init(id: Int64, entry: LogEntry, voided: Voiding? = nil) {
        self.id = id
        self.entry = entry
        self.voided = voided
    }
}
