import Foundation
import ProcessRunner
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
        "PDF output needs headless Chromium, which is not installed; install it with 'apt-get install chromium-headless-shell' (or print --format html and use a browser)"
    )

    /// Seconds Chromium may take before it is killed: `REHAB_PRINT_TIMEOUT`, else 60.
    public static var defaultTimeout: Double {
        ProcessInfo.processInfo.environment["REHAB_PRINT_TIMEOUT"].flatMap(Double.init).flatMap { $0 > 0 ? $0 : nil }
            ?? 60
    }

    /// The policy put first in every page printed: nothing but the page itself, inline styles,
    /// and `data:` images and fonts.
    public static let contentSecurityPolicy =
        "default-src 'none'; img-src data:; font-src data:; style-src 'unsafe-inline'; script-src 'none'; "
        + "frame-src 'none'; child-src 'none'; object-src 'none'; connect-src 'none'; media-src 'none'; "
        + "base-uri 'none'; form-action 'none'"

    /// The command-line switches (after the browser's path, before the page).
    static func arguments(profile: String, pdf: String) -> [String] {
        var args = [
            "--headless", "--disable-gpu", "--no-pdf-header-footer",
            // No network: a proxy that refuses, for loopback too; no background requests.
            "--proxy-server=127.0.0.1:9", "--proxy-bypass-list=<-loopback>",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--disable-default-apps", "--disable-extensions", "--disable-domain-reliability",
            "--disable-client-side-phishing-detection", "--no-first-run", "--no-default-browser-check",
            "--dns-prefetch-disable",
            "--disable-features=MediaRouter,OptimizationHints,Translate,AutofillServerCommunication",
            "--user-data-dir=\(profile)", "--print-to-pdf=\(pdf)",
        ]
        // Chromium's sandbox cannot start as root (it refuses to run); as any other user it stays on.
        if geteuid() == 0 { args.insert("--no-sandbox", at: 1) }
        return args
    }

    /// The page as printed: the Content-Security-Policy first (after a doctype, so that the page
    /// keeps its mode). Refuses a page that redirects itself, which no policy can stop.
    static func hardened(_ html: String) throws(PrintError) -> String {
        // Any http-equiv but these few is refused, so that an entity-encoded "&#114;efresh" cannot slip through.
        let allowed: Set<String> = ["content-type", "content-security-policy", "x-ua-compatible", "content-language"]
        let pattern = try! NSRegularExpression(
            pattern: #"<meta\b[^>]*?http-equiv\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]*))"#,
            options: [.caseInsensitive])
        for m in pattern.matches(in: html, range: NSRange(html.startIndex..., in: html)) {
            let value = (1...3).compactMap { Range(m.range(at: $0), in: html).map { String(html[$0]) } }.first ?? ""
            if !allowed.contains(value.trimmingCharacters(in: .whitespaces).lowercased()) {
                throw PrintError(
                    "the template has <meta http-equiv=\"\(value)\">, which printing does not allow (a refresh would load another page)"
                )
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
    public static func render(html: String, timeout: Double = defaultTimeout, browser chosen: String? = nil)
        throws(PrintError) -> [UInt8]
    {
        guard let browser = chosen ?? browser() else { throw missingBrowser }
        let page = try hardened(html)
        let dir: String
        switch FileSystem.privateTemporaryDirectory("rehab-print") {
        case .success(let d): dir = d
        case .failure(let e): throw PrintError(e.message)
        }
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let pagePath = dir + "/routine.html"
        let pdfPath = dir + "/routine.pdf"
        let logPath = dir + "/chromium.log"
        try writePrivate(Array(page.utf8), to: pagePath)
        let args = arguments(profile: dir + "/profile", pdf: pdfPath) + [URL(fileURLWithPath: pagePath).absoluteString]
        let status = try run(browser, args, log: logPath, timeout: timeout)
        guard status == 0, let bytes = try? FileSystem.read(pdfPath, limit: 512 * 1024 * 1024),
            bytes.starts(with: Array("%PDF-".utf8))
        else {
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
        return ["/usr/bin/pdftotext", "/usr/local/bin/pdftotext"].first {
            FileManager.default.isExecutableFile(atPath: $0)
        }
    }

    /// The text of a PDF as a reader would find it, through `pdftotext` (in a private folder removed
    /// afterwards, with the same time limit and process-group kill as the browser): what the page
    /// shows, not what its HTML held — a stylesheet's `display: none` leaves its text out.
    public static func text(ofPDF pdf: [UInt8], timeout: Double = defaultTimeout) throws(PrintError) -> String {
        guard let tool = pdftotext() else {
            throw PrintError(
                "checking a printed PDF needs poppler's pdftotext, which is not installed; install it with 'apt-get install poppler-utils'"
            )
        }
        let dir: String
        switch FileSystem.privateTemporaryDirectory("rehab-pdftext") {
        case .success(let d): dir = d
        case .failure(let e): throw PrintError(e.message)
        }
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let pdfPath = dir + "/printed.pdf"
        let textPath = dir + "/printed.txt"
        try writePrivate(pdf, to: pdfPath)
        let status = try run(
            tool, ["-q", "-enc", "UTF-8", pdfPath, textPath], log: dir + "/pdftotext.log", timeout: timeout)
        guard status == 0, let bytes = try? FileSystem.read(textPath, limit: 256 * 1024 * 1024) else {
            throw PrintError(
                "\(tool) could not read the printed PDF back (exit \(status)), so what it shows cannot be checked; nothing was written"
            )
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

    /// `ProcessRunner.run`, its failure as a `PrintError`.
    static func run(_ path: String, _ args: [String], log: String, timeout: Double) throws(PrintError) -> Int32 {
        do {
            return try ProcessRunner.run(path, args, log: log, timeout: timeout)
        } catch {
            throw PrintError(error.description)
        }
    }
}
