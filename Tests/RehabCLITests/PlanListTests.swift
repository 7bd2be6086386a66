import Foundation
import TestSupport
import Testing

@testable import RehabCLI

/// Plans by folder and `--all`, and long plan lists parsed in linear time.
struct PlanListTests {
    static let bundledPlans = [
        "Plans/back-care-template.yaml", "Plans/braced-t10-metastasis.yaml",
        "Plans/gentle-start-osteopenia.yaml", "Plans/suspected-cord-compression.yaml",
    ]

    @Test func checkOfAFolderIsCheckOfEveryPlanInIt() throws {
        let listed = try Run(["check", "--as-of", "2026-11-30"] + Self.bundledPlans)
        let folder = try Run(["check", "Plans/", "--as-of", "2026-11-30"])
        let all = try Run(["check", "--all", "--as-of", "2026-11-30"])
        #expect(listed.status == 3)
        for run in [folder, all] {
            #expect(run.status == listed.status)
            #expect(run.stdout == listed.stdout)
            #expect(run.stderr == listed.stderr)
        }
        #expect(listed.stdout.contains("braced-t10-metastasis") && listed.stdout.contains("suspected-cord-compression"))
    }

    @Test func aFolderWithoutPlansIsAnError() throws {
        let run = try Run(["check", "docs"])
        #expect(run.status == 1)
        #expect(run.stderr.contains("docs:1:1: error: no plans in 'docs'"), "\(run.stderr)")
    }

    @Test func folderExpansionIncludesPlansThatFailToLoad() throws {
        let ws = try TemporaryWorkspace()
        try ws.copy(folder: Paths.fixtures + "/valid/Exercises", to: "Exercises")
        try ws.copy(folder: Paths.fixtures + "/valid/Patients", to: "Patients")
        try ws.copy(folder: Paths.fixtures + "/valid/Plans", to: "Plans")
        try ws.write("Plans/broken.yaml", "id: [\n")
        let run = try Run(["check", "Plans", "--as-of", "2026-11-30"], in: ws.root)
        #expect(run.status == 1, "a plan that cannot be read makes the check invalid")
        #expect(run.stderr.contains("Plans/broken.yaml:2:1: error:"), "\(run.stderr)")
        #expect(run.stdout.contains("maria"), "the other plans are still checked")
    }

    @Test func allAndPlanNamesTogetherIsAUsageError() throws {
        let run = try Run(["check", "--all", "Plans/"])
        #expect(run.status == 64)
        #expect(run.stderr.contains("give plans or --all, not both"))
        let none = try Run(["schedule", "--week", "1"])
        #expect(none.status == 64)
        #expect(none.stderr.contains("or give --all"))
    }

    @Test func scheduleOfSeveralPlansIsEachInTurn() throws {
        let plans = ["Plans/gentle-start-osteopenia.yaml", "Plans/braced-t10-metastasis.yaml"]
        let one = try plans.map { try Run(["schedule", $0, "--week", "1"]) }
        let both = try Run(["schedule"] + plans + ["--week", "1"])
        #expect(both.status == 0, "\(both.stderr)")
        #expect(both.stdout == one[0].stdout + "\n" + one[1].stdout)

        let json = try Run(["schedule"] + plans + ["--week", "1", "--format", "json"])
        let weeks = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
        #expect(weeks.map { $0["plan"] as? String } == ["gentle-start-osteopenia", "braced-t10-metastasis"])
    }

    @Test func scheduleAllGoesOnPastABlockedAndAnInvalidPlan() throws {
        let run = try Run(["schedule", "--all", "--weeks", "1-2", "--format", "json"])
        // The template cannot be scheduled (invalid), so the exit is 1; the others are laid out.
        let weeks = try #require(
            try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [[String: Any]], "\(run.stderr)")
        #expect(
            Set(weeks.compactMap { $0["plan"] as? String }).isSuperset(of: [
                "gentle-start-osteopenia", "braced-t10-metastasis",
            ]))
        #expect([1, 3].contains(run.status), "\(run.stderr)")
    }

    @Test func printOfSeveralPlansIsEachInTurn() throws {
        let plans = ["Plans/gentle-start-osteopenia.yaml", "Plans/braced-t10-metastasis.yaml"]
        let one = try plans.map { try Run(["print", $0, "--week", "1"]) }
        let both = try Run(["print"] + plans + ["--week", "1"])
        #expect(both.status == 0, "\(both.stderr)")
        #expect(both.stdout == one[0].stdout + "\n" + one[1].stdout)
        let output = try Run(["print"] + plans + ["--week", "1", "-o", "x.txt"])
        #expect(output.status == 64)
    }

    // MARK: Long lists

    @Test func splitKeepsOptionsAndEveryPositionalInOrder() {
        let split = PositionalSplit.split([
            "check", "a", "--format", "json", "b", "--as-of=2026-01-01", "c", "--all-ish", "d", "--", "-e",
        ])
        #expect(split?.positionals == ["a", "b", "c", "d", "-e"])
        #expect(split?.head == ["check", "--format", "json", "--as-of=2026-01-01", "--all-ish", "--", "a"])
        #expect(PositionalSplit.split(["check", "a", "--format", "json"]) == nil, "one plan: nothing to gain")
        #expect(PositionalSplit.split(["log", "a", "b"]) == nil, "only the plan-list commands")
        let print = PositionalSplit.split(["print", "-o", "out.pdf", "a", "b"])
        #expect(print?.head == ["print", "-o", "out.pdf", "--", "a"])
    }

    @Test func longListKeepsOrderAndOptions() throws {
        // Options between the plans, and the plans in the order given.
        let run = try Run([
            "check", "Plans/braced-t10-metastasis.yaml", "--format", "json", "Plans/gentle-start-osteopenia.yaml",
            "--as-of", "2026-11-30", "braced-t10-metastasis",
        ])
        #expect(run.status == 0, "\(run.stderr)")
        let array = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [[String: Any]])
        #expect(
            array.map { $0["plan"] as? String } == [
                "braced-t10-metastasis", "gentle-start-osteopenia", "braced-t10-metastasis",
            ])
    }

    @Test(.timeLimit(.minutes(10)))
    func twentyThousandArgumentsParseInLinearTime() throws {
        // Before: about 100 s in a debug build only to parse (the parser is quadratic); now well under a second.
        let names = (0..<20_000).map { "Plans/plan-\($0).yaml" }
        let start = Date()
        let run = try Run(["check"] + names + ["--no-such-option"])
        let elapsed = Date().timeIntervalSince(start)
        #expect(run.status == 64)
        #expect(run.stderr.contains("Unknown option '--no-such-option'"), "\(run.stderr.prefix(300))")
        #expect(elapsed < 10, "parsing 20,000 arguments took \(elapsed) s")
    }

    @Test func twentyThousandPlanNamesAreAllChecked() throws {
        let names = Array(repeating: "Plans/gentle-start-osteopenia.yaml", count: 20_000)
        let run = try Run(["check", "--format", "json", "--as-of", "2026-11-30"] + names)
        #expect(run.status == 0, "\(run.stderr.prefix(300))")
        let array = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [[String: Any]])
        #expect(array.count == 20_000)
    }

    /// The split must know every option that takes a value, or it would take the value for a plan.
    @Test(arguments: PositionalSplit.valueOptions.keys.sorted())
    func valueOptionTableMatchesTheParser(_ command: String) throws {
        let run = try Run([command, "--experimental-dump-help"])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let arguments = try #require((json["command"] as? [String: Any])?["arguments"] as? [[String: Any]])
        var names = Set<String>()
        for argument in arguments where argument["kind"] as? String == "option" {
            for name in argument["names"] as? [[String: Any]] ?? [] {
                let kind = name["kind"] as? String
                names.insert((kind == "short" ? "-" : "--") + (name["name"] as! String))
            }
        }
        #expect(names == PositionalSplit.valueOptions[command])
        // And no option takes several values, which the split could not tell from plans.
        #expect(arguments.allSatisfy { $0["kind"] as? String != "option" || $0["isRepeating"] as? Bool != true })
    }
}
