import DossierSupport
import Foundation

/// Settings every publisher honours.
public struct PublishOptions: Sendable {
    /// Print the plan, change nothing.
    public var dryRun: Bool
    /// Upload every file, changed or not.
    public var force: Bool
    /// The most deletions allowed; a plan with more stops before any change.
    public var maxDeletes: Int
    /// Transfers in flight at once.
    public var concurrency: Int
    /// How failed requests are retried.
    public var retry: RetryPolicy
    /// The site folder, whose git commit a git publish names in its message.
    public var sourceFolder: URL?
    /// How many threads hash the output folder's files (`--jobs`).
    public var jobs: Jobs

    /// Options with the CLI's defaults: 256 deletions at most, 8 transfers in flight, hashing on all usable cores.
    public init(dryRun: Bool = false, force: Bool = false, maxDeletes: Int = 256, concurrency: Int = 8,
                retry: RetryPolicy = .standard, sourceFolder: URL? = nil, jobs: Jobs = .usableCores) {
        self.jobs = jobs
        self.dryRun = dryRun
        self.force = force
        self.maxDeletes = maxDeletes
        self.concurrency = max(1, concurrency)
        self.retry = retry
        self.sourceFolder = sourceFolder
    }
}
