import Foundation
import RehabKit
import TestSupport
import Testing

@testable import RehabTracking

/// `rehab store copy` between every pair of backends: all entries (voided ones with their voiding)
/// arrive; a second copy copies nothing; a conflicting entry stops the copy with nothing written.
struct LogCopyTests {
    typealias Backend = StoreContractTests.Backend
    static let pairs: [(Backend, Backend)] = Backend.all.flatMap { a in Backend.all.map { (a, $0) } }

    static let day = LocalDate("2026-12-01")!

    static func fill(_ store: any ProgressLogStore) throws {
        try store.add(
            [
                StoreContractTests.session("walk", 1), StoreContractTests.session("walk", 2, .partial),
                LogEntry(plan: "p1", date: day, kind: .pain, pain: 4, note: "after the walk, \"sore\""),
                LogEntry(plan: "p2", date: day, kind: .symptom, symptom: .numbness),
            ], replace: false, voided: [])
        let flag = try #require(try store.allEntries(plan: "p2").first)
        _ = try store.void(
            id: flag.id, voiding: Voiding(at: "2026-12-02T09:00:00Z", by: "J. Okafor", reason: "wrong patient"))
    }

    @Test(arguments: pairs)
    func everyEntryArrivesOnceAndACopyCanBeRepeated(_ pair: (Backend, Backend)) throws {
        let a = try StoreContractTests.Fresh(pair.0)
        let b = try StoreContractTests.Fresh(pair.1)
        defer { withExtendedLifetime((a, b)) {} }
        let source = try #require(try a.open())
        let destination = try #require(try b.open())
        try Self.fill(source)
        let copy = try LogCopy(from: source, to: destination)
        #expect(copy.toCopy.count == 4 && copy.alreadyThere == 0 && copy.conflicts.isEmpty)
        let sum = try copy.run(to: destination)
        #expect(sum == copy.sourceChecksum)
        #expect(try destination.count() == 4)
        #expect(try destination.allStored().map(\.entry) == (try source.allStored().map(\.entry)))
        #expect(
            try destination.voidedSymptoms(plans: ["p2"]).first?.voided?.reason == "wrong patient", "voiding travels")
        let again = try LogCopy(from: source, to: destination)
        #expect(again.toCopy.isEmpty && again.alreadyThere == 4, "idempotent")
        _ = try again.run(to: destination)
        #expect(try destination.count() == 4)
    }

    @Test(arguments: pairs)
    func aConflictStopsTheCopyWithNothingWritten(_ pair: (Backend, Backend)) throws {
        let a = try StoreContractTests.Fresh(pair.0)
        let b = try StoreContractTests.Fresh(pair.1)
        defer { withExtendedLifetime((a, b)) {} }
        let source = try #require(try a.open())
        let destination = try #require(try b.open())
        try Self.fill(source)
        // The destination already says session 2 was skipped, not partial.
        try destination.add([StoreContractTests.session("walk", 2, .skipped)], replace: false, voided: [])
        let copy = try LogCopy(from: source, to: destination)
        #expect(copy.conflicts.count == 1)
        #expect(throws: StoreError.self) { _ = try copy.run(to: destination) }
        #expect(try destination.count() == 1, "nothing copied")
    }

    @Test func theChecksumIgnoresIdsAndOrderButNotContent() throws {
        let e = StoredEntry(id: 1, entry: StoreContractTests.session("walk", 1), voided: nil)
        var f = StoredEntry(id: 9, entry: StoreContractTests.session("walk", 2), voided: nil)
        #expect(LogCopy.checksum([e, f]) == LogCopy.checksum([StoredEntry(id: 5, entry: f.entry, voided: nil), e]))
        f.entry.outcome = .skipped
        #expect(
            LogCopy.checksum([e, f])
                != LogCopy.checksum([e, StoredEntry(id: 9, entry: StoreContractTests.session("walk", 2), voided: nil)]))
    }
}
