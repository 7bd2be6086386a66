import RehabKit

/// `rehab store copy`: a log's entries into another log — a site's SQLite file into the shared
/// PostgreSQL server, or back — idempotent (an entry already there, voiding and all, is not copied
/// again), never merging silently (an entry whose slot — the session, the day's pain, the day's
/// symptom — holds a different live entry at the destination stops the whole copy before anything is
/// written), in one transaction, and verified afterwards by counts and a checksum of the rows.
public struct LogCopy: Sendable {
    /// What a copy would do, worked out before anything is written.
    public var toCopy: [StoredEntry]
    public var alreadyThere: Int
    /// Source entries whose slot holds a different live entry at the destination, with that entry.
    public var conflicts: [(source: StoredEntry, destination: StoredEntry)]
    public var sourceCount: Int
    /// A checksum of the source's rows (their CSV export, in a fixed order): the same number at the
    /// destination after the copy proves every row arrived unchanged.
    public var sourceChecksum: String
    /// The source's rows as read, which the copy writes and then looks for at the destination.
    let sourceRows: [StoredEntry]

    /// Compares the two logs.
    public init(from source: any ProgressLogStore, to destination: any ProgressLogStore) throws(StoreError) {
        let rows = try source.allStored()
        let existing = try destination.allStored()
        var have = [Key: Int]()
        for e in existing { have[Key(e), default: 0] += 1 }
        var live = [String: StoredEntry]()
        for e in existing where e.voided == nil { live[Self.slot(e.entry)] = e }
        var toCopy: [StoredEntry] = []
        var already = 0
        var conflicts: [(StoredEntry, StoredEntry)] = []
        var seen = [Key: Int]()
        for e in rows {
            let key = Key(e)
            seen[key, default: 0] += 1
            if seen[key]! <= have[key, default: 0] {
                already += 1
                continue
            }
            if e.voided == nil, let other = live[Self.slot(e.entry)] {
                conflicts.append((e, other))
                continue
            }
            toCopy.append(e)
        }
        self.toCopy = toCopy
        alreadyThere = already
        self.conflicts = conflicts
        sourceCount = rows.count
        sourceChecksum = Self.checksum(rows)
        sourceRows = rows
    }

    /// Copies what is missing in one transaction (nothing when there is a conflict), then checks that
    /// every source row read by `init` is at the destination: the checksum of the matching rows there
    /// equals the source's. Returns the destination's checksum of those rows.
    public func run(to destination: any ProgressLogStore) throws(StoreError) -> String {
        guard conflicts.isEmpty else {
            throw StoreError(
                "\(conflicts.count) entr\(conflicts.count == 1 ? "y differs" : "ies differ") from the destination's for the same session, day's pain or symptom; nothing was copied. Compare them, void the wrong one ('rehab log void'), and copy again"
            )
        }
        if !toCopy.isEmpty {
            try destination.add(toCopy.map(\.entry), replace: false, voided: toCopy.map(\.voided))
        }
        var wanted = [Key: Int]()
        for e in sourceRows { wanted[Key(e), default: 0] += 1 }
        var matched: [StoredEntry] = []
        for e in try destination.allStored() where (wanted[Key(e)] ?? 0) > 0 {
            wanted[Key(e)]! -= 1
            matched.append(e)
        }
        let sum = Self.checksum(matched)
        guard matched.count == sourceCount, sum == sourceChecksum else {
            throw StoreError(
                "after the copy the destination holds \(matched.count) of the source's \(sourceCount) entries (checksum \(sum), source \(sourceChecksum)): the copy is not complete; run it again, and report this if it persists"
            )
        }
        return sum
    }

    /// An entry as copied: its content and voiding (not its id, which each log numbers itself).
    struct Key: Hashable {
        var entry: String
        init(_ e: StoredEntry) {
            let v = e.voided.map { "\($0.at)\u{1F}\($0.by)\u{1F}\($0.reason)" } ?? ""
            entry = LogCSV.export([e.entry]) + "\u{1E}" + v
        }
    }

    /// The slot a live entry holds: one a session, one a day's pain, one a day's symptom.
    static func slot(_ e: LogEntry) -> String {
        switch e.kind {
        case .session: return "s\u{1F}\(e.plan)\u{1F}\(e.date)\u{1F}\(e.item ?? "")\u{1F}\(e.session ?? 0)"
        case .pain: return "p\u{1F}\(e.plan)\u{1F}\(e.date)"
        case .symptom: return "y\u{1F}\(e.plan)\u{1F}\(e.date)\u{1F}\(e.symptom?.rawValue ?? "")"
        case .measure: return "m\u{1F}\(e.plan)\u{1F}\(e.date)\u{1F}\(e.test ?? "")\u{1F}\(e.side?.rawValue ?? "")"
        }
    }

    /// SHA-256 of the rows' canonical text, sorted, one a line: the same rows give the same
    /// checksum in any log, whatever their ids or order.
    static func checksum(_ rows: [StoredEntry]) -> String {
        var bytes: [UInt8] = []
        for line in rows.map({ Key($0).entry }).sorted() { bytes += Array(line.utf8) + [0x0A] }
        return SHA256Hex.of(bytes)
    }
}
