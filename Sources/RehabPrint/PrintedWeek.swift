import RehabKit

/// One printed week as the templates see it: the sheet and its cards, or — when the safety check
/// blocks the plan — the stop page. Every field a template may use is a stored property here (read
/// through `TemplateValue`: `patientName` or `patient_name`, and `has_x` for any field); the template
/// contract in docs/PRINTING.md is this type, and a test holds the two together.
public struct PrintedWeek: Sendable, Encodable {
    // Who, which plan, which week.
    public var title: String
    public var planId: String
    public var patientName: String
    public var patientRef: String?
    public var clinician: String?
    /// The team's line, for "call today" and "next visit" (`care_team.contact`).
    public var contact: String
    /// The 24-hour urgent line, for "stop and call now" and the stop page (`care_team.urgent`).
    public var urgentContact: String
    /// The stop page's one action, worded as its tier's heading: "Stop and call now: URGENT …" when an
    /// alert is urgent, else "Stop your exercises and call today: CONTACT".
    public var action: String
    public var week: Int
    public var weeks: Int
    /// The first and last day in words ("Monday 30 November 2026"), and as ISO dates.
    public var start: String
    public var end: String
    public var startIso: String
    public var endIso: String
    /// "A4" or "Letter", and its CSS `@page` size.
    public var paper: String
    public var pageSize: String
    /// True for the first week of the document.
    public var first: Bool

    // Stop and call.
    /// The three tiers of the stop-and-call box, worded the same on the sheet and the stop page.
    public var tiers: [StopAndCall.TierView]
    /// Every fixed sign of `red-flags.txt`, untiered.
    public var redFlags: [Line]
    /// The urgent alerts in the patient's words (`has_urgent`: there is one).
    public var urgent: [Line]
    /// Review and information alerts in the patient's words: "From your care team".
    public var advice: [Line]
    /// Every alert of the check.
    public var alerts: [Alert]
    /// The clinic's changes to the default rules, for the footer; empty without.
    public var ruleChanges: String
    /// "45 minutes", when the plan limits a day's exercise.
    public var dailyLimit: String?

    // The stop page.
    /// The plan is blocked: this week prints the stop page, nothing else.
    public var blocked: Bool
    /// The programme has started (week 2 on): "Stop your exercises", not "Do not start".
    public var started: Bool
    /// The spinal precautions the check kept, to keep doing until seen.
    public var precautions: [Precaution]

    // The sheet.
    public var days: [Day]
    /// The strings table's words for a rest day: `restWord` in a row's cell (`grid.rest`, "rest"),
    /// `restDay` where the whole day's cell says it (`grid.rest-day`, "Rest day"). Templates take the
    /// words from here, not their own.
    public var restWord: String
    public var restDay: String
    /// A row per item with sessions (a row per two sessions of the day when more).
    public var rows: [Row]
    public var rowCount: Int
    /// More than eight rows.
    public var dense: Bool
    /// Tick boxes in a day's cell at most (1–2).
    public var perDay: Int
    /// Daily habits (the brace): a box a day, the regimen in words.
    public var habits: [Habit]
    /// Names of the items done when needed, and of those done only with the physiotherapist.
    public var asNeeded: String
    public var supervised: String
    public var nothingScheduled: Bool
    /// "Not this week": the sessions that did not fit, with why, in the patient's words
    /// ("Tummy breathing: 6 times left out, because …"); never left out in silence.
    public var notThisWeek: [Line]
    /// The sheet as fixed-width lines, for the text template.
    public var textGrid: [Line]
    /// The sheet's scannable grid (HTML and PDF), a sheet page each: every box, label, corner mark
    /// and the code placed in millimetres, so that `rehab log scan` knows where each box is
    /// (docs/TRACKING.md, "Scanning"). Empty for a sheet that cannot be scanned.
    public var scan: [ScanSheet] = []

    // The cards.
    /// This week's cards, packed into pages.
    public var cardPages: [CardPage]
    public var cardPageCount: Int
    /// Every card of the week, in order (the pages' cards, flattened).
    public var cards: [InstructionCard]
    /// Lines three or more cards share, printed once in a "For every exercise" card.
    public var sharedStopIf: [Line]
    public var sharedCautions: [Line]
    /// There are shared lines.
    public var shared: Bool

    /// A line of text.
    public struct Line: Sendable, Encodable, Equatable {
        public var text: String
    }

    public struct Alert: Sendable, Encodable {
        /// The rule's words for the patient (its message where it has none).
        public var message: String
        public var urgent: Bool
        public var level: String
    }

    public struct Day: Sendable, Encodable {
        /// "Mon", the day of the month, "Nov".
        public var short: String
        public var day: Int
        public var month: String
        public var rest: Bool
        public var weekday: String
        public var date: String
    }

    public struct Row: Sendable, Encodable {
        public var name: String
        public var exercise: String
        public var dose: String
        /// "morning and evening", "3 times a day".
        public var times: String
        public var inBrace: Bool
        /// The strings table's words for a row done in the brace (`grid.in-brace`: "in your
        /// brace"); nil for a row that is not.
        public var brace: String?
        /// What follows the name, in one line: "10 times, morning and evening, in your brace". The
        /// HTML and Markdown templates set `dose`, `times` and `brace` apart; the text grid and the
        /// scannable sheet print this.
        public var detail: String { "\(dose), \(times)" + (brace.map { ", " + $0 } ?? "") }
        /// An easier exercise in place of the one planned.
        public var easier: Bool
        public var notes: String?
        public var cells: [Cell]
        public var sessions: Int
    }

    /// A day's cell of a row: rest, a box per session, or none that day.
    public struct Cell: Sendable, Encodable {
        public var rest: Bool
        public var boxes: [Box]
        public var none: Bool
        public var count: Int
    }

    public struct Box: Sendable, Encodable {
        public var box = true
    }

    public struct Habit: Sendable, Encodable {
        /// The exercise id logged for a tick (the scheduler's own brace habit has no plan item: its
        /// ticks are read but not logged).
        public var exercise: String
        public var loggable: Bool
        public var name: String
        /// The plan item's notes, the brace regimen, or "every day, rest days too".
        public var detail: String
    }

    public struct Precaution: Sendable, Encodable {
        public var name: String
        public var summary: String
        public var steps: [Line]
        public var notes: String?
        public var inBrace: Bool
    }

    public struct CardPage: Sendable, Encodable {
        public var cards: [InstructionCard]
        public var page: Int
        public var pages: Int
        /// The first page of cards (it may follow the sheet on the same sheet of paper).
        public var first: Bool
    }
}
