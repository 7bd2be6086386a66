import Foundation

/// Runs a program to its end and keeps what it wrote. Both pipes are drained at once (standard
/// error on a thread of its own), so a program that writes a lot to one of them — a sanitizer
/// report, a long list of diagnostics — can never block on a full pipe while we wait on the other.
public struct Subprocess: Sendable {
    public let status: Int32
    public let stdout: Data
    public let stderr: Data

    public var output: String { String(decoding: stdout, as: UTF8.self) }
    public var errors: String { String(decoding: stderr, as: UTF8.self) }

    /// `executable` is a path; `environment` replaces the whole environment when given.
    public init(
        _ executable: String, _ arguments: [String], in directory: String? = nil,
        environment: [String: String]? = nil
    ) throws {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: executable)
        p.arguments = arguments
        if let directory { p.currentDirectoryURL = URL(fileURLWithPath: directory) }
        if let environment { p.environment = environment }
        let out = Pipe()
        let err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        let errReader = err.fileHandleForReading
        let drained = DrainedPipe()
        let thread = Thread {
            drained.data = errReader.readDataToEndOfFile()
            drained.done.signal()
        }
        thread.start()
        stdout = out.fileHandleForReading.readDataToEndOfFile()
        drained.done.wait()
        stderr = drained.data
        p.waitUntilExit()
        status = p.terminationStatus
    }

    /// A program found on the PATH, through /usr/bin/env.
    public static func tool(_ name: String, _ arguments: [String], in directory: String? = nil) throws -> Subprocess {
        try Subprocess("/usr/bin/env", [name] + arguments, in: directory)
    }
}

private final class DrainedPipe: @unchecked Sendable {
    var data = Data()
    let done = DispatchSemaphore(value: 0)
}
