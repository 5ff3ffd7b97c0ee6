import DossierContent
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Watches a site's `Content/` and `Templates/` by scanning modification times and sizes at a fixed interval:
/// slower than inotify, but it works on every system and on network or container file systems.
public struct PollingWatcher: FileWatcher {
    /// The site folder whose `Content/` and `Templates/` are watched.
    public let siteFolder: URL
    /// Time between two scans.
    public let interval: Duration

    /// Makes a watcher that scans `siteFolder` every `interval` (250 ms unless told).
    public init(siteFolder: URL, interval: Duration = .milliseconds(250)) {
        self.siteFolder = siteFolder.standardizedFileURL
        self.interval = interval
    }

    /// Takes a first snapshot before it returns, then scans on a thread of its own and yields the differences.
    public func changes() throws -> AsyncStream<[FileChange]> {
        let root = siteFolder.path
        guard FileManager.default.fileExists(atPath: root) else { throw FileWatcherError("no such folder: \(root)") }
        let first = Snapshot.take(root: root)
        let (stream, continuation) = AsyncStream.makeStream(of: [FileChange].self)
        let flag = StopFlag()
        continuation.onTermination = { _ in flag.stop() }
        let micros = UInt32(max(1, interval.components.seconds * 1_000_000 + interval.components.attoseconds / 1_000_000_000_000))
        let thread = Thread {
            var snapshot = first
            while !flag.isStopped {
                var slept: UInt32 = 0
                while slept < micros && !flag.isStopped {
                    let step = min(micros - slept, 50_000)
                    usleep(step)
                    slept += step
                }
                if flag.isStopped { break }
                let next = Snapshot.take(root: root)
                let changes = snapshot.changes(to: next)
                snapshot = next
                if !changes.isEmpty { continuation.yield(changes) }
            }
            continuation.finish()
        }
        thread.name = "dossier-poll"
        thread.start()
        return stream
    }
}

/// What a scan saw of every relevant file and folder: enough to notice a change without reading contents.
struct Snapshot: Sendable, Equatable {
    /// The facts compared between scans.
    struct Entry: Sendable, Equatable {
        var stamp: FileStamp
        var inode: UInt64
        var isFolder: Bool
    }

    var entries: [String: Entry] = [:]

    /// Scans `Content/` and `Templates/` below `root`, skipping ignored names and never following symlinked folders.
    static func take(root: String) -> Snapshot {
        var snapshot = Snapshot()
        for folder in SiteLayout.inputFolders {
            snapshot.scan(root: root, relative: folder, depth: 0)
        }
        return snapshot
    }

    private mutating func scan(root: String, relative: String, depth: Int) {
        var info = stat()
        let useStat = depth == 0   // a symlinked Content/ is followed, symlinks below it are not
        guard (useStat ? stat(root + "/" + relative, &info) : lstat(root + "/" + relative, &info)) == 0 else { return }
        let isFolder = info.st_mode & S_IFMT == S_IFDIR
        entries[relative] = Entry(stamp: FileStamp(info), inode: UInt64(info.st_ino), isFolder: isFolder)
        guard isFolder, depth < 64 else { return }
        let names = (try? FileManager.default.contentsOfDirectory(atPath: root + "/" + relative)) ?? []
        for name in names where !SiteLayout.isIgnored(name: name) {
            scan(root: root, relative: relative + "/" + name, depth: depth + 1)
        }
    }

    /// The changes of files from this snapshot to `next`, sorted by path (folders count through their files).
    func changes(to next: Snapshot) -> [FileChange] {
        var result: [FileChange] = []
        for (path, entry) in next.entries where !entry.isFolder {
            if let old = entries[path], !old.isFolder {
                if old != entry { result.append(FileChange(path, .modified)) }
            } else {
                result.append(FileChange(path, .created))
            }
        }
        for (path, entry) in entries where !entry.isFolder && next.entries[path]?.isFolder != false {
            result.append(FileChange(path, .removed))
        }
        return result.sorted()
    }
}
