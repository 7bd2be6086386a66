/// Paper for the printed sheets.
public enum Paper: String, CaseIterable, Sendable {
    case a4, letter

    /// The CSS `@page` size.
    var css: String { self == .a4 ? "210mm 297mm" : "8.5in 11in" }
    var label: String { self == .a4 ? "A4" : "Letter" }
}
