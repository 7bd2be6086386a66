import Foundation
import RehabKit
import RehabTracking

/// `check` keeps naming a voided red-flag report (who voided it, when and why) until the next
/// assessment, so a withdrawn red flag is never silent.
enum VoidedReportNotes {
    static func print(plans: [String], tracking: Tracking, today: LocalDate) throws {
        for name in plans {
            guard case .success(let plan) = tracking.open.plan(name) else { continue }
            let voided = try storeCall { () throws(StoreError) in try tracking.voidedReports(for: plan, today: today) }
            for s in voided {
                guard let v = s.voided else { continue }
                Output.err(
                    "\(plan.file): note: the red-flag report '\(s.entry.symptom?.rawValue ?? "?")' of \(s.entry.date) (entry \(s.id), plan \(s.entry.plan)) "
                        + "was voided on \(v.at) by \(v.by): \(v.reason); it no longer stops the plan (shown until the next assessment)"
                )
            }
        }
    }
}
