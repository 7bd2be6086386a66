import ArgumentParser
import Foundation
import RehabKit
import RehabTracking

/// After a symptom is stored: when the plan (or another plan of the patient) now blocks, print the
/// urgent instructions and exit 3.
enum RedFlagStop {
    static func check(_ plans: [Plan], tracking: Tracking, today: LocalDate) throws {
        var stopped = false
        for plan in plans {
            let tracked = try storeCall { () throws(StoreError) in try tracking.tracked(plan, today: today) }
            guard let report = tracking.engine.check(tracked, in: tracking.open.workspace, asOf: today), report.status == .blocked,
                  let latest = try storeCall({ () throws(StoreError) in try tracking.reports(for: plan) }).map(\.date).max() else { continue }
            Output.out("")
            Output.out("STOP THE EXERCISE PROGRAMME (\(plan.id))")
            for alert in report.alerts where alert.level == .urgent { Output.out("  \(alert.message)") }
            if let contact = plan.careTeam?.contact { Output.out("  Call: \(contact)") }
            Output.out("No routine will print for this plan until a clinician records a new assessment dated after \(latest).")
            stopped = true
        }
        if stopped { throw ExitStatus.blocked }
    }
}
