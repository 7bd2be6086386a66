import Foundation

/// The JSON every command prints: pretty, keys sorted (stable for diffs and golden files),
/// slashes unescaped, a newline at the end.
public enum JSONText {
    public static func encode(_ value: some Encodable) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        // Our types encode plain values only; a failure here is a programming error.
        return String(decoding: try! encoder.encode(value), as: UTF8.self) + "\n"
    }
}
