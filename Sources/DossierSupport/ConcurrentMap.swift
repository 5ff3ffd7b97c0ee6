import Dispatch
import Foundation

extension Array where Element: Sendable {
    /// Maps every element on all cores and returns the results in the original order.
    ///
    /// Work is independent per element, so output order never depends on timing; this is how loading
    /// and rendering use both cores while staying deterministic.
    /// `DOSSIER_JOBS=1` in the environment makes it a plain `map` on the calling thread: the single-threaded
    /// build that tests compare the parallel one with.
    public func concurrentMap<T: Sendable>(_ transform: @Sendable (Element) -> T) -> [T] {
        guard count > 1, !ConcurrencyLimit.serial else { return map(transform) }
        // Each slot is written once, by the worker that made it, and moved out once all are made: nothing is
        // copied, and nothing is left behind when the slots are freed.
        let results = UnsafeMutablePointer<T>.allocate(capacity: count)
        defer { results.deallocate() }
        nonisolated(unsafe) let slots = results
        self.withUnsafeBufferPointer { input in
            nonisolated(unsafe) let input = input
            DispatchQueue.concurrentPerform(iterations: count) { i in
                (slots + i).initialize(to: transform(input[i]))
            }
        }
        return [T](unsafeUninitializedCapacity: count) { buffer, initialized in
            buffer.baseAddress!.moveInitialize(from: results, count: count)
            initialized = count
        }
    }
}

/// Whether the environment asks for a single-threaded run (`DOSSIER_JOBS=1`), read once per process.
public enum ConcurrencyLimit {
    /// True when `DOSSIER_JOBS=1`: every `concurrentMap` is a plain `map` on the calling thread.
    public static let serial: Bool = ProcessInfo.processInfo.environment["DOSSIER_JOBS"] == "1"
}

/// Runs `background` on another core while `foreground` runs on this thread, and returns what `background` made
/// once both are done: for two independent pieces of one stage, one of which changes state the other never reads.
/// Under `DOSSIER_JOBS=1`, `foreground` runs first and `background` after it, on this thread.
public func concurrently<T: Sendable>(_ background: @escaping @Sendable () -> T, while foreground: () -> Void) -> T {
    if ConcurrencyLimit.serial {
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
/// page values, its parsed files) overlaps what this thread does next. Under `DOSSIER_JOBS=1` it is freed here.
public func release<T: Sendable>(elsewhere value: inout T?) {
    guard !ConcurrencyLimit.serial else {
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
