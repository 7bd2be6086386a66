/// What went wrong with the progress log, in words for the user.
public struct StoreError: Error, Sendable, CustomStringConvertible, Equatable {
    public var description: String

    public init(_ description: String) {
        self.description = description
    }
}
