/// Paper for the printed sheets.
public enum Paper: String, CaseIterable, Sendable {
    case a4, letter

    /// The CSS `@page` size.
    var css: String { self == .a4 ? "210mm 297mm" : "8.5in 11in" }
    var label: String { self == .a4 ? "A4" : "Letter" }
    /// Lines of 12 pt card text one page of cards holds in its two columns, under its heading, with
    /// room to spare for headings and spacing the estimate does not see (A4 279 mm of page, Letter 261 mm).
    var cardLines: Int { self == .a4 ? 104 : 96 }
}
