import Mustache

/// A typed view model as a Mustache template sees it — the one way a model reaches a template:
///
/// - a template names a stored property as Swift spells it (`patientName`) or in snake case
///   (`patient_name`, as the bundled routine templates do);
/// - `has_x` (or `hasX`) is true when `x` is there and not empty — a non-empty text or list, a true
///   flag, a number — so a template can wrap a list in `<ul>` without a flag of its own in the model;
/// - every text goes through `escape` first: for text and Markdown, whose templates Mustache does not
///   escape, control characters out and (Markdown) HTML escaped (`UserText`). Applied here, where
///   every value is read, no template — bundled or a clinic's — can forget it. HTML is escaped by
///   Mustache itself.
struct TemplateValue: MustacheParent, MustacheCustomRenderable {
    let value: Any
    let escape: @Sendable (String) -> String

    func child(named name: String) -> Any? {
        if let found = Self.property(name, of: value) { return wrap(found) }
        let camel = Self.camelCase(name)
        if camel != name, let found = Self.property(camel, of: value) { return wrap(found) }
        for prefix in ["has_", "has"] where name.hasPrefix(prefix) && name.count > prefix.count {
            var rest = String(name.dropFirst(prefix.count))
            if prefix == "has" { rest = rest.prefix(1).lowercased() + rest.dropFirst() }
            let key = Self.camelCase(rest)
            guard Self.hasProperty(key, of: value) else { continue }
            return Self.present(Self.property(key, of: value))
        }
        return nil
    }

    /// Lists, nested models and texts wrapped in turn; flags and numbers as they are.
    func wrap(_ v: Any) -> Any {
        switch v {
        case let s as String: return escape(s)
        case let b as Bool: return b
        case let n as Int: return n
        case let a as [Any]: return a.map(wrap)
        default: return TemplateValue(value: v, escape: escape)
        }
    }

    /// A model put in whole (`{{.}}` on a struct): its description, escaped like any text.
    var renderText: String { escape((value as? String) ?? String(describing: value)) }
    var isNull: Bool { false }

    static func property(_ name: String, of value: Any) -> Any? {
        guard let child = Mirror(reflecting: value).children.first(where: { $0.label == name }) else { return nil }
        // An optional property: its value, or nil.
        let m = Mirror(reflecting: child.value)
        guard m.displayStyle == .optional else { return child.value }
        return m.children.first?.value
    }

    static func hasProperty(_ name: String, of value: Any) -> Bool {
        Mirror(reflecting: value).children.contains { $0.label == name }
    }

    /// `has_x`: x is there and not empty.
    static func present(_ v: Any?) -> Bool {
        switch v {
        case nil: return false
        case let s as String: return !s.isEmpty
        case let b as Bool: return b
        case let a as [Any]: return !a.isEmpty
        default: return true
        }
    }

    /// `patient_name` → `patientName`.
    static func camelCase(_ name: String) -> String {
        let parts = name.split(separator: "_", omittingEmptySubsequences: true)
        guard parts.count > 1 else { return name }
        return String(parts[0]) + parts.dropFirst().map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
    }
}
