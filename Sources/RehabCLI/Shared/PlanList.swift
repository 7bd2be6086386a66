import ArgumentParser
import RehabKit

/// A command whose positional arguments may be thousands of plan files (`rehab check Plans/*.yaml`).
protocol PlanListCommand: ParsableCommand {
    /// The positional arguments, in the order given.
    var positionals: [String] { get set }
}

/// The plans a command names, folders and `--all` expanded; the names that cannot be used are printed.
enum PlanList {
    static func expand(_ names: [String], all: Bool, in open: OpenWorkspace) -> (names: [String], hasErrors: Bool) {
        let (expanded, diagnostics) = open.planNames(names, all: all)
        let printer = DiagnosticPrinter.forStandardError()
        for d in diagnostics.sortedForReport() { Output.err(printer.format(d)) }
        return (expanded, diagnostics.hasErrors)
    }

    static func validate(_ plans: [String], all: Bool, example: String = "Plans/maria.yaml") throws {
        if plans.isEmpty, !all {
            throw ValidationError("name at least one plan, such as \(example), a folder such as Plans/, or give --all")
        }
        if all, !plans.isEmpty { throw ValidationError("give plans or --all, not both") }
    }
}

/// swift-argument-parser takes time quadratic in the number of positional arguments (20,000 plan
/// files: 100 s in a debug build, most of `rehab check Plans/*.yaml` on a large workspace). The
/// commands that take plan lists therefore get their positional arguments around the parser: the
/// parser sees the options and the first positional argument only (so that its checks and errors
/// stay the same), and the full list, in order, is set on the parsed command. Telling positional
/// arguments from option values needs the options that take a value; `CLITests` checks this table
/// against the parser's own description of every command (`--experimental-dump-help`).
enum PositionalSplit {
    /// Per subcommand, the options that take a value (every other option is a flag).
    static let valueOptions: [String: Set<String>] = [
        "validate": ["--root", "--rules", "--db", "--format", "--as-of"],
        "check": ["--root", "--rules", "--db", "--format", "--as-of"],
        "schedule": [
            "--root", "--rules", "--week", "--weeks", "--db", "--format", "--clinic-domain", "--mrn-system",
            "--previous", "-o", "--output",
        ],
        "print": [
            "--root", "--rules", "--week", "--weeks", "--db", "--format", "--paper", "-o", "--output", "--template",
            "--cards",
        ],
    ]

    struct Split: Equatable {
        /// The subcommand, its options and the first positional argument: what the parser sees.
        var head: [String]
        /// Every positional argument, in order.
        var positionals: [String]
    }

    /// Nil when there is nothing to gain (not a plan-list command, or at most one positional argument).
    /// Linear in the number of arguments.
    static func split(_ arguments: [String]) -> Split? {
        guard let command = arguments.first, let takesValue = valueOptions[command] else { return nil }
        var head = [command]
        var positionals: [String] = []
        var i = 1
        while i < arguments.count {
            let a = arguments[i]
            if a == "--" {
                positionals += arguments[(i + 1)...]
                break
            }
            if a.hasPrefix("-"), a.count > 1 {
                head.append(a)
                if !a.contains("="), takesValue.contains(a), i + 1 < arguments.count {
                    head.append(arguments[i + 1])
                    i += 1
                }
            } else {
                positionals.append(a)
            }
            i += 1
        }
        guard positionals.count > 1 else { return nil }
        // "--" keeps a first positional argument that looks like an option from being read as one.
        head += ["--", positionals[0]]
        return Split(head: head, positionals: positionals)
    }
}

extension RehabCommand {
    /// `main()`, with long positional lists handed to the command around the parser (see `PositionalSplit`).
    public static func mainWithLongPlanLists(_ arguments: [String] = Array(CommandLine.arguments.dropFirst())) {
        guard let split = PositionalSplit.split(arguments) else {
            main(arguments)
            return
        }
        do {
            var command = try parseAsRoot(split.head)
            guard var listed = command as? any PlanListCommand else {
                // `--help` and the like: the parser answers them from the head alone.
                try command.run()
                exit()
            }
            listed.positionals = split.positionals
            command = listed
            try command.run()
            exit()
        } catch {
            exit(withError: error)
        }
    }
}
