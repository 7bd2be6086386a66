// The libFuzzer entry point: built by scripts/fuzz.sh into one module with RehabKit's sources and
// the GRDB-free CSV files of RehabTracking (YAMLReader as its own module), so the internal document
// readers and the CSV scanner are reachable.
//
// Each input is read as YAML, then by every document reader (exercise, plan, profile, rules):
// whatever the bytes, reading must end with a value or diagnostics, never a crash, a hang or a
// runaway allocation. An input that reads as a valid plan is then validated, checked and
// scheduled (and rendered) against the fixture workspace's exercises; one that reads as a valid
// profile stands in for the fixture patient's profile.
//
// Each input is also read as a progress-log CSV (`rehab log import`): LogCSV.consistencyProblem
// reads it whole, a byte at a time and in chunks, as text, and exports and re-reads what it read;
// any difference is a crash (a finding), like a trap in the readers.
import Foundation
import YAMLReader

/// Tests/Fixtures/valid, loaded once (REHAB_FUZZ_WORKSPACE, set by scripts/fuzz.sh).
let fuzzBase: (workspace: Workspace, engine: SafetyEngine) = {
    let root = ProcessInfo.processInfo.environment["REHAB_FUZZ_WORKSPACE"] ?? "Tests/Fixtures/valid"
    let (ws, _) = WorkspaceLoader(root: root, displayBase: root).load()
    return (ws, SafetyEngine(rules: RuleSet.defaults.rules))
}()

/// Builds the globals before the first input: made lazily inside a run, their memory would read
/// to LeakSanitizer as leaked by that input.
@_cdecl("LLVMFuzzerInitialize")
public func rehabFuzzInitialize(_ argc: UnsafeMutablePointer<Int32>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>) -> Int32 {
    _ = fuzzBase
    _ = RuleSet.defaults
    return 0
}

@_cdecl("LLVMFuzzerTestOneInput")
public func rehabFuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    _ = try? YAMLParser.scanEvents(bytes)
    if let node = try? YAMLParser.parse(bytes) {
        _ = ExerciseReader.read(node, NodeReader(file: "fuzz.yaml"))
        let planReader = NodeReader(file: "Plans/fuzz.yaml")
        let plan = PlanReader.read(node, planReader)
        _ = planReader.diagnostics.sortedForReport().map(\.description)
        let profileReader = NodeReader(file: "Patients/fuzz.yaml")
        let profile = ProfileReader.read(node, profileReader)

        var ws = fuzzBase.workspace
        if var plan, !planReader.diagnostics.hasErrors {
            if plan.safety == nil { plan.safety = ws.plans.first?.safety }
            ws.plans = [plan]
            if !WorkspaceValidator().validate(ws).hasErrors { checkAndSchedule(plan, ws) }
        }
        if let profile, !profileReader.diagnostics.hasErrors, var plan = fuzzBase.workspace.plans.first {
            plan.safety = profile
            checkAndSchedule(plan, ws)
        }
    }
    _ = RuleSet.read(bytes, file: "fuzz-rules.yaml", origin: "fuzz")
    if let problem = LogCSV.consistencyProblem(bytes) {
        fatalError("CSV reader: \(problem)")
    }
    // A scan: decoded (refused when malformed or too large) and searched for QR codes when small.
    let image: GrayImage?
    switch ImageCodec.kind(of: bytes) {
    case .png: image = try? ImageCodec.decodePNG(bytes)
    case .jpeg: image = try? ImageCodec.decodeJPEG(bytes)
    default: image = nil
    }
    if let image, image.width * image.height <= 1_000_000 { _ = QRFinder.find(image) }
    return 0
}

func checkAndSchedule(_ plan: Plan, _ ws: Workspace) {
    let engine = fuzzBase.engine
    if let report = engine.check(plan, in: ws, asOf: plan.start) {
        _ = SafetyReportJSON.render([report])
    }
    let scheduler = WeekScheduler(workspace: ws, engine: engine)
    var weeks: [WeekSchedule] = []
    for week in 1...max(1, min(plan.weeks, 3)) {
        guard let w = try? scheduler.schedule(plan, week: week, previous: weeks.last) else { break }
        weeks.append(w)
        _ = ScheduleText.render(w, plan: plan)
    }
    _ = ScheduleJSON.render(weeks)
}
