/// A safety profile seen as the rule language sees it: a tree of named values that dotted
/// paths reach into. A field the profile does not give is `missing`, never false or zero.
public enum FieldValue: Sendable, Equatable {
    case missing
    case bool(Bool)
    case number(Double)
    case text(String)
    case list([FieldValue])
    case object([String: FieldValue])

    subscript(key: String) -> FieldValue {
        if case .object(let o) = self { return o[key] ?? .missing }
        return .missing
    }
}
