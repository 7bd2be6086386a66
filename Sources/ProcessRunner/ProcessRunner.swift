import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Why a helper program could not be run to its end; the message says what happened.
public struct ProcessRunError: Error, Sendable, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}

/// Runs the helper programs that printing and scanning use (Chromium, pdftotext, pdftoppm): each in
/// a process group of its own with a time limit, the whole group killed when it ends.
public enum ProcessRunner {
    /// Runs `path` in a process group of its own, output to `log`; kills the whole group when it
    /// ends or after `timeout` seconds (Chromium leaves helpers behind otherwise). Returns the exit status.
    public static func run(_ path: String, _ args: [String], log: String, timeout: Double) throws(ProcessRunError)
        -> Int32
    {
        var attr = posix_spawnattr_t()
        posix_spawnattr_init(&attr)
        defer { posix_spawnattr_destroy(&attr) }
        posix_spawnattr_setflags(&attr, Int16(POSIX_SPAWN_SETPGROUP))
        posix_spawnattr_setpgroup(&attr, 0)
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, log, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        let argv = ([path] + args).map { strdup($0) } + [nil]
        defer { for p in argv { free(p) } }
        var pid: pid_t = 0
        var spawned = posix_spawn(&pid, path, &actions, &attr, argv, environ)
        // "Text file busy": another thread's child still holds the program open for writing (a
        // freshly written stand-in in tests); it passes in moments.
        for _ in 0..<20 where spawned == ETXTBSY {
            usleep(50_000)
            spawned = posix_spawn(&pid, path, &actions, &attr, argv, environ)
        }
        guard spawned == 0 else { throw ProcessRunError("cannot start \(path): \(String(cString: strerror(spawned)))") }
        // Ctrl-C reaches the terminal's process group, which the browser has left: while it runs,
        // SIGINT, SIGTERM and SIGHUP are caught here instead, so that the browser's group is killed
        // and the private folder removed (by the caller's defer) before `rehab` ends.
        let stop = StopRequest()
        var sources: [DispatchSourceSignal] = []
        var previous: [(Int32, __sighandler_t?)] = []
        for sig in [SIGINT, SIGTERM, SIGHUP] {
            previous.append((sig, signal(sig, SIG_IGN)))
            let source = DispatchSource.makeSignalSource(signal: sig, queue: .global())
            source.setEventHandler { stop.set(sig) }
            source.resume()
            sources.append(source)
        }
        defer {
            for source in sources { source.cancel() }
            for (sig, handler) in previous { signal(sig, handler) }
        }
        let deadline = Date().addingTimeInterval(timeout)
        var status: Int32 = 0
        var exited = false
        var interrupted: Int32?
        while !exited {
            if let sig = stop.signal {
                interrupted = sig
                break
            }
            // WNOWAIT: the browser, once exited, stays a zombie until reaped below, so its process
            // group id cannot be reused by another program before the group is killed.
            var info = siginfo_t()
            let r = waitid(P_PID, id_t(pid), &info, WEXITED | WNOHANG | WNOWAIT)
            if r == 0, info._sifields._kill.si_pid == pid {
                exited = true
                break
            }
            if r < 0, errno != EINTR {
                exited = true
                break
            }
            if Date() >= deadline { break }
            usleep(20_000)
        }
        // The whole group: the browser and every helper it started.
        kill(-pid, SIGKILL)
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        if let interrupted {
            throw ProcessRunError(
                "printing was interrupted (signal \(interrupted)); the browser was stopped and its files removed")
        }
        if !exited {
            throw ProcessRunError(
                "the browser took longer than \(Int(timeout)) seconds to print and was stopped (a template that never finishes?)"
            )
        }
        // WIFEXITED / WEXITSTATUS by hand (they are macros).
        return (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
    }
}

/// A signal received while the browser runs (set from a dispatch queue, read by the waiting loop).
private final class StopRequest: @unchecked Sendable {
    private let lock = NSLock()
    private var received: Int32?

    func set(_ sig: Int32) { lock.withLock { received = sig } }
    var signal: Int32? { lock.withLock { received } }
}
