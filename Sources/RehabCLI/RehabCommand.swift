import ArgumentParser
import Foundation
import RehabKit

/// `rehab`: author, check, schedule and print rehabilitation plans.
public struct RehabCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "rehab",
        abstract: "Author, check, schedule and print gentle rehabilitation plans.",
        discussion: """
            Plans and exercises are YAML files in a workspace (Exercises/, Plans/). Exit codes: \
            0 ok, 1 invalid input, 3 blocked by safety, 64 usage.
            """,
        version: RehabVersion.current,
        subcommands: [
            ValidateCommand.self, CheckCommand.self, ScheduleCommand.self, PrintCommand.self, LogCommand.self,
            ProgressCommand.self, RulesCommand.self, ExercisesCommand.self, NewCommand.self, ReassessCommand.self,
            PlanCommand.self, OverviewCommand.self, ScoreCommand.self, SchemaCommand.self, ExportCommand.self,
            StoreCommand.self, BenchCommand.self,
        ]
    )

    public init() {}
}

public enum RehabVersion {
    public static let current = "0.1.0"
}
