import Testing

@testable import RehabKit

/// A clinic's replacement of a default rule is run beside it; what the default does that the
/// replacement does not is a weakening (SAFETY.md, the protected core).
struct RuleWeakeningTests {
    static func replacement(_ yaml: String) throws -> SafetyRule {
        let (rules, diagnostics) = RuleSet.read(Array(yaml.utf8), file: "clinic.yaml", origin: "clinic.yaml")
        #expect(!diagnostics.hasErrors, "\(diagnostics)")
        return try #require(rules.first)
    }

    static func weakening(_ yaml: String) throws -> [String] {
        let r = try replacement(yaml)
        return RuleWeakening.compare(try #require(RuleSet.defaults.rule(r.id)), with: r)
    }

    @Test func theDefaultDoesNotWeakenItself() {
        for rule in RuleSet.defaults.rules {
            #expect(RuleWeakening.compare(rule, with: rule).isEmpty, "\(rule.id)")
        }
    }

    @Test func fewerBlockedMovementsWeaken() throws {
        let w = try Self.weakening(
            """
            - id: spinal-metastasis-movements
              title: Fewer blocks
              source: clinic
              when: {field: spinal_metastases.present, is: true}
              then: {block_movements: [spinal-flexion, spinal-rotation]}
            """)
        #expect(w.first?.contains("blocked instead of") == false)
        #expect(w.contains { $0.contains("allowed instead of blocked") }, "\(w)")
    }

    @Test func aWiderExceptionWeakens() throws {
        let w = try Self.weakening(
            """
            - id: fever
              title: Fever
              source: clinic
              when: {field: fever, is: true}
              then: {block: all, except_kinds: [education, breathing, activity], alert: urgent, message: "Fever.", patient_message: "Fever: call."}
              when_missing: skip
            """)
        #expect(w.contains { $0.contains("instead of blocked") }, "\(w)")
    }

    @Test func aLessUrgentAlertAndSkippingWhenMissingWeaken() throws {
        let w = try Self.weakening(
            """
            - id: spinal-stability-unknown
              title: Stability unknown
              source: clinic
              when: {field: spinal_metastases.stability, is: unknown}
              then: {block: all, except_kinds: [education], except: [{kinds: [breathing, relaxation], positions: [lying, side-lying]}], alert: review, message: "Ask.", patient_message: "Ask."}
              when_missing: skip
            """)
        #expect(w.contains { $0.contains("alerts review instead of within-24h") }, "\(w)")
        #expect(w.contains { $0.contains("skipped when a field is missing") }, "\(w)")
        #expect(w.contains { $0.contains("does not fire where the default does") }, "\(w)")
    }

    @Test func tighteningIsNotWeakening() throws {
        #expect(
            try Self.weakening(
                """
                - id: platelets-low
                  title: Platelets below 60
                  source: clinic
                  when: {field: labs.platelets, below: 60}
                  then: {block_movements: [resistance, impact, lifting]}
                  when_missing: skip
                """
            ).isEmpty)
    }

    @Test func theCoreCannotBeWeakenedEvenWhenDeclared() throws {
        let r = try Self.replacement(
            """
            - id: fever
              title: Fever 38.5
              source: clinic
              weakens: true
              reason: we prefer 38.5
              when: {field: temperature_c, at_least: 38.5}
              then: {block: all, except_kinds: [education], alert: urgent, message: "Fever.", patient_message: "Fever: call."}
              when_missing: skip
            """)
        let (set, diagnostics) = RuleSet.defaults.layered(with: [r])
        #expect(
            diagnostics.first?.message.hasPrefix("'fever' is in the protected core and cannot be weakened") == true,
            "\(diagnostics)")
        #expect(set.rule("fever")?.origin == RuleSet.defaultOrigin, "the default stays")
    }
}
