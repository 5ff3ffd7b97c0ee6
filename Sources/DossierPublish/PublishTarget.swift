import Foundation

/// Where `dossier publish` sends a built site: an S3-compatible bucket, a git branch, or a folder.
public enum PublishTarget: Sendable, Equatable, CustomStringConvertible {
    /// `s3://BUCKET[/PREFIX]`: objects in `bucket`, under `prefix` (no leading or trailing slash; empty for the whole bucket).
    case s3(bucket: String, prefix: String)
    /// `git:REPO#BRANCH`: the tree of `branch` in the repository `repository` (a path or a remote URL).
    case git(repository: String, branch: String)
    /// A folder on this machine, made equal to `Output/`.
    case folder(URL)

    /// Why a target string could not be read.
    public enum ParseError: Error, Equatable, CustomStringConvertible {
        /// The target was empty.
        case empty
        /// `s3://` named no bucket.
        case missingBucket(String)
        /// The bucket name breaks S3's naming rules; `reason` says which.
        case invalidBucket(String, reason: String)
        /// The prefix has an empty or relative (`.`, `..`) segment.
        case invalidPrefix(String)
        /// `git:` without `#BRANCH`.
        case missingBranch(String)
        /// `git:#BRANCH` without a repository.
        case missingRepository(String)
        /// A branch name git would refuse.
        case invalidBranch(String)
        /// A scheme Dossier does not publish to (`http://`, `ftp://`, …).
        case unsupportedScheme(String)

        /// The message the CLI prints.
        public var description: String {
            switch self {
            case .empty:
                return "empty publish target: give s3://BUCKET[/PREFIX], git:REPO#BRANCH or a folder path"
            case .missingBucket(let t):
                return "malformed target '\(t)': s3:// needs a bucket name, as in s3://my-bucket/site"
            case .invalidBucket(let b, let reason):
                return "malformed target: '\(b)' is not a valid S3 bucket name (\(reason))"
            case .invalidPrefix(let p):
                return "malformed target: prefix '\(p)' has an empty, '.' or '..' segment"
            case .missingBranch(let t):
                return "malformed target '\(t)': a git target names its branch after '#', as in git:../site.git#gh-pages"
            case .missingRepository(let t):
                return "malformed target '\(t)': a git target names a repository before '#', as in git:git@github.com:me/site.git#gh-pages"
            case .invalidBranch(let b):
                return "malformed target: '\(b)' is not a valid git branch name"
            case .unsupportedScheme(let s):
                return "unsupported target scheme '\(s)://': give s3://BUCKET[/PREFIX], git:REPO#BRANCH or a folder path"
            }
        }
    }

    /// Reads a target as the user typed it; folder paths and local repository paths are resolved against `base`.
    public static func parse(_ text: String, relativeTo base: URL = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)) throws(ParseError) -> PublishTarget {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else { throw .empty }
        if trimmed.lowercased().hasPrefix("s3://") {
            return try parseS3(trimmed)
        }
        if trimmed.hasPrefix("git:") {
            return try parseGit(trimmed, base: base)
        }
        if let range = trimmed.range(of: "://") {
            let scheme = String(trimmed[..<range.lowerBound])
            if !scheme.isEmpty, scheme.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "+" || $0 == "-" || $0 == "." }) {
                throw .unsupportedScheme(scheme)
            }
        }
        if trimmed.hasPrefix("s3:") { throw .missingBucket(trimmed) }
        return .folder(resolve(trimmed, base: base))
    }

    private static func parseS3(_ text: String) throws(ParseError) -> PublishTarget {
        let rest = text.dropFirst("s3://".count)
        let slash = rest.firstIndex(of: "/")
        let bucket = String(slash.map { rest[..<$0] } ?? rest)
        guard !bucket.isEmpty else { throw .missingBucket(text) }
        if let reason = bucketProblem(bucket) { throw .invalidBucket(bucket, reason: reason) }
        var prefix = slash.map { String(rest[rest.index(after: $0)...]) } ?? ""
        while prefix.hasSuffix("/") { prefix.removeLast() }
        if !prefix.isEmpty {
            let segments = prefix.split(separator: "/", omittingEmptySubsequences: false)
            if segments.contains(where: { $0.isEmpty || $0 == "." || $0 == ".." }) { throw .invalidPrefix(prefix) }
        }
        return .s3(bucket: bucket, prefix: prefix)
    }

    /// What is wrong with an S3 bucket name, or nil when it follows the rules (3–63 lowercase letters, digits, '.' and '-').
    static func bucketProblem(_ bucket: String) -> String? {
        guard (3...63).contains(bucket.count) else { return "it must be 3 to 63 characters long" }
        guard bucket.unicodeScalars.allSatisfy({ ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "." || $0 == "-" }) else {
            return "only lowercase letters, digits, '.' and '-' are allowed"
        }
        guard let first = bucket.unicodeScalars.first, let last = bucket.unicodeScalars.last,
              first != "." && first != "-", last != "." && last != "-" else {
            return "it must begin and end with a letter or digit"
        }
        if bucket.contains("..") { return "it must not contain '..'" }
        return nil
    }

    private static func parseGit(_ text: String, base: URL) throws(ParseError) -> PublishTarget {
        let rest = text.dropFirst("git:".count)
        guard let hash = rest.lastIndex(of: "#") else { throw .missingBranch(text) }
        let repository = String(rest[..<hash]).trimmingCharacters(in: .whitespaces)
        let branch = String(rest[rest.index(after: hash)...])
        guard !repository.isEmpty else { throw .missingRepository(text) }
        guard !branch.isEmpty else { throw .missingBranch(text) }
        guard isValidBranch(branch) else { throw .invalidBranch(branch) }
        return .git(repository: isRemote(repository) ? repository : resolve(repository, base: base).path, branch: branch)
    }

    /// Whether `name` passes git's rules for branch names (`git check-ref-format --branch`), checked here without running git.
    static func isValidBranch(_ name: String) -> Bool {
        if name.hasPrefix("-") || name.hasPrefix("/") || name.hasSuffix("/") || name.hasSuffix(".") || name.hasSuffix(".lock") { return false }
        if name == "@" || name.contains("..") || name.contains("//") || name.contains("@{") { return false }
        for scalar in name.unicodeScalars {
            if scalar.value < 0x20 || scalar.value == 0x7F { return false }
            if " ~^:?*[\\".unicodeScalars.contains(scalar) { return false }
        }
        return !name.split(separator: "/").contains { $0.hasPrefix(".") }
    }

    /// Whether a git repository string names a remote (`scheme://…` or scp-style `user@host:path`) rather than a local path.
    static func isRemote(_ repository: String) -> Bool {
        if repository.contains("://") { return true }
        guard let colon = repository.firstIndex(of: ":") else { return false }
        let before = repository[..<colon]
        return !before.isEmpty && !before.contains("/")
    }

    private static func resolve(_ path: String, base: URL) -> URL {
        var expanded = path
        if expanded == "~" || expanded.hasPrefix("~/") {
            expanded = FileManager.default.homeDirectoryForCurrentUser.path + expanded.dropFirst()
        }
        let absolute = expanded.hasPrefix("/") ? expanded : base.path + "/" + expanded
        return URL(fileURLWithPath: absolute).standardizedFileURL
    }

    /// The target as the summary line names it; a URL's password or token is never shown.
    public var description: String {
        switch self {
        case .s3(let bucket, let prefix): return prefix.isEmpty ? "s3://\(bucket)" : "s3://\(bucket)/\(prefix)"
        case .git(let repository, let branch): return "git:\(Redaction.redactURLs(in: repository))#\(branch)"
        case .folder(let url): return url.path
        }
    }
}
