/// A calendar written before (`rehab schedule --format ics --previous FILE`): its events by UID,
/// with their SEQUENCE and content, so that a new calendar can say what changed and cancel what is
/// gone. Only what the file says is trusted: it is read, never written.
public struct PreviousCalendar: Sendable {
    public struct Event: Sendable, Equatable {
        public var uid: String
        public var sequence: Int
        /// Content lines, unfolded, without UID, DTSTAMP and SEQUENCE.
        public var content: [String]
        public var cancelled: Bool { content.contains("STATUS:CANCELLED") }
        /// The day it starts (DTSTART's date).
        public var date: LocalDate? {
            guard let line = content.first(where: { $0.hasPrefix("DTSTART") }), let colon = line.firstIndex(of: ":")
            else { return nil }
            let v = Array(line[line.index(after: colon)...].prefix(8))
            guard v.count == 8 else { return nil }
            return LocalDate("\(String(v[0..<4]))-\(String(v[4..<6]))-\(String(v[6..<8]))")
        }
    }

    /// The highest SEQUENCE read: one less than RFC 5545's largest INTEGER, so the next one fits.
    public static let maximumSequence = 2_147_483_646

    public var events: [String: Event]
    /// In the file's order.
    public var ordered: [Event]

    /// A problem of the file, with the line it is on (1-based, of the folded file).
    public struct Problem: Error, Sendable, CustomStringConvertible {
        public var line: Int
        public var message: String
        public var description: String { "\(line): \(message)" }
    }

    public init(text: String) throws(Problem) {
        // Unfold (RFC 5545 §3.1): a line starting with a space or a tab continues the one before.
        var lines: [(Int, String)] = []
        for (i, raw) in text.split(
            omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }
        ).enumerated() {
            if let first = raw.first, first == " " || first == "\t", !lines.isEmpty {
                lines[lines.count - 1].1 += raw.dropFirst()
            } else if !raw.isEmpty {
                lines.append((i + 1, String(raw)))
            }
        }
        guard lines.first?.1 == "BEGIN:VCALENDAR" else {
            throw Problem(
                line: lines.first?.0 ?? 1, message: "not an iCalendar file (it does not start with BEGIN:VCALENDAR)")
        }
        var events: [String: Event] = [:]
        var ordered: [Event] = []
        var current: (start: Int, uid: String?, sequence: Int, content: [String])?
        for (n, line) in lines {
            if line == "BEGIN:VEVENT" {
                guard current == nil else { throw Problem(line: n, message: "an event begins inside another") }
                current = (n, nil, 0, [])
            } else if line == "END:VEVENT" {
                guard let c = current else { throw Problem(line: n, message: "END:VEVENT without BEGIN:VEVENT") }
                guard let uid = c.uid else { throw Problem(line: c.start, message: "an event without a UID") }
                guard events[uid] == nil else {
                    throw Problem(line: c.start, message: "the UID '\(uid)' is used twice")
                }
                let e = Event(uid: uid, sequence: c.sequence, content: c.content)
                events[uid] = e
                ordered.append(e)
                current = nil
            } else if current != nil {
                let name = line.prefix { $0 != ":" && $0 != ";" }
                let value = line.firstIndex(of: ":").map { String(line[line.index(after: $0)...]) } ?? ""
                switch name {
                case "UID": current!.uid = value
                case "DTSTAMP": break
                case "SEQUENCE":
                    guard let s = Int(value), s >= 0 else {
                        throw Problem(line: n, message: "SEQUENCE '\(value)' is not a whole number")
                    }
                    // RFC 5545 INTEGER (at most 2147483647), with room for the next sequence.
                    guard s <= Self.maximumSequence else {
                        throw Problem(
                            line: n,
                            message:
                                "SEQUENCE '\(value)' is above \(Self.maximumSequence) (an iCalendar INTEGER has room for no next one)"
                        )
                    }
                    current!.sequence = s
                default: current!.content.append(line)
                }
            }
        }
        if let c = current { throw Problem(line: c.start, message: "an event that does not end (no END:VEVENT)") }
        self.events = events
        self.ordered = ordered
    }
}
