import Foundation
import RehabKit

/// Where a progress log lives, as `--db`, `REHAB_DB` or `store copy` name it: the one parser of store
/// addresses. A text is either a URL — `postgres://…` or `postgresql://…`, the scheme in any case — or
/// a file path. Anything that looks like a URL but is not one rehab reads is refused, never taken as a
/// path: a text with `://` anywhere, or a known scheme (`postgres:`, `sqlite:`, `file:`, `mysql:` …)
/// before its first `:`, the text percent-decoded first. A path that holds credentials (`user:pw@…`
/// in one of its folders) or control characters is refused too, so a mistyped address never becomes
/// folders named after it, password included. Messages show an address through `redacted`.
public enum StoreAddress: Sendable, Equatable, CustomStringConvertible {
    case file(String)
    case postgres(PostgresAddress)

    /// Parses `text`; a relative path is taken from `base`.
    public init(_ text: String, base: String) throws(StoreError) {
        if Self.looksLikeURL(text) {
            guard let scheme = Self.scheme(of: text), PostgresAddress.schemes.contains(scheme),
                text.drop(while: { $0 != ":" }).hasPrefix("://")
            else {
                throw StoreError(
                    "'\(Self.redacted(text))' looks like an address, but rehab reads only postgres:// (or postgresql://) addresses and file paths: write postgres://USER@HOST:PORT/DATABASE, or the path of an SQLite file"
                )
            }
            self = .postgres(try PostgresAddress(url: text))
            return
        }
        if text.isEmpty {
            throw StoreError("the progress log's path is empty: pass --db FILE or a postgres:// address")
        }
        if text.unicodeScalars.contains(where: UserText.isControlOrInvisible) {
            throw StoreError(
                "the progress log's path '\(Self.redacted(text))' holds control or invisible characters: write it again"
            )
        }
        if Self.holdsCredentials(text) {
            throw StoreError(
                "'\(Self.redacted(text))' looks like an address with a user and a password, not a file path (a path never holds a password): write postgres://USER@HOST:PORT/DATABASE"
            )
        }
        self = .file(FileSystem.absolute(text, base: base))
    }

    /// The address as messages show it: a path as it is, a server without its password.
    public var description: String {
        switch self {
        case .file(let path): return UserText.plain(path)
        case .postgres(let a): return a.description
        }
    }

    /// Schemes that make a text an address even without `//` after them.
    static let knownSchemes: Set<String> = [
        "postgres", "postgresql", "pg", "pgsql", "psql", "sqlite", "sqlite3", "file", "http", "https", "ftp", "sftp",
        "ssh",
        "mysql", "mariadb", "mssql", "sqlserver", "oracle", "redis", "mongodb", "mongodb+srv", "jdbc", "odbc", "libsql",
        "duckdb", "cockroachdb", "s3", "gs", "smb", "nfs", "ldap", "data", "tcp", "unix",
    ]

    /// The text percent-decoded (as far as it decodes) and without the spaces around it: what is
    /// judged, so that `%70ostgres://` or ` postgres://` is not a path either.
    static func judged(_ text: String) -> String {
        let t = text.trimmingCharacters(in: .whitespacesAndNewlines)
        return t.removingPercentEncoding ?? t
    }

    /// The lower-cased scheme of a text shaped `scheme:…` (RFC 3986: a letter, then letters, digits,
    /// `+`, `-` or `.`), or nil.
    static func scheme(of text: String) -> String? {
        guard let colon = text.firstIndex(of: ":") else { return nil }
        let candidate = text[..<colon]
        guard let first = candidate.unicodeScalars.first, first.isASCII, first.properties.isAlphabetic,
            candidate.unicodeScalars.allSatisfy({
                $0.isASCII
                    && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || "+-.".unicodeScalars.contains($0))
            })
        else { return nil }
        return candidate.lowercased()
    }

    /// Whether `text` is meant as an address rather than a path (see the type's documentation).
    public static func looksLikeURL(_ text: String) -> Bool {
        for t in [text, judged(text)] {
            if t.contains("://") { return true }
            if let s = scheme(of: t), knownSchemes.contains(s) { return true }
        }
        return false
    }

    /// A folder or file name of the path shaped `user:password@…`.
    static func holdsCredentials(_ text: String) -> Bool {
        judged(text).split(separator: "/").contains { part in
            guard let colon = part.firstIndex(of: ":"), let at = part.lastIndex(of: "@") else { return false }
            return colon < at
        }
    }

    /// `text` with any password replaced by `…` and control characters removed: how every message
    /// shows an address given by the user, parsed or not.
    public static func redacted(_ text: String) -> String {
        var out = text
        // user:password@ in the authority (after `scheme://`, or after `scheme:`), or in any folder of a path.
        var start = out.startIndex
        if let s = out.range(of: "://") {
            start = s.upperBound
        } else if let s = scheme(of: out) {
            start = out.index(out.startIndex, offsetBy: s.count + 1)
            while start < out.endIndex, out[start] == "/" { start = out.index(after: start) }
        }
        let end = out[start...].firstIndex(where: { "/?#".contains($0) }) ?? out.endIndex
        if let at = out[start..<end].lastIndex(of: "@"), let colon = out[start..<at].firstIndex(of: ":") {
            out = String(out[..<colon]) + ":…" + String(out[at...])
        } else if !looksLikeURL(out), holdsCredentials(out) {
            out = out.split(separator: "/", omittingEmptySubsequences: false).map { part in
                guard let colon = part.firstIndex(of: ":"), let at = part.lastIndex(of: "@"), colon < at else {
                    return String(part)
                }
                return String(part[..<colon]) + ":…" + String(part[at...])
            }.joined(separator: "/")
        }
        // A password written percent-encoded in the part above is gone with it; one that only decoding
        // reveals (`%3A` for the colon) is cut at the `@` too.
        if out.contains("%"), let decoded = out.removingPercentEncoding, decoded != out, decoded.contains("@"),
            redacted(decoded) != decoded
        {
            return redacted(decoded)
        }
        return UserText.plain(out)
    }
}
