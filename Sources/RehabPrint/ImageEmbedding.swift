import Foundation
import RehabKit

/// The one way a printed card gets its picture: through `ImageCheck`, so that only a PNG or JPEG
/// inside the workspace, of bounded size, ever reaches a patient's sheet.
enum ImageEmbedding {
    /// A `data:` URI of the exercise's image, or nil when there is none or `ImageCheck` refuses it
    /// (`rehab validate` reports why at the `image` key).
    static func dataURI(_ relative: String, exerciseFile: String, base: String?, workspace: Workspace) -> String? {
        // Exercise locations are display paths: the loaded file's absolute path when the workspace knows it.
        let absolute = workspace.files.first { $0.value == exerciseFile }?.key
            ?? FileSystem.absolute(exerciseFile, base: base ?? FileSystem.currentDirectory())
        guard case .success(let image) = ImageCheck.load(relative, exerciseFile: absolute, root: workspace.root) else { return nil }
        return "data:\(image.mimeType);base64,\(Data(image.bytes).base64EncodedString())"
    }
}
