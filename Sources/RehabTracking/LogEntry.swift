import Foundation
import RehabKit

/// How a session went.
public enum Outcome: String, CaseIterable, Sendable, Codable {
    case done, partial, skipped

    /// What a session counts for in adherence: done 1, partial ½, skipped 0.
    public var credit: Double {
        switch self {
        case .done: return 1
        case .partial: return 0.5
        case .skipped: return 0
        }
    }
}

public enum EntryKind: String, CaseIterable, Sendable, Codable {
    /// One session of one item: done, partial or skipped.
    case session
    /// The day's pain (NRS 0–10), from the sheet's pain row.
    case pain
    /// A red-flag symptom.
    case symptom
    /// An outcome measure taken by the physiotherapist (`rehab log measure`).
    case measure
}

/// The side an outcome measure was taken on (grip strength).
public enum MeasureSide: String, CaseIterable, Sendable, Codable {
    case left, right
}

/// One line of the progress log (FORMAT.md §5).
public struct LogEntry: Sendable, Equatable, Codable {
    public var plan: String
    public var date: LocalDate
    public var kind: EntryKind
    /// The exercise id (sessions).
    public var item: String?
    /// Which session of the day, from 1 (sessions).
    public var session: Int?
    public var outcome: Outcome?
    /// NRS 0–10.
    public var pain: Int?
    /// Borg RPE 6–20.
    public var rpe: Int?
    public var symptom: RedFlag?
    public var note: String?
    /// Why a session was partial or skipped.
    public var reason: String?
    /// The outcome test's id (measures).
    public var test: String?
    /// The measured value, in the test's unit (measures).
    public var value: Double?
    /// The side, for a test measured on each side (measures).
    public var side: MeasureSide?

    public init(
        plan: String, date: LocalDate, kind: EntryKind, item: String? = nil, session: Int? = nil,
        outcome: Outcome? = nil, pain: Int? = nil, rpe: Int? = nil, symptom: RedFlag? = nil,
        note: String? = nil, reason: String? = nil, test: String? = nil, value: Double? = nil, side: MeasureSide? = nil
    ) {
        self.plan = plan
        self.date = date
        self.kind = kind
        self.item = item
        self.session = session
        self.outcome = outcome
        self.pain = pain
        self.rpe = rpe
        self.symptom = symptom
        self.note = note
        self.reason = reason
        self.test = test
        self.value = value
        self.side = side
    }

    /// In words, for errors: "done 'walking-gentle' session 1 on 2026-11-30".
    public var summary: String {
        switch kind {
        case .session: return "'\(item ?? "?")' session \(session ?? 1) on \(date)"
        case .pain: return "the pain of \(date)"
        case .symptom: return "'\(symptom?.rawValue ?? "?")' on \(date)"
        case .measure: return "the \(test ?? "?")\(side.map { " (\($0.rawValue))" } ?? "") of \(date)"
        }
    }
}
