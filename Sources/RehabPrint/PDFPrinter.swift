import Foundation
import RehabKit
#if canImport(Glibc)
import Glibc
#endif

/// Prints HTML to PDF with headless Chromium from Debian (`chromium-headless-shell` or `chromium`),
/// hardened because a clinic's template is code the browser runs over patient data:
/// - JavaScript off: a Content-Security-Policy with `script-src 'none'` (inline scripts and event
///   handlers included). `--blink-settings=scriptEnabled=false` stops `chromium-headless-shell`
///   from writing any PDF (it exits 0 without one), and `--disable-javascript` is not a Chromium switch;
/// - no network: every request goes to a proxy on the discard port of loopback, loopback included
///   (`--proxy-server=127.0.0.1:9 --proxy-bypass-list=<-loopback>`), background services off;
/// - no file access beyond the page: the page is the only file in a private 0700 folder, no
///   `--allow-file-access-from-files`, and a Content-Security-Policy put first in the page allows
///   only inline styles and `data:` images and fonts (no `file:` image, frame, object or style);
///   a `<meta http-equiv="refresh">` (a navigation CSP cannot stop) is refused;
/// - a time limit, after which Chromium's whole process group is killed;
/// - the folder (page, profile, PDF) removed on every path out, error and timeout included.
public enum PDFPrinter {
    /// The browser to print with, or nil when none is installed.
    public static func browser() -> String? {
        // REHAB_CHROMIUM names the browser to use (tests set it to a missing path to see the error).
        if let chosen = ProcessInfo.processInfo.environment["REHAB_CHROMIUM"] {
            return FileManager.default.isExecutableFile(atPath: chosen) ? chosen : nil
        }
        for name in ["chromium-headless-shell", "chromium", "chromium-browser", "google-chrome"] {
            for dir in ["/usr/bin", "/usr/local/bin", "/usr/lib/chromium", "/snap/bin"] {
                let path = dir + "/" + name
                if FileManager.default.isExecutableFile(atPath: path) { return path }
            }
        }
        return nil
    }

    public static let missingBrowser = PrintError(
        "PDF output needs headless Chromium, which is not installed; install it with 'apt-get install chromium-headless-shell' (or print --format html and use a browser)")

    /// Seconds Chromium may take before it is killed: `REHAB_PRINT_TIMEOUT`, else 60.
    public static var defaultTimeout: Double {
        ProcessInfo.processInfo.environment["REHAB_PRINT_TIMEOUT"].flatMap(Double.init).flatMap { $0 > 0 ? $0 : nil } ?? 60
    }

    /// The policy put first in every page printed: nothing but the page itself, inline styles,
    /// and `data:` images and fonts.
    public static let contentSecurityPolicy =
        "default-src 'none'; img-src data:; font-src data:; style-src 'unsafe-inline'; script-src 'none'; "
        + "frame-src 'none'; child-src 'none'; object-src 'none'; connect-src 'none'; media-src 'none'; "
        + "base-uri 'none'; form-action 'none'"

    /// The command-line switches (after the browser's path, before the page).
    static func arguments(profile: String, pdf: String) -> [String] {
        var args = ["--headless", "--disable-gpu", "--no-pdf-header-footer",
                    // No network: a proxy that refuses, for loopback too; no background requests.
                    "--proxy-server=127.0.0.1:9", "--proxy-bypass-list=<-loopback>",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--disable-default-apps", "--disable-extensions", "--disable-domain-reliability",
                    "--disable-client-side-phishing-detection", "--no-first-run", "--no-default-browser-check",
                    "--dns-prefetch-disable", "--disable-features=MediaRouter,OptimizationHints,Translate,AutofillServerCommunication",
                    "--user-data-dir=\(profile)", "--print-to-pdf=\(pdf)"]
        // Chromium's sandbox cannot start as root (it refuses to run); as any other user it stays on.
        if geteuid() == 0 { args.insert("--no-sandbox", at: 1) }
        return args
    }

    /// The page as printed: the Content-Security-Policy first (after a doctype, so that the page
    /// keeps its mode). Refuses a page that redirects itself, which no policy can stop.
    static func hardened(_ html: String) throws(PrintError) -> String {
        // Any http-equiv but these few is refused, so that an entity-encoded "&#114;efresh" cannot slip through.
        let allowed: Set<String> = ["content-type", "content-security-policy", "x-ua-compatible", "content-language"]
        let pattern = try! NSRegularExpression(pattern: #"<meta\b[^>]*?http-equiv\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]*))"#,
                                               options: [.caseInsensitive])
        for m in pattern.matches(in: html, range: NSRange(html.startIndex..., in: html)) {
            let value = (1...3).compactMap { Range(m.range(at: $0), in: html).map { String(html[$0]) } }.first ?? ""
            if !allowed.contains(value.trimmingCharacters(in: .whitespaces).lowercased()) {
                throw PrintError("the template has <meta http-equiv=\"\(value)\">, which printing does not allow (a refresh would load another page)")
            }
        }
        let meta = "<meta http-equiv=\"Content-Security-Policy\" content=\"\(contentSecurityPolicy)\">"
        if let doctype = html.range(of: #"^\s*<!DOCTYPE[^>]*>"#, options: [.regularExpression, .caseInsensitive]) {
            return html[..<doctype.upperBound] + meta + html[doctype.upperBound...]
        }
        return meta + html
    }

    /// Writes `html` to PDF at `output` (through `OutputFile`: 0600, a temporary file and a rename).
    public static func print(html: String, to output: String, timeout: Double = defaultTimeout) throws(PrintError) {
        let pdf = try render(html: html, timeout: timeout)
        do {
            try OutputFile.write(pdf, to: output)
        } catch {
            throw PrintError(error.description)
        }
    }

    /// The PDF of `html`; the page size comes from its `@page` rule. Chromium gets `timeout`
    /// seconds; then its process group is killed and this throws.
    /// `browser`: the program to run instead of the one `browser()` finds (tests use stand-ins).
    public static func render(html: String, timeout: Double = defaultTimeout, browser chosen: String? = nil) throws(PrintError) -> [UInt8] {
        guard let browser = chosen ?? browser() else { throw missingBrowser }
        let page = try hardened(html)
        let dir: String
        switch FileSystem.privateTemporaryDirectory("rehab-print") {
        case .success(let d): dir = d
        case .failure(let e): throw PrintError(e.message)
        }
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let pagePath = dir + "/routine.html", pdfPath = dir + "/routine.pdf", logPath = dir + "/chromium.log"
        try writePrivate(Array(page.utf8), to: pagePath)
        let args = arguments(profile: dir + "/profile", pdf: pdfPath) + [URL(fileURLWithPath: pagePath).absoluteString]
        let status = try run(browser, args, log: logPath, timeout: timeout)
        guard status == 0, let bytes = try? FileSystem.read(pdfPath, limit: 512 * 1024 * 1024), bytes.starts(with: Array("%PDF-".utf8)) else {
            let log = (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? ""
            throw PrintError("\(browser) could not print the PDF (exit \(status)): \(log.suffix(400))")
        }
        return bytes
    }

    /// poppler's `pdftotext`, which reads a printed PDF's text back (`REHAB_PDFTOTEXT` names another).
    public static func pdftotext() -> String? {
        if let chosen = ProcessInfo.processInfo.environment["REHAB_PDFTOTEXT"] {
            return FileManager.default.isExecutableFile(atPath: chosen) ? chosen : nil
        }
        return ["/usr/bin/pdftotext", "/usr/local/bin/pdftotext"].first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// The text of a PDF as a reader would find it, through `pdftotext` (in a private folder removed
    /// afterwards, with the same time limit and process-group kill as the browser): what the page
    /// shows, not what its HTML held — a stylesheet's `display: none` leaves its text out.
    public static func text(ofPDF pdf: [UInt8], timeout: Double = defaultTimeout) throws(PrintError) -> String {
        guard let tool = pdftotext() else {
            throw PrintError("checking a printed PDF needs poppler's pdftotext, which is not installed; install it with 'apt-get install poppler-utils'")
        }
        let dir: String
        switch FileSystem.privateTemporaryDirectory("rehab-pdftext") {
        case .success(let d): dir = d
        case .failure(let e): throw PrintError(e.message)
        }
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let pdfPath = dir + "/printed.pdf", textPath = dir + "/printed.txt"
        try writePrivate(pdf, to: pdfPath)
        let status = try run(tool, ["-q", "-enc", "UTF-8", pdfPath, textPath], log: dir + "/pdftotext.log", timeout: timeout)
        guard status == 0, let bytes = try? FileSystem.read(textPath, limit: 256 * 1024 * 1024) else {
            throw PrintError("\(tool) could not read the printed PDF back (exit \(status)), so what it shows cannot be checked; nothing was written")
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    static func writePrivate(_ bytes: [UInt8], to path: String) throws(PrintError) {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw PrintError("cannot write the page to print: \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        var done = 0
        while done < bytes.count {
            let n = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + done, bytes.count - done) }
            if n < 0, errno == EINTR { continue }
            guard n > 0 else { throw PrintError("cannot write the page to print: \(String(cString: strerror(errno)))") }
            done += n
        }
    }

    /// Runs `path` in a process group of its own, output to `log`; kills the whole group when it
    /// ends or after `timeout` seconds (Chromium leaves helpers behind otherwise). Returns the exit status.
    package static func run(_ path: String, _ args: [String], log: String, timeout: Double) throws(PrintError) -> Int32 {
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
        guard spawned == 0 else { throw PrintError("cannot start \(path): \(String(cString: strerror(spawned)))") }
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
            if let sig = stop.signal { interrupted = sig; break }
            // WNOWAIT: the browser, once exited, stays a zombie until reaped below, so its process
            // group id cannot be reused by another program before the group is killed.
            var info = siginfo_t()
            let r = waitid(P_PID, id_t(pid), &info, WEXITED | WNOHANG | WNOWAIT)
            if r == 0, info._sifields._kill.si_pid == pid { exited = true; break }
            if r < 0, errno != EINTR { exited = true; break }
            if Date() >= deadline { break }
            usleep(20_000)
        }
        // The whole group: the browser and every helper it started.
        kill(-pid, SIGKILL)
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        if let interrupted {
            throw PrintError("printing was interrupted (signal \(interrupted)); the browser was stopped and its files removed")
        }
        if !exited {
            throw PrintError("the browser took longer than \(Int(timeout)) seconds to print and was stopped (a template that never finishes?)")
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
