import Testing

@testable import RehabKit

/// The score calculators against SAFETY.md's tables, at every combination of parts and every band edge.
struct ScoreCalculatorTests {
    // SAFETY.md: location junctional 3, mobile 2, semi-rigid 1, rigid 0; pain mechanical 3, occasional 1,
    // pain-free 0; lesion lytic 2, mixed 1, blastic 0; alignment subluxation 4, new deformity 2, normal 0;
    // collapse > 50 % 3, < 50 % 2, none but > 50 % involved 1, none 0; posterolateral bilateral 3,
    // unilateral 1, none 0.
    static let sinsTable: [String: Int] = [
        "junctional": 3, "mobile": 2, "semi-rigid": 1, "rigid": 0, "mechanical": 3, "occasional": 1, "pain-free": 0,
        "lytic": 2, "mixed": 1, "blastic": 0, "subluxation": 4, "new-deformity": 2, "normal": 0,
        "over-50": 3, "under-50": 2, "none-over-50-involved": 1, "none": 0, "bilateral": 3, "unilateral": 1,
    ]

    @Test func everySINSCombinationMatchesTheTableAndItsBand() throws {
        var seen = Set<Int>()
        for location in SINSLocation.allCases {
            for pain in SINSPain.allCases {
                for lesion in SINSLesion.allCases {
                    for alignment in SINSAlignment.allCases {
                        for collapse in SINSCollapse.allCases {
                            for pl in SINSPosterolateral.allCases {
                                let parts = SINSParts(
                                    location: location, pain: pain, lesion: lesion, alignment: alignment,
                                    collapse: collapse, posterolateral: pl)
                                let r = try #require(ScoreCalculator.sins(parts))
                                let expected =
                                    [
                                        location.rawValue, pain.rawValue, lesion.rawValue, alignment.rawValue,
                                        collapse.rawValue,
                                    ]
                                    .map { Self.sinsTable[$0]! }.reduce(0, +)
                                    + (pl == .none ? 0 : Self.sinsTable[pl.rawValue]!)
                                #expect(r.total == expected)
                                seen.insert(r.total)
                                let rules = Set(r.meaning.map { String($0.split(separator: ":")[0]) })
                                #expect(rules.contains("sins-unstable") == (expected >= 13), "SINS \(expected)")
                                #expect(
                                    rules.contains("sins-potentially-unstable") == (7...12).contains(expected),
                                    "SINS \(expected)")
                                #expect(
                                    r.band.hasPrefix(
                                        expected <= 6 ? "stable" : expected <= 12 ? "potentially unstable" : "unstable")
                                )
                            }
                        }
                    }
                }
            }
        }
        #expect(seen == Set(0...18), "every total from 0 to 18 is reachable")
    }

    @Test func everyMirelsCombinationMatchesTheTableAndItsBand() {
        for site in MirelsSite.allCases {
            for pain in MirelsPain.allCases {
                for lesion in MirelsLesion.allCases {
                    for size in MirelsSize.allCases {
                        // SAFETY.md: each part scores 1, 2 or 3 in the order written.
                        let expected = [
                            site.rawValue == "upper-limb" ? 1 : site.rawValue == "lower-limb" ? 2 : 3,
                            pain.rawValue == "mild" ? 1 : pain.rawValue == "moderate" ? 2 : 3,
                            lesion.rawValue == "blastic" ? 1 : lesion.rawValue == "mixed" ? 2 : 3,
                            size.rawValue == "under-third" ? 1 : size.rawValue == "third-to-two-thirds" ? 2 : 3,
                        ].reduce(0, +)
                        let r = ScoreCalculator.mirels(MirelsParts(site: site, pain: pain, lesion: lesion, size: size))
                        #expect(r.total == expected)
                        let rules = Set(r.meaning.map { String($0.split(separator: ":")[0]) })
                        let limb = site.limb == .lower ? "lower" : "upper"
                        #expect(rules.contains("mirels-high-\(limb)") == (expected >= 9), "Mirels \(expected)")
                        #expect(rules.contains("mirels-borderline-\(limb)") == (expected == 8), "Mirels \(expected)")
                        #expect(r.band.hasPrefix(expected >= 9 ? "high" : expected == 8 ? "borderline" : "low"))
                    }
                }
            }
        }
    }

    @Test func theLocationFollowsTheLevels() throws {
        let parts = SINSParts(
            location: nil, pain: .mechanical, lesion: .lytic, alignment: .normal, collapse: .under50,
            posterolateral: .unilateral)
        #expect(try #require(ScoreCalculator.sins(parts, levels: [VertebralLevel("T10")!])).total == 9)
        #expect(
            try #require(ScoreCalculator.sins(parts, levels: [VertebralLevel("T12")!])).total == 11,
            "T11–L1 is junctional")
        #expect(ScoreCalculator.sins(parts) == nil)
    }
}
