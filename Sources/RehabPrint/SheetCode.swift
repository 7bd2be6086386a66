/// What a printed week sheet's code says: which plan (a hash of its id, never a name), which week,
/// which layout version, and a hash of the sheet's geometry and meaning, so that a scan is read by
/// exactly the boxes that were printed. Written as a QR code: `RHB:1:PLANHASH:WEEK:CONTENTHASH`,
/// upper-case letters, digits and colons only, which libqrencode encodes in QR's alphanumeric mode
/// (docs/TRACKING.md, "Scanning").
public struct SheetCode: Sendable, Equatable, Hashable, CustomStringConvertible {
    /// The layout version of the sheet (`SheetLayout.version` when printed by this rehab).
    public var layout: Int
    /// `SheetCode.planHash(id)`: 10 hex digits.
    public var plan: String
    public var week: Int
    /// `SheetLayout.hash`: 8 hex digits.
    public var content: String

    public init(layout: Int, plan: String, week: Int, content: String) {
        self.layout = layout
        self.plan = plan
        self.week = week
        self.content = content
    }

    public var description: String { "RHB:\(layout):\(plan):\(week):\(content)" }

    /// Reads a code's text; nil for anything that is not a rehab sheet code.
    public init?(_ text: String) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 5, parts[0] == "RHB", let layout = Int(parts[1]), (1...99).contains(layout),
              parts[2].count == 10, parts[2].allSatisfy(\.isHexDigit),
              let week = Int(parts[3]), (1...9999).contains(week),
              parts[4].count == 8, parts[4].allSatisfy(\.isHexDigit) else { return nil }
        self.init(layout: layout, plan: parts[2].uppercased(), week: week, content: parts[4].uppercased())
    }

    /// The plan id as the code carries it: 40 bits of FNV-1a, so the code names no one.
    public static func planHash(_ id: String) -> String {
        String(hex(fnv1a(id)) .suffix(10))
    }

    static func hex(_ v: UInt64) -> String {
        let s = String(v, radix: 16, uppercase: true)
        return String(repeating: "0", count: 16 - s.count) + s
    }

    /// 64-bit FNV-1a over the UTF-8 bytes: stable across runs and machines (unlike `Hasher`).
    static func fnv1a(_ text: String) -> UInt64 {
        var h: UInt64 = 0xcbf29ce484222325
        for b in text.utf8 {
            h ^= UInt64(b)
            h = h &* 0x100000001b3
        }
        return h
    }
}
