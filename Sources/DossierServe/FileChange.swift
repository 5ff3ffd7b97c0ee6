/// One change to a file or folder of a site, named by its path relative to the site folder.
public struct FileChange: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// What happened to the path.
    public enum Kind: String, Sendable, Hashable {
        /// The path appeared (created, or moved into a watched folder).
        case created
        /// The file's bytes or attributes changed.
        case modified
        /// The path went away (deleted, or moved out of a watched folder).
        case removed
        /// The watcher lost track (event queue overflow); anything may have changed.
        case unknown
    }

    /// The path relative to the site folder, with `/` separators (`Content/briefs/a.md`).
    public var path: String
    /// What happened.
    public var kind: Kind

    /// Makes a change record for `path` (relative to the site folder).
    public init(_ path: String, _ kind: Kind) {
        self.path = path
        self.kind = kind
    }

    /// `path (kind)`, for logs and test failures.
    public var description: String { "\(path) (\(kind.rawValue))" }

    /// Orders changes by path, then kind, so batches print the same way every time.
    public static func < (a: FileChange, b: FileChange) -> Bool {
        (a.path, a.kind.rawValue) < (b.path, b.kind.rawValue)
    }
}

extension Array where Element == FileChange {
    /// One change per path, sorted by path: the last kind wins, except that created-then-modified stays created,
    /// removed-then-created (an editor replacing a file) becomes modified, and created-then-removed (a temporary
    /// file) disappears.
    public func merged() -> [FileChange] {
        var byPath: [String: FileChange.Kind] = [:]
        var order: [String] = []
        for change in self {
            guard let previous = byPath[change.path] else {
                byPath[change.path] = change.kind
                order.append(change.path)
                continue
            }
            switch (previous, change.kind) {
            case (.created, .modified): break
            case (.created, .removed): byPath[change.path] = nil
            case (.removed, .created): byPath[change.path] = .modified
            default: byPath[change.path] = change.kind
            }
        }
        return byPath.map { FileChange($0.key, $0.value) }.sorted()
    }

    /// What changed, in words for a one-line report: `Content/briefs/a.md changed` or `3 files changed`.
    public var summary: String {
        let unique = merged()
        if unique.contains(where: { $0.kind == .unknown }) { return "files changed" }
        switch unique.count {
        case 0: return "nothing changed"
        case 1:
            let c = unique[0]
            switch c.kind {
            case .created: return "\(c.path) added"
            case .removed: return "\(c.path) removed"
            case .modified, .unknown: return "\(c.path) changed"
            }
        default: return "\(unique.count) files changed"
        }
    }
}
