import ArgumentParser
import Foundation
import RehabKit
import RehabTracking

/// `rehab store copy --from DB --to DB`: every entry of one log into another (an SQLite file and a
/// `postgres://` server, either way): idempotent, refusing to merge conflicting entries silently, in
/// one transaction, verified by counts and a checksum of the rows.
struct StoreCopy: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "copy",
        abstract: "Copy a progress log into another (a site's file into the shared server, or back).",
        discussion: """
            Entries already at the destination (the same content and voiding) are not copied again, so \
            a copy can be repeated. An entry whose session, day's pain or symptom holds a different entry \
            at the destination stops the copy before anything is written (exit 1), listing both. \
            Afterwards the destination is checked to hold every source entry: counts and a checksum.
            """
    )

    @Option(help: "The log to copy from: a file or postgres://USER@HOST:PORT/DB (read only).") var from: String
    @Option(help: "The log to copy into: a file or postgres://USER@HOST:PORT/DB (made when missing).") var to: String
    @Flag(help: "Say what would be copied, and copy nothing.") var dryRun = false

    func run() throws {
        let cwd = FileManager.default.currentDirectoryPath
        func address(_ s: String) -> String { StoreAddress.looksLikeURL(s) ? s : FileSystem.absolute(s, base: cwd) }
        let (fromAddress, toAddress) = (address(from), address(to))
        if fromAddress == toAddress || Self.shown(fromAddress) == Self.shown(toAddress) {
            Output.err("error: --from and --to name the same log")
            throw ExitStatus.invalidInput
        }
        try storeCall { () throws(StoreError) in
            guard let source = try Tracking.openStore(fromAddress, create: false) else {
                throw StoreError("there is no progress log at \(Self.shown(fromAddress)) to copy from")
            }
            // A dry run only reads: a destination with no log yet would receive everything.
            guard let destination = try Tracking.openStore(toAddress, create: !dryRun) else {
                let all = try source.allStored()
                Output.out(
                    "would copy \(all.count) entries from \(source.location) into a new log at \(Self.shown(toAddress)) (dry run: nothing copied)"
                )
                return
            }
            let copy = try LogCopy(from: source, to: destination)
            for (s, d) in copy.conflicts.prefix(20) {
                Output.err(
                    "conflict: \(LogList.line(s, idWidth: 0)) (from) differs from \(LogList.line(d, idWidth: 0)) (already at the destination)"
                )
            }
            if copy.conflicts.count > 20 { Output.err("… and \(copy.conflicts.count - 20) more conflicts") }
            if dryRun {
                Output.out(
                    "would copy \(copy.toCopy.count) of \(copy.sourceCount) entries from \(source.location) to \(destination.location) (\(copy.alreadyThere) already there, \(copy.conflicts.count) in conflict); dry run: nothing copied"
                )
                if !copy.conflicts.isEmpty { throw StoreError("the copy would stop on the conflicts above") }
                return
            }
            let sum = try copy.run(to: destination)
            Output.out(
                "copied \(copy.toCopy.count) entries from \(source.location) to \(destination.location) (\(copy.alreadyThere) already there); the destination holds all \(copy.sourceCount) of the source's entries, checksum \(sum) on both sides"
            )
        }
    }

    static func shown(_ address: String) -> String {
        (try? StoreAddress(address, base: "/"))?.description ?? StoreAddress.redacted(address)
    }
}
