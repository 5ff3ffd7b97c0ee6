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
        let results = UnsafeMutableBufferPointer<T?>.allocate(capacity: count)
        results.initialize(repeating: nil)
        defer { results.deallocate() }
        nonisolated(unsafe) let slots = results
        self.withUnsafeBufferPointer { input in
            nonisolated(unsafe) let input = input
            DispatchQueue.concurrentPerform(iterations: count) { i in
                slots[i] = transform(input[i])
            }
        }
        return results.map { $0! }
    }
}

/// Whether the environment asks for a single-threaded run (`DOSSIER_JOBS=1`), read once per process.
public enum ConcurrencyLimit {
    /// True when `DOSSIER_JOBS=1`: every `concurrentMap` is a plain `map` on the calling thread.
    public static let serial: Bool = ProcessInfo.processInfo.environment["DOSSIER_JOBS"] == "1"
}
