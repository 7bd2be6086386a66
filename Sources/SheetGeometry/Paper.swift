/// Paper for the printed sheets.
public enum Paper: String, CaseIterable, Sendable {
    case a4, letter
}
