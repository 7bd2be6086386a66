import Foundation
import RehabKit

/// Where a shared progress log lives: `postgres://user@host:port/dbname`, from `--db` or `REHAB_DB`.
///
/// The password comes from the URL (`user:password@`), else `PGPASSWORD`, else the password file
/// (`PGPASSFILE`, or `~/.pgpass`: `host:port:database:user:password` lines, `*` matching anything,
/// `\:` and `\\` escaped) — as psql finds it. It is never part of `description`, which is what any
/// message, report or log shows. `sslmode=verify-full` asks for TLS with the server's certificate and
/// name checked against the system's authorities, `require` for TLS unchecked, `disable` for none
/// (the default on loopback only: away from it the address must say which); `prefer` is `require`
/// away from loopback.
public struct PostgresAddress: Sendable, Equatable, CustomStringConvertible {
    public enum TLSMode: String, Sendable {
        case disable, prefer, require
        case verifyFull = "verify-full"
    }

    public var user: String
    public var host: String
    public var port: Int
    public var database: String
    public var tls: TLSMode
    /// From the URL only; see `password(environment:)`.
    var urlPassword: String?

    /// Whether `text` names a PostgreSQL server rather than a file.
    public static func isURL(_ text: String) -> Bool {
        text.hasPrefix("postgres://") || text.hasPrefix("postgresql://")
    }

    /// Parses a URL; the error says what is wrong without repeating a password.
    public init(url text: String) throws(StoreError) {
        guard let scheme = text.range(of: "://"), Self.isURL(text) else {
            throw StoreError("'\(Self.redacted(text))' is not a postgres:// address")
        }
        var rest = String(text[scheme.upperBound...])
        var query = ""
        if let q = rest.firstIndex(of: "?") {
            query = String(rest[rest.index(after: q)...])
            rest = String(rest[..<q])
        }
        guard let slash = rest.firstIndex(of: "/") else {
            throw StoreError("'\(Self.redacted(text))' names no database: write postgres://USER@HOST:PORT/DATABASE")
        }
        let authority = String(rest[..<slash])
        let database = String(rest[rest.index(after: slash)...]).removingPercentEncoding ?? ""
        guard !database.isEmpty, !database.contains("/") else {
            throw StoreError("'\(Self.redacted(text))' names no database: write postgres://USER@HOST:PORT/DATABASE")
        }
        var hostPort = authority
        var user = ""
        var password: String?
        if let at = authority.lastIndex(of: "@") {
            let credentials = authority[..<at]
            hostPort = String(authority[authority.index(after: at)...])
            if let colon = credentials.firstIndex(of: ":") {
                user = String(credentials[..<colon]).removingPercentEncoding ?? ""
                password = String(credentials[credentials.index(after: colon)...]).removingPercentEncoding
            } else {
                user = String(credentials).removingPercentEncoding ?? ""
            }
        }
        guard !user.isEmpty else {
            throw StoreError("'\(Self.redacted(text))' names no user: write postgres://USER@HOST:PORT/DATABASE")
        }
        var host = hostPort, port = 5432
        if hostPort.hasPrefix("["), let close = hostPort.firstIndex(of: "]") {
            host = String(hostPort[hostPort.index(after: hostPort.startIndex)..<close])
            let after = hostPort[hostPort.index(after: close)...]
            if after.hasPrefix(":") {
                guard let p = Int(after.dropFirst()), (1...65535).contains(p) else {
                    throw StoreError("'\(Self.redacted(text))' has no valid port")
                }
                port = p
            }
        } else if let colon = hostPort.lastIndex(of: ":") {
            host = String(hostPort[..<colon])
            guard let p = Int(hostPort[hostPort.index(after: colon)...]), (1...65535).contains(p) else {
                throw StoreError("'\(Self.redacted(text))' has no valid port")
            }
            port = p
        }
        guard !host.isEmpty else { throw StoreError("'\(Self.redacted(text))' names no host") }
        var tls: TLSMode = .disable
        for pair in query.split(separator: "&") {
            let kv = pair.split(separator: "=", maxSplits: 1).map(String.init)
            guard kv.count == 2 else { continue }
            switch kv[0] {
            case "sslmode":
                guard let mode = TLSMode(rawValue: kv[1]) else {
                    throw StoreError("sslmode '\(kv[1])' is not one rehab knows: disable, prefer, require or verify-full")
                }
                tls = mode
            default:
                throw StoreError("'\(kv[0])' is not a setting rehab reads from a postgres:// address (only sslmode)")
            }
        }
        // Patient data never crosses a network in the clear by default: away from loopback the address
        // must say how (verify-full, require, or disable on purpose); prefer is require there.
        let loopback = ["localhost", "127.0.0.1", "::1"].contains(host.lowercased()) || host.hasPrefix("/")
        if !loopback {
            guard query.contains("sslmode=") else {
                throw StoreError("'\(Self.redacted(text))' is not on this machine: add ?sslmode=verify-full (TLS, the server's certificate checked), ?sslmode=require (TLS, unchecked) or, on a network you trust, ?sslmode=disable")
            }
            if tls == .prefer { tls = .require }
        }
        self.user = user
        self.host = host
        self.port = port
        self.database = database
        self.tls = tls
        self.urlPassword = password
    }

    /// The address without its password: what every message shows.
    public var description: String {
        let h = host.contains(":") ? "[\(host)]" : host
        return "postgres://\(user)@\(h):\(port)/\(database)" + (tls == .disable ? "" : "?sslmode=\(tls.rawValue)")
    }

    /// A URL with its password (if any) replaced, for an error about a URL that did not parse.
    static func redacted(_ text: String) -> String {
        guard let scheme = text.range(of: "://"), let at = text[scheme.upperBound...].lastIndex(of: "@") else { return text }
        let credentials = text[scheme.upperBound..<at]
        guard let colon = credentials.firstIndex(of: ":") else { return text }
        return String(text[..<colon]) + ":…" + String(text[at...])
    }

    /// The password to send: the URL's, else `PGPASSWORD`, else the password file's line for this
    /// address, else none (the server may trust the connection).
    public func password(environment: [String: String]) -> String? {
        if let urlPassword { return urlPassword }
        if let p = environment["PGPASSWORD"] { return p }
        let file = environment["PGPASSFILE"] ?? environment["HOME"].map { $0 + "/.pgpass" }
        guard let file, let text = try? String(contentsOfFile: file, encoding: .utf8) else { return nil }
        // As libpq: a password file others can read is ignored.
        var st = stat()
        if stat(file, &st) == 0, st.st_mode & 0o077 != 0 { return nil }
        for line in text.split(whereSeparator: \.isNewline) where !line.hasPrefix("#") {
            let fields = Self.pgpassFields(String(line))
            guard fields.count == 5 else { continue }
            let wanted = [host, String(port), database, user]
            if zip(fields.prefix(4), wanted).allSatisfy({ $0 == "*" || $0 == $1 }) { return fields[4] }
        }
        return nil
    }

    /// A `.pgpass` line's fields: split at unescaped `:`, with `\:` and `\\` unescaped.
    static func pgpassFields(_ line: String) -> [String] {
        var fields: [String] = [], current = "", escaped = false
        for c in line {
            if escaped { current.append(c); escaped = false } else if c == "\\" { escaped = true } else if c == ":" && fields.count < 4 {
                fields.append(current)
                current = ""
            } else { current.append(c) }
        }
        fields.append(current)
        return fields
    }
}
