// SwiftPM generates `Bundle.module` for RehabKit's resources; the fuzz build compiles the sources
// directly, so it points at the source folder instead (REHAB_RESOURCES, set by scripts/fuzz.sh).
import Foundation

extension Foundation.Bundle {
    static let module: Bundle = {
        let path = ProcessInfo.processInfo.environment["REHAB_RESOURCES"] ?? "Sources/RehabKit/Resources"
        guard let bundle = Bundle(path: path) else { fatalError("no resources at \(path)") }
        return bundle
    }()
}
