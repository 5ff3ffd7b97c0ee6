import Synchronization

/// Lets pages be written ahead of a running build without that build overwriting them later: the build puts its
/// files in place only through `commitUnlessCancelled`, and a writer ahead goes through `cancel(andRun:)`, which
/// cancels the build if it has not committed yet. The two never overlap, so the pages written ahead are never
/// replaced by the cancelled build's older ones; the next build, which reads the newer files, replaces both.
public final class BuildGate: Sendable {
    private let cancelled = Mutex(false)

    /// A gate for one build, not cancelled.
    public init() {}

    /// Whether a writer ahead cancelled the build (it may stop early: nothing it made will be put in place).
    public var isCancelled: Bool { cancelled.withLock { $0 } }

    /// Runs `commit` unless the build was cancelled; returns its result, or nil when cancelled.
    func commitUnlessCancelled<T>(_ commit: () throws -> T) rethrows -> T? {
        try cancelled.withLock { isCancelled -> T? in
            isCancelled ? nil : try commit()
        }
    }

    /// Runs `body` while no writer ahead runs (a build clears or removes its staging folder this way, which
    /// writers ahead also put their temporary files in).
    @discardableResult
    func exclusively<T>(_ body: () throws -> T) rethrows -> T {
        try cancelled.withLock { _ in try body() }
    }

    /// Cancels the build unless it is committing (then waits for that to end) and runs `write`.
    public func cancel<T>(andRun write: () -> T) -> T {
        cancelled.withLock { isCancelled -> T in
            isCancelled = true
            return write()
        }
    }
}
