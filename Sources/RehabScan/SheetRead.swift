import SheetGeometry

/// A sheet found in a scan and read box by box.
public struct SheetRead: Sendable {
    public var file: String
    /// 1-based page (or image) of the file.
    public var page: Int
    public var code: SheetCode
    public var layout: SheetLayout
    public var boxes: [BoxRead]
    /// The sheet straightened at 5 pixels a millimetre, for the HTML preview.
    public var preview: GrayImage?
}
