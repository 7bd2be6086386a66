/// The id of an exercise of the library (kebab-case), a type of its own so that it is never
/// confused with a rule id, a plan id or free text.
public struct ExerciseID: TextIdentifier {
    public let rawValue: String
    public init(_ rawValue: String) { self.rawValue = rawValue }
}
