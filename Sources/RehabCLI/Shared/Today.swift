import ArgumentParser
import Foundation
import RehabKit

extension LocalDate: ExpressibleByArgument {
    public init?(argument: String) { self.init(argument) }
}

enum Today {
    /// Today's date in the local time zone (the CLI reads the clock; the library never does).
    /// `REHAB_TODAY=YYYY-MM-DD` sets it, for tests and for demonstrating a plan's later weeks.
    static var date: LocalDate {
        if let text = ProcessInfo.processInfo.environment["REHAB_TODAY"], let set = LocalDate(text) { return set }
        let c = Calendar.current.dateComponents([.year, .month, .day], from: Date())
        return LocalDate(year: c.year!, month: c.month!, day: c.day!)!
    }
}
