/// An id written as text (kebab-case) that has a type of its own, so that one kind of id is
/// never taken for another or for free text. Encoded as the bare string.
public protocol TextIdentifier: Hashable, Comparable, Sendable, Codable, CustomStringConvertible,
    ExpressibleByStringLiteral
where StringLiteralType == String {
    var rawValue: String { get }
    init(_ rawValue: String)
}

extension TextIdentifier {
    public init(stringLiteral value: String) { self.init(value) }
    public init(from decoder: Decoder) throws { self.init(try decoder.singleValueContainer().decode(String.self)) }
    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(rawValue)
    }

    public var description: String { rawValue }
    public static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }
}
