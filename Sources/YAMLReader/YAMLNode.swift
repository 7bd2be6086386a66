/// A position in a YAML text: 1-based line and 1-based column (in characters).
public struct Mark: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var line: Int
    public var column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    public static func < (a: Mark, b: Mark) -> Bool {
        (a.line, a.column) < (b.line, b.column)
    }

    public var description: String { "\(line):\(column)" }
}

/// How a scalar was written. Only plain scalars are resolved to booleans, numbers or null:
/// a quoted `"true"` is text.
public enum ScalarStyle: Sendable {
    case plain, singleQuoted, doubleQuoted, literal, folded
}

/// One node of a YAML document with the mark of its first character.
public struct YAMLNode: Sendable {
    public enum Content: Sendable {
        case scalar(String, ScalarStyle)
        case sequence([YAMLNode])
        case mapping([YAMLPair])
    }

    public var content: Content
    public var mark: Mark
    /// The explicit tag, if any: only `tag:yaml.org,2002:str` (written `!!str`) is left on a node;
    /// the parser reads the other standard scalar tags as plain scalars and refuses any other tag.
    public var tag: String?

    public init(_ content: Content, mark: Mark, tag: String? = nil) {
        self.content = content
        self.mark = mark
        self.tag = tag
    }

    /// The scalar's text, or nil when the node is a mapping or a sequence.
    public var scalar: String? {
        if case .scalar(let s, _) = content { return s }
        return nil
    }

    /// A plain scalar that a YAML schema would read as a string, not as null, bool or number
    /// is the caller's business; this says only whether it was written plainly.
    public var isPlainScalar: Bool {
        if case .scalar(_, .plain) = content { return tag == nil }
        return false
    }

    /// True for a plain `~`, `null`, `Null`, `NULL` or an empty plain scalar.
    public var isNull: Bool {
        guard case .scalar(let s, .plain) = content, tag == nil else { return false }
        return s.isEmpty || s == "~" || s == "null" || s == "Null" || s == "NULL"
    }

    public var sequence: [YAMLNode]? {
        if case .sequence(let items) = content { return items }
        return nil
    }

    public var mapping: [YAMLPair]? {
        if case .mapping(let pairs) = content { return pairs }
        return nil
    }

    /// What the node is, in words for error messages: "text", "a list", "a mapping".
    public var kindDescription: String {
        switch content {
        case .scalar: return isNull ? "nothing" : "text"
        case .sequence: return "a list"
        case .mapping: return "a mapping"
        }
    }
}

/// A key and its value in a mapping, in the order written.
public struct YAMLPair: Sendable {
    public var key: YAMLNode
    public var value: YAMLNode

    public init(key: YAMLNode, value: YAMLNode) {
        self.key = key
        self.value = value
    }
}
