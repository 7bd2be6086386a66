import Foundation

/// `rehab validate`'s readability warnings (see `Readability`): the exercises' patient-facing text
/// and the `patient_message`s of the default rules and of a clinic's rules file.
public enum ReadabilityPass {
    /// Every exercise file the workspace read.
    public static func exercises(_ ws: Workspace) -> [Diagnostic] {
        let shown = Set(ws.exercises.map(\.location.file))
        let files = ws.files.filter { shown.contains($0.value) }.sorted { $0.value < $1.value }
        return ParallelMap.map(files) {
            Readability.warnings(path: $0.key, keys: Readability.exerciseKeys, file: $0.value)
        }
        .flatMap { $0 }
    }

    /// The bundled default rules (shown as `default-rules.yaml`, as their other diagnostics are)
    /// and the clinic's file, if any.
    public static func rules(clinicFile: String?, displayBase: String) -> [Diagnostic] {
        var out: [Diagnostic] = []
        if let url = Bundle.module.url(forResource: "default-rules", withExtension: "yaml") {
            out += Readability.warnings(path: url.path, keys: Readability.ruleKeys, file: "default-rules.yaml")
        }
        if let clinicFile {
            out += Readability.warnings(
                path: FileSystem.absolute(clinicFile, base: displayBase), keys: Readability.ruleKeys,
                file: clinicFile)
        }
        return out
    }
}
