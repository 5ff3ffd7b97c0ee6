import Dispatch
import Foundation
import Synchronization

extension Array where Element: Sendable {
    /// Maps every element on up to `jobs` threads and returns the results in the original order.
    ///
    /// Work is independent per element, so output order never depends on timing; this is how loading
    /// and rendering use both cores while staying deterministic.
    /// `Jobs.one` makes it a plain `map` on the calling thread: the single-threaded build that tests compare the
    /// parallel one with. Fewer jobs than cores hand the elements out in turn (job `k` maps `k`, `k + jobs`, …).
    public func concurrentMap<T: Sendable>(jobs: Jobs, _ transform: @Sendable (Element) -> T) -> [T] {
        concurrentMap(jobs: jobs, cores: ProcessInfo.processInfo.activeProcessorCount, transform)
    }

    /// `concurrentMap(jobs:_:)` on a machine with `cores` cores: fewer jobs than that take turns over the elements.
    func concurrentMap<T: Sendable>(jobs: Jobs, cores: Int, _ transform: @Sendable (Element) -> T) -> [T] {
        guard count > 1, !jobs.isSerial else { return map(transform) }
        // Each slot is written once, by the worker that made it, under a lock held only for that store; the
        // results are moved out once all are made.
        let slots = Slots<T>(count: count)
        let workers = Swift.min(jobs.count, count)
        if workers < cores {
            DispatchQueue.concurrentPerform(iterations: workers) { k in
                for i in stride(from: k, to: count, by: workers) { slots.put(transform(self[i]), at: i) }
            }
        } else {
            DispatchQueue.concurrentPerform(iterations: count) { i in slots.put(transform(self[i]), at: i) }
        }
        return slots.take()
    }
}

/// The results of a `concurrentMap`, one slot per element, filled from several threads.
private final class Slots<T: Sendable>: Sendable {
    private let values: Mutex<[T?]>

    init(count: Int) { values = Mutex([T?](repeating: nil, count: count)) }

    /// Stores the result for element `i`.
    func put(_ value: T, at i: Int) {
        values.withLock { $0[i] = value }
    }

    /// Frees every result stored.
    func removeAll() {
        values.withLock { $0 = [] }
    }

    /// Every result, in order, once all are stored.
    func take() -> [T] {
        values.withLock { values in
            var results: [T] = []
            results.reserveCapacity(values.count)
            for i in values.indices { results.append(values[i].take()!) }
            return results
        }
    }
}

/// Runs `background` on another core while `foreground` runs on this thread, and returns what `background` made
/// once both are done: for two independent pieces of one stage, one of which changes state the other never reads.
/// With `Jobs.one`, `foreground` runs first and `background` after it, on this thread.
public func concurrently<T: Sendable>(jobs: Jobs, _ background: @escaping @Sendable () -> T, while foreground: () -> Void) -> T {
    if jobs.isSerial {
        foreground()
        return background()
    }
    let made = Slots<T>(count: 1)
    let group = DispatchGroup()
    DispatchQueue.global().async(group: group) { made.put(background(), at: 0) }
    foreground()
    group.wait()
    return made.take()[0]
}

/// Takes `value`, leaving nil, and frees it on another thread, so that freeing a large structure (a build's shared
/// page values, its parsed files) overlaps what this thread does next. With `Jobs.one` it is freed here.
public func release<T: Sendable>(elsewhere value: inout T?, jobs: Jobs) {
    guard !jobs.isSerial else {
        value = nil
        return
    }
    let handoff = Slots<T>(count: 1)
    if let taken = value.take() { handoff.put(taken, at: 0) }
    DispatchQueue.global().async { handoff.removeAll() }
}
