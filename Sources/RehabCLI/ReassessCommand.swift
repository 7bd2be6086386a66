import ArgumentParser
import Foundation
import RehabKit

/// `rehab reassess PLAN|PROFILE --date D`: the next assessment as commented YAML to review — a copy
/// of the last with the new date, every carried-over clearance, acknowledgement and known deficit
/// marked for review, the last assessment kept under `history:`. Printed, or written (0600, through
/// a rename) to `-o FILE` (never over an existing file without `--force`) or, with `--in-place`,
/// over the profile it was read from.
struct ReassessCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reassess",
        abstract:
            "Start the next assessment of a safety profile: a reviewed copy of the last, which is kept under history:."
    )

    @Argument(
        help:
            "A safety profile file, a plan file with an inline safety: profile, or a plan id (its profile file is used when it names one)."
    )
    var target: String
    @Option(help: "The day of the new assessment, YYYY-MM-DD.") var date: LocalDate
    @OptionGroup var workspace: WorkspaceOptions
    @Option(name: .shortAndLong, help: "The file to write (default: print it).") var output: String?
    @Flag(help: "With --output: replace the file if it exists.") var force = false
    @Flag(help: "Replace the profile (or plan) it was read from.") var inPlace = false

    func validate() throws {
        if inPlace, output != nil { throw ValidationError("give --output or --in-place, not both") }
    }

    func run() throws {
        let cwd = FileManager.default.currentDirectoryPath
        let file = try source(cwd: cwd)
        let shown = FileSystem.relative(FileSystem.absolute(file, base: cwd), to: cwd)
        let bytes: [UInt8]
        do throws(FileSystem.ReadError) {
            bytes = try FileSystem.read(FileSystem.absolute(file, base: cwd), limit: 16 << 20)
        } catch {
            Output.err("error: \(shown): \(error.message)")
            throw ExitStatus.invalidInput
        }
        switch Reassessment.rewrite(String(decoding: bytes, as: UTF8.self), file: shown, date: date) {
        case .failure(let refusal):
            let printer = DiagnosticPrinter.forStandardError()
            for d in refusal.diagnostics.sortedForReport() { Output.err(printer.format(d)) }
            throw ExitStatus.invalidInput
        case .success(let result):
            for m in result.marked { Output.err("carried over for review: \(m)") }
            if inPlace {
                try NewCommand.write(result.text, to: shown, force: true)
                Output.err("the assessment of \(result.previous) is kept under history:")
            } else if let output {
                try NewCommand.write(result.text, to: output, force: force)
            } else {
                Output.out(result.text, terminator: "")
            }
        }
    }

    /// The file holding the profile: the file named, or the plan's (its profile file when it names one).
    func source(cwd: String) throws -> String {
        if FileSystem.kind(FileSystem.absolute(target, base: cwd)) == .file, !target.isEmpty {
            return target
        }
        let open = OpenWorkspace(root: workspace.root, displayBase: cwd)
        let plan = try PlanArgument.resolve(target, in: open)
        if let profile = plan.safetyProfilePath?.value {
            return FileSystem.absolute(
                profile, base: FileSystem.directoryName(FileSystem.absolute(plan.file, base: open.displayBase)))
        }
        return plan.file
    }
}
