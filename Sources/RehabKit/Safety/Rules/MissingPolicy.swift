public enum MissingPolicy: String, CaseIterable, Sendable, Codable {
    /// An undecided rule is applied (fail closed). The default.
    case apply
    /// An undecided rule is not applied (for data a home programme often lacks, such as bloods).
    case skip
}
