import Foundation
import Testing

@testable import RehabKit

/// Every default rule describes itself with examples; one parameterised test runs them all.
struct RuleRegistryTests {
    static let results = RuleSet.defaults.runExamples()
    static let cases = results.indices.map { i in "\(results[i].rule) #\(i) \(results[i].location)" }

    @Test(arguments: cases)
    func example(_ name: String) throws {
        let index = Int(name.split(separator: "#")[1].split(separator: " ")[0])!
        let r = Self.results[index]
        #expect(r.passed, "\(r.location): \(r.failure ?? "")")
    }

    @Test(arguments: RuleSet.defaults.rules.map(\.id.rawValue))
    func ruleDescribesItself(_ id: String) throws {
        let rule = try #require(RuleSet.defaults.rule(RuleID(id)))
        #expect(!rule.source.isEmpty)
        #expect(rule.rationale?.isEmpty == false, "\(id) has no rationale")
        #expect(rule.examples.contains { $0.triggers }, "\(id) has no example that triggers it")
        #expect(rule.examples.contains { !$0.triggers }, "\(id) has no example that does not trigger it")
        #expect(!rule.expectations.isEmpty, "\(id) states none of its effects (examples: expect:)")
        #expect(rule.then.patientMessage?.isEmpty == false, "\(id) has no patient_message")
    }

    @Test func theDefaultSetCoversSAFETYmd() {
        let ids = Set(RuleSet.defaults.rules.map(\.id))
        for id in [
            "suspected-cord-compression", "spinal-pain-red-flags", "spinal-stability-unknown", "sins-unstable",
            "sins-potentially-unstable", "spinal-metastasis-movements", "brace-prescribed", "mirels-high-lower",
            "mirels-high-upper", "mirels-borderline-lower", "mirels-borderline-upper", "weight-bearing-partial",
            "weight-bearing-none", "osteoporosis", "osteopenia", "platelets-very-low", "platelets-low",
            "haemoglobin-low", "neutrophils-low", "fever", "fatigue-severe", "fatigue-moderate", "pain-high",
            "assessment-stale", "assessment-expired", "weight-bearing-unrecorded",
        ] {
            #expect(ids.contains(RuleID(id)), "missing rule \(id)")
        }
    }

    /// The runner itself can fail: a rule whose example contradicts it is caught.
    @Test func aWrongExampleIsCaught() {
        let (rules, diagnostics) = RuleSet.read(
            Array(
                """
                - id: pain-very-high
                  title: Pain 9 or more
                  source: test
                  when: {field: pain, at_least: 9}
                  then: {alert: review, message: "Pain is very high.", patient_message: "Your pain is very bad."}
                  examples:
                    triggers: [{pain: 8}]
                """.utf8), file: "r.yaml", origin: "r.yaml")
        #expect(diagnostics.isEmpty)
        #expect(RuleSet(rules: rules).runExamples().map(\.passed) == [false])
    }
}

struct ProfileAccessTests {
    /// Every section of a profile file can be named by a rule: a section rules could not see
    /// would be data the safety check silently ignores.
    /// (`history` is not a finding but the earlier assessments carry-over compares with.)
    @Test(arguments: ProfileReader.keys.filter { $0 != "history" })
    func everyProfileKeyIsAFieldRulesCanName(_ key: String) {
        #expect(
            ProfileSchema.fields.keys.contains { $0 == key || $0.hasPrefix(key + ".") },
            "'\(key)' is not in the rule schema")
    }

    /// Every rule of the bundled file is loaded: a rule dropped in silence is a rule switched off.
    @Test func everyBundledRuleIsLoaded() throws {
        let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../../Sources/RehabKit/Resources/default-rules.yaml")
        let text = try String(contentsOf: file, encoding: .utf8)
        let written = text.split(separator: "\n").filter { $0.hasPrefix("- id: ") }.count
        #expect(RuleSet.defaults.rules.count == written)
        #expect(RuleSet.bundled.problems.isEmpty)
    }

    @Test func selectorsPickTheirElementsAndFailClosedOnUnknownOnes() throws {
        var p = Build.clearProfile
        p.longBoneLesions = [
            LongBoneLesion(site: "a", limb: .upper, mirels: 11), LongBoneLesion(site: "b", limb: nil, mirels: 5),
        ]
        let path = try #require(FieldPath("long_bone_lesions[limb=lower].mirels"))
        #expect(path.resolve(in: ProfileView(p, asOf: nil)) == [.missing])
        let any = try #require(FieldPath("long_bone_lesions.mirels"))
        #expect(any.resolve(in: ProfileView(p, asOf: nil)) == [.number(11), .number(5)])
        var missing: [String] = []
        #expect(
            RuleCondition.compare(path, .atLeast(9)).evaluate(ProfileView(p, asOf: nil), missing: &missing)
                == .undecided)
        #expect(missing == ["long_bone_lesions[limb=lower].mirels"])
    }
}
