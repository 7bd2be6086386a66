import Foundation
import RehabKit

/// How many plans `validate` and `check` hold at a time: `Validation.defaultWindow`, or
/// `REHAB_WINDOW=N` (for tests of the streaming, and for measuring; see docs/FORMAT.md, Streaming).
enum StreamWindow {
    static var size: Int {
        if let text = ProcessInfo.processInfo.environment["REHAB_WINDOW"], let n = Int(text), n >= 1 { return n }
        return Validation.defaultWindow
    }
}
