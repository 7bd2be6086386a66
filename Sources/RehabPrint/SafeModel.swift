import RehabKit

/// The print model made safe for a text or Markdown template, which (unlike HTML) Mustache does
/// not escape: every string in it goes through `UserText` (control characters out; for Markdown,
/// HTML and link brackets escaped). Applied once, where the model is rendered, so that no
/// template, bundled or a clinic's, can forget it.
enum SafeModel {
    static func prepare(_ context: [String: Any], for format: PrintFormat) -> [String: Any] {
        switch format {
        case .html, .pdf: return context   // Mustache HTML-escapes every {{value}}
        case .text: return context.mapValues { clean($0, UserText.plain) }
        case .md: return context.mapValues { clean($0, UserText.markdown) }
        }
    }

    static func clean(_ value: Any, _ f: (String) -> String) -> Any {
        switch value {
        case let s as String: return f(s)
        case let d as [String: Any]: return d.mapValues { clean($0, f) }
        case let a as [[String: Any]]: return a.map { $0.mapValues { clean($0, f) } }
        case let a as [Any]: return a.map { clean($0, f) }
        default: return value
        }
    }
}
