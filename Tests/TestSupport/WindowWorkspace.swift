extension TemporaryWorkspace {
    /// A generated clinic (`files`, from `CorpusGenerator`) with the things that reach across the
    /// windows `validate` and `check` read plans in: the fixture clinic's exercises and profiles, a
    /// shared profile with an error named by the first plan file and by the last, the plan file
    /// `Plans/<copied.of>.yaml` copied as `Plans/<copied.as>.yaml` (a duplicate id many windows
    /// later), and `Plans/<broken>.yaml`, which does not parse.
    public static func acrossWindows(
        _ files: [(path: String, contents: String)], copied: (of: String, as: String), broken: String
    ) throws -> TemporaryWorkspace {
        let ws = try TemporaryWorkspace()
        for file in files { try ws.write(file.path, file.contents) }
        try ws.copy(folder: Paths.fixtures + "/valid/Exercises", to: "Exercises")
        try ws.copy(folder: Paths.fixtures + "/valid/Patients", to: "Patients")
        let maria = try maria()
        try ws.write("Patients/broken.yaml", "assessed: 2026-11-20\nsuspected_cord_compression: maybe\n")
        for id in ["a-first", "zz-last"] {
            try ws.write(
                "Plans/\(id).yaml",
                maria.replacingOccurrences(of: "id: maria", with: "id: \(id)")
                    .replacingOccurrences(of: "maria.yaml", with: "broken.yaml"))
        }
        try ws.write("Plans/\(copied.as).yaml", try Paths.read(ws.root + "/Plans/\(copied.of).yaml"))
        try ws.write("Plans/\(broken).yaml", "id: [\n")
        return ws
    }

    /// The fixture clinic's plan `maria.yaml` (its profile is `../Patients/maria.yaml`).
    public static func maria() throws -> String { try Paths.read(Paths.fixtures + "/valid/Plans/maria.yaml") }
}
