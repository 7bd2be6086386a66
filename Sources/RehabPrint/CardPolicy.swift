import RehabKit

/// Which instruction cards a printed week carries (`rehab print --cards`).
public enum CardPolicy: String, CaseIterable, Sendable {
    /// Every exercise of the week.
    case all
    /// Only the exercises that are new, or whose dose or brace changed, since the week before; all
    /// of them when there is no week before. The default.
    case new
    /// No cards: the sheet alone.
    case none

    /// What identifies a card's content: the exercise, its dose and the brace.
    static func key(_ session: ScheduledSession) -> String {
        "\(session.exercise)|\(DoseWords.text(session.dose))|\(session.inBrace)"
    }

    /// The cards of `week` to print, by exercise id; nil for all of them.
    func chosen(_ week: WeekSchedule, previous: WeekSchedule?) -> Set<String>? {
        switch self {
        case .all: return nil
        case .none: return []
        case .new:
            guard let previous else { return nil }
            let before = Set(previous.days.flatMap(\.sessions).map(Self.key))
            let exercisesBefore = Set(
                previous.days.flatMap { $0.sessions.map(\.exercise) + $0.habits } + previous.asNeeded)
            var out = Set(week.days.flatMap(\.sessions).filter { !before.contains(Self.key($0)) }.map(\.exercise))
            for id in (week.days.first?.habits ?? []) + week.asNeeded where !exercisesBefore.contains(id) {
                out.insert(id)
            }
            return out
        }
    }
}
