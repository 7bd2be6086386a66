import Foundation
import RehabKit

enum PlanArgument {

    /// The plan named on the command line, or its errors printed and exit 1.
    static func resolve(_ name: String, in open: OpenWorkspace) throws -> Plan {
        guard let plan = resolveOrPrint(name, in: open) else { throw ExitStatus.invalidInput }
        return plan
    }

    /// The plan named on the command line, or nil with its errors printed.
    static func resolveOrPrint(_ name: String, in open: OpenWorkspace) -> Plan? {
        switch open.plan(name) {
        case .success(let plan): return plan
        case .failure(let e):
            let printer = DiagnosticPrinter.forStandardError()
            for d in e.diagnostics.sortedForReport() { Output.err(printer.format(d)) }
            return nil
        }
    }
}
