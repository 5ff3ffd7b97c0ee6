import Synchronization

/// Gathers changes that arrive close together into one batch, so that one save (or one `git checkout`) makes one
/// build: a batch is handed out once no change has come for the quiet period (30 ms), or once the maximum delay
/// has passed since its first change; changes that come while a build runs wait and form the next batch.
public final class ChangeCoalescer: Sendable {
    /// How long no change must arrive before a batch is handed out.
    public let quietPeriod: Duration
    /// The longest a change waits while others keep arriving.
    public let maximumDelay: Duration
    private let state = Mutex(State())

    private struct State {
        var pending: [FileChange] = []
        var first: ContinuousClock.Instant?
        var last: ContinuousClock.Instant?
        var finished = false
        var waiter: CheckedContinuation<Void, Never>?
    }

    /// Makes a coalescer; the defaults suit editors and version control checkouts.
    public init(quietPeriod: Duration = .milliseconds(30), maximumDelay: Duration = .milliseconds(500)) {
        self.quietPeriod = quietPeriod
        self.maximumDelay = maximumDelay
    }

    /// Adds changes that just happened.
    public func add(_ changes: [FileChange]) {
        add(changes, at: .now)
    }

    /// Adds changes that happened at `instant` (tests pass times of their own, so load cannot stretch the gaps).
    func add(_ changes: [FileChange], at now: ContinuousClock.Instant) {
        guard !changes.isEmpty else { return }
        let waiter = state.withLock { s -> CheckedContinuation<Void, Never>? in
            guard !s.finished else { return nil }
            s.pending += changes
            if s.first == nil { s.first = now }
            s.last = now
            defer { s.waiter = nil }
            return s.waiter
        }
        waiter?.resume()
    }

    /// Says no more changes will come: `next()` hands out what is pending, then returns nil.
    public func finish() {
        let waiter = state.withLock { s -> CheckedContinuation<Void, Never>? in
            s.finished = true
            defer { s.waiter = nil }
            return s.waiter
        }
        waiter?.resume()
    }

    /// Adds every batch of `changes` as it comes, then finishes; returns when the stream ends.
    public func consume(_ changes: AsyncStream<[FileChange]>) async {
        for await batch in changes { add(batch) }
        finish()
    }

    /// Waits for the next batch (merged: one change per path, sorted), or returns nil once finished with nothing
    /// pending or when the calling task is cancelled. Meant for one consumer at a time.
    public func next() async -> [FileChange]? {
        while true {
            let step = state.withLock { s -> Step in
                guard let first = s.first, let last = s.last else { return s.finished ? .end : .wait }
                let deadline = min(last + quietPeriod, first + maximumDelay)
                if s.finished || ContinuousClock.now >= deadline {
                    defer { s.pending = []; s.first = nil; s.last = nil }
                    return .take(s.pending.merged())
                }
                return .sleep(until: deadline)
            }
            switch step {
            case .end:
                return nil
            case .take(let batch):
                return batch
            case .sleep(let deadline):
                try? await Task.sleep(until: deadline, clock: .continuous)
                if Task.isCancelled { return nil }
            case .wait:
                await withTaskCancellationHandler {
                    await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                        let resumeNow = state.withLock { s -> Bool in
                            if s.first != nil || s.finished || Task.isCancelled { return true }
                            s.waiter = continuation
                            return false
                        }
                        if resumeNow { continuation.resume() }
                    }
                } onCancel: {
                    let waiter = state.withLock { s -> CheckedContinuation<Void, Never>? in
                        defer { s.waiter = nil }
                        return s.waiter
                    }
                    waiter?.resume()
                }
                if Task.isCancelled { return nil }
            }
        }
    }

    private enum Step {
        case wait, end
        case take([FileChange])
        case sleep(until: ContinuousClock.Instant)
    }
}
