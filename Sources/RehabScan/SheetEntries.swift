import RehabKit
import RehabTracking
import SheetGeometry

/// What a read sheet puts in the log, once every box is known: a done session per ticked session
/// box, the day's pain where exactly one number is ticked, a `warning-sign` symptom per ticked
/// warning box. Uncertain boxes are never guessed: until the clinician confirms them, the sheet
/// is pending.
public struct SheetEntries: Sendable {
    public var plan: String
    public var entries: [LogEntry]
    /// Warning-sign symptoms read for certain (stored even while the rest waits for confirmation).
    public var warnings: [LogEntry]
    /// Boxes still uncertain: the sheet is not imported until each is confirmed.
    public var uncertain: [BoxRead]
    /// Days whose pain row has two or more ticks (after confirmations).
    public var ambiguousPain: [LocalDate]
    /// Warning boxes read as uncertain: said first, as loudly as a tick.
    public var possibleWarnings: [LocalDate]
    /// Warning boxes read as ticked that a confirmation called empty: the confirmation is ignored
    /// (a red flag on paper is not undone by a line in a file; it is voided in the log after review).
    public var overriddenWarnings: [LocalDate] = []

    public var isComplete: Bool { uncertain.isEmpty && ambiguousPain.isEmpty }

    /// `confirmed`: box id → ticked (true) or empty (false), from `--accept`.
    public init(_ sheet: SheetRead, plan: String, confirmed: [String: Bool]) {
        self.plan = plan
        var boxes = sheet.boxes
        var overridden: [LocalDate] = []
        for i in boxes.indices {
            if let c = confirmed[boxes[i].box.id] {
                if !c, boxes[i].box.meaning == .warning, boxes[i].state == .ticked {
                    overridden.append(boxes[i].box.date)
                    continue
                }
                boxes[i].state = c ? .ticked : .empty
                boxes[i].confirmed = true
            }
        }
        uncertain = boxes.filter { $0.state == .uncertain }
        possibleWarnings = uncertain.filter { $0.box.meaning == .warning }.map(\.box.date)
        var entries: [LogEntry] = []
        var warnings: [LogEntry] = []
        var ambiguous: [LocalDate] = []
        for b in boxes where b.state == .ticked {
            switch b.box.meaning {
            case .session(let item, let session):
                entries.append(
                    LogEntry(plan: plan, date: b.box.date, kind: .session, item: item, session: session, outcome: .done)
                )
            case .habit(let item, let loggable) where loggable:
                entries.append(
                    LogEntry(plan: plan, date: b.box.date, kind: .session, item: item, session: 1, outcome: .done))
            case .warning:
                warnings.append(
                    LogEntry(
                        plan: plan, date: b.box.date, kind: .symptom, symptom: .warningSign,
                        note: "ticked on the paper sheet of week \(sheet.code.week)"))
            case .habit, .pain: break
            }
        }
        for date in sheet.layout.dates {
            let day = boxes.filter {
                if case .pain = $0.box.meaning { return $0.box.date == date }
                return false
            }
            guard !day.contains(where: { $0.state == .uncertain }) else { continue }
            let ticked = day.filter { $0.state == .ticked }
            if ticked.count > 1 {
                ambiguous.append(date)
                continue
            }
            if let t = ticked.first, case .pain(let n) = t.box.meaning {
                entries.append(LogEntry(plan: plan, date: date, kind: .pain, pain: n))
            }
        }
        self.entries = entries
        self.warnings = warnings
        overriddenWarnings = overridden
        ambiguousPain = ambiguous
    }
}
