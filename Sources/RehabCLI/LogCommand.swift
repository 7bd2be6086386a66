import ArgumentParser

/// `rehab log`: record entries (the default), import and export a CSV, list entries with their
/// ids, and void a mistaken one.
struct LogCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "log",
        abstract: "Record sessions, daily pain, red-flag symptoms and outcome measures in the progress log.",
        subcommands: [
            LogEntryCommand.self, LogMeasure.self, LogImport.self, LogExport.self, LogList.self, LogVoid.self,
            LogScan.self,
        ],
        defaultSubcommand: LogEntryCommand.self
    )
}
