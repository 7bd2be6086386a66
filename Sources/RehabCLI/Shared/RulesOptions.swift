import ArgumentParser
import Foundation
import RehabKit

/// `--rules FILE`: a clinic's rules on top of the defaults.
struct RulesOptions: ParsableArguments {
    @Option(name: .long, help: "A clinic's rules file; a rule with the same id replaces the default.")
    var rules: String?

    /// The defaults with the clinic's file on top; errors in the file (a weakened protected core,
    /// an undeclared weakening) are printed and end the command; the clinic's changes are named.
    func ruleSet() throws -> RuleSet {
        let printer = DiagnosticPrinter.forStandardError()
        let (defaults, problems) = RuleSet.bundled
        for d in problems { Output.err(printer.format(d)) }
        guard let rules else { return defaults }
        let (clinic, readProblems) = RuleSet.read(path: rules, displayBase: FileManager.default.currentDirectoryPath)
        var diagnostics = readProblems
        var layered = defaults
        if !diagnostics.hasErrors {
            let (set, weakening) = defaults.layered(with: clinic)
            layered = set
            diagnostics += weakening
        }
        for d in diagnostics.sortedForReport() { Output.err(printer.format(d)) }
        if diagnostics.hasErrors { throw ExitStatus.invalidInput }
        for change in layered.changes where change.kind == .weakened {
            Output.err("\(rules): warning: the clinic's rules weaken a default: \(change.description)")
        }

        return layered
    }
}

extension RulesOptions {
    /// The options as if `--rules FILE` had been given (nil: the defaults alone).
    init(file: String?) {
        self.init()
        self.rules = file
    }
}
