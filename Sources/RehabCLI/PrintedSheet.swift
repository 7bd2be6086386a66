import RehabKit
import RehabPrint
import RehabScan
import RehabTracking
import SheetGeometry

/// A scanned sheet's layout, rebuilt as `rehab print` built it on the day it was printed (for
/// `ScanImport`, which has no printer).
///
/// `rehab print` checks a plan as of the day it prints (the sheet and `rehab check` agree on that
/// day), whatever the week, so the rows of a sheet depend on that day: a reassessment, a clearance
/// that lapsed, an acknowledgement or a red flag logged since can change them. The sheet's code does
/// not carry the day, so the days it may have been printed on are tried in turn, the likeliest first
/// — today, the week's first day (a week printed ahead, before any red flag of its week), then every
/// day back to two weeks before the plan or the week starts, 400 days at most — and the layout whose
/// content hash matches the code's is the sheet. The hash covers every box's place and meaning, so a
/// match reads the boxes right whichever day it came from. A day is rebuilt only when its safety
/// decisions differ from every day already tried.
final class PrintedSheet {
    let tracking: Tracking
    let printer: RoutinePrinter
    let today: LocalDate

    /// The days tried at most, back from today.
    static let daysBack = 400

    init(tracking: Tracking, printer: RoutinePrinter, today: LocalDate) {
        self.tracking = tracking
        self.printer = printer
        self.today = today
    }

    /// The sheets of one week as printed on the days tried so far, and where the trying stopped: the
    /// pages of a week (and a rescan) are found among them without trying every day again.
    private final class Week {
        var days: [(upTo: LocalDate, today: LocalDate)] = []
        var plans: [PatientPlan] = []
        var next = 0
        var tried = Set<String>()
        var sheets: [[(page: Int, layout: SheetLayout)]] = []
    }
    private var weeks: [String: Week] = [:]

    func find(_ code: SheetCode, plan named: Plan, weekStart: LocalDate) throws -> PrintedLayout {
        let key = "\(named.id)|\(code.week)|\(code.paper.rawValue)|\(code.largePrint)"
        let week: Week
        if let known = weeks[key] {
            week = known
        } else {
            week = Week()
            // Each day with the red flags reported up to it; the week's first day with those reported
            // before it (a warning a first scan of this sheet stored must not stop the rescan).
            week.days = [(today, today), (weekStart.adding(days: -1), weekStart)]
            let earliest = min(weekStart, named.start ?? weekStart).adding(days: -14)
            var day = today.adding(days: -1)
            while day >= earliest, week.days.count < Self.daysBack {
                week.days.append((day, day))
                day = day.adding(days: -1)
            }
            week.plans = try tracking.patientPlans(named, forEachOf: week.days)
            weeks[key] = week
        }
        func match(_ pages: [(page: Int, layout: SheetLayout)]) -> SheetLayout? {
            guard pages.count == code.pages, let layout = pages.first(where: { $0.page == code.page })?.layout,
                layout.code.content == code.content
            else { return nil }
            return layout
        }
        for pages in week.sheets { if let layout = match(pages) { return .sheet(layout) } }
        while week.next < week.days.count {
            let (day, patient) = (week.days[week.next], week.plans[week.next])
            week.next += 1
            // As `rehab print` lays it out on that day.
            guard let schedule = try? patient.week(code.week, checked: .printedOn(day.today)) else { continue }
            let report = schedule.safety
            // What the sheet's rows depend on (the items' dose limits among them); a day that decides the
            // same is not rebuilt.
            let decisions = String(
                describing: (
                    report.status, report.items, report.dailyMinutesLimit, report.dailyMinutesFactor,
                    report.braceRegimen
                ))
            guard week.tried.insert(decisions).inserted else { continue }
            let model = printer.models(
                [schedule], plan: patient.plan, workspace: tracking.open.workspace, paper: code.paper,
                largePrint: code.largePrint)
            let pages = (model.first?.scan ?? []).map { (page: $0.page, layout: $0.layout) }
            guard !pages.isEmpty else { continue }
            week.sheets.append(pages)
            if let layout = match(pages) { return .sheet(layout) }
        }
        return week.sheets.isEmpty ? .noSheet : .changed
    }
}
