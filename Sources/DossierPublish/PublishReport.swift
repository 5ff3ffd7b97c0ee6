/// What a publish did (or, for a dry run, would do), for the CLI to print.
public struct PublishReport: Sendable, Equatable {
    /// The target as shown (`s3://bucket/prefix`), without secrets.
    public var target: String
    /// The plan that was carried out.
    public var plan: PublishPlan
    /// Whether this was a dry run (nothing changed).
    public var dryRun: Bool
    /// Files uploaded (written, committed).
    public var uploaded: Int
    /// Remote files deleted.
    public var deleted: Int
    /// Bytes of file content sent.
    public var bytesSent: Int
    /// Seconds the publish took.
    public var duration: Double
    /// HTTP requests made, retries included (S3 only).
    public var requests: Int = 0
    /// Requests that were retried after a fault (S3 only).
    public var retries: Int = 0
    /// Pages of the remote listing read (S3 only).
    public var listPages: Int = 0
    /// Remote objects whose state was checked with a HEAD request because the publish manifest did not vouch for them (S3 only).
    public var verified: Int = 0
    /// The commit made, when publishing to a git branch.
    public var commit: String?

    /// Files already equal on the target.
    public var unchanged: Int { plan.unchanged.count }

    /// The one summary line: `published to s3://bucket/prefix: 3 uploaded, 1 deleted, 10594 unchanged (48 KB sent) in 0.9 s`.
    public var summary: String {
        let seconds = ByteCount.oneDecimal(duration)
        if dryRun {
            return "dry run for \(target): \(plan.uploads.count) to upload, \(plan.deletions.count) to delete, \(unchanged) unchanged "
                + "(\(ByteCount.format(plan.bytesToSend)) to send) in \(seconds) s; nothing was changed"
        }
        var line = "published to \(target): \(uploaded) uploaded, \(deleted) deleted, \(unchanged) unchanged (\(ByteCount.format(bytesSent)) sent) in \(seconds) s"
        if let commit { line += ", commit \(commit.prefix(12))" }
        return line
    }
}

/// Why a publish stopped; nothing here ever carries a secret.
public enum PublishError: Error, Equatable, CustomStringConvertible {
    /// There is no `Output/` folder to publish.
    case outputMissing(path: String)
    /// The plan deletes more files than `--max-deletes` allows; nothing was changed.
    case tooManyDeletions(count: Int, limit: Int)
    /// The destination folder is, holds, or is inside the folder being published.
    case destinationOverlapsOutput(destination: String, output: String)
    /// A file could not be read, written or removed.
    case fileSystem(path: String, message: String)
    /// A git command failed; `message` is its error output with any URL credentials redacted.
    case git(command: String, status: Int32, message: String)
    /// The branch moved on the remote while publishing (someone else pushed).
    case branchMoved(branch: String)
    /// An S3 request failed for good.
    case s3(S3Error)
    /// No usable credentials.
    case credentials(Credentials.LookupError)
    /// The S3 endpoint is not a usable `http(s)://host[:port]` URL.
    case invalidEndpoint(String)
    /// The publish was cancelled; rerunning it converges.
    case cancelled

    /// The message the CLI prints.
    public var description: String {
        switch self {
        case .outputMissing(let path):
            return "nothing to publish: \(path) does not exist (build the site first, or drop --no-build)"
        case .tooManyDeletions(let count, let limit):
            return "refusing to delete \(count) files (more than --max-deletes \(limit)); nothing was changed. "
                + "Check the target, then rerun with --max-deletes \(count) if this is intended"
        case .destinationOverlapsOutput(let destination, let output):
            return "cannot publish \(output) into \(destination): the two folders overlap"
        case .fileSystem(let path, let message):
            return "\(path): \(message)"
        case .git(let command, let status, let message):
            let detail = message.trimmingCharacters(in: .whitespacesAndNewlines)
            return "git \(command) failed (exit \(status))" + (detail.isEmpty ? "" : ": \(detail)")
        case .branchMoved(let branch):
            return "branch \(branch) changed on the remote while publishing; run dossier publish again"
        case .s3(let error):
            return error.description
        case .credentials(let error):
            return error.description
        case .invalidEndpoint(let endpoint):
            return "invalid --endpoint '\(Redaction.redactURLs(in: endpoint))': give http(s)://host[:port]"
        case .cancelled:
            return "publish cancelled; run it again to finish"
        }
    }
}

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

    /// Options with the CLI's defaults: 256 deletions at most, 8 transfers in flight.
    public init(dryRun: Bool = false, force: Bool = false, maxDeletes: Int = 256, concurrency: Int = 8,
                retry: RetryPolicy = .standard, sourceFolder: URL? = nil) {
        self.dryRun = dryRun
        self.force = force
        self.maxDeletes = maxDeletes
        self.concurrency = max(1, concurrency)
        self.retry = retry
        self.sourceFolder = sourceFolder
    }
}

/// How failed requests are retried: exponential backoff with jitter.
public struct RetryPolicy: Sendable, Equatable {
    /// Tries in all, the first included.
    public var maxAttempts: Int
    /// The backoff cap of the first retry; it doubles on each retry.
    public var baseDelay: Double
    /// The largest backoff cap.
    public var maxDelay: Double
    /// How long one request may take, in seconds.
    public var requestTimeout: Double

    /// Makes a retry policy.
    public init(maxAttempts: Int, baseDelay: Double, maxDelay: Double, requestTimeout: Double) {
        self.maxAttempts = max(1, maxAttempts)
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
        self.requestTimeout = requestTimeout
    }

    /// Eight tries, backoff from 0.2 s up to 10 s, 60 s per request.
    public static let standard = RetryPolicy(maxAttempts: 8, baseDelay: 0.2, maxDelay: 10, requestTimeout: 60)

    /// The pause before retry number `retry` (1 for the first retry): a random time between a quarter of and the whole of `min(maxDelay, baseDelay · 2^(retry−1))`.
    public func delay(beforeRetry retry: Int) -> Double {
        let cap = min(maxDelay, baseDelay * Double(1 << min(max(retry - 1, 0), 30)))
        return Double.random(in: (cap / 4)...max(cap, cap / 4 + 0.000_001))
    }
}

import Foundation
