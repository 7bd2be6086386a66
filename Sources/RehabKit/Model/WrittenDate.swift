/// A clinical date as written in a profile: what it is (`assessed`, `clearance.date`), the date,
/// and where. No clinical date may lie after the day checked (SAFETY.md).
public struct WrittenDate: Hashable, Sendable {
    public var field: String
    public var date: LocalDate
    public var location: SourceLocation

    public init(field: String, date: LocalDate, location: SourceLocation) {
        self.field = field
        self.date = date
        self.location = location
    }
}
