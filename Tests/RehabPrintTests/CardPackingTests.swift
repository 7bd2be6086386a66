@testable import RehabPrint
import Testing

/// `PrintModel.pack`: cards into pages by estimated height, in order, as few pages as they need, each
/// about as full as the others.
struct CardPackingTests {
    static func cards(_ heights: [Int]) -> [InstructionCard] {
        heights.enumerated().map { i, h in
            InstructionCard(exercise: "e\(i)", name: "E\(i)", summary: "", steps: [], cautions: [], stopIf: [], dose: nil,
                            inBrace: false, notes: nil, equipment: "", image: nil, lines: h)
        }
    }

    @Test func asFewPagesAsTheCardsNeedFilledEvenly() {
        // 130 lines at 100 a page: two pages; greedy filling would leave 95 and 35.
        let pages = PrintModel.pack(Self.cards([30, 30, 35, 35]), sharedLines: 0, capacity: 100)
        #expect(pages.map { $0.map(\.exercise) } == [["e0", "e1"], ["e2", "e3"]])
        #expect(pages.flatMap { $0 }.map(\.exercise) == ["e0", "e1", "e2", "e3"], "in order")
    }

    @Test func theSharedCardCountsOnTheFirstPage() {
        let pages = PrintModel.pack(Self.cards([40, 40]), sharedLines: 30, capacity: 100)
        #expect(pages.count == 2)
        #expect(PrintModel.pack(Self.cards([40, 40]), sharedLines: 10, capacity: 100).count == 1)
    }

    @Test func aCardTallerThanAPageHasAPageOfItsOwn() {
        let pages = PrintModel.pack(Self.cards([20, 150, 20]), sharedLines: 0, capacity: 100)
        #expect(pages.map(\.count) == [1, 1, 1])
        #expect(PrintModel.pack([], sharedLines: 0, capacity: 100).isEmpty)
    }

    /// Every card's estimate is at least its lines of text at the column's width: the estimate may
    /// waste room but must not overfill a page.
    @Test func theEstimateCountsEveryLine() throws {
        let p = try Printing()
        let model = p.printer.models(try p.weeks("braced-t10-metastasis", 1...1), plan: try p.plan("braced-t10-metastasis"),
                                     workspace: p.open.workspace, paper: .a4)[0]
        for card in model.cards {
            let texts = [card.name, card.summary] + card.steps.map(\.text) + card.cautions.map(\.text) + card.stopIf.map(\.text)
            #expect(card.lines >= texts.count + (card.cautions.isEmpty ? 0 : 1) + (card.stopIf.isEmpty ? 0 : 1), "\(card.name)")
        }
        #expect(model.cardPages.count == 3 && model.cardPages.allSatisfy { $0.cards.count >= 3 }, "\(model.cardPages.map(\.cards.count))")
    }
}
