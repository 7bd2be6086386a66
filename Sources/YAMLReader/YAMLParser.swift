import CLibYAML

/// Bounds that keep a hostile or mistaken file from costing unbounded time or memory.
public struct YAMLLimits: Sendable {
    /// Largest file accepted, in bytes.
    public var maxBytes: Int
    /// Deepest nesting of mappings and sequences.
    public var maxDepth: Int
    /// Most nodes that aliases may add by expansion (a "billion laughs" file stops here).
    public var maxAliasNodes: Int
    /// Most bytes of scalar text that aliases may add by expansion: a few nodes can still be
    /// large (one 900 KB scalar aliased 9,000 times is 8 GB).
    public var maxAliasBytes: Int

    public init(maxBytes: Int = 1 << 20, maxDepth: Int = 64, maxAliasNodes: Int = 10_000, maxAliasBytes: Int = 1 << 20)
    {
        self.maxBytes = maxBytes
        self.maxDepth = maxDepth
        self.maxAliasNodes = maxAliasNodes
        self.maxAliasBytes = maxAliasBytes
    }

    public static let `default` = YAMLLimits()
}

/// Why a text is not a YAML document this toolkit reads, and where.
public struct YAMLParseError: Error, Sendable, Equatable {
    public var message: String
    public var mark: Mark
    /// Extra lines for the author: what to do, or where a related thing stands.
    public var notes: [String]

    public init(_ message: String, at mark: Mark, notes: [String] = []) {
        self.message = message
        self.mark = mark
        self.notes = notes
    }
}

/// Builds located node trees from libyaml's event stream.
public enum YAMLParser {
    /// Parses one YAML document. Returns nil for a text with no document (empty or only comments).
    public static func parse(_ bytes: [UInt8], limits: YAMLLimits = .default) throws(YAMLParseError) -> YAMLNode? {
        let bytes = withoutByteOrderMark(bytes)
        try precheck(bytes, limits: limits)
        var builder = TreeBuilder(limits: limits)
        try eachEvent(bytes) { (event) throws(YAMLParseError) in try builder.consume(&event) }
        return builder.root
    }

    /// libyaml's bare event parse, building nothing: the baseline for benchmarks.
    /// Returns the number of events.
    public static func scanEvents(_ bytes: [UInt8]) throws(YAMLParseError) -> Int {
        var count = 0
        try eachEvent(withoutByteOrderMark(bytes)) { _ in count += 1 }
        return count
    }

    /// Runs libyaml over `bytes` (as UTF-8) and hands every event to `body`, up to the end of the stream.
    private static func eachEvent(
        _ bytes: [UInt8],
        _ body: (inout yaml_event_t) throws(YAMLParseError) -> Void
    ) throws(YAMLParseError) {
        let parser = UnsafeMutablePointer<yaml_parser_t>.allocate(capacity: 1)
        defer { parser.deallocate() }
        guard yaml_parser_initialize(parser) == 1 else {
            throw YAMLParseError("libyaml could not start (out of memory)", at: Mark(line: 1, column: 1))
        }
        defer { yaml_parser_delete(parser) }
        try bytes.withUnsafeBufferPointer { (buffer) throws(YAMLParseError) in
            yaml_parser_set_input_string(parser, buffer.baseAddress, buffer.count)
            yaml_parser_set_encoding(parser, YAML_UTF8_ENCODING)
            var event = yaml_event_t()
            while true {
                guard yaml_parser_parse(parser, &event) == 1 else { throw libyamlError(parser.pointee, bytes: bytes) }
                defer { yaml_event_delete(&event) }
                try body(&event)
                if event.type == YAML_STREAM_END_EVENT { return }
            }
        }
    }

    /// A UTF-8 byte-order mark is legal YAML but libyaml, told the encoding, reads it as content:
    /// it is dropped, and lines and columns count from the character after it (as editors show them).
    static func withoutByteOrderMark(_ bytes: [UInt8]) -> [UInt8] {
        guard bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF else { return bytes }
        return Array(bytes[3...])
    }

    /// Rejects what libyaml would read wrongly or at all: oversize, binary and UTF-16 texts.
    static func precheck(_ bytes: [UInt8], limits: YAMLLimits) throws(YAMLParseError) {
        if bytes.count > limits.maxBytes {
            throw YAMLParseError(
                "file is \(bytes.count) bytes; the limit is \(limits.maxBytes) bytes",
                at: Mark(line: 1, column: 1),
                notes: ["an exercise or plan file is a few kilobytes; is this the right file?"])
        }
        if bytes.count >= 2, (bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF) {
            throw YAMLParseError(
                "file is UTF-16, not UTF-8", at: Mark(line: 1, column: 1),
                notes: ["save the file as UTF-8"])
        }
        if let nul = bytes.firstIndex(of: 0) {
            throw YAMLParseError(
                "file holds a NUL byte: it looks binary, not YAML text",
                at: markOf(offset: nul, in: bytes),
                notes: ["exercise and plan files are UTF-8 text"])
        }
    }

    /// The 1-based line and column of a byte offset (columns count characters).
    static func markOf(offset: Int, in bytes: [UInt8]) -> Mark {
        var line = 1
        var column = 1
        for b in bytes[..<offset] {
            if b == 0x0A {
                line += 1
                column = 1
            } else if b & 0xC0 != 0x80 {
                column += 1
            }
        }
        return Mark(line: line, column: column)
    }

    private static func libyamlError(_ parser: yaml_parser_t, bytes: [UInt8]) -> YAMLParseError {
        let problem = parser.problem.map { String(cString: $0) } ?? "unreadable YAML"
        if parser.error == YAML_READER_ERROR {
            // The reader reports a byte offset, not a mark.
            return YAMLParseError(
                "file is not valid UTF-8 text (\(problem))",
                at: markOf(offset: min(Int(parser.problem_offset), bytes.count), in: bytes),
                notes: ["save the file as UTF-8"])
        }
        let mark = Mark(line: Int(parser.problem_mark.line) + 1, column: Int(parser.problem_mark.column) + 1)
        var notes: [String] = []
        if let context = parser.context {
            let at = Mark(line: Int(parser.context_mark.line) + 1, column: Int(parser.context_mark.column) + 1)
            notes.append("\(String(cString: context)) at line \(at.line), column \(at.column)")
        }
        if lineHasTab(bytes, line: mark.line) {
            notes.append("YAML indents with spaces; this line has a tab")
        } else if problem.contains("mapping values are not allowed") {
            notes.append("a value that contains ': ' must be put in quotes")
        }
        return YAMLParseError("invalid YAML: \(problem)", at: mark, notes: notes)
    }

    private static func lineHasTab(_ bytes: [UInt8], line: Int) -> Bool {
        var current = 1
        for b in bytes {
            if b == 0x0A {
                current += 1
                if current > line { return false }
            } else if b == 0x09, current == line {
                return true
            }
        }
        return false
    }
}

/// Turns events into a tree with an explicit stack (no recursion, so depth costs no C stack).
struct TreeBuilder {
    /// An open mapping or sequence; a class so that appending never copies the arrays.
    private final class Frame {
        var node: YAMLNode
        let anchor: String?
        let isMapping: Bool
        var items: [YAMLNode] = []
        var pairs: [YAMLPair] = []
        var pendingKey: YAMLNode?
        var keys: Set<String>?
        /// Nodes in this subtree, aliases expanded.
        var size = 1
        /// Bytes of scalar text in this subtree, aliases expanded.
        var bytes = 0

        init(_ node: YAMLNode, anchor: String?, isMapping: Bool) {
            self.node = node
            self.anchor = anchor
            self.isMapping = isMapping
            // Most mappings and lists in these files are short: one allocation, no regrowth.
            if isMapping { pairs.reserveCapacity(8) } else { items.reserveCapacity(4) }
        }
    }

    let limits: YAMLLimits
    private(set) var root: YAMLNode?
    private var stack: [Frame] = []
    private var anchors: [String: (node: YAMLNode, size: Int, bytes: Int)] = [:]
    private var aliasNodes = 0
    private var aliasBytes = 0
    private var documents = 0

    init(limits: YAMLLimits) {
        self.limits = limits
    }

    mutating func consume(_ event: inout yaml_event_t) throws(YAMLParseError) {
        let mark = Mark(line: Int(event.start_mark.line) + 1, column: Int(event.start_mark.column) + 1)
        switch event.type {
        case YAML_DOCUMENT_START_EVENT:
            documents += 1
            if documents > 1 {
                throw YAMLParseError(
                    "file holds more than one YAML document", at: mark,
                    notes: ["keep one exercise, plan or profile per file"])
            }
            let directives = event.data.document_start.tag_directives
            if let first = directives.start, first != directives.end {
                let handle = Self.string(first.pointee.handle) ?? "!"
                throw YAMLParseError(
                    "YAML %TAG directives are not supported ('%TAG \(handle)')", at: mark,
                    notes: Self.tagNotes)
            }
        case YAML_SCALAR_EVENT:
            let s = event.data.scalar
            let text = String(decoding: UnsafeBufferPointer(start: s.value, count: s.length), as: UTF8.self)
            let style: ScalarStyle
            switch s.style {
            case YAML_SINGLE_QUOTED_SCALAR_STYLE: style = .singleQuoted
            case YAML_DOUBLE_QUOTED_SCALAR_STYLE: style = .doubleQuoted
            case YAML_LITERAL_SCALAR_STYLE: style = .literal
            case YAML_FOLDED_SCALAR_STYLE: style = .folded
            default: style = .plain
            }
            var node = YAMLNode(.scalar(text, style), mark: mark, tag: Self.string(s.tag))
            try Self.resolveTag(&node)
            try add(node, size: 1, bytes: Int(s.length), anchor: Self.string(s.anchor))
        case YAML_SEQUENCE_START_EVENT:
            let s = event.data.sequence_start
            try Self.refuseTag(Self.string(s.tag), at: mark)
            try push(
                Frame(
                    YAMLNode(.sequence([]), mark: mark, tag: Self.string(s.tag)),
                    anchor: Self.string(s.anchor), isMapping: false))
        case YAML_MAPPING_START_EVENT:
            let m = event.data.mapping_start
            try Self.refuseTag(Self.string(m.tag), at: mark)
            try push(
                Frame(
                    YAMLNode(.mapping([]), mark: mark, tag: Self.string(m.tag)),
                    anchor: Self.string(m.anchor), isMapping: true))
        case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
            let frame = stack.removeLast()
            var node = frame.node
            node.content = frame.isMapping ? .mapping(frame.pairs) : .sequence(frame.items)
            try add(node, size: frame.size, bytes: frame.bytes, anchor: frame.anchor)
        case YAML_ALIAS_EVENT:
            let name = Self.string(event.data.alias.anchor) ?? ""
            guard let target = anchors[name] else {
                throw YAMLParseError("unknown alias '*\(name)'", at: mark)
            }
            aliasNodes += target.size
            if aliasNodes > limits.maxAliasNodes {
                throw YAMLParseError(
                    "aliases expand to more than \(limits.maxAliasNodes) nodes", at: mark,
                    notes: ["write the values out instead of repeating '*\(name)'"])
            }
            aliasBytes += target.bytes
            if aliasBytes > limits.maxAliasBytes {
                throw YAMLParseError(
                    "aliases expand to more than \(limits.maxAliasBytes) bytes", at: mark,
                    notes: ["write the values out instead of repeating '*\(name)'"])
            }
            var node = target.node
            node.mark = mark
            try add(node, size: target.size, bytes: target.bytes, anchor: nil)
        default:
            break
        }
    }

    private mutating func push(_ frame: Frame) throws(YAMLParseError) {
        if stack.count >= limits.maxDepth {
            throw YAMLParseError(
                "nesting is deeper than \(limits.maxDepth) levels", at: frame.node.mark,
                notes: ["rehab files nest a few levels at most; check the indentation"])
        }
        stack.append(frame)
    }

    private mutating func add(_ node: YAMLNode, size: Int, bytes: Int, anchor: String?) throws(YAMLParseError) {
        if let anchor { anchors[anchor] = (node, size, bytes) }
        guard let top = stack.last else {
            root = node
            return
        }
        top.size += size
        top.bytes += bytes
        if !top.isMapping {
            top.items.append(node)
        } else if let key = top.pendingKey {
            top.pairs.append(YAMLPair(key: key, value: node))
            top.pendingKey = nil
        } else {
            if let name = node.scalar {
                try Self.checkDuplicate(name, node, in: top)
            }
            top.pendingKey = node
        }
    }

    /// Small mappings are searched directly; past 16 keys a set takes over.
    private static func checkDuplicate(_ name: String, _ key: YAMLNode, in frame: Frame) throws(YAMLParseError) {
        if frame.keys == nil, frame.pairs.count >= 16 {
            frame.keys = Set(frame.pairs.compactMap { $0.key.scalar })
        }
        let seen = frame.keys.map { $0.contains(name) } ?? frame.pairs.contains { $0.key.scalar == name }
        if seen {
            let first = frame.pairs.first { $0.key.scalar == name }!.key.mark
            throw YAMLParseError(
                "duplicate key '\(name)'", at: key.mark,
                notes: ["first given at line \(first.line), column \(first.column)"])
        }
        frame.keys?.insert(name)
    }

    static let tagNotes = [
        "rehab reads text, numbers, true/false and null; remove the tag (only !!str, !!int, !!float, !!bool and !!null are accepted)"
    ]

    /// `tag:yaml.org,2002:binary` as the author wrote it, `!!binary`; other tags unchanged.
    static func shown(_ tag: String) -> String {
        let standard = "tag:yaml.org,2002:"
        return tag.hasPrefix(standard) ? "!!" + tag.dropFirst(standard.count) : tag
    }

    /// Mappings and sequences take no tag.
    private static func refuseTag(_ tag: String?, at mark: Mark) throws(YAMLParseError) {
        guard let tag else { return }
        throw YAMLParseError("unsupported YAML tag '\(shown(tag))'", at: mark, notes: tagNotes)
    }

    /// The standard scalar tags: `!!str` keeps the node text (as if quoted); `!!int`, `!!float`,
    /// `!!bool` and `!!null` are checked against the text and then read as if written plainly.
    /// Any other tag (`!!binary`, `!custom`, `!`) is an error at the node.
    private static func resolveTag(_ node: inout YAMLNode) throws(YAMLParseError) {
        guard let tag = node.tag, case .scalar(let text, _) = node.content else { return }
        let fits: Bool
        let what: String
        switch tag {
        case "tag:yaml.org,2002:str": return
        case "tag:yaml.org,2002:int":
            fits = Int(text) != nil
            what = "an integer"
        case "tag:yaml.org,2002:float":
            fits = Double(text) != nil
            what = "a number"
        case "tag:yaml.org,2002:bool":
            fits = ["true", "false", "yes", "no"].contains(text.lowercased())
            what = "true or false"
        case "tag:yaml.org,2002:null":
            fits = ["", "~", "null", "Null", "NULL"].contains(text)
            what = "null"
        default:
            throw YAMLParseError("unsupported YAML tag '\(shown(tag))'", at: node.mark, notes: tagNotes)
        }
        if !fits {
            throw YAMLParseError("'\(text)' is tagged '\(shown(tag))' but is not \(what)", at: node.mark)
        }
        node.content = .scalar(text, .plain)
        node.tag = nil
    }

    private static func string(_ p: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        guard let p else { return nil }
        return String(cString: p)
    }
}
