/// A published or clinic source for an exercise or a rule.
public struct SourceReference: Hashable, Sendable, Codable {
    public var title: String
    public var publisher: String?
    public var url: String?
    public var year: Int?

    public init(title: String, publisher: String? = nil, url: String? = nil, year: Int? = nil) {
        self.title = title
        self.publisher = publisher
        self.url = url
        self.year = year
    }
}

/// One exercise of the library (`Exercises/**/*.yaml`). A class, immutable once read: every
/// check and schedule looks exercises up many times, and a reference costs one retain.
public final class Exercise: Sendable {
    public let id: ExerciseID
    public let name: String
    public let kind: ExerciseKind
    /// One plain-language sentence.
    public let summary: String
    public let steps: [String]
    public let position: Position
    /// What it asks of the body; `[]` is a statement that it asks none of these.
    public let movements: Set<Movement>
    /// Movement tags with the ones they and the position imply (hip-loading → leg-loading;
    /// standing → upright, weight-bearing; sitting → upright); kept with `movements` because every
    /// safety decision reads it. A tag that lies by omission never escapes a rule.
    public let effectiveMovements: Set<Movement>
    /// A spinal precaution (log roll, positioning, the brace regimen, breathing lying down): not
    /// exercise, so kept under `block: all` and printed on the stop page. Only very light items
    /// that ask nothing of the spine may be one (`ExerciseReader` checks).
    public let precaution: Bool
    public let intensity: Intensity
    /// The default dose; plan items override it key by key.
    public let dose: Dose?
    public let equipment: [String]
    public let cautions: [String]
    public let stopIf: [String]
    /// Regression and progression ids, with where they were written.
    public let easier: Located<String>?
    public let harder: Located<String>?
    /// Path relative to the exercise file, as written.
    public let image: Located<String>?
    /// The drawn picture (`picture:`), with where it was written.
    public let picture: Located<Picture>?
    public let sources: [SourceReference]
    /// Where the `id` was written (for duplicates and cross references).
    public let location: SourceLocation

    public init(
        id: ExerciseID, name: String, kind: ExerciseKind, summary: String, steps: [String],
        position: Position = .any, movements: Set<Movement>, intensity: Intensity = .light,
        dose: Dose? = nil, equipment: [String] = [], cautions: [String] = [], stopIf: [String] = [],
        easier: Located<String>? = nil, harder: Located<String>? = nil, image: Located<String>? = nil,
        picture: Located<Picture>? = nil,
        sources: [SourceReference] = [], precaution: Bool = false, location: SourceLocation
    ) {
        self.id = id
        self.name = name
        self.kind = kind
        self.summary = summary
        self.steps = steps
        self.position = position
        self.movements = movements
        self.effectiveMovements = Exercise.withImplied(movements, position: position)
        self.precaution = precaution
        self.intensity = intensity
        self.dose = dose
        self.equipment = equipment
        self.cautions = cautions
        self.stopIf = stopIf
        self.easier = easier
        self.harder = harder
        self.image = image
        self.picture = picture
        self.sources = sources
        self.location = location
    }

    static func withImplied(_ movements: Set<Movement>, position: Position) -> Set<Movement> {
        movements.union(movements.flatMap(\.implied)).union(position.impliedMovements)
    }

    /// The kind the safety rules see: an `education` item that carries movement tags (its own or its
    /// position's), or asks for moderate effort or more, is judged as exercise (SAFETY.md), so no
    /// rule's education exception reaches it.
    public var judgedKind: ExerciseKind? {
        kind == .education && (!effectiveMovements.isEmpty || intensity >= .moderate) ? nil : kind
    }
}
