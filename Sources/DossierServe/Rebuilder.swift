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

    /// The outcome of the last finished build, or nil before the first.
    public var latest: BuildOutcome? { state.withLock { $0.latest } }

    /// Builds now (after any build already running) and returns the outcome, which subscribers also receive.
    @discardableResult
    public func build(changes: [FileChange] = []) async -> BuildOutcome {
        let builder = self.builder
        return await withCheckedContinuation { continuation in
            queue.async {
                let result = builder.build(changed: Rebuilder.editedFiles(changes)) { paths in
                    let (preview, subscribers) = self.state.withLock { s in
                        s.preview = Preview(sequence: s.sequence + 1, paths: paths)
                        return (s.preview!, Array(s.previewSubscribers.values))
                    }
                    for subscriber in subscribers { subscriber.yield(preview) }
                }
                let (outcome, subscribers) = self.state.withLock { s in
                    s.preview = nil
                    s.sequence += 1
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
    /// cancelled or the stream ends.
    public func run(changes: AsyncStream<[FileChange]>, coalescer: ChangeCoalescer = ChangeCoalescer()) async {
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await coalescer.consume(changes) }
            while let batch = await coalescer.next() {
                guard !batch.isEmpty else { continue }   // only temporary files came and went
                await build(changes: batch)
            }
            group.cancelAll()
        }
    }
}
