/// Paper for the printed sheets.
public enum Paper: String, CaseIterable, Sendable {
    case a4, letter

    /// The CSS `@page` size.
    var css: String { self == .a4 ? "210mm 297mm" : "8.5in 11in" }
    var label: String { self == .a4 ? "A4" : "Letter" }
    /// Lines of 12 pt card text, as `PrintModel.estimatedLines` counts them, that one page of cards
    /// holds in its two columns. Measured with Chromium (`pdftotext -bbox-layout`): at 1.08 line
    /// spacing a column holds about 61 lines on A4 (281 mm inside the margins) and 57 on Letter
    /// (263 mm); these leave about 8 % for headings, borders and the estimate's misses.
    var cardLines: Int { self == .a4 ? 112 : 105 }
}
