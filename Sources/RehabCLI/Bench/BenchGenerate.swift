import ArgumentParser
import Foundation
import RehabBench
import RehabKit

struct BenchGenerate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Write a synthetic clinic (Exercises/ and Plans/) for measurements."
    )

    @Argument(help: "The folder to write into (created if missing).")
    var directory: String

    @Option(help: "Number of exercises.") var exercises = 2000
    @Option(help: "Number of plans.") var plans = 1000
    @Option(help: "Random seed; the same seed writes the same files.") var seed: UInt64 = 7

    func run() throws {
        let count = try Corpus.write(CorpusGenerator(exercises: exercises, plans: plans, seed: seed), to: directory)
        Output.out("wrote \(count) files to \(directory)")
    }
}

/// A generated clinic written to a folder. Its files are synthetic, never a patient's, and a
/// benchmark writes 100,000 of them: written directly, without `OutputFile`'s fsync and rename.
enum Corpus {
    static func write(_ generator: CorpusGenerator, to directory: String) throws -> Int {
        let fm = FileManager.default
        let files = generator.files()
        for sub in Set(files.map { ($0.path as NSString).deletingLastPathComponent }) {
            try fm.createDirectory(atPath: directory + "/" + sub, withIntermediateDirectories: true)
        }
        for file in files {
            try Data(file.contents.utf8).write(to: URL(fileURLWithPath: directory + "/" + file.path))
        }
        return files.count
    }
}
