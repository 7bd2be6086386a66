import YAMLReader

/// Test input with expected locations marked inline: each `‸` marks the position of the
/// character after it. The marker is stripped; its line and column (1-based, columns in
/// characters) are recorded in order.
public struct MarkedText: Sendable {
    public static let marker: Character = "‸"

    public let text: String
    public let marks: [Mark]

    public init(_ marked: String) {
        var out = ""
        var marks: [Mark] = []
        var line = 1
        var column = 1
        for c in marked {
            if c == Self.marker {
                marks.append(Mark(line: line, column: column))
                continue
            }
            out.append(c)
            if c == "\n" {
                line += 1
                column = 1
            } else {
                column += 1
            }
        }
        self.text = out
        self.marks = marks
    }

    public var bytes: [UInt8] { Array(text.utf8) }
}
