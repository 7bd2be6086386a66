import ArgumentParser
import Foundation
import RehabKit

/// `rehab plan pause|resume`: a plan's `pauses:` edited in place (see `PauseEdit`).
struct PlanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Pause a plan (an admission, a course of radiotherapy) and resume it.",
        discussion: """
            Both edit the plan file's 'pauses:' and nothing else, keeping its comments, layout and \
            permissions; the file is written whole through a rename. When the edit cannot be made \
            safely as the file is written, nothing is changed and the lines to add are printed. \
            Paused days schedule and print nothing and are not missed sessions; week numbers stay \
            tied to dates, and the programme resumes at the dose it stopped at.
            """,
        subcommands: [PausePlan.self, ResumePlan.self]
    )

    /// Applies `edit` to the plan's file and writes it back, or prints why not (exit 1).
    static func edit(
        _ name: String, workspace: WorkspaceOptions, done: String,
        _ edit: (String, String) -> Result<String, PauseEdit.Refusal>
    ) throws {
        let cwd = FileManager.default.currentDirectoryPath
        let open = OpenWorkspace(root: workspace.root, displayBase: cwd)
        let plan = try PlanArgument.resolve(name, in: open)
        let path = FileSystem.absolute(plan.file, base: cwd)
        let text: String
        do { text = try String(contentsOfFile: path, encoding: .utf8) } catch {
            Output.err("\(plan.file): error: cannot read the plan: \(error.localizedDescription)")
            throw ExitStatus.invalidInput
        }
        switch edit(text, plan.file) {
        case .failure(let refusal):
            Output.err("\(plan.file): error: \(refusal.message)")
            for note in refusal.notes { Output.err("\(plan.file): note: \(note)") }
            throw ExitStatus.invalidInput
        case .success(let edited):
            do {
                try OutputFile.write(Array(edited.utf8), to: path, mode: OutputFile.mode(of: path) ?? 0o600)
            } catch {
                Output.err("error: \(error.description)")
                throw ExitStatus.invalidInput
            }
            Output.err("\(done): wrote \(plan.file)")
        }
    }
}

struct PausePlan: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pause", abstract: "Pause a plan from a day on, until it is resumed.")

    @OptionGroup var workspace: WorkspaceOptions
    @Argument(help: "The plan file (or plan id).") var plan: String
    @Option(help: "The first paused day, YYYY-MM-DD.") var from: LocalDate
    @Option(help: "Why, in a few words (admitted, radiotherapy).") var reason: String?

    func run() throws {
        try PlanCommand.edit(plan, workspace: workspace, done: "paused from \(from)") { text, file in
            PauseEdit.pause(text, file: file, from: from, reason: reason)
        }
    }
}

struct ResumePlan: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "resume", abstract: "Resume a paused plan from a day on.")

    @OptionGroup var workspace: WorkspaceOptions
    @Argument(help: "The plan file (or plan id).") var plan: String
    @Option(help: "The first day of the programme again, YYYY-MM-DD.") var from: LocalDate

    func run() throws {
        try PlanCommand.edit(plan, workspace: workspace, done: "resumed from \(from)") { text, file in
            PauseEdit.resume(text, file: file, from: from)
        }
    }
}
