import Foundation

/// A JSON Schema (2020-12) node, built from the readers' key tables (`DocumentSchemas`) so that an
/// editor completes and checks the files a reader accepts.
public indirect enum SchemaNode: Sendable {
    case string(String, pattern: String? = nil, values: [String]? = nil)
    case integer(String, min: Int? = nil, max: Int? = nil)
    case number(String, min: Double? = nil, max: Double? = nil)
    case boolean(String)
    case date(String)
    case array(String, of: SchemaNode, minItems: Int? = nil)
    /// Properties in order, with the required ones; no other key is allowed.
    case object(String, [(String, SchemaNode)], required: [String])
    case anyOf(String, [SchemaNode])
    /// Any mapping (rule examples: a profile with only the fields it is about, checked by `rehab rules test`).
    case openObject(String)
    /// A reference to `$defs/NAME`.
    case ref(String)

    /// The node as JSON-compatible values.
    public var json: [String: Any] {
        switch self {
        case .string(let d, let pattern, let values):
            var o: [String: Any] = ["type": "string", "description": d]
            if let pattern { o["pattern"] = pattern }
            if let values { o["enum"] = values }
            return o
        case .integer(let d, let min, let max):
            var o: [String: Any] = ["type": "integer", "description": d]
            if let min { o["minimum"] = min }
            if let max { o["maximum"] = max }
            return o
        case .number(let d, let min, let max):
            var o: [String: Any] = ["type": "number", "description": d]
            if let min { o["minimum"] = min }
            if let max { o["maximum"] = max }
            return o
        case .boolean(let d): return ["type": "boolean", "description": d]
        case .date(let d):
            return ["type": "string", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$", "description": d + " (YYYY-MM-DD)"]
        case .array(let d, let item, let minItems):
            var o: [String: Any] = ["type": "array", "description": d, "items": item.json]
            if let minItems { o["minItems"] = minItems }
            return o
        case .object(let d, let properties, let required):
            var props: [String: Any] = [:]
            for (k, v) in properties { props[k] = v.json }
            var o: [String: Any] = [
                "type": "object", "description": d, "properties": props, "additionalProperties": false,
            ]
            if !required.isEmpty { o["required"] = required }
            return o
        case .anyOf(let d, let nodes): return ["description": d, "anyOf": nodes.map(\.json)]
        case .openObject(let d): return ["type": "object", "description": d]
        case .ref(let name): return ["$ref": "#/$defs/\(name)"]
        }
    }

    /// The property names of an object node (empty for others).
    public var keys: [String] {
        if case .object(_, let properties, _) = self { return properties.map(\.0) }
        return []
    }

    /// The node of property `key` of an object node.
    public subscript(key: String) -> SchemaNode? {
        if case .object(_, let properties, _) = self { return properties.first { $0.0 == key }?.1 }
        return nil
    }
}
