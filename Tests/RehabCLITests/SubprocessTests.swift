import Foundation
import TestSupport
import Testing

/// The harness every command test runs through: a child that fills its standard error (a
/// sanitizer report is ~140 KB) before it writes or closes its standard output must not hang the
/// suite, as it did when the pipes were read one after the other.
struct SubprocessTests {
    @Test(.timeLimit(.minutes(10)))
    func aChildThatFillsStandardErrorFirstDoesNotHang() throws {
        let run = try Subprocess("/bin/sh", ["-c", "head -c 300000 /dev/zero | tr '\\0' e >&2; echo done"])
        #expect(run.status == 0)
        #expect(run.output == "done\n")
        #expect(run.stderr.count == 300_000)
    }
}
