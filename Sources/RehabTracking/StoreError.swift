import RehabKit

/// What went wrong with the progress log, in words for the user. The words may hold outside data —
/// a server's message, another application's table names, a user name from an address — so they are
/// cleaned here, where every store error is made, as all output is (`UserText.plain`: no terminal
/// escape, carriage return, bidirectional or other invisible control).
public struct StoreError: Error, Sendable, CustomStringConvertible, Equatable {
    public var description: String

    public init(_ description: String) {
        self.description = UserText.plain(description)
    }
}
