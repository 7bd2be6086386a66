import ArgumentParser
import Foundation
import RehabKit
import RehabTracking

/// After a symptom is stored: when the plan (or another plan of the patient) now blocks, print the
/// urgent instructions and exit 3.
enum RedFlagStop {
    static func print(_ stopped: [StoppedPlan]) throws {
        for s in stopped {
            Output.out("")
            Output.out("STOP THE EXERCISE PROGRAMME (\(s.plan.id))")
            for alert in s.alerts { Output.out("  \(alert.message)") }
            if let urgent = s.plan.careTeam?.urgent { Output.out("  Call now: \(urgent)") }
            Output.out(
                "No routine will print for this plan until a clinician records a new assessment dated after \(s.latest)."
            )
        }
        if !stopped.isEmpty { throw ExitStatus.blocked }
    }
}
