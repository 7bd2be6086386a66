import RehabKit

/// What a progress log offers the commands, whatever holds it: today the embedded SQLite file
/// (`ProgressStore`, one machine); the shared database server of several sites is to implement the
/// same protocol and pass the same tests. Every implementation stores a batch in one transaction
/// (all or nothing), refuses a second live entry for the same session, day's pain or symptom unless
/// `replace`, never deletes (a mistaken entry is voided), and refuses to read a row that breaks the
/// log's rules rather than guess.
public protocol ProgressLogStore: Sendable {
    /// Where the log is, for messages: a file's path, or a server's address without its password.
    var location: String { get }
    /// Opened by a command that only reads: nothing is written, migrated or created.
    var readOnly: Bool { get }
    /// Adds entries in one transaction; `voided`: for each entry (when given), its voiding.
    func add(_ entries: [LogEntry], replace: Bool, voided: [Voiding?]) throws(StoreError)
    /// Voids one entry (with who, when and why); the entry stays in the log.
    func void(id: Int64, voiding: Voiding) throws(StoreError) -> StoredEntry
    /// Every entry of these plans, voided ones included, in date order.
    func stored(plans: [String]) throws(StoreError) -> [StoredEntry]
    /// Every entry of the log, of every plan, voided ones included (`rehab store copy`).
    func allStored() throws(StoreError) -> [StoredEntry]
    /// Entries in the log, voided ones included.
    func count() throws(StoreError) -> Int
    /// The live red-flag symptoms reported against these plans, in date order.
    func reportedRedFlags(plans: [String]) throws(StoreError) -> [ReportedRedFlag]
}

extension ProgressLogStore {
    public func add(_ entries: [LogEntry]) throws(StoreError) {
        try add(entries, replace: false, voided: [])
    }

    /// The live (not voided) entries of a plan.
    public func entries(plan: String) throws(StoreError) -> [LogEntry] {
        try stored(plans: [plan]).filter { $0.voided == nil }.map(\.entry)
    }

    /// Every entry of a plan, voided ones included (`rehab log list`, export).
    public func allEntries(plan: String) throws(StoreError) -> [StoredEntry] {
        try stored(plans: [plan])
    }

    /// The live entries of several plans, by plan.
    public func entries(plans: [String]) throws(StoreError) -> [String: [LogEntry]] {
        var out: [String: [LogEntry]] = [:]
        for e in try stored(plans: plans) where e.voided == nil { out[e.entry.plan, default: []].append(e.entry) }
        return out
    }

    public func reportedRedFlags(plan: String) throws(StoreError) -> [ReportedRedFlag] {
        try reportedRedFlags(plans: [plan])
    }

    /// The symptoms of these plans that were voided (check keeps showing them until a new assessment).
    public func voidedSymptoms(plans: [String]) throws(StoreError) -> [StoredEntry] {
        try stored(plans: plans).filter { $0.voided != nil && $0.entry.kind == .symptom }
    }
}
