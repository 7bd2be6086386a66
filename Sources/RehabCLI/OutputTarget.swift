import Foundation
import RehabKit
import RehabPrint
import RehabTracking

/// `-o FILE` of the commands that write patient data (print, progress, log export): never over
/// the workspace's inputs or the progress store, always 0600 through a temporary file and a rename.
enum OutputTarget {
    /// What `-o` may not replace for a command run on this workspace and store, plus `inputs`
    /// (a rules file, a template folder) named on its command line.
    static func protected(
        _ tracking: Tracking, workspace: WorkspaceOptions, store: StoreOptions,
        inputs: [String?]
    ) -> ProtectedPaths {
        let cwd = FileManager.default.currentDirectoryPath
        let storePath = Tracking.storePath(
            db: store.db, environment: ProcessInfo.processInfo.environment, root: workspace.root,
            displayBase: cwd)
        return .workspace(
            tracking.open.workspace, store: storePath,
            inputs: inputs.compactMap { $0 }.map { FileSystem.absolute($0, base: cwd) })
    }

    /// Writes `bytes` at `path`, or prints why not and exits 1 with the target untouched.
    static func write(_ bytes: [UInt8], to path: String, protected: ProtectedPaths) throws {
        do {
            try OutputFile.write(bytes, to: path, base: FileManager.default.currentDirectoryPath, protected: protected)
        } catch {
            Output.err("error: \(error.description)")
            throw ExitStatus.invalidInput
        }
    }

    /// `text` to `-o FILE` (as `write`), else to standard output. `protected` is worked out only
    /// when there is a file to write.
    static func emit(_ text: String, to output: String?, protected: () -> ProtectedPaths) throws {
        if let output {
            try write(Array(text.utf8), to: output, protected: protected())
        } else {
            Output.out(text, terminator: "")
        }
    }

    /// A rendered page: HTML printed to PDF by headless Chromium when `pdf` (to `-o FILE`, else to
    /// `defaultPDF`; the target is checked before Chromium runs), else as `emit` sends text.
    static func emit(
        _ text: String, pdf: Bool, to output: String?, defaultPDF: String,
        protected: () -> ProtectedPaths
    ) throws {
        guard pdf else { return try emit(text, to: output, protected: protected) }
        let target = output ?? defaultPDF
        try check(target, protected: protected())
        do { try PDFPrinter.print(html: text, to: target) } catch {
            Output.err(error.formatted)
            throw ExitStatus.invalidInput
        }
        Output.err("wrote \(target)")
    }

    /// Refuses a target before any work is done (the PDF is printed only for a target it may write).
    static func check(_ path: String, protected: ProtectedPaths) throws {
        let target = FileSystem.absolute(path, base: FileManager.default.currentDirectoryPath)
        if let problem = protected.problem(target) {
            Output.err("error: refusing to write: \(problem)")
            throw ExitStatus.invalidInput
        }
    }
}
