import Foundation
import RehabKit
import RehabTracking

/// `check` names a fall in leg function from the outcome measures of the log as a review alert:
/// after the text reports on standard output, or on standard error beside JSON (which stays the
/// safety report's). It never changes the status or the exit code.
enum LegFunctionNotes {
    static func print(plans: [String], tracking: Tracking, json: Bool) throws {
        for name in plans {
            guard case .success(let plan) = tracking.open.plan(name), !plan.isTemplate else { continue }
            let declines = try storeCall { () throws(StoreError) in try tracking.legDeclines(plan) }
            for d in declines {
                let line = "review: \(plan.id): \(d.message)"
                if json { Output.err("\(plan.file): \(line)") } else { Output.out(UserText.plain(line)) }
            }
        }
    }
}
