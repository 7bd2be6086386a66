import Foundation
import TestSupport
import Testing

@testable import RehabPrint

/// Issue 22: a PDF's text is compared with the required lines as a reader sees it, and a hidden stop
/// box is found in what the PDF shows.
struct RenderedContentTests {
    @Test func aPDFsTextMatchesAcrossBreaksHyphensCaseAndLigatures() {
        let line = "Stop and call if new numbness in both legs — first-aid finish"
        for shown in [
            "stop and call if new\nnumbness in both legs — first-\naid finish",
            "STOP AND CALL IF NEW NUMBNESS IN BOTH LEGS — FIRST-AID FINISH",
            "Stop and call if new numbness in both legs — ﬁrst-aid ﬁnish",
            "Stop and call if new numbness in both\u{00AD} legs —  first‐aid finish",
        ] {
            #expect(RequiredContent.comparable(shown).contains(RequiredContent.comparable(line)), "\(shown)")
        }
        #expect(!RequiredContent.comparable("Stop and call if new numbness").contains(RequiredContent.comparable(line)))
    }

    /// The bundled template's PDF passes the read-back; the same page with its stop box hidden does not.
    @Test func theReadBackFindsAHiddenStopBox() throws {
        try #require(PDFPrinter.browser() != nil, "needs Chromium: make test installs chromium-headless-shell")
        let p = try Printing()
        let plan = try p.plan("braced-t10-metastasis")
        let weeks = try p.weeks("braced-t10-metastasis", 1...1)
        let models = p.printer.models(weeks, plan: plan, workspace: p.open.workspace, paper: .a4)
        let html = try p.printer.render(models, plan: plan, format: .pdf, paper: .a4, largePrint: false)
        let shown = try PDFPrinter.text(ofPDF: try PDFPrinter.render(html: html))
        #expect(RequiredContent.missing(inPDFText: shown, weeks: models) == nil)
        let hidden = html.replacingOccurrences(
            of: "</head>", with: "<style>.stop { visibility: hidden }</style></head>")
        let text = try PDFPrinter.text(ofPDF: try PDFPrinter.render(html: hidden))
        #expect(RequiredContent.missing(inPDFText: text, weeks: models) != nil)
    }
}
