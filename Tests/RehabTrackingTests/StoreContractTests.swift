import Foundation
import RehabKit
import TestSupport
import Testing

@testable import RehabTracking

/// What every progress log promises (`ProgressLogStore`), run against each backend: the embedded
/// SQLite file always, and the PostgreSQL server when `make test` started one (a fresh database per
/// test).
struct StoreContractTests {
    enum Backend: String, CustomStringConvertible, Sendable {
        case sqlite, postgres
        var description: String { rawValue }

        /// PostgreSQL only under `make test`, which starts the server (or says why it could not).
        static let all: [Backend] = TestPostgres.asked ? [.sqlite, .postgres] : [.sqlite]
    }

    /// A new, empty log of `backend`, and the address `Tracking.openStore` takes for it.
    final class Fresh: Sendable {
        let address: String
        let folder: TemporaryWorkspace?

        init(_ backend: Backend) throws {
            switch backend {
            case .sqlite:
                let folder = try TemporaryWorkspace()
                self.folder = folder
                address = folder.root + "/.rehab/progress.sqlite"
            case .postgres:
                folder = nil
                address = try TestPostgres.freshDatabase()
            }
        }

        func open(create: Bool = true) throws(StoreError) -> (any ProgressLogStore)? {
            try Tracking.openStore(address, create: create)
        }
    }

    static let day = LocalDate("2026-12-01")!

    static func session(_ item: String, _ n: Int, _ outcome: Outcome = .done, plan: String = "p1") -> LogEntry {
        LogEntry(plan: plan, date: day, kind: .session, item: item, session: n, outcome: outcome)
    }

    @Test(arguments: Backend.all)
    func entriesComeBackAsStoredInDateOrder(_ backend: Backend) throws {
        let fresh = try Fresh(backend)
        defer { withExtendedLifetime(fresh) {} }  // its folder lives as long as the test
        let store = try #require(try fresh.open())
        let later = LogEntry(
            plan: "p1", date: LocalDate("2026-12-02")!, kind: .pain, pain: 3, note: "after \"walks\"; ok")
        try store.add([later, Self.session("walk", 1), Self.session("walk", 2, .partial)], replace: false, voided: [])
        #expect(try store.entries(plan: "p1") == [Self.session("walk", 1), Self.session("walk", 2, .partial), later])
        #expect(try store.count() == 3)
        #expect(try store.entries(plan: "other").isEmpty)
    }

    @Test(arguments: Backend.all)
    func aBatchIsOneTransaction(_ backend: Backend) throws {
        let fresh = try Fresh(backend)
        defer { withExtendedLifetime(fresh) {} }  // its folder lives as long as the test
        let store = try #require(try fresh.open())
        try store.add([Self.session("walk", 1)], replace: false, voided: [])
        #expect(throws: StoreError.self) {
            try store.add(
                [Self.session("walk", 2), Self.session("walk", 1), Self.session("walk", 3)], replace: false, voided: [])
        }
        #expect(try store.count() == 1, "nothing of the failed batch is stored")
        do {
            try store.add([Self.session("walk", 1)], replace: false, voided: [])
            Issue.record("a second entry for the same session was stored")
        } catch {
            #expect(error.description.contains("is already in the log"), "\(error)")
            #expect(error.description.contains("--replace"))
        }
        try store.add([Self.session("walk", 1, .skipped)], replace: true, voided: [])
        #expect(try store.entries(plan: "p1") == [Self.session("walk", 1, .skipped)])
    }

    @Test(arguments: Backend.all)
    func aVoidedEntryStaysButCountsNoMore(_ backend: Backend) throws {
        let fresh = try Fresh(backend)
        defer { withExtendedLifetime(fresh) {} }  // its folder lives as long as the test
        let store = try #require(try fresh.open())
        let flag = LogEntry(plan: "p1", date: Self.day, kind: .symptom, symptom: .legWeakness)
        try store.add([flag], replace: false, voided: [])
        #expect(try store.reportedRedFlags(plans: ["p1", "p2"]) == [ReportedRedFlag(.legWeakness, on: Self.day)])
        let id = try #require(try store.allEntries(plan: "p1").first?.id)
        let voided = try store.void(
            id: id,
            voiding: Voiding(at: "2026-12-02T10:00:00Z", by: "J. Okafor", reason: "entered for the wrong patient"))
        #expect(voided.voided?.by == "J. Okafor")
        #expect(try store.reportedRedFlags(plans: ["p1"]).isEmpty)
        #expect(try store.voidedSymptoms(plans: ["p1"]).map(\.id) == [id])
        #expect(try store.count() == 1, "voided, not deleted")
        #expect(throws: StoreError.self) { try store.void(id: id, voiding: Voiding(at: "x", by: "y", reason: "again")) }
        #expect(throws: StoreError.self) {
            try store.void(id: id + 1000, voiding: Voiding(at: "x", by: "y", reason: "none"))
        }
        // The slot is free again: the corrected entry goes in.
        try store.add([flag], replace: false, voided: [])
        #expect(try store.reportedRedFlags(plans: ["p1"]).count == 1)
    }

    @Test(arguments: Backend.all)
    func aCommandThatOnlyReadsCreatesNothing(_ backend: Backend) throws {
        let fresh = try Fresh(backend)
        defer { withExtendedLifetime(fresh) {} }
        #expect(try fresh.open(create: false) == nil, "no log yet: read as empty")
        let store = try #require(try fresh.open(create: true))
        try store.add([Self.session("walk", 1)], replace: false, voided: [])
        let reader = try #require(try fresh.open(create: false))
        #expect(reader.readOnly)
        #expect(try reader.count() == 1)
        #expect(throws: StoreError.self) { try reader.add([Self.session("walk", 2)], replace: false, voided: []) }
    }

    /// Another application's database is refused, for writing and for reading, and left untouched;
    /// so is a log written by a newer rehab.
    @Test(arguments: Backend.all)
    func anotherApplicationsDatabaseOrANewerLayoutIsLeftUntouched(_ backend: Backend) throws {
        let foreign = try Fresh(backend)
        defer { withExtendedLifetime(foreign) {} }
        let describe: () throws -> String
        switch backend {
        case .sqlite:
            try FileManager.default.createDirectory(
                atPath: (foreign.address as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            _ = try sqlite(foreign.address, "CREATE TABLE patients (id INTEGER); INSERT INTO patients VALUES (1);")
            describe = {
                try sqlite(
                    foreign.address,
                    "SELECT group_concat(name) FROM sqlite_master WHERE type = 'table'; SELECT COUNT(*) FROM patients;")
            }
        case .postgres:
            _ = try TestPostgres.sql(foreign.address, "CREATE TABLE patients (id int); INSERT INTO patients VALUES (1)")
            describe = {
                try TestPostgres.sql(
                    foreign.address,
                    "SELECT string_agg(relname, ',') FROM pg_class WHERE relkind = 'r' AND relnamespace = 'public'::regnamespace"
                ) + "|" + TestPostgres.sql(foreign.address, "SELECT COUNT(*) FROM patients")
            }
        }
        let before = try describe()
        for create in [true, false] {
            #expect { try foreign.open(create: create) } throws: {
                "\($0)".contains("another application") && "\($0)".contains("left untouched")
            }
        }
        #expect(try describe() == before, "untouched")

        let newer = try Fresh(backend)
        defer { withExtendedLifetime(newer) {} }
        _ = try newer.open()
        switch backend {
        case .sqlite: _ = try sqlite(newer.address, "PRAGMA user_version = 4;")
        case .postgres:
            _ = try TestPostgres.sql(newer.address, "UPDATE rehab_store SET value = '4' WHERE key = 'schema_version'")
        }
        #expect { try newer.open() } throws: { "\($0)".contains("newer rehab") && "\($0)".contains("left untouched") }
    }

    /// Two sites write at once: nothing lost, and each sees the other's red flag at once.
    @Test(arguments: Backend.all)
    func twoConnectionsShareOneLog(_ backend: Backend) throws {
        let fresh = try Fresh(backend)
        defer { withExtendedLifetime(fresh) {} }
        let a = try #require(try fresh.open())
        let b = try #require(try fresh.open())
        try a.add([Self.session("walk", 1)], replace: false, voided: [])
        try b.add(
            [LogEntry(plan: "p1", date: Self.day, kind: .symptom, symptom: .numbness)], replace: false, voided: [])
        #expect(try a.reportedRedFlags(plans: ["p1"]) == [ReportedRedFlag(.numbness, on: Self.day)])
        #expect(try b.count() == 2)
    }
}
