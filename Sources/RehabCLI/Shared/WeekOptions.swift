import ArgumentParser

/// `--week N` or `--weeks A-B`.
struct WeekOptions: ParsableArguments {
    @Option(help: "The week to show (1 = the week starting on the plan's start date).")
    var week: Int?

    @Option(help: "A range of weeks, such as 1-6.")
    var weeks: String?

    func validate() throws {
        if week != nil, weeks != nil { throw ValidationError("give --week or --weeks, not both") }
        if week == nil, weeks == nil { throw ValidationError("give --week N (or --weeks A-B)") }
        if let week, week < 1 { throw ValidationError("--week must be 1 or more") }
        if weeks != nil, range == nil { throw ValidationError("--weeks takes a range such as 1-6") }
    }

    var range: ClosedRange<Int>? {
        if let week { return week...week }
        guard let weeks else { return nil }
        let parts = weeks.split(separator: "-").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
        if parts.count == 1, parts[0] >= 1 { return parts[0]...parts[0] }
        guard parts.count == 2, parts[0] >= 1, parts[0] <= parts[1] else { return nil }
        return parts[0]...parts[1]
    }
}
