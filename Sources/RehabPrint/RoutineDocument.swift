/// What a routine template renders: the weeks, the style sheet, and the first week's title and
/// patient for the document's own title.
public struct RoutineDocument: Sendable, Encodable {
    public var weeks: [PrintedWeek]
    /// The CSS (style.mustache rendered with the paper size); put in unescaped (`{{{style}}}`).
    public var style: String
    /// `--large-print`.
    public var largePrint: Bool
    /// There is a first week (always, for a document printed).
    public var first: Bool
    public var title: String
    public var patientName: String
}
