import Foundation
import TestSupport
import Testing

/// `-o` never writes over a workspace input or the progress store (issue 11): each attack exits 1
/// with a clear error and leaves the file byte for byte as it was; what is written is 0600.
struct OutputSafetyTests {
    static let plan = "Plans/gentle-start-osteopenia.yaml"

    /// A copy of the bundled clinic with a real progress store, a rules file and a template folder.
    static func clinic() throws -> TemporaryWorkspace {
        let ws = try TemporaryWorkspace.clinicCopy()
        let log = try Run(["log", plan, "--date", "2026-11-30", "--done", "walking-gentle"], in: ws.root)
        #expect(log.status == 0, "\(log.stderr)")
        try ws.write(
            "clinic-rules.yaml",
            """
            - id: clinic-note
              title: Clinic note
              rationale: A note.
              source: Clinic protocol 2026
              when: {field: fatigue, at_least: 9}
              then: {alert: info, message: "Very tired.", patient_message: "Call the clinic if you feel very tired."}
            """)
        try ws.write("clinic-templates/red-flags.txt", "New back pain\n")
        try ws.write("other/own.sqlite", "x")
        try ws.write("images/pic.png", Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0]))
        try ws.write(
            "Exercises/extra/pic-exercise.yaml",
            """
            id: pic-exercise
            name: Picture
            kind: posture
            summary: Sit tall.
            steps: [Sit tall.]
            movements: []
            intensity: very-light
            image: ../../images/pic.png
            """)
        return ws
    }

    static func bytes(_ path: String) -> Data? { FileManager.default.contents(atPath: path) }

    static let targets: [String] = [
        "Plans/gentle-start-osteopenia.yaml",  // the plan printed
        "Plans/braced-t10-metastasis.yaml",  // another plan
        "Exercises/activity/walking-gentle.yaml",  // an exercise
        "Patients/maria-r.yaml",  // a safety profile
        "Plans/new-file.html",  // a new file among the plans
        ".rehab/progress.sqlite",  // the progress store
        ".rehab/progress.sqlite-wal",  // its journal
        "./Plans/../.rehab/progress.sqlite",  // the store, by a winding path
        "clinic-rules.yaml",  // --rules
        "clinic-templates/red-flags.txt",  // a file of --template
        "link-to-store",  // a symbolic link to the store
        "hardlink-to-plan",  // a hard link to a plan
        "images/pic.png",  // an exercise's image outside Exercises/
    ]

    @Test(arguments: ["html", "pdf", "md"])
    func printNeverWritesOverAnInputOrTheStore(_ format: String) throws {
        let ws = try Self.clinic()
        try #require(FileManager.default.fileExists(atPath: ws.root + "/.rehab/progress.sqlite"))
        try FileManager.default.createSymbolicLink(
            atPath: ws.root + "/link-to-store", withDestinationPath: ws.root + "/.rehab/progress.sqlite")
        try FileManager.default.linkItem(atPath: ws.root + "/" + Self.plan, toPath: ws.root + "/hardlink-to-plan")
        for target in Self.targets {
            let before = Self.bytes(ws.root + "/" + target)
            let run = try Run(
                [
                    "print", Self.plan, "--week", "1", "--format", format, "--rules", "clinic-rules.yaml",
                    "--template", "clinic-templates", "-o", target,
                ], in: ws.root)
            #expect(run.status == 1, "\(format) -o \(target): exit \(run.status) \(run.stderr)")
            #expect(run.stderr.contains("error: refusing to write: "), "\(target): \(run.stderr)")
            #expect(Self.bytes(ws.root + "/" + target) == before, "\(format) -o \(target) changed the file")
        }
        let store = try Run(["log", "export", Self.plan], in: ws.root)
        #expect(store.status == 0 && store.stdout.contains("walking-gentle"), "the store still reads: \(store.stderr)")
    }

    @Test func theStoreNamedByDbOrREHAB_DBIsProtected() throws {
        let ws = try Self.clinic()
        let db = ws.root + "/other/log.sqlite"
        let made = try Run(
            ["log", Self.plan, "--date", "2026-11-30", "--done", "walking-gentle", "--db", db], in: ws.root)
        #expect(made.status == 0, "\(made.stderr)")
        let before = Self.bytes(db)
        for (args, env) in [(["--db", db], [String: String]()), ([], ["REHAB_DB": db])] {
            for command in [
                ["print", Self.plan, "--week", "1", "--format", "html"], ["progress", Self.plan],
                ["log", "export", Self.plan],
            ] {
                let run = try Run(command + args + ["-o", db], in: ws.root, environment: env)
                #expect(run.status == 1, "\(command) \(args) \(env): \(run.stderr)")
                #expect(run.stderr.contains("refusing to write"))
                #expect(Self.bytes(db) == before)
            }
        }
    }

    @Test func progressExportAndBenchTicksNeverWriteOverAPlan() throws {
        let ws = try Self.clinic()
        let before = Self.bytes(ws.root + "/" + Self.plan)
        for command in [
            ["progress", Self.plan], ["log", "export", Self.plan], ["bench", "ticks", ".", "--rows", "5"],
        ] {
            let run = try Run(command + ["-o", Self.plan], in: ws.root)
            #expect(run.status == 1, "\(command): \(run.stderr)")
            #expect(Self.bytes(ws.root + "/" + Self.plan) == before)
        }
    }

    @Test(arguments: ["html", "pdf", "txt"])
    func outputsAreCreated0600ThroughARename(_ ext: String) throws {
        let ws = try Self.clinic()
        let out = ws.root + "/out"
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        // An existing world-readable file is replaced by a private one, not rewritten in place.
        try Data("old".utf8).write(to: URL(fileURLWithPath: out + "/sheet.\(ext)"))
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: out + "/sheet.\(ext)")
        let oldInode =
            try FileManager.default.attributesOfItem(atPath: out + "/sheet.\(ext)")[.systemFileNumber] as? Int
        let format = ext == "txt" ? "text" : ext
        let run = try Run(
            ["print", Self.plan, "--week", "1", "--format", format, "-o", "out/sheet.\(ext)"], in: ws.root)
        #expect(run.status == 0, "\(run.stderr)")
        let attrs = try FileManager.default.attributesOfItem(atPath: out + "/sheet.\(ext)")
        #expect((attrs[.posixPermissions] as? Int) == 0o600)
        #expect((attrs[.systemFileNumber] as? Int) != oldInode, "written through a new file and a rename")
        #expect(try FileManager.default.contentsOfDirectory(atPath: out) == ["sheet.\(ext)"], "no temporary file left")
        for command in [
            ["progress", Self.plan], ["log", "export", Self.plan], ["bench", "ticks", ".", "--rows", "5"],
        ] {
            let r = try Run(command + ["-o", "out/\(command[0]).txt"], in: ws.root)
            #expect(r.status == 0, "\(r.stderr)")
            let a = try FileManager.default.attributesOfItem(atPath: out + "/\(command[0]).txt")
            #expect((a[.posixPermissions] as? Int) == 0o600, "\(command)")
        }
    }
}

/// Template errors through the CLI: located, exit 1, no crash.
struct TemplateErrorCommandTests {
    @Test func aRecursivePartialExitsOneWithALocatedError() throws {
        let ws = try TemporaryWorkspace()
        try ws.write("t/routine.txt.mustache", "{{#weeks}}\n{{> routine.txt}}{{/weeks}}")
        let run = try Run(["print", "Plans/gentle-start-osteopenia.yaml", "--week", "1", "--template", ws.root + "/t"])
        #expect(run.status == 1, "\(run.status) \(run.stderr)")
        #expect(
            run.stderr.hasPrefix(
                "\(ws.root)/t/routine.txt.mustache:2:1: error: template 'routine.txt' includes itself"), "\(run.stderr)"
        )
    }

    @Test func aParseErrorIsFileLineColumn() throws {
        let ws = try TemporaryWorkspace()
        try ws.write("t/routine.txt.mustache", "line one\n{{#weeks}}unclosed")
        let run = try Run(["print", "Plans/gentle-start-osteopenia.yaml", "--week", "1", "--template", ws.root + "/t"])
        #expect(run.status == 1)
        #expect(run.stderr.hasPrefix("\(ws.root)/t/routine.txt.mustache:2:"), "\(run.stderr)")
        #expect(run.stderr.contains(": error: template does not parse: a section is not closed"), "\(run.stderr)")
    }

    @Test func anEmptyRedFlagsFileExitsOne() throws {
        let ws = try TemporaryWorkspace()
        try ws.write("t/red-flags.txt", "\n")
        let run = try Run(["print", "Plans/gentle-start-osteopenia.yaml", "--week", "1", "--template", ws.root + "/t"])
        #expect(run.status == 1)
        #expect(
            run.stderr
                == "\(ws.root)/t/red-flags.txt: error: red-flags.txt lists no red flag: the stop-and-call box would print empty; write one sign a line (TIER | words)\n"
        )
    }
}

/// `rehab check` text output: a terminal escape in a plan's title cannot hide its status.
struct CheckTextSafetyTests {
    @Test func checkTextStripsControlCharactersFromUserText() throws {
        let ws = try TemporaryWorkspace.clinicCopy()
        let plan = try Paths.read(ws.root + "/Plans/suspected-cord-compression.yaml")
        let lines = plan.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            line.hasPrefix("title:") ? "title: \"Hidden \\e[8m\\rnote\"" : String(line)
        }
        try ws.write("Plans/suspected-cord-compression.yaml", lines.joined(separator: "\n"))
        let run = try Run(["check", "Plans/suspected-cord-compression.yaml"], in: ws.root)
        #expect(run.status == 3, "\(run.stderr)")
        #expect(
            !run.stdout.contains("\u{1B}") && !run.stdout.contains("\r"), "a control character reached the terminal")
        #expect(run.stdout.contains("Hidden [8mnote"))
        #expect(run.stdout.contains("Status: BLOCKED"))
    }
}

/// Diagnostics quote values from YAML: a terminal escape in one is not printed.
struct DiagnosticTextSafetyTests {
    @Test func validateStripsControlCharactersFromQuotedValues() throws {
        let ws = try TemporaryWorkspace()
        try ws.copy(folder: Paths.fixtures + "/valid/Exercises", to: "Exercises")
        try ws.copy(folder: Paths.fixtures + "/valid/Patients", to: "Patients")
        try ws.write(
            "Plans/maria.yaml",
            try Paths.read(Paths.fixtures + "/valid/Plans/maria.yaml")
                .replacingOccurrences(of: "exercise: sit-to-stand", with: "exercise: \"sqaut\\e[8m\""))
        let run = try Run(["validate"], in: ws.root)
        #expect(run.status == 1)
        #expect(!run.stderr.contains("\u{1B}"), "\(run.stderr)")
    }
}

/// Ctrl-C while Chromium prints: the browser's process group (which the terminal's signal no
/// longer reaches) is killed and the page with patient data removed.
struct InterruptedPrintTests {
    @Test(arguments: [SIGINT, SIGTERM])
    func anInterruptedPrintLeavesNoBrowserAndNoFile(_ sig: Int32) throws {
        let dir = try TemporaryWorkspace()
        let script = try dir.write(
            "browser.sh",
            """
            #!/bin/sh
            for a in "$@"; do case "$a" in file://*) page="${a#file://}";; esac; done
            echo "$page" > \(dir.root)/page
            sleep 300 &
            echo $! > \(dir.root)/helper
            sleep 300
            """)
        chmod(script, 0o755)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Paths.rehabExecutable)
        process.arguments = [
            "print", "Plans/gentle-start-osteopenia.yaml", "--week", "1", "--format", "pdf", "-o", dir.root + "/w.pdf",
        ]
        process.currentDirectoryURL = URL(fileURLWithPath: Paths.packageRoot)
        var env = ProcessInfo.processInfo.environment
        env["REHAB_CHROMIUM"] = script
        env["REHAB_TODAY"] = "2027-03-01"
        process.environment = env
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let start = Date()
        while !FileManager.default.fileExists(atPath: dir.root + "/helper")
            || (try? Paths.read(dir.root + "/helper"))?.isEmpty != false
        {
            try #require(Date().timeIntervalSince(start) < 30, "the stand-in browser never started")
            usleep(50_000)
        }
        kill(process.processIdentifier, sig)
        process.waitUntilExit()
        #expect(process.terminationStatus == 1)
        let page = try Paths.read(dir.root + "/page").trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(
            !FileManager.default.fileExists(atPath: (page as NSString).deletingLastPathComponent),
            "the page with patient data is left behind")
        let helper = Int32(try Paths.read(dir.root + "/helper").trimmingCharacters(in: .whitespacesAndNewlines))!
        usleep(200_000)
        let stat = try? String(contentsOfFile: "/proc/\(helper)/stat", encoding: .utf8)
        #expect(stat == nil || stat!.contains(") Z "), "the browser's helper outlived rehab")
        #expect(!FileManager.default.fileExists(atPath: dir.root + "/w.pdf"))
    }
}
