public enum PlanStatus: String, Sendable, Codable, CaseIterable, Comparable {
    case clear, restricted, blocked

    public static func < (a: PlanStatus, b: PlanStatus) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}
