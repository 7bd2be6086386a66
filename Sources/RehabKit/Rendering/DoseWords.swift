import Foundation

/// Doses in plain words for patients: "10 minutes", "2 sets of 8", "5 times, hold 10 seconds, each side".
public enum DoseWords {
    public static func text(_ d: Dose) -> String {
        var parts: [String] = []
        switch (d.sets, d.reps) {
        case (let s?, let r?) where s > 1: parts.append("\(s) sets of \(r)")
        case (_, let r?): parts.append(r == 1 ? "once" : "\(r) times")
        case (let s?, nil) where s > 1: parts.append("\(s) times")
        default: break
        }
        if let h = d.holdSeconds { parts.append("hold \(plural(h, "second"))") }
        if let m = d.minutes { parts.append(parts.isEmpty ? plural(m, "minute") : "(\(plural(m, "minute")))") }
        if let r = d.restSeconds { parts.append("rest \(plural(r, "second"))") }
        switch d.side {
        case .each?: parts.append("each side")
        case .left?: parts.append("left side")
        case .right?: parts.append("right side")
        case .both?: parts.append("both sides together")
        case nil: break
        }
        return parts.joined(separator: ", ").replacingOccurrences(of: ", (", with: " (")
    }

    static func plural(_ n: Int, _ word: String) -> String { "\(n) \(word)\(n == 1 ? "" : "s")" }
}
