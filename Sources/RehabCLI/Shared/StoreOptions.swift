import ArgumentParser
import Foundation
import RehabKit
import RehabTracking

extension Outcome: ExpressibleByArgument {}
extension RedFlag: ExpressibleByArgument {}

/// `--db PATH|URL`: the progress log (default `.rehab/progress.sqlite` under the workspace, or
/// REHAB_DB): an SQLite file, or `postgres://USER@HOST:PORT/DB` for the log several sites share.
struct StoreOptions: ParsableArguments {
    @Option(
        help:
            "The progress log: a file, or postgres://USER@HOST:PORT/DB shared by several sites (default: REHAB_DB, else .rehab/progress.sqlite in the workspace)."
    )
    var db: String?

    /// Whether there may be a progress log: anything at the store's path, or a PostgreSQL server
    /// (whose log only the server can tell; it may hold red flags). Commands that can stream the
    /// workspace do so only without one (see docs/FORMAT.md, Streaming): a log's red flags must join
    /// the plans they stop.
    func exists(_ workspace: WorkspaceOptions) -> Bool {
        let cwd = FileManager.default.currentDirectoryPath
        let path = Tracking.storePath(
            db: db, environment: ProcessInfo.processInfo.environment, root: workspace.root, displayBase: cwd)
        return StoreAddress.looksLikeURL(path) || FileSystem.kind(path) != .missing
    }

    func tracking(_ workspace: WorkspaceOptions, rules: RuleSet, create: Bool) throws -> Tracking {
        let cwd = FileManager.default.currentDirectoryPath
        let open = OpenWorkspace(root: workspace.root, displayBase: cwd)
        let path = Tracking.storePath(
            db: db, environment: ProcessInfo.processInfo.environment, root: workspace.root, displayBase: cwd)
        do {
            return try Tracking(open: open, rules: rules, storePath: path, create: create, today: Today.date)
        } catch {
            Output.err(UserText.plain("error: \(error.description)"))
            throw ExitStatus.invalidInput
        }
    }
}

func storeCall<T>(_ body: () throws(StoreError) -> T) throws -> T {
    do {
        return try body()
    } catch {
        Output.err(UserText.plain("error: \(error.description)"))
        throw ExitStatus.invalidInput
    }
}
