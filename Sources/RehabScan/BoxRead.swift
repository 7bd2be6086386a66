import SheetGeometry

/// One box of a sheet as read.
public struct BoxRead: Sendable {
    public var box: SheetLayout.Box
    public var state: MarkState
    /// 0–1: how sure the reading is (0.5 for uncertain; 0 when the box's border was not found).
    public var confidence: Double
    /// The share of the box's inside that is ink.
    public var ink: Double
    /// The transform (sheet millimetres to pixels) that places the box where its printed border
    /// was found; nil when it was not found (`BoxReader.place`).
    public var place: Homography? = nil
    /// Uncertain for ink round the box rather than in it (a pain number circled, issue 23): no guess
    /// is suggested for it.
    public var besideInk = false
    /// The clinician's confirmation replaced the reading (`--accept`).
    public var confirmed = false
}
