/// What a publish will do and why: the files to upload, in a safe order, and the remote files to delete.
public struct PublishPlan: Sendable, Equatable {
    /// The stage a file is published in; each stage finishes before the next begins.
    public enum Phase: Int, Sendable, Comparable, CaseIterable, CustomStringConvertible {
        /// Stylesheets, scripts, images, fonts and data files: what pages load or link to.
        case assets
        /// Every page except the home page.
        case pages
        /// The home page, feeds and the sitemap: the ways readers enter the site.
        case entryPoints
        /// Removing what the site no longer has.
        case deletions

        /// Orders phases as they run.
        public static func < (a: Phase, b: Phase) -> Bool { a.rawValue < b.rawValue }

        /// The phase's name in plans.
        public var description: String {
            switch self {
            case .assets: return "assets"
            case .pages: return "pages"
            case .entryPoints: return "home page, feeds and sitemap"
            case .deletions: return "deletions"
            }
        }

        /// The phase a file at `path` is uploaded in.
        public static func of(_ path: String) -> Phase {
            let lower = path.lowercased()
            let name = lower.split(separator: "/").last.map(String.init) ?? lower
            if lower == "index.html" || lower == "index.htm" { return .entryPoints }
            if name.hasSuffix(".xml") || name.hasSuffix(".atom") || name.hasSuffix(".rss") || name == "robots.txt"
                || (name.contains("feed") && name.hasSuffix(".json")) {
                return .entryPoints
            }
            if name.hasSuffix(".html") || name.hasSuffix(".htm") { return .pages }
            return .assets
        }
    }

    /// Why a file is uploaded.
    public enum UploadReason: String, Sendable, Equatable {
        /// The remote does not have it.
        case new
        /// The remote has other bytes under its name.
        case changed
        /// Same bytes, but its Content-Type or Cache-Control differ from what it should be served with.
        case metadataChanged = "metadata changed"
        /// `--force` was given.
        case forced
    }

    /// One file to upload.
    public struct Upload: Sendable, Equatable {
        /// Its path below `Output/`.
        public var path: String
        /// Its size in bytes.
        public var size: Int
        /// Its fingerprint (SHA-256, or git's blob id for git targets).
        public var fingerprint: String
        /// Why it is uploaded.
        public var reason: UploadReason
        /// When it is uploaded.
        public var phase: Phase
    }

    /// One remote file to delete.
    public struct Deletion: Sendable, Equatable {
        /// Its path below the target's root.
        public var path: String
        /// Why it goes (the site no longer has it).
        public var reason: String
    }

    /// A file as the planner sees it on the local side.
    public struct Wanted: Sendable, Equatable {
        /// Its path below `Output/`.
        public var path: String
        /// Its size in bytes.
        public var size: Int
        /// What identifies its bytes.
        public var fingerprint: String
        /// The metadata it should carry (Content-Type, Cache-Control), or nil where the target has none.
        public var metadata: [String]?

        /// Makes a wanted-file record.
        public init(path: String, size: Int, fingerprint: String, metadata: [String]? = nil) {
            self.path = path
            self.size = size
            self.fingerprint = fingerprint
            self.metadata = metadata
        }
    }

    /// A file as it is on the target.
    public struct Existing: Sendable, Equatable {
        /// What identifies its bytes, or nil when unknown (then it counts as changed).
        public var fingerprint: String?
        /// The metadata it carries, or nil when unknown or not applicable (then it is not compared).
        public var metadata: [String]?

        /// Makes an existing-file record.
        public init(fingerprint: String?, metadata: [String]? = nil) {
            self.fingerprint = fingerprint
            self.metadata = metadata
        }
    }

    /// The uploads, ordered by phase, then path.
    public var uploads: [Upload]
    /// The deletions, ordered by path.
    public var deletions: [Deletion]
    /// Paths of files already equal on the target.
    public var unchanged: [String]

    /// Compares the wanted files with what the target has; `force` uploads every wanted file.
    public static func make(wanted: [Wanted], existing: [String: Existing], force: Bool = false) -> PublishPlan {
        var uploads: [Upload] = []
        var unchanged: [String] = []
        var wantedPaths = Set<String>()
        for file in wanted {
            wantedPaths.insert(file.path)
            let reason: UploadReason?
            if let remote = existing[file.path] {
                if force {
                    reason = .forced
                } else if remote.fingerprint != file.fingerprint {
                    reason = .changed
                } else if let want = file.metadata, let have = remote.metadata, want != have {
                    reason = .metadataChanged
                } else {
                    reason = nil
                }
            } else {
                reason = .new
            }
            if let reason {
                uploads.append(Upload(path: file.path, size: file.size, fingerprint: file.fingerprint, reason: reason, phase: .of(file.path)))
            } else {
                unchanged.append(file.path)
            }
        }
        uploads.sort { ($0.phase, $0.path) < ($1.phase, $1.path) }
        let deletions = existing.keys.filter { !wantedPaths.contains($0) }.sorted()
            .map { Deletion(path: $0, reason: "no longer in the site") }
        return PublishPlan(uploads: uploads, deletions: deletions, unchanged: unchanged.sorted())
    }

    /// Whether the plan changes nothing.
    public var isEmpty: Bool { uploads.isEmpty && deletions.isEmpty }

    /// The bytes the uploads will send.
    public var bytesToSend: Int { uploads.reduce(0) { $0 + $1.size } }

    /// The uploads grouped into their phases, in running order; empty phases are left out.
    public var uploadPhases: [[Upload]] {
        var groups: [[Upload]] = []
        for upload in uploads {
            if let last = groups.last?.last, last.phase == upload.phase {
                groups[groups.count - 1].append(upload)
            } else {
                groups.append([upload])
            }
        }
        return groups
    }

    /// One line per action, as `--dry-run` prints them: `upload assets/style.css (changed, 1.2 KB)`, `delete old.html (…)`.
    public var lines: [String] {
        uploads.map { "upload \($0.path) (\($0.reason.rawValue), \(ByteCount.format($0.size)); \($0.phase))" }
            + deletions.map { "delete \($0.path) (\($0.reason))" }
    }
}
