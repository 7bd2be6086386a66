/// Paper for the printed sheets.
public enum Paper: String, CaseIterable, Sendable {
    case a4, letter

    /// The CSS `@page` size.
    var css: String { self == .a4 ? "210mm 297mm" : "8.5in 11in" }
    var label: String { self == .a4 ? "A4" : "Letter" }
    /// Lines of 12 pt card text, as `PrintModel.estimatedLines` counts them, that one page of cards
    /// holds in its two columns under its heading. Measured with Chromium: the estimate counts about
    /// 10 % more lines than print (it wraps early), and a page prints about 104 (A4, 279 mm of page
    /// inside the margins) or 97 (Letter, 261 mm); these leave a few lines to spare.
    var cardLines: Int { self == .a4 ? 110 : 102 }
}
