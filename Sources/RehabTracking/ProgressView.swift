/// The progress report as the HTML page shows it: every value a template may use is a stored
/// property (rendered by RehabPrint's `progress.html.mustache`, which escapes all of them; `charts`
/// is SVG the toolkit draws from numbers alone and is inserted as it is).
public struct ProgressView: Sendable, Encodable {
    public struct Flag: Sendable, Encodable {
        public var urgent: Bool
        public var text: String
    }
    public struct Next: Sendable, Encodable { public var name, step, reason: String }
    public struct Item: Sendable, Encodable {
        public var name: String
        public var done, partial, skipped, scheduled: Int
        public var adherence, rpe: String
    }
    public struct Week: Sendable, Encodable {
        public var week: Int
        public var start, end, adherence, painMean, painMax: String
        public var items: [Item]
        public var stopped: String
        public var hasStopped: Bool
        public var notes: [String]
        public var hasNotes: Bool
    }

    /// One outcome measure: its chart (SVG drawn from numbers alone, inserted as it is) and, beside
    /// it for screen readers and for anyone, the same numbers as a table.
    public struct Measure: Sendable, Encodable {
        public struct Row: Sendable, Encodable { public var date, value, judged: String }
        public var title, about: String
        public var chart: String
        public var rows: [Row]
        public var change: String
        public var hasChange: Bool
        public var notes: [String]
    }

    public var title, patient, mrn: String
    public var hasMRN: Bool
    public var reportDate, status: String
    public var flags: [Flag]
    public var hasFlags: Bool
    public var charts: String
    public var hasCharts: Bool
    public var nextWeek: Int
    public var next: [Next]
    public var hasNext: Bool
    public var weeks: [Week]
    public var measures: [Measure] = []
    public var hasMeasures: Bool = false
}
