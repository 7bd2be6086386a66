import RehabKit
import YAMLReader

/// The two workloads `rehab bench load` compares; the CLI times them.
public enum LoadBenchmark {
    /// Every YAML file of a workspace, as loading finds them.
    public static func files(root: String) -> [String] {
        FileSystem.yamlFiles(under: root + "/Exercises") + FileSystem.yamlFiles(under: root + "/Plans")
    }

    /// The baseline: read each file and run libyaml's bare event parse over it, building nothing.
    /// Returns the number of events (so the work cannot be optimised away).
    public static func bareParse(_ files: [String]) -> Int {
        var events = 0
        for path in files {
            guard let bytes = try? FileSystem.read(path, limit: Int.max) else { continue }
            events += (try? YAMLParser.scanEvents(bytes)) ?? 0
        }
        return events
    }

    /// The middle step, for a breakdown: read each file and build its located node tree.
    /// Returns the number of trees.
    public static func nodeTrees(_ files: [String]) -> Int {
        var trees = 0
        for path in files {
            guard let bytes = try? FileSystem.read(path, limit: Int.max) else { continue }
            if (try? YAMLParser.parse(bytes)) != nil { trees += 1 }
        }
        return trees
    }

    /// The real work of `rehab validate`: list, read, parse into located nodes, read models,
    /// validate across the workspace. Returns the report.
    public static func fullLoad(root: String) -> ValidationReport {
        Validation.run(root: root, displayBase: root)
    }

    /// `rehab schedule` for every week of every patient's plan: load, check each plan once,
    /// schedule each week (on all cores). Returns weeks, sessions and unscheduled sessions.
    public static func scheduleAll(root: String) -> (weeks: Int, sessions: Int, unscheduled: Int) {
        let open = OpenWorkspace(root: root, displayBase: root)
        let engine = SafetyEngine(rules: RuleSet.defaults.rules)
        let scheduler = WeekScheduler(workspace: open.workspace, engine: engine)
        let plans = open.workspace.plans.filter { !$0.isTemplate && $0.safety != nil }
        let perPlan = ParallelMap.map(plans) { plan -> (Int, Int, Int) in
            var sessions = 0
            var missing = 0
            var previous: WeekSchedule?
            for week in 1...plan.weeks {
                guard let s = try? scheduler.schedule(plan, week: week, previous: previous) else { continue }
                previous = s
                sessions += s.days.reduce(0) { $0 + $1.sessions.count }
                missing += s.unscheduled.reduce(0) { $0 + $1.sessions }
            }
            return (plan.weeks, sessions, missing)
        }
        return perPlan.reduce((0, 0, 0)) { ($0.0 + $1.0, $0.1 + $1.1, $0.2 + $1.2) }
    }
}
