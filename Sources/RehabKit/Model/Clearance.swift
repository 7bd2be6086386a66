/// A team's clearance recorded in the profile (`clearance: [{by, date, note, restrict_movements}]`).
public struct Clearance: Hashable, Sendable {
    public var by: ClinicalTeam
    public var date: LocalDate
    public var note: String?
    /// Restrictions given with the clearance: they block like any rule's movement block.
    public var restrictMovements: Set<Movement>
    /// Where the entry was written.
    public var location: SourceLocation?

    public init(
        by: ClinicalTeam, date: LocalDate, note: String? = nil, restrictMovements: Set<Movement> = [],
        location: SourceLocation? = nil
    ) {
        self.by = by
        self.date = date
        self.note = note
        self.restrictMovements = restrictMovements
        self.location = location
    }
}
