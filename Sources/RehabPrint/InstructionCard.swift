import RehabKit

/// An exercise's instruction card as the templates see it (through `TemplateValue`).
public struct InstructionCard: Sendable, Encodable {
    public var exercise: String
    public var name: String
    public var summary: String
    public var steps: [Step]
    public var cautions: [PrintedWeek.Line]
    public var stopIf: [PrintedWeek.Line]
    /// The dose in words, for an exercise with sessions.
    public var dose: String?
    public var inBrace: Bool
    /// The strings table's words for a dose done in the brace ("in your brace"), nil otherwise.
    public var brace: String?
    /// The dose line as printed: "10 times · in your brace".
    var doseLine: String? { dose.map { $0 + (brace.map { " · " + $0 } ?? "") } }
    /// The plan item's notes.
    public var notes: String?
    public var equipment: String
    /// The picture as a `data:` URI: the exercise's `image:` when it passed `ImageCheck`, else
    /// its drawn `picture:` (an SVG).
    public var image: String?
    /// The picture's alt text, built from the poses (the exercise's name for a clinic's image
    /// without a `picture:`).
    public var imageAlt: String?
    /// Estimated height in lines of 12 pt text in a card column (for packing pages).
    public var lines: Int

    public struct Step: Sendable, Encodable {
        public var number: Int
        public var text: String
    }
}
