/// Something on a page that could not be read.
public struct ScanProblem: Sendable, Equatable {
    public var file: String
    public var page: Int
    public var message: String
}
