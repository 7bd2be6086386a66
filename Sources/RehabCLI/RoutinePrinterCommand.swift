import RehabPrint

extension RoutinePrinter {
    /// A command's printer: the bundled templates, or a clinic's folder over them. A template or
    /// strings error is printed with its place, and the command exits 1.
    static func forCommand(_ templateDirectory: String?) throws -> RoutinePrinter {
        do {
            return try RoutinePrinter(overrides: templateDirectory)
        } catch {
            Output.err(error.formatted)
            throw ExitStatus.invalidInput
        }
    }
}
