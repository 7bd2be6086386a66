import YAMLReader

@testable import RehabKit

/// Builds exercises, plans and workspaces in code for safety tests.
enum Build {
    static let here = SourceLocation(file: "test", line: 1, column: 1)

    static func exercise(
        _ id: String, kind: ExerciseKind = .mobility, position: Position = .standing,
        _ movements: Set<Movement> = [], intensity: Intensity = .light, easier: String? = nil
    ) -> Exercise {
        Exercise(
            id: ExerciseID(id), name: id, kind: kind, summary: "s", steps: ["s"], position: position,
            movements: movements,
            intensity: intensity, dose: Dose(minutes: 5), easier: easier.map { Located($0, at: here) }, location: here)
    }

    static func workspace(_ exercises: [Exercise]) -> Workspace {
        Workspace(
            root: "/", exercises: exercises,
            exercisesByID: Dictionary(exercises.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a }),
            plans: [], files: [:])
    }

    static func plan(_ ids: [String], profile: SafetyProfile, limit: Int? = 40) -> Plan {
        Plan(
            id: "p", title: "P", isTemplate: false, patient: Patient(name: "N", ref: nil), careTeam: nil,
            start: LocalDate("2026-11-30"), weeks: 4, restDays: [], dailyMinutesLimit: limit, safety: profile,
            safetyProfilePath: nil,
            items: ids.map { PlanItem(exercise: Located($0, at: here), frequency: .daily, location: here) },
            file: "p.yaml", location: here)
    }

    /// A profile with every field given and nothing wrong, to change field by field.
    static var clearProfile: SafetyProfile {
        var p = SafetyProfile(location: here)
        p.assessed = LocalDate("2026-11-20")
        p.suspectedCordCompression = false
        p.neuroSymptoms = []
        p.backPain = BackPain(new: false, worsening: false, nightPain: false, worseOnStraining: false, region: .lumbar)
        p.spinalMetastases = SpinalMetastases(present: false)
        p.longBoneLesions = []
        p.boneDensity = .normal
        p.vertebralFracture = false
        p.weightBearing = .full
        p.clearance = []
        p.labs = Labs(platelets: 220, haemoglobin: 125, neutrophils: 3.5, date: LocalDate("2026-11-19"))
        p.fever = false
        p.pain = 2
        p.fatigue = 2
        return p
    }

    /// A profile read from YAML text (full validation), for tests that state a clinical picture.
    static func profile(_ yaml: String) -> SafetyProfile {
        let r = NodeReader(file: "t.yaml")
        let node = try! YAMLParser.parse(Array(yaml.utf8))!
        guard let p = ProfileReader.read(node, r, partial: true) else {
            fatalError("test profile invalid: \(r.diagnostics)")
        }
        return p
    }
}

/// A small library that covers every kind, position and the movement tags the rules act on.
enum Library {
    static let all: [Exercise] = [
        Build.exercise("walking", kind: .activity, [.upright, .weightBearing, .aerobic]),
        Build.exercise(
            "walking-brisk", kind: .activity, [.upright, .weightBearing, .aerobic], intensity: .moderate,
            easier: "walking"),
        Build.exercise(
            "sit-to-stand", kind: .strength, position: .sitting,
            [.upright, .weightBearing, .legLoading, .spinalFlexion]),
        Build.exercise("lifting-box", kind: .strength, [.upright, .lifting, .spinalFlexion, .weightBearing]),
        Build.exercise("trunk-twist", kind: .mobility, position: .sitting, [.upright, .spinalRotation]),
        Build.exercise("side-bend", kind: .mobility, position: .sitting, [.upright, .sideBending]),
        Build.exercise("wall-push-up", kind: .strength, [.upright, .armLoading, .resistance, .weightBearing]),
        Build.exercise("heel-raises", kind: .strength, [.upright, .legLoading, .balance, .weightBearing]),
        Build.exercise("breathing-lying", kind: .breathing, position: .lying, [], intensity: .veryLight),
        Build.exercise("breathing-sitting", kind: .breathing, position: .sitting, [.upright], intensity: .veryLight),
        Build.exercise("red-flags", kind: .education, position: .any, [], intensity: .veryLight),
        Build.exercise("brace-wear", kind: .bracing, position: .any, [.upright], intensity: .veryLight),
        Build.exercise("hip-hinge-loaded", kind: .strength, [.spinalFlexion, .axialLoading, .hipLoading]),
    ]
    static var workspace: Workspace { Build.workspace(all) }
    static var ids: [String] { all.map(\.id.rawValue) }
}
