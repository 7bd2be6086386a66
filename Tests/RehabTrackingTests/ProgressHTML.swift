import RehabPrint
import RehabTracking

/// The progress report's HTML as `rehab progress --format html` renders it: the typed view model
/// through the shared Mustache layer.
func progressHTML(_ r: ProgressReport) throws -> String {
    try RoutinePrinter().renderPage(ProgressFormat.view(r), template: "progress.html")
}
