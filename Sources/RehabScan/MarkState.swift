/// How a box was read.
public enum MarkState: String, Sendable, Codable {
    case empty, ticked, uncertain
}
