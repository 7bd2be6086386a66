import RehabPrint
import RehabScan
import SheetGeometry
import Testing

struct SheetCodeTests {
    @Test func aCodeReadsBackAndNamesNoOne() throws {
        let code = SheetCode(layout: 1, plan: SheetCode.planHash("maria-r-2026"), week: 12, content: "0A1B2C3D")
        #expect(SheetCode(code.description) == code)
        #expect(!code.description.lowercased().contains("maria"))
        #expect(code.description.allSatisfy { $0.isUppercase || $0.isNumber || $0 == ":" }, "QR alphanumeric mode")
        #expect(QRSymbol(code.description)?.size == 25, "version 2 holds the longest code")
        let longest = SheetCode(layout: 99, plan: "FFFFFFFFFF", week: 9999, content: "FFFFFFFF")
        #expect(QRSymbol(longest.description)?.size == 25)
    }

    @Test(arguments: [
        "", "RHB:1:ABC:1:0A1B2C3D", "RHB:1:0123456789:0:0A1B2C3D", "RHB:x:0123456789:1:0A1B2C3D",
        "XYZ:1:0123456789:1:0A1B2C3D", "RHB:1:0123456789:1:0A1B2C3D:extra", "RHB:1:012345678G:1:0A1B2C3D",
    ])
    func anythingElseIsNotACode(_ text: String) {
        #expect(SheetCode(text) == nil)
    }

    @Test func aHomographyMapsItsFourPointsAndAnAffineFitExtrapolates() throws {
        let from = [(0.0, 0.0), (190, 0), (190, 250), (0, 250)]
        let to = [(100.0, 50.0), (1600, 80), (1580, 2050), (90, 2010)]
        let h = try #require(Homography(from: from, to: to))
        for (a, b) in zip(from, to) {
            let (x, y) = h.apply(a.0, a.1)
            #expect(abs(x - b.0) < 1e-6 && abs(y - b.1) < 1e-6)
        }
        let affine = try #require(
            Homography.affine(from: [(0, 0), (10, 0), (10, 10), (0, 10)], to: [(5, 5), (25, 5), (25, 25), (5, 25)]))
        let (x, y) = affine.apply(100, 50)
        #expect(abs(x - 205) < 1e-6 && abs(y - 105) < 1e-6)
    }
}

/// Layout 2: a code per sheet page, saying the page and how the sheet was printed (issue 20).
struct SheetCodeV2Tests {
    @Test func aPageCodeReadsBackWithItsPagePaperAndPrint() throws {
        let code = SheetCode(
            layout: 2, plan: SheetCode.planHash("maria-r-2026"), week: 12, content: "0A1B2C3D",
            page: 2, pages: 3, paper: .letter, largePrint: true)
        #expect(code.description.hasSuffix(":12:2.3:LL:0A1B2C3D"), "\(code)")
        #expect(SheetCode(code.description) == code)
        let longest = SheetCode(
            layout: 99, plan: "FFFFFFFFFF", week: 9999, content: "FFFFFFFF", page: 9, pages: 9, paper: .a4,
            largePrint: true)
        #expect(QRSymbol(longest.description)?.size == 25, "version 2 still holds the longest code")
        // Pages of one sheet share `sheet`; another print of the same week does not.
        var first = code
        first.page = 1
        #expect(first.sheet == code.sheet)
        first.paper = .a4
        #expect(first.sheet != code.sheet)
    }

    /// A layout-1 code still reads as a code (so the scan refuses it by its version), one page, A4.
    @Test func aLayoutOneCodeStillReads() throws {
        let old = try #require(SheetCode("RHB:1:0123456789:1:0A1B2C3D"))
        #expect(old.layout == 1 && old.page == 1 && old.pages == 1 && old.paper == .a4 && !old.largePrint)
        #expect(old.layout != SheetLayout.version)
    }

    @Test(arguments: [
        "RHB:2:0123456789:1:0A1B2C3D", "RHB:1:0123456789:1:1.1:AN:0A1B2C3D", "RHB:2:0123456789:1:3.2:AN:0A1B2C3D",
        "RHB:2:0123456789:1:1.1:XN:0A1B2C3D", "RHB:2:0123456789:1:1.10:AN:0A1B2C3D", "RHB:2:0123456789:1:1:AN:0A1B2C3D",
    ])
    func malformedPageCodesAreNotCodes(_ text: String) {
        #expect(SheetCode(text) == nil)
    }
}
