import DossierModel
import DossierSite

/// What one build run by a `Rebuilder` did: why it ran, how it went, and which build is the last good one.
public struct BuildOutcome: Sendable {
    /// 1 for the first build of a session, then one more per build.
    public var sequence: Int
    /// The changes that triggered the build (empty for the first build).
    public var changes: [FileChange]
    /// The builder's result: diagnostics, counts, duration.
    public var result: SiteBuilder.Result
    /// The sequence number of the last build that succeeded, this one included; 0 when none has.
    public var lastGoodSequence: Int

    /// Makes an outcome.
    public init(sequence: Int, changes: [FileChange], result: SiteBuilder.Result, lastGoodSequence: Int) {
        self.sequence = sequence
        self.changes = changes
        self.result = result
        self.lastGoodSequence = lastGoodSequence
    }

    /// Whether the build succeeded (and so `Output/` now holds its files).
    public var succeeded: Bool { result.succeeded }

    /// The build's errors and warnings, in order.
    public var diagnostics: [Diagnostic] { result.diagnostics }

    /// The build's duration in whole milliseconds.
    public var milliseconds: Int { Int((result.duration * 1000).rounded()) }
}
