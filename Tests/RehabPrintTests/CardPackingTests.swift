import Testing

@testable import RehabPrint

/// The week's cards are one flow that Chromium lays out, each card kept whole (issue 20: the old
/// packing by estimated height could not guarantee it; `PrintLayoutRegressionTests` and
/// `PrintPropertyTests` read the PDF to check that no card crosses a column or a page).
struct CardPackingTests {
    @Test func theCardsAreOneFlowInOrder() throws {
        let p = try Printing()
        let model = p.printer.models(
            try p.weeks("braced-t10-metastasis", 1...1), plan: try p.plan("braced-t10-metastasis"),
            workspace: p.open.workspace, paper: .a4)[0]
        #expect(model.cardPages.count == 1)
        #expect(model.cardPages.first?.cards.map(\.exercise) == model.cards.map(\.exercise))
        let style = try String(contentsOfFile: RoutinePrinter.bundledTemplates + "/style.mustache", encoding: .utf8)
        #expect(style.contains(".card { break-inside: avoid;"), "a card is never split across columns or pages")
    }

    /// Every card's estimate is at least its lines of text at the column's width.
    @Test func theEstimateCountsEveryLine() throws {
        let p = try Printing()
        let model = p.printer.models(
            try p.weeks("braced-t10-metastasis", 1...1), plan: try p.plan("braced-t10-metastasis"),
            workspace: p.open.workspace, paper: .a4)[0]
        for card in model.cards {
            let texts =
                [card.name, card.summary] + card.steps.map(\.text) + card.cautions.map(\.text) + card.stopIf.map(\.text)
            #expect(
                card.lines >= texts.count + (card.cautions.isEmpty ? 0 : 1) + (card.stopIf.isEmpty ? 0 : 1),
                "\(card.name)")
        }
    }
}
