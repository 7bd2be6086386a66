import Foundation
import RehabKit

/// A workspace with its progress log: plans carry the red flags their patients reported, and
/// schedules take progression steps the log earned.
public struct Tracking: Sendable {
    public let open: OpenWorkspace
    public let store: (any ProgressLogStore)?
    public let engine: SafetyEngine
    /// The outcome tests: the bundled ones and the clinic's `outcome-tests.yaml`, if any.
    public let tests: OutcomeTests
    /// The plan ids of each patient (see `patientKey`), worked out once.
    let plansOfPatient: [String: [String]]

    /// The store: `--db`, else `REHAB_DB`, else `.rehab/progress.sqlite` under the root — a file's
    /// path, or anything that looks like an address kept as written (`StoreAddress` reads or refuses it
    /// when the store is opened: never as a path).
    public static func storePath(db: String?, environment: [String: String], root: String, displayBase: String)
        -> String
    {
        let chosen =
            db ?? environment["REHAB_DB"]
            ?? ProgressStore.defaultPath(root: FileSystem.absolute(root, base: displayBase))
        return StoreAddress.looksLikeURL(chosen) ? chosen : FileSystem.absolute(chosen, base: displayBase)
    }

    /// Opens the store `storePath` names (see `storePath`).
    public static func openStore(
        _ storePath: String, create: Bool,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws(StoreError) -> (any ProgressLogStore)? {
        switch try StoreAddress(storePath, base: FileManager.default.currentDirectoryPath) {
        case .postgres(let address):
            return try PostgresProgressStore.open(address, create: create, environment: environment)
        case .file(let path): return try ProgressStore.open(path: path, create: create)
        }
    }

    /// `create`: make the store when there is none (commands that write). Commands that only read
    /// work without one, as if the log were empty.
    /// `today`: the day the command runs; no clinical date of a profile may lie after it.
    public init(open: OpenWorkspace, rules: RuleSet, storePath: String, create: Bool, today: LocalDate? = nil)
        throws(StoreError)
    {
        self.open = open
        self.engine = SafetyEngine(rules, today: today)
        tests = OutcomeTests.forWorkspace(root: open.workspace.root, displayBase: open.displayBase)
        plansOfPatient = Dictionary(
            grouping: open.workspace.plans, by: { Self.patientKey($0, displayBase: open.displayBase) }
        )
        .mapValues { $0.map(\.id) }
        store = try Self.openStore(storePath, create: create)
    }

    public func entries(_ plan: Plan) throws(StoreError) -> [LogEntry] {
        try store?.entries(plan: plan.id) ?? []
    }

    /// Who a plan is for: its profile file, else the patient's reference, else the plan itself.
    /// A red flag reported against one plan stops every plan of the same patient.
    static func patientKey(_ plan: Plan, displayBase: String) -> String {
        if let path = plan.safetyProfilePath {
            let planFile = FileSystem.absolute(plan.file, base: displayBase)
            return "profile:" + FileSystem.absolute(path.value, base: FileSystem.directoryName(planFile))
        }
        if let ref = plan.patient?.ref { return "ref:" + ref }
        return "plan:" + plan.id
    }

    /// The two plans are for the same patient (a red flag reported against one stops both).
    public func samePatient(_ a: Plan, _ b: Plan) -> Bool {
        Self.patientKey(a, displayBase: open.displayBase) == Self.patientKey(b, displayBase: open.displayBase)
    }

    /// The ids of every plan of this plan's patient (the plan itself included).
    func plansOfPatient(_ plan: Plan) -> [String] {
        plansOfPatient[Self.patientKey(plan, displayBase: open.displayBase)] ?? [plan.id]
    }

    /// Every red flag reported against any plan of this plan's patient; which of them a plan as of
    /// a day holds is `Plan.withReported(_:upTo:today:)`'s to decide.
    public func reports(for plan: Plan) throws(StoreError) -> [ReportedRedFlag] {
        guard let store else { return [] }
        return try store.reportedRedFlags(plans: plansOfPatient(plan))
    }

    /// The red-flag reports of this plan's patient that were voided, while the assessment they fell
    /// after is still the current one (a later assessment closes them): `check` keeps showing them.
    public func voidedReports(for plan: Plan, today: LocalDate) throws(StoreError) -> [StoredEntry] {
        guard let store else { return [] }
        let assessed = plan.safety?.assessed
        return try store.voidedSymptoms(plans: plansOfPatient(plan)).filter { e in
            guard let assessed else { return true }
            return e.entry.date >= assessed || assessed > today
        }
    }

    /// The plan with the red flags its patient reported since the assessment (those known on `upTo`;
    /// `Plan.withReported(_:upTo:today:)`).
    /// `today` keeps an assessment dated in the future from closing them.
    public func tracked(_ plan: Plan, upTo: LocalDate? = nil, today: LocalDate? = nil) throws(StoreError) -> Plan {
        plan.withReported(try reports(for: plan), upTo: upTo, today: today)
    }

    /// The plan as `tracked(_:upTo:today:)` gives it for each of `days`, the log read once: a sheet
    /// printed on a day its code does not name is rebuilt by trying the days it may have been printed on.
    public func tracked(_ plan: Plan, forEachOf days: [(upTo: LocalDate, today: LocalDate)]) throws(StoreError)
        -> [Plan]
    {
        let all = try reports(for: plan)
        return days.map { day in plan.withReported(all, upTo: day.upTo, today: day.today) }
    }

    /// The scheduler that judges progression on the log (planned steps where there is none).
    public func scheduler(for plan: Plan) throws(StoreError) -> WeekScheduler {
        let entries = try entries(plan)
        let judge =
            entries.isEmpty
            ? nil : LogJudge(log: ProgressLog(plan: plan, entries: entries, workspace: open.workspace, engine: engine))
        return WeekScheduler(workspace: open.workspace, engine: engine, judge: judge)
    }
}
