import Foundation
import Testing

@testable import RehabKit

@Suite struct TextIdentifierTests {
    @Test func encodesAsTheBareString() throws {
        let data = try JSONEncoder().encode(["rule": RuleID("cord-compression-suspected")])
        #expect(String(decoding: data, as: UTF8.self) == #"{"rule":"cord-compression-suspected"}"#)
        let back = try JSONDecoder().decode([ExerciseID].self, from: Data(#"["wall-push","bridge"]"#.utf8))
        #expect(back == [ExerciseID("wall-push"), "bridge"])
    }

    @Test func sortsAndPrintsByItsText() {
        let ids: [RuleID] = ["fever", "anaemia", "cord-compression-suspected"]
        #expect(ids.sorted().map(\.description) == ["anaemia", "cord-compression-suspected", "fever"])
        #expect("\(ExerciseID("seated-march"))" == "seated-march")
    }
}
