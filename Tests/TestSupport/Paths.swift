import Foundation

/// Where things are, found from this file's path so tests run from any directory.
public enum Paths {
    /// The package root.
    public static let packageRoot: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()

    public static let fixtures = packageRoot + "/Tests/Fixtures"

    /// The built `rehab` executable, beside the test bundle; `REHAB_TEST_BINARY` names another
    /// build, to see a command test fail on the code before its fix (README, "Tests").
    public static let rehabExecutable: String = {
        if let other = ProcessInfo.processInfo.environment["REHAB_TEST_BINARY"], !other.isEmpty { return other }
        let beside = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for candidate in [beside, beside.deletingLastPathComponent()] {
            let path = candidate.appendingPathComponent("rehab").path
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        return packageRoot + "/.build/debug/rehab"
    }()

    public static func read(_ path: String) throws -> String {
        try String(contentsOfFile: path, encoding: .utf8)
    }
}

/// A workspace in a fresh temporary folder, removed when the value is released.
public final class TemporaryWorkspace: @unchecked Sendable {
    public let root: String

    public init() throws {
        root =
            FileManager.default.temporaryDirectory
            .appendingPathComponent("rehab-test-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(atPath: root)
    }

    /// Writes `contents` at `relativePath`, creating folders; returns the absolute path.
    @discardableResult
    public func write(_ relativePath: String, _ contents: String) throws -> String {
        try write(relativePath, Data(contents.utf8))
    }

    @discardableResult
    public func write(_ relativePath: String, _ data: Data) throws -> String {
        let path = root + "/" + relativePath
        try FileManager.default.createDirectory(
            atPath: (path as NSString).deletingLastPathComponent,
            withIntermediateDirectories: true)
        try data.write(to: URL(fileURLWithPath: path))
        return path
    }

    /// Copies every file of a fixture folder into `relativeFolder`.
    public func copy(folder: String, to relativeFolder: String) throws {
        let fm = FileManager.default
        for name in try fm.contentsOfDirectory(atPath: folder).sorted() {
            try write(relativeFolder + "/" + name, try Data(contentsOf: URL(fileURLWithPath: folder + "/" + name)))
        }
    }
}

/// Golden files: compared byte for byte; `REHAB_RECORD=1` rewrites them.
public enum Golden {
    public static var recording: Bool { ProcessInfo.processInfo.environment["REHAB_RECORD"] == "1" }

    /// Returns nil when `actual` matches the golden file (or was just recorded), else a message.
    public static func check(_ actual: String, file: String) -> String? {
        if recording {
            try? FileManager.default.createDirectory(
                atPath: (file as NSString).deletingLastPathComponent,
                withIntermediateDirectories: true)
            try? actual.write(toFile: file, atomically: true, encoding: .utf8)
            return nil
        }
        guard let expected = try? String(contentsOfFile: file, encoding: .utf8) else {
            return "golden file \(file) is missing; run the tests with REHAB_RECORD=1 to record it"
        }
        if expected == actual { return nil }
        return
            "output differs from \(file) (REHAB_RECORD=1 re-records):\n--- expected\n\(expected)\n--- actual\n\(actual)"
    }
}

extension TemporaryWorkspace {
    /// A copy of the bundled workspace (Plans/, Patients/, Exercises/) to change, log into or print from.
    public static func clinicCopy() throws -> TemporaryWorkspace {
        let ws = try TemporaryWorkspace()
        for folder in ["Plans", "Patients"] { try ws.copy(folder: Paths.packageRoot + "/" + folder, to: folder) }
        for group in try FileManager.default.contentsOfDirectory(atPath: Paths.packageRoot + "/Exercises") {
            try ws.copy(folder: Paths.packageRoot + "/Exercises/" + group, to: "Exercises/" + group)
        }
        return ws
    }
}
