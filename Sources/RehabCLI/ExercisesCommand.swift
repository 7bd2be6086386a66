import ArgumentParser
import Foundation
import RehabKit

extension ExerciseKind: ExpressibleByArgument {}
extension Movement: ExpressibleByArgument {}

/// `rehab exercises [--kind K] [--movement T] [--allowed-for PLAN] [--format text|json] [--pictures DIR]`.
struct ExercisesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "exercises",
        abstract: "List the exercise library; with --allowed-for, what a patient's profile permits, restricts and why.",
        discussion:
            "Movements include those the position implies (standing: upright, weight-bearing). With --allowed-for PLAN every exercise is judged against the plan's safety profile by the same rules as 'rehab check'."
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }

    @OptionGroup var workspace: WorkspaceOptions
    @OptionGroup var rulesOptions: RulesOptions
    @Option(help: "Only exercises of this kind.") var kind: ExerciseKind?
    @Option(help: "Only exercises with this movement tag (as written or implied).") var movement: Movement?
    @Option(
        name: .customLong("allowed-for"), help: "A plan file or id: judge every exercise against its patient's profile."
    ) var allowedFor: String?
    @Option(name: .customLong("as-of"), help: "The date to judge for, YYYY-MM-DD (default: today).") var asOf:
        LocalDate?
    @Option(help: "Output format: text or json.") var format: Format = .text
    @Option(help: "Write each listed exercise's drawn picture to DIR/ID.svg (0600) and list those without one.")
    var pictures: String?

    func run() throws {
        let rules = try rulesOptions.ruleSet()
        let open = OpenWorkspace(root: workspace.root, displayBase: FileManager.default.currentDirectoryPath)
        let plan = try allowedFor.map { try PlanArgument.resolve($0, in: open) }
        if let plan, plan.safety == nil {
            Output.err("error: plan '\(plan.id)' has no usable safety profile (a template has none)")
            throw ExitStatus.invalidInput
        }
        let entries = ExerciseCatalogue.entries(
            open.workspace, kind: kind, movement: movement, for: plan, rules: rules,
            asOf: asOf ?? Today.date)
        if let pictures {
            return try writePictures(entries.compactMap { open.workspace.exercise($0.id) }, to: pictures, open)
        }
        switch format {
        case .json:
            Output.out(JSONText.encode(entries), terminator: "")
        case .text:
            let width = entries.map(\.id.count).max() ?? 0
            // The patient's name is the user's: no terminal escape or CR of it reaches the terminal.
            if let plan {
                Output.out(
                    UserText.plain("For \(plan.patient?.name ?? plan.id) [\(plan.id)], as of \(asOf ?? Today.date):"))
            }
            for e in entries {
                var line =
                    "\(e.id.padding(toLength: width, withPad: " ", startingAt: 0))  \(e.kind), \(e.position), \(e.intensity)"
                let tags = e.movements + e.implied.map { "(\($0))" }
                if !tags.isEmpty { line += " — " + tags.joined(separator: ", ") }
                if e.precaution { line += " — precaution" }
                Output.out(line)
                if let decision = e.decision {
                    var why = e.changes?.joined(separator: "; ") ?? ""
                    if let rules = e.rules, !rules.isEmpty {
                        why += (why.isEmpty ? "" : " — ") + rules.joined(separator: ", ")
                    }
                    Output.out("    \(decision)\(why.isEmpty ? "" : ": \(why)")")
                }
            }
        }
    }

    /// `--pictures DIR`: one SVG per exercise with a `picture:`, never over an input of the
    /// workspace; then the exercises without one, by id.
    func writePictures(_ exercises: [Exercise], to dir: String, _ open: OpenWorkspace) throws {
        let cwd = FileManager.default.currentDirectoryPath
        guard FileSystem.kind(FileSystem.absolute(dir, base: cwd)) == .directory else {
            Output.err("error: '\(dir)' is not a folder; create it first")
            throw ExitStatus.invalidInput
        }
        let protected = ProtectedPaths.workspace(open.workspace, store: nil, inputs: [])
        var without: [String] = []
        for e in exercises {
            guard let picture = e.picture?.value else {
                without.append(e.id.rawValue)
                continue
            }
            try OutputTarget.write(
                Array(FigureRenderer.svg(picture, title: e.name).utf8), to: dir + "/" + e.id.rawValue + ".svg",
                protected: protected)
        }
        Output.out("wrote \(exercises.count - without.count) pictures to \(UserText.plain(dir))")
        if !without.isEmpty { Output.out("without a picture: \(without.joined(separator: ", "))") }
    }
}
