import Foundation
import TestSupport
import Testing

@testable import RehabKit

/// Hostile file-system entries: each becomes a located error (or a warning) and never blocks,
/// loops or reads outside the workspace. Every entry is made by the test in a temporary folder.
@Suite(.timeLimit(.minutes(10)))
struct FileSystemTests {
    static let exercise = "id: ok\nname: OK\nkind: posture\nsummary: S\nsteps: [x]\nmovements: []\n"

    /// The valid fixture workspace, in a temporary folder.
    func validWorkspace() throws -> TemporaryWorkspace {
        let ws = try TemporaryWorkspace()
        try ws.copy(folder: Paths.fixtures + "/valid/Exercises", to: "Exercises")
        try ws.copy(folder: Paths.fixtures + "/valid/Patients", to: "Patients")
        try ws.copy(folder: Paths.fixtures + "/valid/Plans", to: "Plans")
        return ws
    }

    func findings(_ ws: TemporaryWorkspace) -> [String] {
        Validation.run(root: ws.root, displayBase: ws.root).diagnostics.map {
            "\($0.location) \($0.severity.rawValue): \($0.message)"
        }
    }

    func makeFIFO(_ path: String) throws {
        try #require(mkfifo(path, 0o644) == 0, "mkfifo: \(String(cString: strerror(errno)))")
    }

    func link(_ path: String, to target: String) throws {
        try FileManager.default.createSymbolicLink(atPath: path, withDestinationPath: target)
    }

    @Test func namedPipeInExercisesIsRefusedWithoutBlocking() throws {
        let ws = try validWorkspace()
        try makeFIFO(ws.root + "/Exercises/x.yaml")
        #expect(findings(ws) == ["Exercises/x.yaml:1:1 error: is a named pipe (FIFO), not a regular file"])
    }

    @Test func namedPipeAsSafetyProfileIsRefusedWithoutBlocking() throws {
        let ws = try validWorkspace()
        try FileManager.default.removeItem(atPath: ws.root + "/Patients/maria.yaml")
        try makeFIFO(ws.root + "/Patients/maria.yaml")
        #expect(
            findings(ws) == [
                "Patients/maria.yaml:1:1 error: is a named pipe (FIFO), not a regular file",
                "Plans/maria.yaml:9:17 error: safety profile '../Patients/maria.yaml' has errors; the plan cannot be checked until they are fixed",
            ])
    }

    @Test func namedPipeNamedOnTheCommandLineIsRefused() throws {
        let ws = try validWorkspace()
        try makeFIFO(ws.root + "/pipe.yaml")
        let report = Validation.run(root: ws.root, displayBase: ws.root, paths: ["pipe.yaml"])
        #expect(
            report.diagnostics.map(\.description).first?.hasPrefix("pipe.yaml:1:1: error: is a named pipe (FIFO)")
                == true,
            "\(report.diagnostics)")
    }

    @Test(arguments: [
        ("/dev/null", "is a character device, not a regular file"),
        ("/dev/zero", "is a character device, not a regular file"),
        ("/tmp", "is a directory, not a file"),
    ])
    func specialFilesAreRefusedBeforeOpening(_ path: String, _ message: String) {
        #expect(throws: FileSystem.ReadError.self) { try FileSystem.read(path, limit: 1 << 20) }
        do {
            _ = try FileSystem.read(path, limit: 1 << 20)
        } catch {
            #expect(error.message == message)
        }
    }

    @Test func socketIsRefused() throws {
        let ws = try TemporaryWorkspace()
        let path = ws.root + "/s.yaml"
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        try #require(fd >= 0)
        defer { close(fd) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            for (i, b) in path.utf8.prefix(raw.count - 1).enumerated() { raw[i] = b }
        }
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        try #require(bound == 0, "bind: \(String(cString: strerror(errno)))")
        #expect(FileSystem.kind(path) == .special)
        do {
            _ = try FileSystem.read(path, limit: 1 << 20)
            Issue.record("a socket was read")
        } catch {
            #expect(error.message == "is a socket, not a regular file")
        }
    }

    @Test func selfReferencingLinksDoNotLoop() throws {
        let ws = try validWorkspace()
        // Two links to folders that contain them: followed, the walk would branch without end.
        try link(ws.root + "/Exercises/a", to: ".")
        try link(ws.root + "/Exercises/b", to: "..")
        // Two file links that point at each other.
        try link(ws.root + "/Exercises/c.yaml", to: "d.yaml")
        try link(ws.root + "/Exercises/d.yaml", to: "c.yaml")
        #expect(
            findings(ws) == [
                "Exercises/a:1:1 warning: 'Exercises/a' is a link to a folder; rehab does not follow folder links",
                "Exercises/b:1:1 warning: 'Exercises/b' is a link to a folder; rehab does not follow folder links",
                "Exercises/c.yaml:1:1 error: cannot open file: Too many levels of symbolic links",
                "Exercises/d.yaml:1:1 error: cannot open file: Too many levels of symbolic links",
            ])
    }

    @Test func walkSkipsFolderLinksAndListsFileLinks() throws {
        let ws = try TemporaryWorkspace()
        try ws.write("E/real/a.yaml", Self.exercise)
        try link(ws.root + "/E/loop", to: "..")
        try link(ws.root + "/E/b.yaml", to: "real/a.yaml")
        let found = FileSystem.walk(ws.root + "/E")
        #expect(found.files == [ws.root + "/E/b.yaml", ws.root + "/E/real/a.yaml"])
        #expect(found.skippedLinks == [FileSystem.SkippedLink(path: ws.root + "/E/loop")])
    }

    @Test func profileLinkLeavingTheWorkspaceIsRefused() throws {
        let ws = try validWorkspace()
        let outside = try TemporaryWorkspace()
        let target = try outside.write("maria.yaml", try Paths.read(Paths.fixtures + "/valid/Patients/maria.yaml"))
        try FileManager.default.removeItem(atPath: ws.root + "/Patients/maria.yaml")
        try link(ws.root + "/Patients/maria.yaml", to: target)
        let report = Validation.run(root: ws.root, displayBase: ws.root)
        let profileError = report.diagnostics.first { $0.location.file == "Patients/maria.yaml" }
        #expect(profileError?.message == "is a symbolic link that leads outside the workspace")
        #expect(profileError?.location.line == 1 && profileError?.location.column == 1)
        #expect(
            report.diagnostics.contains { $0.location.file == "Plans/maria.yaml" && $0.message.contains("has errors") })
        #expect(report.workspace.plans.first?.safety == nil)
    }

    @Test func exerciseLinkLeavingTheWorkspaceIsRefused() throws {
        let ws = try validWorkspace()
        let outside = try TemporaryWorkspace()
        let target = try outside.write("ok.yaml", Self.exercise)
        try link(ws.root + "/Exercises/ok.yaml", to: target)
        #expect(findings(ws) == ["Exercises/ok.yaml:1:1 error: is a symbolic link that leads outside the workspace"])
    }

    @Test func linkedFolderLeavingTheWorkspaceIsRefused() throws {
        let ws = try validWorkspace()
        let outside = try TemporaryWorkspace()
        try outside.write("maria.yaml", try Paths.read(Paths.fixtures + "/valid/Patients/maria.yaml"))
        try FileManager.default.removeItem(atPath: ws.root + "/Patients")
        try link(ws.root + "/Patients", to: outside.root)
        let found = findings(ws)
        #expect(
            found.first == "Patients/maria.yaml:1:1 error: lies in a linked folder outside the workspace", "\(found)")
    }

    @Test func linksThatStayInsideTheWorkspaceAreRead() throws {
        let ws = try validWorkspace()
        try ws.write("Library/ok.yaml", Self.exercise)
        try link(ws.root + "/Exercises/ok.yaml", to: "../Library/ok.yaml")
        // A workspace reached through a link is fine too: links are compared resolved.
        let outer = try TemporaryWorkspace()
        try link(outer.root + "/ws", to: ws.root)
        let report = Validation.run(root: outer.root + "/ws", displayBase: outer.root + "/ws")
        #expect(report.diagnostics.isEmpty, "\(report.diagnostics)")
        #expect(report.workspace.exercise("ok") != nil)
    }
}

/// Images are not read by `validate`, but `print` embeds them: they get the same rules as YAML files.
@Suite(.timeLimit(.minutes(10)))
struct ImageFileTests {
    static let exercise =
        "id: ok\nname: OK\nkind: posture\nsummary: S\nsteps: [x]\nmovements: []\nimage: images/ok.png\n"

    func findings(_ ws: TemporaryWorkspace) -> [String] {
        Validation.run(root: ws.root, displayBase: ws.root).diagnostics.map { "\($0.location) \($0.message)" }
    }

    @Test func namedPipeAsImageIsAnError() throws {
        let ws = try TemporaryWorkspace()
        try ws.write("Exercises/ok.yaml", Self.exercise)
        try FileManager.default.createDirectory(
            atPath: ws.root + "/Exercises/images", withIntermediateDirectories: true)
        try #require(mkfifo(ws.root + "/Exercises/images/ok.png", 0o644) == 0)
        #expect(findings(ws) == ["Exercises/ok.yaml:7:8 image 'images/ok.png' is not a regular file"])
    }

    @Test func imageLinkLeavingTheWorkspaceIsAnError() throws {
        let ws = try TemporaryWorkspace()
        let outside = try TemporaryWorkspace()
        try ws.write("Exercises/ok.yaml", Self.exercise)
        let target = try outside.write("secret.png", "not an image")
        try FileManager.default.createDirectory(
            atPath: ws.root + "/Exercises/images", withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(
            atPath: ws.root + "/Exercises/images/ok.png", withDestinationPath: target)
        #expect(
            findings(ws).first?.hasPrefix("Exercises/ok.yaml:7:8 image 'images/ok.png' lies outside the workspace")
                == true,
            "\(findings(ws))")
    }
}
