import Foundation
import RehabKit
import TestSupport
import Testing

/// `image:` attacks from issue 11: each must be an error at the `image` key in `rehab validate`
/// (the printer's side is in RehabPrintTests/OutputSafetyTests).
struct ImageCheckTests {
    static let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + Array(repeating: 0, count: 24)

    /// A workspace with one exercise per image path, plus the files the attacks point at.
    static func workspace(_ images: [String]) throws -> TemporaryWorkspace {
        let ws = try TemporaryWorkspace()
        try ws.write("Exercises/img/good.png", Data(png))
        try ws.write("Exercises/img/text.png", "SECRET-TEXT-NOT-AN-IMAGE\n")
        try ws.write("Exercises/img/big.png", Data(png + Array(repeating: 0, count: ImageCheck.maxBytes)))
        try ws.write(".rehab/progress.sqlite", Data(png + Array("SECRET-STORE".utf8)))
        try FileManager.default.createSymbolicLink(
            atPath: ws.root + "/Exercises/img/link.png", withDestinationPath: "/etc/hostname")
        try FileManager.default.createSymbolicLink(
            atPath: ws.root + "/Exercises/img/folder", withDestinationPath: "/etc")
        for (i, image) in images.enumerated() {
            try ws.write(
                "Exercises/e\(i).yaml",
                PlanText.exercise(id: "e\(i)", name: "Exercise \(i)", extra: ["image: '\(image)'"]))
        }
        return ws
    }

    static let attacks: [(String, String)] = [
        ("../../../../../../../../etc/passwd", "lies outside the workspace"),
        ("/proc/self/environ", "is an absolute path"),
        ("../.rehab/progress.sqlite", "lies in a hidden folder of the workspace"),
        ("img/link.png", "lies outside the workspace"),
        ("img/folder/hostname", "lies outside the workspace"),
        ("img/text.png", "is not a PNG, JPEG or SVG image"),
        ("img/big.png", "the limit is 2097152 bytes"),
        ("img", "is not a regular file"),
        ("img/none.png", "not found"),
    ]

    @Test func everyImageAttackIsAnErrorAtTheImageKey() throws {
        let ws = try Self.workspace(Self.attacks.map(\.0) + ["img/good.png"])
        let report = Validation.run(root: ws.root, displayBase: ws.root, rules: nil)
        for (i, (image, message)) in Self.attacks.enumerated() {
            let found = report.diagnostics.filter { $0.location.file == "Exercises/e\(i).yaml" }
            #expect(found.count == 1, "\(image): \(found)")
            #expect(found.first?.severity == .error)
            #expect(found.first?.message.contains(message) == true, "\(image): \(found.map(\.message))")
            // line 8 is `image: '…'`; the value starts at column 8.
            #expect(
                found.first?.location.line == 8 && found.first?.location.column == 8,
                "\(image): \(String(describing: found.first?.location))")
        }
        #expect(
            !report.diagnostics.contains { $0.location.file == "Exercises/e\(Self.attacks.count).yaml" },
            "a small PNG inside passes")
    }

    @Test func aJPEGIsRecognisedByItsBytesNotItsName() {
        #expect(ImageCheck.mimeType([0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10]) == "image/jpeg")
        #expect(ImageCheck.mimeType(Self.png) == "image/png")
        // Issue 27: an SVG is taken for one by its text, and then refused for what it holds
        // (SVGSafetyTests, one test per trick).
        #expect(ImageCheck.mimeType(Array("<svg onload=alert(1)>".utf8)) == "image/svg+xml")
        #expect(SVGSafety.problem(Array("<svg onload=alert(1)>".utf8)) != nil)
        #expect(ImageCheck.mimeType(Array("<html><body>".utf8)) == nil)
        #expect(ImageCheck.mimeType(Array("GIF89a".utf8)) == nil)
    }
}
