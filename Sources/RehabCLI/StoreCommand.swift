import ArgumentParser

/// `rehab store …`: the progress log as a whole (see docs/DEPLOYMENT.md).
struct StoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "store",
        abstract: "Work on a progress log as a whole: copy a site's log into the shared server and back.",
        subcommands: [StoreCopy.self]
    )
}
