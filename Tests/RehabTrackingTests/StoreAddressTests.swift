import Foundation
import RehabKit
import RehabTracking
import TestSupport
import Testing

/// Issue 22: the one parser of store addresses, `sslmode` by value, links at the store's place, and
/// the cleaning of every store message.
struct StoreAddressTests {
    static let base = "/work/site"

    /// Spellings of a PostgreSQL address that must be read as one (the scheme in any case).
    @Test(arguments: [
        "postgres://ann:pw@localhost/rehab", "POSTGRES://ann:pw@localhost/rehab", "Postgresql://ann:pw@localhost/rehab",
        "PostgreSQL://ann:pw@localhost/rehab", "pOsTgReS://ann:pw@localhost/rehab",
    ])
    func theSchemeIsReadInAnyCase(_ text: String) throws {
        guard case .postgres(let a) = try StoreAddress(text, base: Self.base) else {
            Issue.record("\(text) was taken as a path")
            return
        }
        #expect(a.user == "ann" && a.host == "localhost" && a.database == "rehab")
        #expect(a.password(environment: [:]) == "pw")
    }

    /// Texts that look like an address but are not one rehab reads: refused, never a path, and the
    /// message never repeats the password.
    @Test(arguments: [
        "mysql://ann:pw@db/rehab", "sqlite:///tmp/x.sqlite", "file:///tmp/x.sqlite", "http://ann:pw@db/rehab",
        "postgres:/ann:pw@db/rehab", "postgres:ann:pw@db/rehab", "POSTGRES:ann:pw@db/rehab", "postgresql:rehab",
        "postgres ://ann:pw@db/rehab", " postgres://ann:pw@db/rehab?sslmode=require", "./postgres://ann:pw@db/rehab",
        "%70ostgres://ann:pw@db/rehab", "postgres%3A%2F%2Fann:pw@db/rehab", "jdbc:postgresql://ann:pw@db/rehab",
        "pg://ann:pw@db/rehab", "Sqlite:progress.sqlite", "ＰＯＳＴＧＲＥＳ://ann:pw@db/rehab",
        "backups/ann:pw@db/rehab.sqlite", "ann:pw@db/rehab",
    ])
    func whatLooksLikeAnAddressIsNeverAPath(_ text: String) throws {
        do {
            let parsed = try StoreAddress(text, base: Self.base)
            Issue.record("\(text) was accepted as \(parsed)")
        } catch {
            #expect(!error.description.contains("pw"), "the password shows: \(error)")
        }
    }

    @Test(arguments: [
        ".rehab/progress.sqlite", "/var/lib/rehab/log.sqlite", "site a/log.sqlite", "log:2026.sqlite", "a@b.sqlite",
        "~/x.sqlite",
    ])
    func plainPathsStayPaths(_ text: String) throws {
        #expect(try StoreAddress(text, base: Self.base) == .file(FileSystem.absolute(text, base: Self.base)))
    }

    @Test func redactionHidesThePasswordInEverySpelling() {
        for text in [
            "POSTGRES://ann:s3cret@db/x", "postgres:ann:s3cret@db/x", "mysql://ann:s3cret@db/x", "dir/ann:s3cret@db/x",
            "postgres://ann%3As3cret@db/x", "postgres://ann:s3cret@db:99999/x",
        ] {
            #expect(!StoreAddress.redacted(text).contains("s3cret"), "\(text) → \(StoreAddress.redacted(text))")
        }
        #expect(StoreAddress.redacted("postgres://ann:pw@db/x") == "postgres://ann:…@db/x")
        #expect(StoreAddress.redacted("postgres://ann\u{1B}[2J@db/x") == "postgres://ann[2J@db/x")
    }

    /// A remote address without TLS is refused however `sslmode` is written, or left empty.
    @Test(arguments: ["", "?sslmode=", "?sslmode", "?sslmode=%20", "?sslmode=&sslmode=", "?&&", "?sslmode= "])
    func anEmptySslmodeIsNotGiven(_ query: String) {
        #expect(throws: StoreError.self, "\(query)") {
            try PostgresAddress(url: "postgres://ann@db.hospital.example/rehab" + query)
        }
    }

    @Test(arguments: [
        "?sslmode=maybe", "?sslmode=off", "?sslmode=allow", "?sslmode=disable&sslmode=require",
        "?sslmode=require&sslmode=disable",
        "?sslmode=%ZZ", "?SSLMODE=nope", "?ssl=true", "?sslmode=require#frag",
    ])
    func anUnknownOrContradictorySslmodeIsRefused(_ query: String) {
        #expect(throws: StoreError.self, "\(query)") {
            try PostgresAddress(url: "postgres://ann@db.hospital.example/rehab" + query)
        }
    }

    @Test(arguments: [
        ("?sslmode=REQUIRE", PostgresAddress.TLSMode.require), ("?sslmode=%72equire", .require),
        ("?SslMode= verify-full ", .verifyFull),
        ("?sslmode=require&sslmode=require", .require), ("?sslmode=&sslmode=verify-full", .verifyFull),
        ("?sslmode=Prefer", .require),
        ("?sslmode=disable", .disable),
    ])
    func sslmodeIsReadByValue(_ query: String, _ mode: PostgresAddress.TLSMode) throws {
        #expect(try PostgresAddress(url: "POSTGRES://ann@DB.hospital.example/rehab" + query).tls == mode)
    }

    @Test func controlCharactersInAnAddressAreRefusedAndNeverPrinted() {
        do {
            _ = try PostgresAddress(url: "postgres://ann%1B%5D0%3Bpwned%07@localhost/rehab")
            Issue.record("accepted a user name with an escape")
        } catch {
            #expect(!error.description.unicodeScalars.contains { $0.value < 0x20 }, "\(error)")
        }
        #expect(
            !StoreError("table \u{1B}[31mevil\u{202E}").description.unicodeScalars.contains {
                $0.value == 0x1B || $0.value == 0x202E
            })
    }

    // MARK: Links

    /// A store that is a link to nothing yet: SQLite would create the log where it points (0644).
    @Test func aDanglingLinkAsTheStoreIsRefusedAndNothingIsCreated() throws {
        let ws = try TemporaryWorkspace()
        let outside = try TemporaryWorkspace()
        try FileManager.default.createDirectory(atPath: ws.root + "/.rehab", withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(
            atPath: ws.root + "/.rehab/progress.sqlite", withDestinationPath: outside.root + "/stolen.sqlite")
        do {
            _ = try ProgressStore.open(path: ws.root + "/.rehab/progress.sqlite", create: true)
            Issue.record("a linked store was opened")
        } catch {
            #expect(error.description.contains("is a symbolic link"), "\(error)")
        }
        #expect(!FileManager.default.fileExists(atPath: outside.root + "/stolen.sqlite"))
    }

    @Test func aLinkToAnExistingFileAsTheStoreIsRefused() throws {
        let ws = try TemporaryWorkspace()
        let outside = try TemporaryWorkspace()
        let target = try outside.write("real.sqlite", "")
        try FileManager.default.createDirectory(atPath: ws.root + "/.rehab", withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(
            atPath: ws.root + "/.rehab/progress.sqlite", withDestinationPath: target)
        for create in [true, false] {
            #expect(throws: StoreError.self) {
                _ = try ProgressStore.open(path: ws.root + "/.rehab/progress.sqlite", create: create)
            }
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: target)).isEmpty)
    }

    @Test func aLinkedRehabFolderIsRefused() throws {
        let ws = try TemporaryWorkspace()
        let outside = try TemporaryWorkspace()
        try FileManager.default.createSymbolicLink(atPath: ws.root + "/.rehab", withDestinationPath: outside.root)
        do {
            _ = try ProgressStore.open(path: ws.root + "/.rehab/progress.sqlite", create: true)
            Issue.record("a linked .rehab folder was used")
        } catch {
            #expect(error.description.contains("folder") && error.description.contains("symbolic link"), "\(error)")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: outside.root).isEmpty)
        // Dangling too.
        let dangling = try TemporaryWorkspace()
        try FileManager.default.createSymbolicLink(
            atPath: dangling.root + "/.rehab", withDestinationPath: outside.root + "/nowhere")
        #expect(throws: StoreError.self) {
            _ = try ProgressStore.open(path: dangling.root + "/.rehab/progress.sqlite", create: true)
        }
        #expect(!FileManager.default.fileExists(atPath: outside.root + "/nowhere"))
    }

    @Test(arguments: ["-journal", "-wal", "-shm"])
    func aLinkedSideFileIsRefused(_ suffix: String) throws {
        let ws = try TemporaryWorkspace()
        let outside = try TemporaryWorkspace()
        try FileManager.default.createDirectory(atPath: ws.root + "/.rehab", withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(
            atPath: ws.root + "/.rehab/progress.sqlite" + suffix, withDestinationPath: outside.root + "/side")
        #expect(throws: StoreError.self) {
            _ = try ProgressStore.open(path: ws.root + "/.rehab/progress.sqlite", create: true)
        }
        #expect(!FileManager.default.fileExists(atPath: outside.root + "/side"))
    }
}
