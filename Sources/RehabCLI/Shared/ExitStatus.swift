import ArgumentParser

/// Exit codes shared by the commands.
enum ExitStatus {
    static let invalidInput = ExitCode(1)
    static let blocked = ExitCode(3)
}
