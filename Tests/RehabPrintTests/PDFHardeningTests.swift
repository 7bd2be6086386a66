import Foundation
import RehabKit
import RehabPrint
import TestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// A clinic's template is code that Chromium runs over patient data: the attacks of issue 11,
/// printed in the real browser and read back with poppler.
struct PDFHardeningTests {
    static func pdfText(_ html: String) throws -> String {
        let out = try TemporaryWorkspace()
        try PDFPrinter.print(html: html, to: out.root + "/t.pdf")
        return try PDFTests.tool("pdftotext", [out.root + "/t.pdf", "-"])
    }

    /// A TCP listener on a free loopback port that only counts who connects.
    final class Listener {
        let fd: Int32
        let port: UInt16

        init() throws {
            let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            self.fd = fd
            var addr = sockaddr_in()
            addr.sin_family = sa_family_t(AF_INET)
            addr.sin_addr.s_addr = inet_addr("127.0.0.1")
            addr.sin_port = 0
            var len = socklen_t(MemoryLayout<sockaddr_in>.size)
            let ok = withUnsafeMutablePointer(to: &addr) { p in
                p.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    bind(fd, $0, len) == 0 && listen(fd, 16) == 0 && getsockname(fd, $0, &len) == 0
                }
            }
            try #require(ok, "cannot listen on loopback")
            port = UInt16(bigEndian: addr.sin_port)
            _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
        }

        /// Connections waiting (completed handshakes are queued even when nobody accepts).
        func connections() -> Int {
            var n = 0
            while true {
                let c = accept(fd, nil, nil)
                if c < 0 { return n }
                close(c)
                n += 1
            }
        }

        deinit { close(fd) }
    }

    @Test func javaScriptDoesNotRun() throws {
        try #require(PDFPrinter.browser() != nil, "headless Chromium is not installed: run 'make test'")
        let text = try Self.pdfText(
            """
            <!DOCTYPE html><html><body><p id="x">SCRIPT-DID-NOT-RUN</p>
            <script>document.getElementById('x').textContent = 'SCRIPT-RAN'; document.write('WRITTEN-BY-SCRIPT')</script>
            <img src="data:," onerror="document.body.append('HANDLER-RAN')">
            </body></html>
            """)
        #expect(text.contains("SCRIPT-DID-NOT-RUN"), "\(text)")
        #expect(
            !text.contains("SCRIPT-RAN") && !text.contains("WRITTEN-BY-SCRIPT") && !text.contains("HANDLER-RAN"),
            "\(text)")
    }

    @Test func noRequestLeavesTheBrowser() throws {
        try #require(PDFPrinter.browser() != nil, "headless Chromium is not installed: run 'make test'")
        let server = try Listener()
        let url = "http://127.0.0.1:\(server.port)"
        let text = try Self.pdfText(
            """
            <!DOCTYPE html><html><head><link rel="stylesheet" href="\(url)/style.css"><link rel="prefetch" href="\(url)/prefetch">
            <style>@import url("\(url)/import.css"); body { background: url("\(url)/bg.png"); }
            @font-face { font-family: x; src: url("\(url)/font.woff"); } p { font-family: x; }</style></head>
            <body><p>PRINTED</p><img src="\(url)/pixel.png"><iframe src="\(url)/frame"></iframe>
            <object data="\(url)/object"></object><video poster="\(url)/poster.png"></video>
            <script>fetch("\(url)/fetch")</script></body></html>
            """)
        #expect(text.contains("PRINTED"))
        #expect(server.connections() == 0, "the page reached a server on loopback")
    }

    @Test func noFileBeyondThePageIsRead() throws {
        try #require(PDFPrinter.browser() != nil, "headless Chromium is not installed: run 'make test'")
        let out = try TemporaryWorkspace()
        try PDFPrinter.print(
            html: """
                <!DOCTYPE html><html><body><p>PRINTED</p>
                <iframe src="file:///etc/passwd" width="600" height="400"></iframe>
                <object data="file:///etc/passwd" type="text/plain" width="600" height="400"></object>
                <embed src="file:///etc/passwd" type="text/plain" width="600" height="400">
                <img src="file:///etc/hostname"><img src="file:///usr/share/pixmaps/debian-logo.png">
                <link rel="stylesheet" href="file:///etc/passwd">
                </body></html>
                """, to: out.root + "/t.pdf")
        let text = try PDFTests.tool("pdftotext", [out.root + "/t.pdf", "-"])
        #expect(text.contains("PRINTED"))
        #expect(!text.contains("root:"), "/etc/passwd reached the PDF")
        let images = try PDFTests.tool("pdfimages", ["-list", out.root + "/t.pdf"])
        // Only Chromium's 14 × 16 "broken image" icons, never the 48 × 48 logo read from disk.
        var sizes: [String] = []
        for line in images.split(separator: "\n").dropFirst(2) {
            let f: [Substring] = line.split(separator: " ")
            if f.count > 4, f[2] == "image" { sizes.append(f[3] + "x" + f[4]) }
        }
        #expect(sizes.allSatisfy { $0 == "14x16" }, "an image from disk reached the PDF:\n\(images)")
    }

    @Test func aPageThatRedirectsItselfIsRefused() throws {
        try #require(PDFPrinter.browser() != nil, "headless Chromium is not installed: run 'make test'")
        for meta in [
            "<META HTTP-EQUIV=Refresh content=\"0; url=file:///etc/passwd\">",
            "<meta content='0; url=file:///etc/passwd' http-equiv = 'refresh'>",
            "<meta\nhttp-equiv=\"&#114;efresh\" content=\"0; url=file:///etc/passwd\">",
        ] {
            #expect(throws: PrintError.self, "\(meta)") {
                try PDFPrinter.render(html: "<!DOCTYPE html><html><head>\(meta)</head><body>x</body></html>")
            }
        }
    }

    /// A stand-in browser that records its page, never finishes, and leaves a helper behind.
    static func hangingBrowser(_ dir: TemporaryWorkspace) throws -> String {
        let script = try dir.write(
            "browser.sh",
            """
            #!/bin/sh
            for a in "$@"; do case "$a" in file://*) page="${a#file://}";; esac; done
            echo "$page" > \(dir.root)/page
            stat -c %a "$page" > \(dir.root)/page-mode
            stat -c %a "$(dirname "$page")" > \(dir.root)/dir-mode
            sleep 300 &
            echo $! > \(dir.root)/helper
            sleep 300
            """)
        chmod(script, 0o755)
        return script
    }

    static func alive(_ pid: Int32) -> Bool {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8) else { return false }
        // A zombie waiting for its reaper is dead.
        return !stat.contains(") Z ")
    }

    @Test func aBrowserThatNeverFinishesIsKilledWithItsHelpersAndLeavesNoFile() throws {
        let dir = try TemporaryWorkspace()
        let browser = try Self.hangingBrowser(dir)
        let start = Date()
        var caught: PrintError?
        do {
            _ = try PDFPrinter.render(html: "<!DOCTYPE html><p>Maria R., MRN-0001</p>", timeout: 1.5, browser: browser)
        } catch {
            caught = error
        }
        #expect(Date().timeIntervalSince(start) < 15)
        #expect(caught?.description.contains("took longer than 1 seconds") == true, "\(String(describing: caught))")
        let page = try Paths.read(dir.root + "/page").trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(try Paths.read(dir.root + "/page-mode") == "600\n")
        #expect(try Paths.read(dir.root + "/dir-mode") == "700\n")
        #expect(!FileManager.default.fileExists(atPath: page), "the page with patient data is left behind")
        #expect(!FileManager.default.fileExists(atPath: FileSystem.directoryName(page)))
        let helper = Int32(try Paths.read(dir.root + "/helper").trimmingCharacters(in: .whitespacesAndNewlines))!
        usleep(200_000)
        #expect(!Self.alive(helper), "a helper of the browser outlived the time limit")
    }

    @Test func aBrowserThatFailsLeavesNoFile() throws {
        let dir = try TemporaryWorkspace()
        let script = try dir.write(
            "browser.sh",
            """
            #!/bin/sh
            for a in "$@"; do case "$a" in file://*) echo "${a#file://}" > \(dir.root)/page;; esac; done
            echo "crashed" >&2
            exit 7
            """)
        chmod(script, 0o755)
        #expect(throws: PrintError.self) { try PDFPrinter.render(html: "<p>x</p>", browser: script) }
        let page = try Paths.read(dir.root + "/page").trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(!FileManager.default.fileExists(atPath: FileSystem.directoryName(page)))
    }
}
