import Foundation

/// The JSON every command prints: pretty, keys sorted (stable for diffs and golden files),
/// slashes unescaped, a newline at the end.
public enum JSONText {
    /// `snakeCase`: Swift's camelCase property names written as snake_case keys.
    public static func encode(_ value: some Encodable, snakeCase: Bool = false) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        if snakeCase { encoder.keyEncodingStrategy = .convertToSnakeCase }
        // Our types encode plain values only; a failure here is a programming error. JSON escapes
        // control characters itself; invisible format characters (bidirectional overrides …) it
        // writes raw, and `UserText.plain` drops them (the JSON stays valid).
        return UserText.plain(String(decoding: try! encoder.encode(value), as: UTF8.self)) + "\n"
    }
}
