import Foundation
import RehabKit

/// The care team's overview as a typed view model rendered through the shared Mustache layer
/// (`overview.html.mustache`): every field a template may use is a stored property here.
public struct OverviewPage: Sendable, Encodable {
    public struct Row: Sendable, Encodable {
        public var status: String
        /// A CSS class: urgent, blocked, attention, restricted, clear, invalid.
        public var tone: String
        public var patient: String
        public var mrn: String
        public var hasMRN: Bool
        public var title: String
        public var plan: String
        public var alerts: [OverviewRow.Alert]
        public var redFlags: [String]
        public var hasRedFlags: Bool
        public var assessment: String
        public var lastWeek: String
        public var action: String
        public var hasAction: Bool
    }

    public var asOf: String
    public var count: Int
    public var rows: [Row]

    public init(_ rows: [OverviewRow], asOf: LocalDate) {
        self.asOf = asOf.description
        self.count = rows.count
        self.rows = rows.map { r in
            let tone: String
            switch r.urgency {
            case 0: tone = "urgent"
            case 1: tone = "invalid"
            case 2: tone = "blocked"
            case 3, 4: tone = "attention"
            case 5: tone = "restricted"
            default: tone = "clear"
            }
            var week = ""
            if let w = r.lastWeek {
                week = "week \(w): " + (r.adherence.map { "\(Int(($0 * 100).rounded())) % done" } ?? "nothing logged")
                if let m = r.painMean { week += ", pain mean \(String(format: "%.1f", m))" }
                if let p = r.painMax { week += ", highest \(p)" }
            }
            return Row(
                status: r.status, tone: tone, patient: r.patient, mrn: r.mrn ?? "", hasMRN: r.mrn != nil,
                title: r.title,
                plan: r.plan, alerts: r.alerts, redFlags: r.redFlags, hasRedFlags: !r.redFlags.isEmpty,
                assessment: r.assessment + (r.assessedWords.map { ", \($0)" } ?? ""),
                lastWeek: week, action: r.action, hasAction: !r.action.isEmpty)
        }
    }
}
