import Foundation
import RehabKit

/// The one way a printed card gets its picture: the clinic's own `image:` through `ImageCheck`
/// (a PNG, a JPEG or a sanitised SVG inside the workspace, of bounded size), else the picture the
/// toolkit draws from the exercise's `picture:` (`FigureRenderer`).
enum ImageEmbedding {
    /// A card's picture: a `data:` URI and its alt text.
    struct Picture {
        var uri: String
        var alt: String
    }

    /// The exercise's picture: its `image:` when there is one that `ImageCheck` accepts, else its
    /// drawn picture; nil when it has neither. An `image:` that is refused (`rehab validate` reports
    /// why at the `image` key) falls back to the drawn picture, never to the refused file.
    static func picture(_ e: Exercise, base: String?, workspace: Workspace) -> Picture? {
        if let image = e.image,
            let uri = dataURI(image.value, exerciseFile: e.location.file, base: base, workspace: workspace)
        {
            return Picture(uri: uri, alt: e.picture.map { FigureRenderer.altText($0.value) } ?? e.name)
        }
        guard let drawn = e.picture?.value else { return nil }
        let svg = FigureRenderer.svg(drawn, title: e.name)
        return Picture(
            uri: "data:image/svg+xml;base64,\(Data(svg.utf8).base64EncodedString())", alt: FigureRenderer.altText(drawn)
        )
    }

    /// A `data:` URI of the exercise's image, or nil when there is none or `ImageCheck` refuses it
    /// (`rehab validate` reports why at the `image` key).
    static func dataURI(_ relative: String, exerciseFile: String, base: String?, workspace: Workspace) -> String? {
        // Exercise locations are display paths: the loaded file's absolute path when the workspace knows it.
        let absolute =
            workspace.files.first { $0.value == exerciseFile }?.key
            ?? FileSystem.absolute(exerciseFile, base: base ?? FileSystem.currentDirectory())
        guard case .success(let image) = ImageCheck.load(relative, exerciseFile: absolute, root: workspace.root) else {
            return nil
        }
        return "data:\(image.mimeType);base64,\(Data(image.bytes).base64EncodedString())"
    }
}
