/// A JSON array written one element at a time, in `JSONText`'s layout (pretty, keys sorted), so
/// that a command can print a long array without holding it: `"["`, then `element` for each
/// value, then `close()` give the text `JSONText` gives for the whole array at `depth` levels of
/// indentation (0 for a top-level array; 1 for an array that is a key's value in a top-level
/// object). `JSONArrayStreamTests` compares the two.
public struct JSONArrayStream: Sendable {
    private let indent: String
    public private(set) var count = 0

    public init(depth: Int) {
        indent = String(repeating: "  ", count: depth)
    }

    /// The text of the next element, its separator before it.
    public mutating func element(_ value: some Encodable) -> String {
        element(encoded: JSONText.encode(value))
    }

    /// The same for a value `JSONText.encode` gave already (encoded elsewhere, on another core).
    public mutating func element(encoded: String) -> String {
        var out = count == 0 ? "\n" : ",\n"
        count += 1
        let inner = indent + "  "
        var first = true
        for line in encoded.dropLast().split(separator: "\n", omittingEmptySubsequences: false) {
            if !first { out += "\n" }
            first = false
            // The empty line of an empty nested array stays empty.
            if !line.isEmpty { out += inner }
            out += line
        }
        return out
    }

    /// The array's end (an empty array is `[`, an empty line and `]`, as `JSONText` writes it).
    public func close() -> String {
        count == 0 ? "\n\n" + indent + "]" : "\n" + indent + "]"
    }
}
