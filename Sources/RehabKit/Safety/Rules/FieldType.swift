/// The type of a profile field, for checking rule files.
public enum FieldType: Sendable, Equatable {
    case bool, number, date
    /// One word of a closed set.
    case word([String])
    /// A list of words of a closed set (`neuro_symptoms`) or of free text (`levels`).
    case words([String]?)
    case text
    /// A list of records; paths select elements with `[key=value]`.
    case records([String: FieldType])

    public var name: String {
        switch self {
        case .bool: return "true/false"
        case .number: return "a number"
        case .date: return "a date"
        case .word: return "a word"
        case .words: return "a list"
        case .text: return "text"
        case .records: return "a list of records"
        }
    }
}
