import ArgumentParser
import Foundation
import RehabKit

/// `--clinic-domain`, `--mrn-system`: who the exports say they are from (FHIR identifier systems
/// and ids, calendar UIDs). Default: the environment's `REHAB_CLINIC_DOMAIN` and `REHAB_MRN_SYSTEM`,
/// else `rehab.invalid` and `https://DOMAIN/fhir/sid/mrn` (docs/FORMAT.md, *Clinic identity*).
struct ClinicOptions: ParsableArguments {
    @Option(
        help:
            "The clinic's domain name: calendar UIDs end @DOMAIN, and the default record-number system is https://DOMAIN/fhir/sid/mrn (default: REHAB_CLINIC_DOMAIN, else rehab.invalid)."
    )
    var clinicDomain: String?
    @Option(
        help:
            "The URI of the clinic's record numbers, Patient.identifier.system (default: REHAB_MRN_SYSTEM, else https://DOMAIN/fhir/sid/mrn)."
    )
    var mrnSystem: String?

    func validate() throws {
        let env = ProcessInfo.processInfo.environment
        if let d = Self.given(clinicDomain ?? env["REHAB_CLINIC_DOMAIN"]),
            let problem = ClinicIdentity.problem(domain: d)
        {
            throw ValidationError((clinicDomain == nil ? "REHAB_CLINIC_DOMAIN: " : "--clinic-domain: ") + problem)
        }
        if let s = Self.given(mrnSystem ?? env["REHAB_MRN_SYSTEM"]), let problem = ClinicIdentity.problem(system: s) {
            throw ValidationError((mrnSystem == nil ? "REHAB_MRN_SYSTEM: " : "--mrn-system: ") + problem)
        }
    }

    var identity: ClinicIdentity {
        let env = ProcessInfo.processInfo.environment
        return ClinicIdentity(
            domain: Self.given(clinicDomain ?? env["REHAB_CLINIC_DOMAIN"]),
            mrnSystem: Self.given(mrnSystem ?? env["REHAB_MRN_SYSTEM"]))
    }

    /// Neither option nor its environment variable given: the export runs on the default
    /// identity (rehab.invalid), which every unconfigured clinic shares.
    var isDefault: Bool {
        let env = ProcessInfo.processInfo.environment
        return Self.given(clinicDomain ?? env["REHAB_CLINIC_DOMAIN"]) == nil
            && Self.given(mrnSystem ?? env["REHAB_MRN_SYSTEM"]) == nil
    }

    /// An empty value is no value (an unset variable written `REHAB_CLINIC_DOMAIN=`).
    static func given(_ s: String?) -> String? { s.flatMap { $0.isEmpty ? nil : $0 } }
}
