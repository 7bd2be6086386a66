import ArgumentParser
import Foundation
import RehabKit

/// `--root DIR`, shared by the commands that read a workspace.
struct WorkspaceOptions: ParsableArguments {
    @Option(name: .long, help: "The workspace folder that holds Exercises/ and Plans/.")
    var root: String = "."
}
