import Dispatch
import Foundation

/// Maps over an array on all cores, keeping order. Each element is handled by exactly one task.
public enum ParallelMap {
    public static func map<T: Sendable, R: Sendable>(
        _ items: [T], minimumForParallel: Int = 8,
        _ transform: @Sendable (T) -> R
    ) -> [R] {
        if items.count < minimumForParallel { return items.map(transform) }
        let results = ResultBox<R>(count: items.count)
        let chunks = min(items.count, 64)
        DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
            var i = chunk
            while i < items.count {
                results.set(i, transform(items[i]))
                i += chunks
            }
        }
        return results.values()
    }
}

/// Slots written once each from different threads; read after all writers finished.
private final class ResultBox<R>: @unchecked Sendable {
    private var slots: UnsafeMutableBufferPointer<R?>

    init(count: Int) {
        slots = .allocate(capacity: count)
        slots.initialize(repeating: nil)
    }

    deinit {
        slots.deinitialize()
        slots.deallocate()
    }

    func set(_ i: Int, _ value: R) { slots[i] = value }

    func values() -> [R] { slots.map { $0! } }
}

/// A value computed on another thread: `wait` blocks until it is there and returns it.
/// The value passes under an NSLock as well as the semaphore, so that ThreadSanitizer sees the
/// hand-over (as `WorkspaceLoader`'s folder cache does).
final class BackgroundResult<R: Sendable>: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private let lock = NSLock()
    private var value: R?

    init(_ work: @escaping @Sendable () -> R) {
        DispatchQueue.global().async {
            let result = work()
            self.lock.withLock { self.value = result }
            self.done.signal()
        }
    }

    func wait() -> R {
        done.wait()
        return lock.withLock { value! }
    }
}
