import Foundation

/// The JSON of `rehab check --format json` (FORMAT.md §6), with a few added keys.
public enum SafetyReportJSON {
    struct Alert: Encodable {
        var level: String, rule: String, message: String
        var patient_message: String?
        var source: String
        var rule_set: String
    }

    struct Acknowledged: Encodable {
        var level: String, rule: String, message: String
        var by: String, date: String, note: String?
    }

    struct Item: Encodable {
        var exercise: String
        var decision: String
        var rules: [String]
        var changes: [String]
        var replacement: String?
        var in_brace: Bool
    }

    struct Lapsed: Encodable {
        var kind: String, what: String, date: String, reasons: [String]
    }

    struct Suggestion: Encodable {
        var rule: String, yaml: String, why: String
    }

    struct Change: Encodable {
        var rule: String, change: String, rule_set: String, reason: String?
    }

    struct Plan: Encodable {
        var plan: String
        var title: String
        var status: String
        var as_of: String?
        var alerts: [Alert]
        var acknowledged: [Acknowledged]
        var missing: [String]
        var notes: [String]
        var lapsed: [Lapsed]
        var acknowledge_suggestions: [Suggestion]
        var items: [Item]
        var daily_minutes_limit: Int?
        var rule_changes: [Change]
    }

    public static func render(_ reports: [SafetyReport]) -> String {
        JSONText.encode(reports.map(body))
    }

    /// Reports as the next elements of a streamed array (`rehab check` over many plans), encoded
    /// on all cores: the elements between `[` and `array.close()` make `render`'s text.
    public static func elements(_ reports: [SafetyReport], in array: inout JSONArrayStream) -> String {
        ParallelMap.map(reports) { JSONText.encode(body($0)) }.reduce(into: "") { $0 += array.element(encoded: $1) }
    }

    static func body(_ r: SafetyReport) -> Plan {
        Plan(
            plan: r.plan.id, title: r.plan.title, status: r.status.rawValue, as_of: r.asOf?.description,
            alerts: r.alerts.map {
                Alert(
                    level: $0.level.rawValue, rule: $0.rule.rawValue, message: $0.message,
                    patient_message: $0.patientMessage, source: $0.source, rule_set: $0.origin)
            },
            acknowledged: r.acknowledged.map {
                Acknowledged(
                    level: $0.alert.level.rawValue, rule: $0.alert.rule.rawValue, message: $0.alert.message,
                    by: $0.acknowledgement.by.rawValue, date: $0.acknowledgement.date.description,
                    note: $0.acknowledgement.note)
            },
            missing: r.missing, notes: r.notes,
            lapsed: r.lapsed.map {
                Lapsed(kind: $0.kind, what: $0.what, date: $0.date.description, reasons: $0.reasons)
            },
            acknowledge_suggestions: r.acknowledgeSuggestions.map {
                Suggestion(rule: $0.rule.rawValue, yaml: $0.yaml, why: $0.why)
            },
            items: r.items.map {
                Item(
                    exercise: $0.exercise.rawValue, decision: $0.decision.rawValue, rules: $0.rules.map(\.rawValue),
                    changes: $0.changes, replacement: $0.replacement?.rawValue, in_brace: $0.inBrace)
            },
            daily_minutes_limit: r.dailyMinutesLimit,
            rule_changes: r.ruleChanges.map {
                Change(rule: $0.rule.rawValue, change: $0.kind.rawValue, rule_set: $0.origin, reason: $0.reason)
            })
    }
}
