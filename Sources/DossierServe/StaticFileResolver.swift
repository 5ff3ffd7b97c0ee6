import Foundation

/// Maps a request target (`/actors/?x=1`, `/%2e%2e/etc/passwd`) to a file inside `Output/`, refusing anything that
/// could reach outside it: `..` segments (plain or percent-encoded), encoded slashes, NUL bytes, dot files, and
/// symlinks whose real path leaves the folder.
public struct StaticFileResolver: Sendable {
    /// What a request target maps to.
    public enum Resolution: Sendable, Equatable {
        /// Serve this file (an absolute real path inside the root) with this `Content-Type`.
        case file(path: String, contentType: String)
        /// The target names a folder without the trailing slash: redirect to this location (path and query).
        case redirect(location: String)
        /// Nothing is there (or it is a dot file, which is never served).
        case notFound
        /// The target tries to leave the root or is malformed; never served.
        case refused
    }

    /// The real (symlink-resolved) path of the served folder.
    public let root: String

    /// Makes a resolver for `root`, whose real path is taken now (`Output/` may be a symlink itself).
    public init(root: URL) {
        self.root = StaticFileResolver.realPath(root.standardizedFileURL.path) ?? root.standardizedFileURL.path
    }

    /// Resolves a raw request target, as sent on the request line.
    public func resolve(_ target: String) -> Resolution {
        guard let request = StaticFileResolver.segments(of: target) else { return .refused }
        if request.segments.contains(where: { $0.hasPrefix(".") }) { return .notFound }
        let candidate = request.segments.isEmpty ? root : root + "/" + request.segments.joined(separator: "/")
        guard let real = StaticFileResolver.realPath(candidate) else { return .notFound }
        guard isInsideRoot(real) else { return .refused }
        var info = stat()
        guard stat(real, &info) == 0 else { return .notFound }
        if info.st_mode & S_IFMT == S_IFDIR {
            guard request.endsWithSlash || request.segments.isEmpty else {
                let path = "/" + request.segments.map(StaticFileResolver.percentEncode).joined(separator: "/") + "/"
                return .redirect(location: path + (request.query.map { "?" + $0 } ?? ""))
            }
            guard let index = StaticFileResolver.realPath(real + "/index.html") else { return .notFound }
            guard isInsideRoot(index), StaticFileResolver.isRegularFile(index) else {
                return isInsideRoot(index) ? .notFound : .refused
            }
            return .file(path: index, contentType: ContentType.forPath(index))
        }
        guard info.st_mode & S_IFMT == S_IFREG else { return .notFound }
        return .file(path: real, contentType: ContentType.forPath(real))
    }

    private func isInsideRoot(_ real: String) -> Bool {
        real == root || real.hasPrefix(root.hasSuffix("/") ? root : root + "/")
    }

    /// A request target split into decoded path segments, or nil when it must be refused.
    struct Target: Equatable {
        var segments: [String]
        var endsWithSlash: Bool
        var query: String?
    }

    /// Splits `target` on `/` *before* decoding (so `%2f` can never become a separator), decodes each segment,
    /// drops empty and `.` segments, and refuses `..`, backslashes, NUL and malformed encodings.
    static func segments(of target: String) -> Target? {
        var path = Substring(target)
        var query: String?
        if let hash = path.firstIndex(of: "#") { path = path[..<hash] }
        if let mark = path.firstIndex(of: "?") {
            query = String(path[path.index(after: mark)...])
            path = path[..<mark]
        }
        guard path.hasPrefix("/") else { return nil }
        var segments: [String] = []
        for raw in path.split(separator: "/", omittingEmptySubsequences: true) {
            guard let decoded = String(raw).removingPercentEncoding else { return nil }
            if decoded == "." { continue }
            if decoded == ".." || decoded.contains("/") || decoded.contains("\\") || decoded.contains("\0") { return nil }
            segments.append(decoded)
        }
        return Target(segments: segments, endsWithSlash: path.hasSuffix("/"), query: query)
    }

    /// The canonical absolute path of an existing file or folder (symlinks resolved), or nil when it does not exist.
    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    private static func isRegularFile(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFREG
    }

    /// Percent-encodes one path segment for a `Location` header.
    static func percentEncode(_ segment: String) -> String {
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: "/?#")
        return segment.addingPercentEncoding(withAllowedCharacters: allowed) ?? segment
    }
}
