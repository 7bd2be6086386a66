import Foundation
import TestSupport
import Testing

@testable import RehabKit

/// The JSON Schemas are built from the readers' key tables: every key a reader accepts is in the
/// schema and no other; the committed schemas/ are what `rehab schema` prints; and a real validator
/// (Python jsonschema, Draft 2020-12, installed by `make test`) accepts every bundled file and refuses
/// the schema-level invalid fixtures.
struct DocumentSchemaTests {
    @Test func everyReaderKeyIsInItsSchemaAndNoOther() throws {
        #expect(Set(DocumentSchemas.exercise.keys) == Set(ExerciseReader.keys))
        #expect(Set(DocumentSchemas.plan.keys) == Set(PlanReader.keys))
        let item = try #require(DocumentSchemas.plan["items"])
        guard case .array(_, let itemNode, _) = item else {
            Issue.record("items is not an array")
            return
        }
        #expect(Set(itemNode.keys) == Set(PlanReader.itemKeys))
        #expect(Set(try #require(itemNode["progression"]).keys) == Set(PlanReader.progressionKeys))
        #expect(Set(DocumentSchemas.profile.keys) == Set(ProfileReader.keys))
        #expect(Set(DocumentSchemas.rule.keys) == Set(RuleReader.ruleKeys))
        #expect(Set(DocumentSchemas.effect.keys) == Set(RuleReader.effectKeys))
        #expect(Set(DocumentSchemas.dose.keys) == Set(Dose.keys))
    }

    @Test(arguments: DocumentSchemas.Kind.allCases)
    func theCommittedSchemaIsTheGeneratedOne(_ kind: DocumentSchemas.Kind) throws {
        let file = Paths.packageRoot + "/schemas/\(kind.rawValue).schema.json"
        if ProcessInfo.processInfo.environment["REHAB_RECORD"] != nil {
            try DocumentSchemas.text(kind).write(toFile: file, atomically: true, encoding: .utf8)
        }
        #expect(
            try String(contentsOfFile: file, encoding: .utf8) == DocumentSchemas.text(kind),
            "schemas/\(kind.rawValue).schema.json is out of date: REHAB_RECORD=1 re-writes it")
    }

    static func python(_ args: [String]) throws -> (Int32, String) {
        let p = try Subprocess.tool(
            "python3", [Paths.packageRoot + "/scripts/validate_schemas.py", Paths.packageRoot + "/schemas"] + args,
            in: Paths.packageRoot)
        return (p.status, p.output + p.errors)
    }

    static func yamlFiles(_ folder: String) -> [String] {
        let root = Paths.packageRoot + "/" + folder
        return (FileManager.default.enumerator(atPath: root)?.compactMap { $0 as? String } ?? [])
            .filter { $0.hasSuffix(".yaml") }.map { folder + "/" + $0 }.sorted()
    }

    @Test func aRealValidatorAcceptsEveryBundledFile() throws {
        let files =
            ["Exercises", "Plans", "Patients"].flatMap(Self.yamlFiles) + [
                "Sources/RehabKit/Resources/default-rules.yaml"
            ]
        #expect(files.count > 50)
        let (status, out) = try Self.python(["--valid"] + files)
        #expect(status == 0, "\(out)  (make test installs python3-jsonschema and python3-yaml)")
    }

    @Test func aRealValidatorRefusesTheSchemaLevelFixtures() throws {
        let files = Self.yamlFiles("Tests/Fixtures/schema-invalid")
        #expect(files.count >= 10)
        let (status, out) = try Self.python(["--invalid"] + files)
        #expect(status == 0, "\(out)")
    }

    @Test func bundledFilesNameTheirSchema() throws {
        for folder in ["Exercises", "Plans", "Patients"] {
            for file in Self.yamlFiles(folder) {
                let first = try String(contentsOfFile: Paths.packageRoot + "/" + file, encoding: .utf8).prefix {
                    $0 != "\n"
                }
                #expect(first.hasPrefix("# yaml-language-server: $schema="), "\(file)")
            }
        }
    }
}
