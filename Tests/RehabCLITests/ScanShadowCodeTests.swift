import Foundation
import RehabBench
import RehabKit
import SheetGeometry
import TestSupport
import Testing

@testable import RehabScan

/// A hard shadow's edge across the QR code of a phone photo (issue 23): the code is read only with
/// the light divided out (`SheetScanner.flattened`), none of the other retries reads it.
struct ScanShadowCodeTests {
    typealias R = ScanRoundTripTests

    /// The photo: from 30 cm, almost straight above and upside down, dim, soft, a shadow taking 58 %
    /// of the light whose edge runs through the code (found by trying photos with a shadow's edge
    /// across the code: of 21, 5 were read by the earlier retries, 2 only with the light divided
    /// out, 14 by none — those sheets are refused and photographed again).
    static func photo() -> ScanSynth.Photo {
        var p = ScanSynth.Photo()
        p.distance = 300
        p.tilt = 2.7
        p.tiltDirection = 17.46137214013547
        p.roll = 178.9
        p.aimX = 13.366972084574108
        p.aimY = -9.976295815481475
        p.longSide = 2000
        p.table = 90.88138330342262
        p.light = 0.62
        p.blur = 0.56
        p.noise = 2.5
        p.jpeg = 61
        p.shadow = 0.58
        p.shadowAngle = 0.6880319908179252
        p.shadowOffset = 0.004936653181523747
        return p
    }

    @Test func aShadowAcrossTheCodeIsReadWithTheLightDividedOut() throws {
        let p = try R.printWeek()
        let page = try #require(try ScanBench.pages(pdf: p.pdf, dpis: [200], layout: p.layout).first)
        var rng = ScanSynth.Random(seed: 6)
        let image = try ScanSynth.photograph(page.image, dpi: page.dpi, Self.photo(), rng: &rng)
        func reads(_ symbols: [QRFinder.Symbol]) -> Bool { symbols.contains { SheetCode($0.text) != nil } }
        #expect(!reads(QRFinder.find(image)), "read as it is")
        #expect(!reads(QRFinder.find(image.halved())), "read at half size")
        #expect(!reads(QRFinder.find(SheetScanner.stretch(image))), "read stretched")
        #expect(!reads(QRFinder.find(SheetScanner.sharpened(image))), "read sharpened")
        #expect(!reads(QRFinder.find(SheetScanner.scaled(image, by: 1.5))), "read larger")
        #expect(reads(QRFinder.find(SheetScanner.flattened(image))), "the light divided out")
        #expect(reads(SheetScanner.findSymbols(image)))
    }
}
