import RehabKit

/// A stored row of the log as every backend reads it — a value per column — checked into a
/// `StoredEntry`: a row that breaks the log's rules (a session without an outcome, pain of 11, an
/// unknown symptom) is refused with the row and what is wrong, never guessed at.
struct EntryRow {
    enum Value {
        case null
        case text(String)
        case integer(Int64)
        /// Anything else, described (a real number, bytes).
        case other(String)
    }

    let id: Int64
    /// The layout has the voiding columns.
    let voiding: Bool
    let value: (String) -> Value

    func validated() throws(StoreError) -> StoredEntry {
        let rowID = id
        func text(_ column: String) throws(StoreError) -> String? {
            switch value(column) {
            case .null: return nil
            case .text(let s): return s
            case .integer(let n): throw StoreError("row \(rowID): \(column) is not text (\(n))")
            case .other(let d): throw StoreError("row \(rowID): \(column) is not text (\(d))")
            }
        }
        func int(_ column: String, _ range: ClosedRange<Int>) throws(StoreError) -> Int? {
            switch value(column) {
            case .null: return nil
            case .integer(let n):
                guard range.contains(Int(n)) else {
                    throw StoreError(
                        "row \(rowID): \(column) \(n) is not within \(range.lowerBound)–\(range.upperBound)")
                }
                return Int(n)
            case .text(let s): throw StoreError("row \(rowID): \(column) is not a whole number (\"\(s)\")")
            case .other(let d): throw StoreError("row \(rowID): \(column) is not a whole number (\(d))")
            }
        }
        guard let plan = try text("plan"), !plan.isEmpty else { throw StoreError("row \(rowID): no plan") }
        let dateText = try text("date") ?? ""
        guard let date = LocalDate(dateText) else {
            throw StoreError("row \(rowID): date '\(dateText)' is not a real YYYY-MM-DD date")
        }
        let kindText = try text("kind") ?? ""
        guard let kind = EntryKind(rawValue: kindText) else {
            throw StoreError("row \(rowID): kind '\(kindText)' is not session, pain, symptom or measure")
        }
        var e = LogEntry(
            plan: plan, date: date, kind: kind, item: try text("item"), session: try int("session", 1...Int(Int32.max)),
            pain: try int("pain", 0...10), rpe: try int("rpe", 6...20), note: try text("note"),
            reason: try text("reason"))
        if let o = try text("outcome") {
            guard let outcome = Outcome(rawValue: o) else {
                throw StoreError("row \(rowID): outcome '\(o)' is not done, partial or skipped")
            }
            e.outcome = outcome
        }
        e.test = try text("test")
        if let v = try text("value") {
            guard let x = Double(v), x.isFinite else { throw StoreError("row \(rowID): value '\(v)' is not a number") }
            e.value = x
        }
        if let s = try text("side") {
            guard let side = MeasureSide(rawValue: s) else {
                throw StoreError("row \(rowID): side '\(s)' is not left or right")
            }
            e.side = side
        }
        if e.kind != .measure, e.test != nil || e.value != nil || e.side != nil {
            throw StoreError("row \(rowID): a \(kind.rawValue) row holds a measure")
        }
        if let s = try text("symptom") {
            guard let flag = RedFlag(rawValue: s) else {
                throw StoreError("row \(rowID): symptom '\(s)' is not a red flag rehab knows")
            }
            e.symptom = flag
        }
        switch kind {
        case .session:
            guard e.item != nil, e.outcome != nil, e.session != nil else {
                throw StoreError("row \(rowID): a session needs an exercise, a session number and an outcome")
            }
            if e.symptom != nil { throw StoreError("row \(rowID): a session row holds a symptom") }
        case .pain:
            guard e.pain != nil else { throw StoreError("row \(rowID): a pain row has no pain") }
            if e.symptom != nil { throw StoreError("row \(rowID): a pain row holds a symptom") }
        case .symptom:
            guard e.symptom != nil else { throw StoreError("row \(rowID): a symptom row has no symptom") }
        case .measure:
            guard e.test != nil, e.value != nil else {
                throw StoreError("row \(rowID): a measure row needs a test and a value")
            }
            if e.symptom != nil { throw StoreError("row \(rowID): a measure row holds a symptom") }
        }
        var voided: Voiding?
        if voiding, let at = try text("voided_at") {
            voided = Voiding(at: at, by: try text("voided_by") ?? "", reason: try text("void_reason") ?? "")
        }
        return StoredEntry(id: rowID, entry: e, voided: voided)
    }
}
