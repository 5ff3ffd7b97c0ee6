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
