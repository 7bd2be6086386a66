/// How soon a patient acts on a sign on their sheet: stop and call now (the 24-hour line), call
/// the team today, or tell them at the next visit.
public enum SignUrgency: String, CaseIterable, Sendable {
    case now, today, visit

    /// An alert's urgency on the sheet: urgent now, within 24 hours today. Review and information
    /// alerts are advice (nil), printed apart ("From your care team"), not signs to watch for.
    public init?(_ level: AlertLevel) {
        switch level {
        case .urgent: self = .now
        case .within24h: self = .today
        case .review, .info: return nil
        }
    }
}

/// A warning sign the clinic prints on every sheet (the printer's `red-flags.txt`): how soon to act
/// on it, the profile finding it is about (a schema name such as `back_pain.night_pain`), if any, and
/// its words.
public struct WarningSign: Sendable, Equatable {
    public var urgency: SignUrgency
    public var field: String?
    public var text: String

    public init(urgency: SignUrgency, field: String?, text: String) {
        self.urgency = urgency
        self.field = field
        self.text = text
    }
}

/// A stop-and-call sign as decided for one week's sheet.
public struct DecidedSign: Sendable, Equatable {
    public var urgency: SignUrgency
    /// In the patient's words.
    public var text: String
    /// One of the check's alerts (in the rule's words for the patient), not one of the fixed signs.
    public var isAlert: Bool

    public init(urgency: SignUrgency, text: String, isAlert: Bool) {
        self.urgency = urgency
        self.text = text
        self.isAlert = isAlert
    }
}

extension SafetyReport {
    /// The stop-and-call signs of a sheet of this check, most urgent first: for each urgency, the
    /// check's alerts of it in the rules' words for the patient, then the `fixed` signs of it — less
    /// those about a finding the team acknowledged (`acknowledgedFindings`), which is known, not a new
    /// one to call about. The printer lays these out; it decides none of them.
    public func signs(_ fixed: [WarningSign]) -> [DecidedSign] {
        let known = acknowledgedFindings
        return SignUrgency.allCases.flatMap { urgency in
            alerts.filter { SignUrgency($0.level) == urgency }.map {
                DecidedSign(urgency: urgency, text: $0.patientText, isAlert: true)
            }
                + fixed.filter { $0.urgency == urgency && !($0.field.map(known.contains) ?? false) }.map {
                    DecidedSign(urgency: urgency, text: $0.text, isAlert: false)
                }
        }
    }

    /// The review and information alerts in the rules' words for the patient: the care team's advice,
    /// not signs to watch for.
    public var advice: [String] {
        alerts.filter { SignUrgency($0.level) == nil }.map(\.patientText)
    }
}

extension SafetyAlert {
    /// The alert in the rule's words for the patient, else the care team's.
    public var patientText: String { patientMessage ?? message }
}
