import ArgumentParser
import Foundation
import RehabKit

/// `rehab new plan|profile|exercise`: commented YAML that passes `rehab validate` as it stands.
struct NewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "new",
        abstract:
            "Start a plan from a template, a safety profile, or an exercise: commented YAML that passes 'rehab validate'.",
        subcommands: [NewPlan.self, NewProfile.self, NewExercise.self]
    )

    /// Writes a new file (0600, through a rename), never over an existing one without `force`.
    static func write(_ text: String, to path: String, force: Bool) throws {
        let cwd = FileManager.default.currentDirectoryPath
        let target = FileSystem.absolute(path, base: cwd)
        if FileManager.default.fileExists(atPath: target), !force {
            Output.err("error: '\(path)' exists: give --force to replace it")
            throw ExitStatus.invalidInput
        }
        do { try OutputFile.write(Array(text.utf8), to: target) } catch {
            Output.err("error: \(error.description)")
            throw ExitStatus.invalidInput
        }
        Output.err("wrote \(path)")
    }
}

struct NewPlan: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan", abstract: "A patient's plan from a template plan.")

    @OptionGroup var workspace: WorkspaceOptions
    @Option(help: "The template plan (a file or its id).") var from: String
    @Option(help: "The patient's name.") var patient: String
    @Option(help: "The patient's reference (MRN).") var ref: String?
    @Option(help: "The first day of week 1, YYYY-MM-DD.") var start: LocalDate
    @Option(help: "A safety profile file, relative to the plan (else the plan gets an inline profile to fill in).")
    var profile: String?
    @Option(help: "The new plan's id (default: the template's id with the patient's name).") var id: String?
    @Option(name: .shortAndLong, help: "The file to write (default: Plans/ID.yaml).") var output: String?
    @Flag(help: "Replace the file if it exists.") var force = false

    func run() throws {
        let open = OpenWorkspace(root: workspace.root, displayBase: FileManager.default.currentDirectoryPath)
        let template = try PlanArgument.resolve(from, in: open)
        guard template.isTemplate else {
            Output.err("error: '\(template.id)' is not a template (template: true)")
            throw ExitStatus.invalidInput
        }
        let text = try String(
            contentsOfFile: FileSystem.absolute(template.file, base: open.displayBase), encoding: .utf8)
        let base = template.id.hasSuffix("-template") ? String(template.id.dropLast("-template".count)) : template.id
        let newID = id ?? base + "-" + Identifier.suggest(patient)
        guard Identifier.isValid(newID) else {
            throw ValidationError("--id must be kebab-case, such as \(Identifier.suggest(newID))")
        }
        let path =
            output
            ?? FileSystem.relative(
                FileSystem.absolute(workspace.root + "/Plans/\(newID).yaml", base: open.displayBase),
                to: open.displayBase)
        try NewCommand.write(
            Scaffold.plan(
                fromTemplate: text, id: newID, patient: patient, ref: ref, start: start,
                profilePath: profile, assessed: Today.date), to: path, force: force)
    }
}

struct NewProfile: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "profile", abstract: "A safety profile to fill in (Patients/NAME.yaml).")

    @Option(help: "The day assessed, YYYY-MM-DD (default: today).") var assessed: LocalDate?
    @Option(name: .shortAndLong, help: "The file to write, such as Patients/ann.yaml.") var output: String
    @Flag(help: "Replace the file if it exists.") var force = false

    func run() throws {
        try NewCommand.write(
            "# yaml-language-server: $schema=../schemas/profile.schema.json\n"
                + Scaffold.profile(assessed: assessed ?? Today.date),
            to: output, force: force)
    }
}

struct NewExercise: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "exercise", abstract: "An exercise to fill in (Exercises/GROUP/ID.yaml).")

    @Argument(help: "The exercise id, kebab-case.") var id: String
    @Option(help: "The kind: activity, posture, bracing, breathing, mobility, strength, relaxation or education.")
    var kind: ExerciseKind
    @Option(name: .shortAndLong, help: "The file to write (default: Exercises/KIND/ID.yaml).") var output: String?
    @Flag(help: "Replace the file if it exists.") var force = false

    func validate() throws {
        guard Identifier.isValid(id) else {
            throw ValidationError("the id must be kebab-case, such as \(Identifier.suggest(id))")
        }
    }

    func run() throws {
        let path = output ?? "Exercises/\(kind.rawValue)/\(id).yaml"
        let dir = FileSystem.directoryName(FileSystem.absolute(path, base: FileManager.default.currentDirectoryPath))
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try NewCommand.write(Scaffold.exercise(id: id, kind: kind), to: path, force: force)
    }
}
