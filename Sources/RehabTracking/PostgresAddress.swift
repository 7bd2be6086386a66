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

    /// The schemes of a PostgreSQL address, matched in any case (URI schemes are case-insensitive).
    static let schemes: Set<String> = ["postgres", "postgresql"]

    /// Whether `text` is to be read as an address rather than a file path: anything that looks like a
    /// URL, which `StoreAddress` then parses or refuses (never a path).
    public static func isURL(_ text: String) -> Bool {
        StoreAddress.looksLikeURL(text)
    }

    /// Parses a URL; the error says what is wrong without repeating a password.
    public init(url text: String) throws(StoreError) {
        let shown = StoreAddress.redacted(text)
        guard let scheme = text.range(of: "://"), let name = StoreAddress.scheme(of: text), Self.schemes.contains(name),
            text[..<scheme.lowerBound].count == name.count
        else {
            throw StoreError("'\(shown)' is not a postgres:// address")
        }
        var rest = String(text[scheme.upperBound...])
        if rest.contains("#") {
            throw StoreError("'\(shown)' has a '#' part, which a postgres:// address does not take")
        }
        var query = ""
        if let q = rest.firstIndex(of: "?") {
            query = String(rest[rest.index(after: q)...])
            rest = String(rest[..<q])
        }
        guard let slash = rest.firstIndex(of: "/") else {
            throw StoreError("'\(shown)' names no database: write postgres://USER@HOST:PORT/DATABASE")
        }
        let authority = String(rest[..<slash])
        let database = String(rest[rest.index(after: slash)...]).removingPercentEncoding ?? ""
        guard !database.isEmpty, !database.contains("/") else {
            throw StoreError("'\(shown)' names no database: write postgres://USER@HOST:PORT/DATABASE")
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
            throw StoreError("'\(shown)' names no user: write postgres://USER@HOST:PORT/DATABASE")
        }
        // What messages show (user, host, database) never carries a terminal escape or an invisible character.
        for (what, part) in [("user name", user), ("host", hostPort), ("database name", database)]
        where part.unicodeScalars.contains(where: UserText.isControlOrInvisible) {
            throw StoreError("the \(what) in '\(shown)' holds control or invisible characters: write the address again")
        }
        var host = hostPort
        var port = 5432
        if hostPort.hasPrefix("["), let close = hostPort.firstIndex(of: "]") {
            host = String(hostPort[hostPort.index(after: hostPort.startIndex)..<close])
            let after = hostPort[hostPort.index(after: close)...]
            if after.hasPrefix(":") {
                guard let p = Int(after.dropFirst()), (1...65535).contains(p) else {
                    throw StoreError("'\(shown)' has no valid port")
                }
                port = p
            } else if !after.isEmpty {
                throw StoreError("'\(shown)' has no valid host")
            }
        } else if let colon = hostPort.lastIndex(of: ":") {
            host = String(hostPort[..<colon])
            guard let p = Int(hostPort[hostPort.index(after: colon)...]), (1...65535).contains(p) else {
                throw StoreError("'\(shown)' has no valid port")
            }
            port = p
        }
        guard !host.isEmpty else { throw StoreError("'\(shown)' names no host") }
        let given = try Self.sslmode(query, shown: shown)
        var tls = given ?? .disable
        // Patient data never crosses a network in the clear by default: away from loopback the address
        // must say how (verify-full, require, or disable on purpose); prefer is require there.
        let loopback = ["localhost", "127.0.0.1", "::1"].contains(host.lowercased()) || host.hasPrefix("/")
        if !loopback {
            guard given != nil else {
                throw StoreError(
                    "'\(shown)' is not on this machine: add ?sslmode=verify-full (TLS, the server's certificate checked), ?sslmode=require (TLS, unchecked) or, on a network you trust, ?sslmode=disable"
                )
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

    /// The `sslmode` of a query, judged by its value: keys and values percent-decoded, spaces around
    /// them and case ignored; an empty value (or none) is not given; an unknown value, another setting
    /// or two different modes are refused.
    static func sslmode(_ query: String, shown: String) throws(StoreError) -> TLSMode? {
        var given: TLSMode?
        for pair in query.split(separator: "&") {
            let kv = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decoded(_ s: Substring) throws(StoreError) -> String {
                guard let d = String(s).removingPercentEncoding else {
                    throw StoreError("'\(shown)' has a setting that is not valid percent-encoding")
                }
                return d.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
            }
            let key = try decoded(kv[0])
            guard key == "sslmode" else {
                throw StoreError("'\(key)' is not a setting rehab reads from a postgres:// address (only sslmode)")
            }
            let value = kv.count == 2 ? try decoded(kv[1]) : ""
            if value.isEmpty { continue }
            guard let mode = TLSMode(rawValue: value) else {
                throw StoreError("sslmode '\(value)' is not one rehab knows: disable, prefer, require or verify-full")
            }
            if let g = given, g != mode {
                throw StoreError("'\(shown)' gives sslmode twice ('\(g.rawValue)' and '\(mode.rawValue)'): keep one")
            }
            given = mode
        }
        return given
    }

    /// The address without its password: what every message shows.
    public var description: String {
        let h = host.contains(":") ? "[\(host)]" : host
        return "postgres://\(user)@\(h):\(port)/\(database)" + (tls == .disable ? "" : "?sslmode=\(tls.rawValue)")
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
        var fields: [String] = []
        var current = ""
        var escaped = false
        for c in line {
            if escaped {
                current.append(c)
                escaped = false
            } else if c == "\\" {
                escaped = true
            } else if c == ":" && fields.count < 4 {
                fields.append(current)
                current = ""
            } else {
                current.append(c)
            }
        }
        fields.append(current)
        return fields
    }
}
