import Foundation
import TestSupport
import Testing

/// `rehab reassess`: the next assessment validates as written, keeps the last under history:, is
/// written 0600 through a rename, and never over a file without --force or --in-place.
struct ReassessCommandTests {
    @Test func aProfileFileIsReassessedAndValidates() throws {
        let ws = try TemporaryWorkspace.clinicCopy()
        let file = ws.root + "/Patients/maria-r.yaml"
        let before = try String(contentsOfFile: file, encoding: .utf8)
        let printed = try Run(["reassess", "Patients/maria-r.yaml", "--date", "2026-12-18"], in: ws.root)
        #expect(printed.status == 0, "\(printed.stderr)")
        #expect(printed.stdout.contains("assessed: 2026-12-18"))
        #expect(printed.stdout.contains("history:\n  - assessed: 2026-11-20"), "\(printed.stdout)")
        #expect(try String(contentsOfFile: file, encoding: .utf8) == before)

        let refused = try Run(
            ["reassess", "Patients/maria-r.yaml", "--date", "2026-12-18", "-o", "Patients/maria-r.yaml"], in: ws.root)
        #expect(refused.status == 1)
        #expect(try String(contentsOfFile: file, encoding: .utf8) == before)

        let inPlace = try Run(
            ["reassess", "gentle-start-osteopenia", "--date", "2026-12-18", "--in-place"], in: ws.root)
        #expect(inPlace.status == 0, "\(inPlace.stderr)")
        let attrs = try FileManager.default.attributesOfItem(atPath: file)
        #expect((attrs[.posixPermissions] as? Int) == 0o600)
        let validate = try Run(["validate"], in: ws.root)
        #expect(validate.status == 0, "\(validate.stdout)\(validate.stderr)")
        let check = try Run(["check", "gentle-start-osteopenia", "--as-of", "2026-12-20"], in: ws.root)
        #expect(check.stdout.contains("Checked as of 2026-12-20"), "\(check.stdout)")
    }

    @Test func anInlineProfileIsReassessedWithItsClearanceMarkedForReview() throws {
        let ws = try TemporaryWorkspace.clinicCopy()
        let run = try Run(
            ["reassess", "Plans/braced-t10-metastasis.yaml", "--date", "2026-12-21", "-o", "Plans/braced-next.yaml"],
            in: ws.root)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.contains("carried over for review: clearance spinal-team of 2026-11-25"), "\(run.stderr)")
        let text = try String(contentsOfFile: ws.root + "/Plans/braced-next.yaml", encoding: .utf8)
        #expect(text.contains("  # carried over from the assessment of 2026-11-23: review"))
        // Same id as the original: validate the copy alone.
        let early = try Run(["reassess", "Plans/braced-t10-metastasis.yaml", "--date", "2026-11-01"], in: ws.root)
        #expect(early.status == 1)
        #expect(early.stderr.contains("must be after the last one"), "\(early.stderr)")
    }
}
