import Foundation

/// Why a publish stopped; nothing here ever carries a secret.
public enum PublishError: Error, Equatable, CustomStringConvertible {
    /// There is no `Output/` folder to publish.
    case outputMissing(path: String)
    /// The output folder is not what a finished build left (`reason` says how); publishing it would delete pages.
    case outputIncomplete(path: String, reason: String)
    /// The plan deletes more files than `--max-deletes` allows; nothing was changed.
    case tooManyDeletions(count: Int, limit: Int)
    /// The destination folder is, holds, or is inside the folder being published.
    case destinationOverlapsOutput(destination: String, output: String)
    /// A folder inside the destination is a symbolic link (to `target`): writing through it would write outside
    /// the destination, so nothing was changed.
    case linkInDestination(path: String, target: String)
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
        case .outputIncomplete(let path, let reason):
            return "refusing to publish \(path): \(reason). Build the site again (or drop --no-build) so that publishing "
                + "does not delete pages from the live site; nothing was changed"
        case .tooManyDeletions(let count, let limit):
            return "refusing to delete \(count) files (more than --max-deletes \(limit)); nothing was changed. "
                + "Check the target, then rerun with --max-deletes \(count) if this is intended"
        case .destinationOverlapsOutput(let destination, let output):
            return "cannot publish \(output) into \(destination): the two folders overlap"
        case .linkInDestination(let path, let target):
            return "refusing to publish through \(path): it is a symbolic link to \(target), and writing through it would "
                + "write outside the destination; nothing was changed. Replace the link with a real folder"
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
