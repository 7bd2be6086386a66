import Foundation
import RehabKit
import RehabPrint
import TestSupport
import Testing

/// The printer embeds only images that `ImageCheck` passes: the attacks of issue 11 printed.
struct ImageEmbeddingTests {
    static let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + Array(repeating: 0, count: 24)

    /// Every `data:` URI in `html`, decoded.
    static func embedded(_ html: String) -> [Data] {
        html.components(separatedBy: ";base64,").dropFirst().compactMap { rest in
            Data(base64Encoded: String(rest.prefix { $0 != "\"" && $0 != "'" && $0 != ")" }))
        }
    }

    /// A plan of the exercises e0, e1, … daily.
    static func plan(items: Int) -> String {
        PlanText.plan(id: "p", title: "Images", items: (0..<items).map { "{exercise: e\($0), frequency: daily}" })
    }

    @Test func noAttackImageIsEmbedded() throws {
        let images = [
            "../../../../../../../../etc/passwd", "/proc/self/environ", "../.rehab/progress.sqlite", "img/link.png",
            "img/text.png", "img/big.png", "img/good.png",
        ]
        let ws = try TemporaryWorkspace()
        try ws.write("Exercises/img/good.png", Data(Self.png))
        try ws.write("Exercises/img/text.png", "SECRET-TEXT\n")
        try ws.write(
            "Exercises/img/big.png",
            Data(Self.png + Array("SECRET-BIG".utf8) + Array(repeating: 0, count: ImageCheck.maxBytes)))
        try ws.write(".rehab/progress.sqlite", Data(Self.png + Array("SECRET-STORE".utf8)))
        try FileManager.default.createSymbolicLink(
            atPath: ws.root + "/Exercises/img/link.png", withDestinationPath: "/etc/passwd")
        for (i, image) in images.enumerated() {
            try ws.write(
                "Exercises/e\(i).yaml",
                PlanText.exercise(id: "e\(i)", name: "Exercise \(i)", extra: ["image: '\(image)'"]))
        }
        try ws.write("Plans/p.yaml", Self.plan(items: images.count))
        let p = try Printing(root: ws.root)
        let html = try p.render("p", .html)
        #expect(html.contains("Exercise 0") && html.contains("Exercise 6"), "every card printed")
        let data = Self.embedded(html)
        #expect(
            data == [Data(Self.png)], "only the small PNG inside the workspace is embedded; got \(data.count) images")
        for blob in data {
            let text = String(decoding: blob, as: UTF8.self)
            #expect(!text.contains("SECRET") && !text.contains("root:"))
        }
    }

    /// Issue 27: a card shows the clinic's image when it passes the check, else the picture drawn
    /// from `picture:`; an unsafe SVG is never embedded (the drawn picture stands in).
    @Test func aCardShowsTheClinicImageOrTheDrawnPictureNeverAnUnsafeSVG() throws {
        let safe =
            ##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><path d="M1 1 L9 9" stroke="#000"/></svg>"##
        let evil = #"<svg xmlns="http://www.w3.org/2000/svg" onload="alert('SECRET')"><path d="M1 1 L9 9"/></svg>"#
        let ws = try TemporaryWorkspace()
        try ws.write("Exercises/img/safe.svg", safe)
        try ws.write("Exercises/img/evil.svg", evil)
        let images = ["img/safe.svg", "img/evil.svg", nil]
        for (i, image) in images.enumerated() {
            let lines = ["position: sitting", "picture:", "  start: {pose: sitting}", "  props: [chair]"]
            try ws.write(
                "Exercises/e\(i).yaml",
                PlanText.exercise(
                    id: "e\(i)", name: "Exercise \(i)", movements: "[upright]",
                    extra: lines + (image.map { ["image: '\($0)'"] } ?? [])))
        }
        try ws.write("Plans/p.yaml", Self.plan(items: images.count))
        let html = try Printing(root: ws.root).render("p", .html)
        let drawn = FigureRenderer.svg(Picture(start: Pose(.sitting), props: [.chair]), title: "Exercise 1")
        let embedded = Self.embedded(html).map { String(decoding: $0, as: UTF8.self) }
        #expect(embedded.count == 3, "one picture a card")
        #expect(embedded.contains(safe), "the clinic's safe SVG, as written")
        #expect(embedded.contains(drawn), "the drawn picture instead of the refused SVG")
        #expect(!embedded.contains { $0.contains("onload") || $0.contains("SECRET") })
        // Under the title, the summary and steps beside it, with alt text from the pose.
        let alt = FigureRenderer.altText(Picture(start: Pose(.sitting), props: [.chair]))
        #expect(alt == "sitting. With: chair.")
        #expect(
            html.components(separatedBy: "</h3>\n    <img class=\"picture\" src=\"data:image/svg+xml;base64,").count - 1
                == 3,
            "under each card's title, before its summary and steps")
        #expect(html.components(separatedBy: "alt=\"\(alt)\">\n    <p class=\"summary\">").count - 1 == 3)
    }
}
