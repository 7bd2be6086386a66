/// Why a scan could not be read: the message says what to do.
public struct ScanError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
