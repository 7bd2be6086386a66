extension TemporaryWorkspace {
    /// A generated clinic (`files`, from `CorpusGenerator`) with the things that reach across the
    /// windows `validate` and `check` read plans in: the fixture clinic's exercises and profiles, a
    /// shared profile with an error named by the first plan file and by the last, plan
    /// `plan-0000<copied.of>` copied under the later name `plan-000<copied.as>-copy` (a duplicate id
    /// many windows later), and `plan-000<broken>-broken.yaml`, which does not parse.
    public static func acrossWindows(
        _ files: [(path: String, contents: String)], copied: (of: Int, as: Int), broken: Int
    ) throws -> TemporaryWorkspace {
        let ws = try TemporaryWorkspace()
        for file in files { try ws.write(file.path, file.contents) }
        try ws.copy(folder: Paths.fixtures + "/valid/Exercises", to: "Exercises")
        try ws.copy(folder: Paths.fixtures + "/valid/Patients", to: "Patients")
        let maria = try ws.maria()
        try ws.write("Patients/broken.yaml", "assessed: 2026-11-20\nsuspected_cord_compression: maybe\n")
        for id in ["a-first", "zz-last"] {
            try ws.write(
                "Plans/\(id).yaml",
                maria.replacingOccurrences(of: "id: maria", with: "id: \(id)")
                    .replacingOccurrences(of: "maria.yaml", with: "broken.yaml"))
        }
        func name(_ n: Int) -> String { "plan-" + String(repeating: "0", count: 5 - String(n).count) + String(n) }
        try ws.write(
            "Plans/\(name(copied.as))-copy.yaml", try Paths.read(ws.root + "/Plans/\(name(copied.of)).yaml"))
        try ws.write("Plans/\(name(broken))-broken.yaml", "id: [\n")
        return ws
    }

    /// The fixture clinic's plan `maria.yaml` (its profile is `../Patients/maria.yaml`).
    public func maria() throws -> String { try Paths.read(Paths.fixtures + "/valid/Plans/maria.yaml") }
}
