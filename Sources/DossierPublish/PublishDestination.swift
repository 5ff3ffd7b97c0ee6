import Foundation

/// Where `dossier publish` sends a built site: a folder, a git branch or an S3-compatible bucket. Each compares the
/// built files with what the destination already holds through the shared `PublishPlan` and sends only the
/// difference, so a new kind of target is one conforming type and one case of `PublishTarget`.
public protocol PublishDestination: Sendable {
    /// Publishes the files of `output` (dot files excepted) and reports what was done.
    func publish(_ output: URL) async throws(PublishError) -> PublishReport
    /// Lets go of what the destination holds open (connections); called once after `publish`, whatever its outcome.
    func finish() async
}

extension PublishDestination {
    /// Nothing to let go of.
    public func finish() async {}
}

extension FolderPublisher: PublishDestination {}

extension GitPublisher: PublishDestination {}

extension S3Publisher: PublishDestination {
    /// Shuts the bucket's HTTP client down.
    public func finish() async {
        await client.shutdown()
    }
}
