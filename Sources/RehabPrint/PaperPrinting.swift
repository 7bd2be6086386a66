import SheetGeometry

extension Paper {
    /// The CSS `@page` size.
    var css: String { self == .a4 ? "210mm 297mm" : "8.5in 11in" }
    var label: String { self == .a4 ? "A4" : "Letter" }
}
