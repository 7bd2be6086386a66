import Foundation
import TestSupport
import Testing

struct ScheduleCommandTests {
    static let golden = Paths.packageRoot + "/Tests/RehabCLITests/Golden/"

    @Test(arguments: ["gentle-start-osteopenia", "braced-t10-metastasis"])
    func weekOneMatchesGolden(_ plan: String) throws {
        for format in ["text", "json"] {
            let run = try Run(["schedule", "Plans/\(plan).yaml", "--week", "1", "--format", format])
            #expect(run.status == 0, "\(run.stderr)")
            let problem = Golden.check(
                run.stdout, file: Self.golden + "schedule-\(plan)-week1.\(format == "text" ? "txt" : "json")")
            #expect(problem == nil, "\(problem ?? "")")
        }
    }

    @Test func jsonFollowsTheContract() throws {
        let run = try Run(["schedule", "Plans/gentle-start-osteopenia.yaml", "--week", "2", "--format", "json"])
        let week = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        #expect(week["plan"] as? String == "gentle-start-osteopenia")
        #expect(week["week"] as? Int == 2)
        #expect(week["start"] as? String == "2026-12-07")
        #expect(week["end"] as? String == "2026-12-13")
        let days = try #require(week["days"] as? [[String: Any]])
        #expect(days.count == 7)
        for day in days {
            for key in ["date", "weekday", "minutes", "sessions", "habits"] {
                #expect(day[key] != nil, "day lacks \(key)")
            }
            for s in day["sessions"] as! [[String: Any]] {
                for key in ["exercise", "time", "dose", "minutes"] { #expect(s[key] != nil, "session lacks \(key)") }
            }
        }
        #expect(week["blocked"] is [String])
        #expect(week["unscheduled"] is [[String: Any]])
    }

    @Test func severalWeeksAreAnArray() throws {
        let run = try Run(["schedule", "Plans/gentle-start-osteopenia.yaml", "--weeks", "1-3", "--format", "json"])
        let weeks = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [[String: Any]])
        #expect(weeks.map { $0["week"] as? Int } == [1, 2, 3])
    }

    @Test func aWeekPastTheEndIsAnError() throws {
        let run = try Run(["schedule", "Plans/gentle-start-osteopenia.yaml", "--week", "9"])
        #expect(run.status == 1)
        #expect(run.stderr == "error: week 9 is outside the plan, which runs for 6 weeks (1–6)\n")
    }

    @Test func aTemplateCannotBeScheduled() throws {
        let run = try Run(["schedule", "Plans/back-care-template.yaml", "--week", "1"])
        #expect(run.status == 1)
        #expect(run.stderr.contains("is a template"))
    }

    @Test func aBlockedPlanExitsThreeAndSchedulesNothing() throws {
        let run = try Run(["schedule", "Plans/suspected-cord-compression.yaml", "--week", "1", "--format", "json"])
        #expect(run.status == 3)
        let week = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        for day in week["days"] as! [[String: Any]] { #expect((day["sessions"] as! [Any]).isEmpty) }
        #expect(week["status"] as? String == "blocked")
    }

    @Test func usage() throws {
        #expect(try Run(["schedule", "Plans/gentle-start-osteopenia.yaml"]).status == 64)
        #expect(try Run(["schedule", "Plans/gentle-start-osteopenia.yaml", "--weeks", "3-1"]).status == 64)
    }
}
