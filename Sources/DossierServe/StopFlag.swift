import Synchronization

/// A one-way switch a background thread checks to learn that its consumer has gone.
final class StopFlag: Sendable {
    private let stopped = Atomic<Bool>(false)

    /// Asks the thread to stop.
    func stop() { stopped.store(true, ordering: .releasing) }

    /// Whether `stop()` was called.
    var isStopped: Bool { stopped.load(ordering: .acquiring) }
}
