import DossierSite
import Dispatch
import Synchronization

/// Runs builds one at a time, on a queue of its own, and publishes each outcome to every subscriber.
public final class Rebuilder: Sendable {
    /// What to build.
    public let options: SiteBuilder.Options
    /// Remembers the last build, so each rebuild reads and renders only what an edit touched.
    private let builder: IncrementalBuilder
    private let queue = DispatchQueue(label: "dossier.rebuilder", qos: .userInitiated)
    private let state = Mutex(State())
    private let onOutcome: @Sendable (BuildOutcome) -> Void

    private struct State {
        var sequence = 0
        var lastGood = 0
        var latest: BuildOutcome?
        var nextSubscriber = 0
        var subscribers: [Int: AsyncStream<BuildOutcome>.Continuation] = [:]
        var previewSubscribers: [Int: AsyncStream<Preview>.Continuation] = [:]
        var closed = false
        /// The pages the running build wrote ahead of the rest, tagged with the sequence number it will have.
        var preview: Preview?
        /// Whether a build is running now, and how many have started.
        var building = false
        var started = 0
    }

    /// Pages a build wrote ahead of the rest: the own pages of items whose body prose was edited.
    public struct Preview: Sendable, Equatable {
        /// The sequence number the build will have when it finishes.
        public var sequence: Int
        /// Their output paths (`briefs/a/index.html`).
        public var paths: [String]
    }

    /// Makes a rebuilder for a site; `onOutcome` hears of every build as it finishes, in order (on the build queue).
    /// Nothing is built until `build(changes:)` or `run(watcher:)`.
    public init(options: SiteBuilder.Options, onOutcome: @escaping @Sendable (BuildOutcome) -> Void = { _ in }) {
        self.options = options
        self.builder = IncrementalBuilder(options: options)
        self.onOutcome = onOutcome
    }

    /// How many builds have started, and whether one is running (read together).
    var builds: (started: Int, running: Bool) { state.withLock { ($0.started, $0.building) } }

    /// The outcome of the last finished build, or nil before the first.
    public var latest: BuildOutcome? { state.withLock { $0.latest } }

    /// Builds now (after any build already running) and returns the outcome, which subscribers also receive.
    /// A build that pages written ahead cancel (see `writeAhead(_:)`) is run again, with the same changes.
    @discardableResult
    public func build(changes: [FileChange] = []) async -> BuildOutcome {
        while true {
            if let outcome = await attempt(changes: changes) { return outcome }
        }
    }

    /// Runs one build; nil when pages written ahead cancelled it (it wrote nothing and published no outcome).
    private func attempt(changes: [FileChange]) async -> BuildOutcome? {
        let builder = self.builder
        return await withCheckedContinuation { continuation in
            queue.async {
                self.state.withLock { s in
                    s.building = true
                    s.started += 1
                }
                defer { self.state.withLock { $0.building = false } }
                let result = builder.build(changed: Rebuilder.editedFiles(changes)) { paths in
                    let (preview, subscribers) = self.state.withLock { s in
                        s.preview = Preview(sequence: s.sequence + 1, paths: paths)
                        return (s.preview!, Array(s.previewSubscribers.values))
                    }
                    for subscriber in subscribers { subscriber.yield(preview) }
                }
                guard !result.cancelled else {
                    // Its number is spent, so pages written ahead and the build that follows have a newer one.
                    self.state.withLock { $0.sequence += 1 }
                    continuation.resume(returning: nil)
                    return
                }
                let (outcome, subscribers) = self.state.withLock { s in
                    s.sequence += 1
                    if let preview = s.preview, preview.sequence <= s.sequence { s.preview = nil }
                    if result.succeeded { s.lastGood = s.sequence }
                    let outcome = BuildOutcome(sequence: s.sequence, changes: changes, result: result, lastGoodSequence: s.lastGood)
                    s.latest = outcome
                    return (outcome, Array(s.subscribers.values))
                }
                self.onOutcome(outcome)
                for subscriber in subscribers { subscriber.yield(outcome) }
                continuation.resume(returning: outcome)
            }
        }
    }

    /// Writes at once the pages of `changes` that are prose edits of item bodies, while a build runs, and tells
    /// preview subscribers; returns their output paths, or nil when no build runs or the changes are of another
    /// kind. The running build is cancelled (or, when already putting its files in place, finishes): the next
    /// build must include its changes and these, which `run(changes:)` sees to.
    @discardableResult
    func writeAhead(_ changes: [FileChange]) -> [String]? {
        guard let files = Rebuilder.editedFiles(changes), let paths = builder.writeAhead(changed: files) else { return nil }
        // The running build's number is spent either way (cancelled, or finished before these pages): the build
        // that follows, the one these pages belong to, has the number after it.
        let (preview, subscribers) = state.withLock { s in
            s.preview = Preview(sequence: s.sequence + 2, paths: paths)
            return (s.preview!, Array(s.previewSubscribers.values))
        }
        for subscriber in subscribers { subscriber.yield(preview) }
        return paths
    }

    /// The files of `changes` when all of them are files edited or written anew (a preview is possible), else nil.
    static func editedFiles(_ changes: [FileChange]) -> [String]? {
        let merged = changes.merged()
        guard !merged.isEmpty, merged.allSatisfy({ $0.kind == .modified || $0.kind == .created }) else { return nil }
        return merged.map(\.path)
    }

    /// The output paths the running build has already written ahead of the rest, with the sequence number it
    /// will have; nil when no build is running or it wrote nothing ahead.
    public var preview: Preview? { state.withLock { $0.preview } }

    /// A stream of the previews builds make from now on (see `Preview`); it ends with `closeSubscriptions()`.
    public func previews() -> AsyncStream<Preview> { subscribe(\.previewSubscribers) }

    /// A stream of the outcomes of every build that finishes from now on; it ends when `closeSubscriptions()` is
    /// called, and unsubscribes when its consumer stops.
    public func outcomes() -> AsyncStream<BuildOutcome> { subscribe(\.subscribers) }

    /// A new stream registered in the subscriber list at `list`, removed from it when its consumer stops.
    private func subscribe<T: Sendable>(_ list: WritableKeyPath<State, [Int: AsyncStream<T>.Continuation]> & Sendable) -> AsyncStream<T> {
        let (stream, continuation) = AsyncStream.makeStream(of: T.self)
        let id: Int? = state.withLock { s in
            guard !s.closed else { return nil }
            s.nextSubscriber += 1
            s[keyPath: list][s.nextSubscriber] = continuation
            return s.nextSubscriber
        }
        guard let id else {
            continuation.finish()
            return stream
        }
        continuation.onTermination = { [weak self] _ in
            _ = self?.state.withLock { $0[keyPath: list].removeValue(forKey: id) }
        }
        return stream
    }

    /// Ends every subscriber's stream (and refuses new subscribers), so long-lived responses finish on shutdown.
    public func closeSubscriptions() {
        let subscribers = state.withLock { s in
            s.closed = true
            defer { s.subscribers = [:]; s.previewSubscribers = [:] }
            return (Array(s.subscribers.values), Array(s.previewSubscribers.values))
        }
        for subscriber in subscribers.0 { subscriber.finish() }
        for subscriber in subscribers.1 { subscriber.finish() }
    }

    /// Starts `watcher`, builds once if `initialBuild`, then builds once per coalesced batch of changes until the
    /// calling task is cancelled or the watcher ends; throws only when the watcher cannot start.
    public func run(watcher: any FileWatcher, coalescer: ChangeCoalescer = ChangeCoalescer(), initialBuild: Bool = true) async throws {
        let changes = try watcher.changes()
        if initialBuild { await build() }
        await run(changes: changes, coalescer: coalescer)
    }

    /// Builds once per coalesced batch of `changes` (a started watcher's stream) until the calling task is
    /// cancelled or the stream ends. A batch that arrives while a build runs does not wait for it: its prose edits
    /// are written at once (`writeAhead`), and it is built next, together with the changes of a build it cancelled.
    public func run(changes: AsyncStream<[FileChange]>, coalescer: ChangeCoalescer = ChangeCoalescer()) async {
        let waiting = PendingChanges()
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await coalescer.consume(changes) }
            group.addTask {
                while let batch = await waiting.next(), !Task.isCancelled {
                    if await self.attempt(changes: batch) == nil { waiting.putBack(batch) }
                    waiting.buildFinished()
                }
            }
            while let batch = await coalescer.next() {
                guard !batch.isEmpty else { continue }   // only temporary files came and went
                // Added first, so a build this cancels takes these changes too when it runs again.
                let building = waiting.isBuilding
                waiting.add(batch)
                if building { writeAhead(batch) }
            }
            waiting.finish()
            await group.waitForAll()
        }
    }
}

/// The changes waiting for the next build, handed to one build loop: all of them at once, merged.
final class PendingChanges: Sendable {
    private struct State {
        var changes: [FileChange] = []
        var building = false
        var finished = false
        var waiter: CheckedContinuation<Void, Never>?
    }

    private let state = Mutex(State())

    /// Whether the build loop is running a build now.
    var isBuilding: Bool { state.withLock { $0.building } }

    /// Adds changes for the next build.
    func add(_ changes: [FileChange]) {
        let waiter = state.withLock { s -> CheckedContinuation<Void, Never>? in
            s.changes += changes
            defer { s.waiter = nil }
            return s.waiter
        }
        waiter?.resume()
    }

    /// Puts back the changes of a cancelled build, before any that came since.
    func putBack(_ changes: [FileChange]) {
        state.withLock { $0.changes = changes + $0.changes }
    }

    /// Says the build the loop ran has ended.
    func buildFinished() {
        state.withLock { $0.building = false }
    }

    /// Says no more changes will come: `next()` hands out what is waiting, then returns nil.
    func finish() {
        let waiter = state.withLock { s -> CheckedContinuation<Void, Never>? in
            s.finished = true
            defer { s.waiter = nil }
            return s.waiter
        }
        waiter?.resume()
    }

    /// Waits for changes and takes them all (merged), marking a build as running; nil once finished with none left.
    func next() async -> [FileChange]? {
        while true {
            let taken = state.withLock { s -> [FileChange]?? in
                if !s.changes.isEmpty {
                    defer { s.changes = []; s.building = true }
                    return .some(s.changes.merged())
                }
                return s.finished ? .some(nil) : .none
            }
            if let taken { return taken }
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let resumeNow = state.withLock { s -> Bool in
                    if !s.changes.isEmpty || s.finished { return true }
                    s.waiter = continuation
                    return false
                }
                if resumeNow { continuation.resume() }
            }
        }
    }
}
