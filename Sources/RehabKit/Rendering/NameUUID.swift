import Crypto

/// Name-based UUIDs, version 5 (RFC 9562 §5.5): SHA-1 of a namespace and a name, so the same name
/// gives the same UUID on every machine and in every run, and a different name a different one.
public enum NameUUID {
    /// The URL namespace of RFC 9562 (6ba7b811-9dad-11d1-80b4-00c04fd430c8): our names start with
    /// the clinic's identifier system, a URI.
    static let urlNamespace: [UInt8] = [
        0x6b, 0xa7, 0xb8, 0x11, 0x9d, 0xad, 0x11, 0xd1,
        0x80, 0xb4, 0x00, 0xc0, 0x4f, 0xd4, 0x30, 0xc8,
    ]

    /// The UUID of `name` in the URL namespace, lower-case `8-4-4-4-12` hex.
    public static func v5(_ name: String) -> String {
        var sha = Insecure.SHA1()
        sha.update(data: urlNamespace)
        sha.update(data: Array(name.utf8))
        var b = Array(sha.finalize().prefix(16))
        b[6] = (b[6] & 0x0f) | 0x50  // version 5
        b[8] = (b[8] & 0x3f) | 0x80  // variant 10 (RFC 9562)
        let hex = b.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
        let c = Array(hex)
        return [0..<8, 8..<12, 12..<16, 16..<20, 20..<32].map { String(c[$0]) }.joined(separator: "-")
    }
}

/// Where the exports say whose records they are: the clinic's identifier system for record
/// numbers (`Patient.identifier.system`, and the root of every name-based id) and its domain (the
/// calendar's UIDs). Set per clinic: `--clinic-domain` / `REHAB_CLINIC_DOMAIN`, `--mrn-system` /
/// `REHAB_MRN_SYSTEM` (docs/FORMAT.md, *Clinic identity*).
public struct ClinicIdentity: Sendable, Equatable {
    /// The default domain: `.invalid` is reserved (RFC 2606), so an unset clinic can never be
    /// mistaken for a real one. Two clinics that both leave it unset do share ids (same record
    /// number and plan id, same Patient and CarePlan id): `export fhir` warns then.
    public static let defaultDomain = "rehab.invalid"

    /// A DNS name: UIDs end `@domain`.
    public var domain: String
    /// The URI of the clinic's record numbers.
    public var mrnSystem: String

    public init(domain: String? = nil, mrnSystem: String? = nil) {
        let d = domain ?? Self.defaultDomain
        self.domain = d
        self.mrnSystem = mrnSystem ?? "https://\(d)/fhir/sid/mrn"
    }

    /// Why `domain` is not a domain name (letters, digits, hyphens; at least two labels), or nil.
    public static func problem(domain: String) -> String? {
        let labels = domain.split(separator: ".", omittingEmptySubsequences: false)
        let ok =
            labels.count >= 2 && domain.count <= 253
            && labels.allSatisfy { l in
                !l.isEmpty && l.count <= 63 && l.first != "-" && l.last != "-"
                    && l.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }
            }
        return ok ? nil : "'\(domain)' is not a domain name (write one like physio.example-hospital.org)"
    }

    /// Why `system` is not an absolute URI (`scheme:rest`, no spaces), or nil. A `|` is refused:
    /// it separates the parts of the names ids are made from (and of a FHIR token search).
    public static func problem(system: String) -> String? {
        if system.contains("|") {
            return
                "'\(system)' contains '|', which separates the system from the value in ids and searches (write a URI without it)"
        }
        guard let colon = system.firstIndex(of: ":"), colon != system.startIndex,
            system[..<colon].allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "+-.".contains($0)) }),
            system[..<colon].first!.isLetter, system.index(after: colon) < system.endIndex,
            !system.contains(where: { $0.isWhitespace || $0.asciiValue.map { $0 < 32 } ?? false })
        else { return "'\(system)' is not an absolute URI (write one like https://example-hospital.org/fhir/sid/mrn)" }
        return nil
    }
}

/// The stable key of a plan item: its exercise id, and for the second and later items of the
/// same exercise `#2`, `#3`… (`walking`, `walking#2`: `#` is never in an id). Inserting, removing or moving an item of
/// another exercise leaves every other item's key as it was; it is what ids and calendar UIDs are
/// made from, never the item's position.
public enum ItemKey {
    public static func keys(_ plan: Plan) -> [String] {
        var seen: [String: Int] = [:]
        return plan.items.map { item in
            let id = item.exercise.value
            seen[id, default: 0] += 1
            return seen[id]! == 1 ? id : "\(id)#\(seen[id]!)"
        }
    }
}

/// SHA-256, lower-case hex: the store copy's checksum of its rows.
public enum SHA256Hex {
    public static func of(_ bytes: [UInt8]) -> String {
        SHA256.hash(data: bytes).map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
    }
}
