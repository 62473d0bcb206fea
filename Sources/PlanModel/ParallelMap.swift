import Dispatch
import Foundation

/// Work spread over the machine's cores with results in input order, so that what a stage
/// produces does not depend on how the threads were scheduled.
public enum Parallel {
    /// Threads to use when the caller does not say: one per core.
    public static var defaultThreads: Int { ProcessInfo.processInfo.activeProcessorCount }

    /// `items.map(transform)`, computed on up to `threads` threads. Each thread takes the
    /// next item when it is free (items can differ a lot in size: plans do).
    public static func map<T: Sendable, R: Sendable>(_ items: [T], threads: Int? = nil,
                                                     _ transform: @Sendable (T) -> R) -> [R] {
        let threads = min(threads ?? defaultThreads, items.count)
        guard threads > 1 else { return items.map(transform) }
        let slots = Slots<R>(items.count)
        DispatchQueue.concurrentPerform(iterations: threads) { _ in
            while true {
                slots.lock.lock()
                let index = slots.next
                slots.next += 1
                slots.lock.unlock()
                guard index < items.count else { return }
                let result = transform(items[index])
                slots.lock.lock()
                slots.results[index] = result
                slots.lock.unlock()
            }
        }
        return slots.results.map { $0! }
    }

    /// Results filled in by the threads, each slot by one thread, under the lock.
    private final class Slots<R>: @unchecked Sendable {
        let lock = NSLock()
        var next = 0
        var results: [R?]
        init(_ count: Int) { results = Array(repeating: nil, count: count) }
    }
}
