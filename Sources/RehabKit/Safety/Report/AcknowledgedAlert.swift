/// An alert the team has acknowledged (SAFETY.md): in the report, not on the patient's sheet.
public struct AcknowledgedAlert: Sendable, Equatable {
    public var alert: SafetyAlert
    public var acknowledgement: Acknowledgement
}
