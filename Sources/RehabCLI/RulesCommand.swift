import ArgumentParser
import Foundation
import RehabKit

struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract: "List, show and test the safety rules.",
        subcommands: [RulesList.self, RulesShow.self, RulesTest.self, RulesFields.self]
    )
}

struct RulesList: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "One line per rule: id, title, rule set.")

    @OptionGroup var rulesOptions: RulesOptions

    func run() throws {
        let rules = try rulesOptions.ruleSet()
        let width = rules.rules.map(\.id.rawValue.count).max() ?? 0
        for rule in rules.rules {
            var from = rule.origin == RuleSet.defaultOrigin ? "" : "  [\(rule.origin)]"
            if let change = rules.changes.first(where: { $0.rule == rule.id }) {
                from = "  [\(change.kind.rawValue) by \(change.origin)\(change.reason.map { ": \($0)" } ?? "")]"
            }
            let core = RuleSet.protectedCore.contains(rule.id) ? "  (protected core)" : ""
            Output.out(
                "\(rule.id.rawValue.padding(toLength: width, withPad: " ", startingAt: 0))  \(rule.title)\(core)\(from)"
            )
        }
    }
}

struct RulesShow: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show", abstract: "A rule in full: what it does, why, and its source.")

    @OptionGroup var rulesOptions: RulesOptions

    @Argument(help: "The rule id.") var id: String

    func run() throws {
        let rules = try rulesOptions.ruleSet()
        guard let rule = rules.rule(RuleID(id)) else {
            let hint = DidYouMean.note(for: id, in: rules.rules.map(\.id.rawValue)).map { " (\($0))" } ?? ""
            throw ValidationError("no rule '\(id)'\(hint); 'rehab rules list' lists them")
        }
        Output.out(RuleDescription.render(rule), terminator: "")
    }
}

struct RulesTest: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: "Run every rule's examples: the bundled rules, and a clinic's file if given.",
        discussion:
            "Each example profile under 'triggers' must make its rule fire; each under 'does_not_trigger' must not. Exit 1 if any fails."
    )

    @Argument(help: "A clinic's rules file (its rules replace defaults of the same id).")
    var file: String?

    func run() throws {
        let rules = try RulesOptions(file: file).ruleSet()
        let results = rules.runExamples()
        let failed = results.filter { !$0.passed }
        for f in failed {
            Output.err("\(f.location): error: \(f.failure ?? "")")
        }
        let untested = rules.rules.filter { $0.examples.isEmpty }.map(\.id)
        for id in untested { Output.err("warning: rule '\(id)' has no examples") }
        Output.out("\(results.count - failed.count) passed, \(failed.count) failed")
        if !failed.isEmpty { throw ExitStatus.invalidInput }
    }
}

struct RulesFields: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fields", abstract: "The profile fields a rule's condition may name, with their types.")

    func run() throws {
        var lines: [String] = []
        for (name, type) in ProfileSchema.fields.sorted(by: { $0.key < $1.key }) {
            if case .records(let fields) = type {
                lines.append("\(name)  a list of records; select with \(name)[FIELD=VALUE]")
                for (sub, t) in fields.sorted(by: { $0.key < $1.key }) {
                    lines.append("\(name).\(sub)  \(RulesFields.describe(t))")
                }
            } else {
                lines.append("\(name)  \(RulesFields.describe(type))")
            }
        }
        Output.out(lines.joined(separator: "\n"))
    }

    static func describe(_ t: FieldType) -> String {
        switch t {
        case .word(let words): return "one of " + words.joined(separator: ", ")
        case .words(let words?): return "a list of " + words.joined(separator: ", ")
        default: return t.name
        }
    }
}
