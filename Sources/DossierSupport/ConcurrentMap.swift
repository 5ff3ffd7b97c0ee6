import Dispatch
import Foundation

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
        // Each slot is written once, by the worker that made it, and moved out once all are made: nothing is
        // copied, and nothing is left behind when the slots are freed.
        let results = UnsafeMutablePointer<T>.allocate(capacity: count)
        defer { results.deallocate() }
        nonisolated(unsafe) let slots = results
        let workers = Swift.min(jobs.count, count)
        let limited = workers < cores
        self.withUnsafeBufferPointer { input in
            nonisolated(unsafe) let input = input
            let total = input.count
            if limited {
                DispatchQueue.concurrentPerform(iterations: workers) { k in
                    for i in stride(from: k, to: total, by: workers) { (slots + i).initialize(to: transform(input[i])) }
                }
            } else {
                DispatchQueue.concurrentPerform(iterations: total) { i in
                    (slots + i).initialize(to: transform(input[i]))
                }
            }
        }
        return [T](unsafeUninitializedCapacity: count) { buffer, initialized in
            buffer.baseAddress!.moveInitialize(from: results, count: count)
            initialized = count
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
    let made = Made<T>()
    let group = DispatchGroup()
    DispatchQueue.global().async(group: group) { made.value = background() }
    foreground()
    group.wait()
    return made.value!
}

/// Carries a background result to the thread that waits for it; `@unchecked Sendable` because the write happens
/// before `DispatchGroup.wait` returns and the read after.
private final class Made<T>: @unchecked Sendable {
    var value: T?
}

/// Takes `value`, leaving nil, and frees it on another thread, so that freeing a large structure (a build's shared
/// page values, its parsed files) overlaps what this thread does next. With `Jobs.one` it is freed here.
public func release<T: Sendable>(elsewhere value: inout T?, jobs: Jobs) {
    guard !jobs.isSerial else {
        value = nil
        return
    }
    let handoff = Handoff(value)
    value = nil
    DispatchQueue.global().async { handoff.value = nil }
}

/// Carries a value to the thread that frees it; `@unchecked Sendable` because only that thread touches it once it
/// is sent.
private final class Handoff<T>: @unchecked Sendable {
    var value: T?

    init(_ value: T?) { self.value = value }
}
