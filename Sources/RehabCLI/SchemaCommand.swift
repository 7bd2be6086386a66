import ArgumentParser
import RehabKit

extension DocumentSchemas.Kind: ExpressibleByArgument {}

/// `rehab schema exercise|plan|profile|rules`: the JSON Schema (2020-12) of a file kind, for editors.
struct SchemaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schema",
        abstract: "Print the JSON Schema of a file kind (exercise, plan, profile, rules) for editors.",
        discussion:
            "The bundled files name the schemas in schemas/ with a '# yaml-language-server: $schema=…' line, so an editor with the YAML language server completes and checks them. The schemas are built from the readers' own key tables; 'rehab validate' still checks what a schema cannot (references, dates, scores, the safety rules)."
    )

    @Argument(help: "exercise, plan, profile or rules.") var kind: DocumentSchemas.Kind

    func run() throws {
        Output.out(DocumentSchemas.text(kind), terminator: "")
    }
}
