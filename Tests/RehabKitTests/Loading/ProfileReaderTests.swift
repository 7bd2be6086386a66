import TestSupport
import Testing
import YAMLReader

@testable import RehabKit

/// Reads a profile from text; returns it with every diagnostic message.
func readProfile(_ text: String) -> (SafetyProfile?, [String]) {
    let reader = NodeReader(file: "p.yaml")
    guard let node = try? YAMLParser.parse(Array(text.utf8)) else { return (nil, ["unparsable"]) }
    let profile = ProfileReader.read(node, reader)
    return (profile, reader.diagnostics.map { "\($0.severity.rawValue): \($0.message)" })
}

let base = "assessed: 2026-11-20\nsuspected_cord_compression: false\n"

struct LabUnitTests {
    @Test(arguments: [
        ("haemoglobin: 91", 91.0),
        ("haemoglobin: \"9.1 g/dL\"", 91.0),
        ("haemoglobin: \"9.1 g/dl\"", 91.0),
        ("haemoglobin: \"91 g/L\"", 91.0),
        ("haemoglobin: \"5.6 mmol/L\"", 90.216),
    ])
    func haemoglobinIsReadInGramsPerLitre(_ line: String, _ expected: Double) throws {
        let (p, d) = readProfile(base + "labs: {\(line)}")
        #expect(d.isEmpty)
        let value = try #require(p?.labs?.haemoglobin)
        #expect(abs(value - expected) < 0.001)
    }

    @Test(arguments: [
        ("platelets: 45", 45.0), ("platelets: \"45 x10^9/L\"", 45.0), ("platelets: \"45 ×10⁹/L\"", 45.0),
        ("platelets: \"45 K/uL\"", 45.0), ("platelets: \"45000 /uL\"", 45.0), ("platelets: \"45000/µL\"", 45.0),
    ])
    func plateletsAreReadInBillionsPerLitre(_ line: String, _ expected: Double) throws {
        let (p, d) = readProfile(base + "labs: {\(line)}")
        #expect(d.isEmpty)
        #expect(try #require(p?.labs?.platelets) == expected)
    }

    @Test func neutrophilsPerMicrolitreAreConverted() throws {
        let (p, _) = readProfile(base + "labs: {neutrophils: \"400 cells/uL\"}")
        #expect(try #require(p?.labs?.neutrophils) == 0.4)
    }

    @Test(arguments: [
        ("haemoglobin: 9.1", "error: haemoglobin 9.1 is not plausible in g/L; it looks like g/dL"),
        ("platelets: 45000", "error: platelets 45000 is not plausible in ×10⁹/L; it looks like a count per µL"),
        ("neutrophils: 400", "error: neutrophils 400 is not plausible in ×10⁹/L; it looks like a count per µL"),
        ("haemoglobin: \"9.1 mg/dL\"", "error: unknown unit 'mg/dL' for haemoglobin"),
        ("haemoglobin: \"9.1 g/L\"", "error: haemoglobin '9.1 g/L' is not plausible (30 to 250 g/L)"),
        ("haemoglobin: low", "error: haemoglobin 'low' is not a number"),
    ])
    func implausibleValuesNameTheLikelyMixUp(_ line: String, _ message: String) {
        let (p, d) = readProfile(base + "labs: {\(line)}")
        #expect(d == [message])
        #expect(p == nil, "a profile with an error is never used")
    }

    @Test func fahrenheitIsCaught() {
        #expect(
            readProfile(base + "temperature_c: 101.3").1 == ["error: temperature_c 101.3 looks like degrees Fahrenheit"]
        )
        #expect(readProfile(base + "temperature_c: 38.4").0?.isFebrile == true)
        #expect(readProfile(base + "temperature_c: 37.0").0?.isFebrile == false)
    }

    @Test func fatigueWordsMapToTheLowestScoreOfTheirBand() {
        #expect(readProfile(base + "fatigue: severe").0?.fatigue == 7)
        #expect(readProfile(base + "fatigue: moderate").0?.fatigue == 4)
        #expect(readProfile(base + "fatigue: 5").0?.fatigue == 5)
        #expect(
            readProfile(base + "fatigue: sevre").1 == [
                "error: fatigue must be a score 0–10 or none, mild, moderate or severe, not 'sevre'"
            ])
    }

    @Test func missingFieldsStayMissing() throws {
        let p = try #require(readProfile(base).0)
        #expect(p.labs == nil && p.pain == nil && p.neuroSymptoms == nil && p.boneDensity == nil)
    }
}

struct SINSTests {
    @Test func totalIsComputedFromPartsWithLocationFromTheLevel() throws {
        let (p, d) = readProfile(
            base + """
                spinal_metastases:
                  present: true
                  levels: [T10]
                  sins_parts: {pain: mechanical, lesion: lytic, alignment: normal, collapse: under-50, posterolateral: unilateral}
                """)
        #expect(d.isEmpty)
        let m = try #require(p?.spinalMetastases)
        #expect(m.sinsParts?.location == .semiRigid)
        #expect(m.sins == 9)
    }

    @Test func givenTotalMustAgreeWithParts() {
        let (_, d) = readProfile(
            base + """
                spinal_metastases: {present: true, levels: [T10], sins: 12, sins_parts: {pain: mechanical, lesion: lytic, alignment: normal, collapse: under-50, posterolateral: unilateral}}
                """)
        #expect(d == ["error: sins 12 does not match its parts, which add up to 9"])
    }

    @Test func locationMustMatchTheLevels() {
        let (_, d) = readProfile(
            base + """
                spinal_metastases: {present: true, levels: [T10], sins_parts: {location: mobile, pain: mechanical, lesion: lytic, alignment: normal, collapse: under-50, posterolateral: unilateral}}
                """)
        #expect(d == ["error: SINS location 'mobile' does not match the levels (T10 is semi-rigid)"])
    }

    @Test func highestScoringLevelGivesTheLocation() throws {
        let (p, _) = readProfile(
            base + """
                spinal_metastases: {present: true, levels: [T9, T12], sins_parts: {pain: pain-free, lesion: blastic, alignment: normal, collapse: none, posterolateral: none}}
                """)
        #expect(try #require(p?.spinalMetastases?.sins) == 3)
    }

    @Test(arguments: [
        ("C0", SINSLocation.junctional), ("C2", .junctional), ("C3", .mobile), ("C6", .mobile), ("C7", .junctional),
        ("T1", .junctional), ("T2", .junctional), ("T3", .semiRigid), ("T10", .semiRigid), ("T11", .junctional),
        ("T12", .junctional), ("L1", .junctional), ("L2", .mobile), ("L4", .mobile), ("L5", .junctional),
        ("S1", .junctional), ("S2", .rigid), ("S5", .rigid),
    ])
    func levelsMapToTheirSINSLocation(_ level: String, _ location: SINSLocation) throws {
        #expect(try #require(VertebralLevel(level)).sinsLocation == location)
    }

    @Test func impossibleLevelsAreRejected() {
        #expect(VertebralLevel("T13") == nil)
        #expect(VertebralLevel("L6") == nil)
        #expect(VertebralLevel("X1") == nil)
    }

    @Test(arguments: [
        (0, SpinalStability.stable), (6, .stable), (7, .potentiallyUnstable), (12, .potentiallyUnstable),
        (13, .unstable), (18, .unstable),
    ])
    func bandsFollowFisher2010(_ total: Int, _ band: SpinalStability) {
        #expect(SINSParts.band(total) == band)
    }

    @Test func maximumAndMinimumScores() {
        let worst = SINSParts(
            location: .junctional, pain: .mechanical, lesion: .lytic, alignment: .subluxation,
            collapse: .over50, posterolateral: .bilateral)
        let best = SINSParts(
            location: .rigid, pain: .painFree, lesion: .blastic, alignment: .normal, collapse: .none,
            posterolateral: .none)
        #expect(worst.total == 18)
        #expect(best.total == 0)
    }
}

struct MirelsTests {
    @Test func totalAndLimbFromParts() throws {
        let (p, d) = readProfile(
            base + """
                long_bone_lesions: [{site: right humerus, mirels_parts: {site: upper-limb, pain: functional, lesion: lytic, size: over-two-thirds}}]
                """)
        #expect(d.isEmpty)
        let lesion = try #require(p?.longBoneLesions?.first)
        #expect(lesion.mirels == 10)
        #expect(lesion.limb == .upper)
    }

    @Test func givenScoreMustAgree() {
        let (_, d) = readProfile(
            base + """
                long_bone_lesions: [{site: right-femur, mirels: 9, mirels_parts: {site: trochanteric, pain: mild, lesion: blastic, size: under-third}}]
                """)
        #expect(d == ["error: mirels 9 does not match its parts, which add up to 6"])
    }

    @Test(arguments: [("left-femur", Limb.lower), ("Right humerus", .upper), ("proximal tibia", .lower)])
    func limbFollowsTheBoneNamed(_ site: String, _ limb: Limb) throws {
        let (p, _) = readProfile(base + "long_bone_lesions: [{site: \(site), mirels: 8}]")
        #expect(try #require(p?.longBoneLesions?.first).limb == limb)
    }

    @Test func aLesionTheRulesCannotJudgeIsAnError() {
        #expect(
            readProfile(base + "long_bone_lesions: [{site: proximal thigh bone, mirels: 11}]").1
                == ["error: unknown bone in site 'proximal thigh bone'"])
        #expect(
            readProfile(base + "long_bone_lesions: [{site: left femur and tibia, mirels: 11}]").1
                == ["error: site 'left femur and tibia' names 2 bones; give one entry per bone"])
        #expect(
            readProfile(base + "long_bone_lesions: [{mirels: 11, limb: lower}]").1
                == ["error: a long-bone lesion is missing required key 'site'"])
        #expect(
            readProfile(base + "long_bone_lesions: [{site: left femur}]").1
                == ["error: a long-bone lesion needs 'mirels' (4–12) or 'mirels_parts'"])
        #expect(readProfile(base + "long_bone_lesions: [{site: left femur}]").0 == nil)
    }

    @Test func metastasisDetailsWithoutPresentMeanPresent() throws {
        let (p, d) = readProfile(base + "spinal_metastases: {levels: [L1], sins: 15, stability: unstable}")
        #expect(p?.spinalMetastases?.present == true)
        #expect(
            d == [
                "warning: spinal_metastases gives levels, a SINS or a stability but not 'present'; taken as present: true"
            ])
        let (q, e) = readProfile(base + "spinal_metastases: {present: false, levels: [L1], sins: 15}")
        #expect(q == nil)
        #expect(e == ["error: spinal_metastases says present: false but gives levels, a SINS or a stability"])
    }

    @Test func aBraceNeedsToSayWhenItIsWorn() {
        #expect(readProfile(base + "brace: {type: TLSO}").1 == ["error: brace is missing required key 'wear_when'"])
    }

    @Test func scoreRange() {
        #expect(MirelsParts(site: .upperLimb, pain: .mild, lesion: .blastic, size: .underThird).total == 4)
        #expect(MirelsParts(site: .trochanteric, pain: .functional, lesion: .lytic, size: .overTwoThirds).total == 12)
    }
}

struct ProfileFailsClosedTests {
    @Test func aMisspeltKeyMakesTheProfileUnusable() {
        let (p, d) = readProfile("assessed: 2026-11-20\nsuspected_cord_compresion: true\n")
        #expect(p == nil)
        #expect(d.contains("error: unknown key 'suspected_cord_compresion' in a safety profile"))
    }

    @Test func aMissingRequiredKeyMakesTheProfileUnusable() {
        #expect(readProfile("assessed: 2026-11-20\n").0 == nil)
    }
}
