#if os(Linux)
import DossierContent
import DossierSupport
import Foundation
import Glibc

/// Watches a site's `Content/` and `Templates/` with Linux inotify: recursively, adding watches for folders as
/// they appear, and following editors that save by writing a temporary file and renaming it over the original.
public struct InotifyWatcher: FileWatcher {
    /// The site folder whose `Content/` and `Templates/` are watched.
    public let siteFolder: URL

    /// Makes a watcher for the site in `siteFolder`; nothing happens until `changes()`.
    public init(siteFolder: URL) {
        self.siteFolder = siteFolder.standardizedFileURL
    }

    /// Opens an inotify instance, watches every folder now present, and reads events on a thread of its own.
    public func changes() throws -> AsyncStream<[FileChange]> {
        let fd = inotify_init1(Int32(IN_CLOEXEC | IN_NONBLOCK))
        guard fd >= 0 else { throw FileWatcherError("cannot start inotify: \(String(cString: strerror(errno)))") }
        var table = WatchTable(fd: fd, root: siteFolder.path)
        do {
            try table.addRoot()
        } catch {
            close(fd)
            throw error
        }
        let (stream, continuation) = AsyncStream.makeStream(of: [FileChange].self)
        let flag = StopFlag()
        continuation.onTermination = { _ in flag.stop() }
        let thread = Thread { [table] in
            var table = table
            table.readLoop(until: flag, into: continuation)
            close(fd)
            continuation.finish()
        }
        thread.name = "dossier-inotify"
        thread.start()
        return stream
    }
}

/// The watch descriptors of one inotify instance and the folders (relative to the site) they stand for.
struct WatchTable: Sendable {
    let fd: Int32
    let root: String
    private(set) var folders: [Int32: String] = [:]

    static let folderMask = UInt32(IN_CREATE | IN_DELETE | IN_MOVED_FROM | IN_MOVED_TO | IN_CLOSE_WRITE | IN_ATTRIB)
        | UInt32(IN_ONLYDIR | IN_EXCL_UNLINK)
    static let rootMask = UInt32(IN_CREATE | IN_DELETE | IN_MOVED_FROM | IN_MOVED_TO) | UInt32(IN_ONLYDIR)

    init(fd: Int32, root: String) {
        self.fd = fd
        self.root = root
    }

    /// Watches the site folder itself (for `Content/` or `Templates/` appearing) and both trees below it.
    mutating func addRoot() throws {
        let wd = inotify_add_watch(fd, root, WatchTable.rootMask)
        guard wd >= 0 else { throw FileWatcherError("cannot watch \(root): \(String(cString: strerror(errno)))") }
        folders[wd] = ""
        for folder in SiteLayout.inputFolders where isFolder(folder) {
            _ = try addTree(folder, reportFiles: false)
        }
    }

    /// Watches `relative` and every folder below it; returns the files found (so files created before the
    /// watch existed are not missed).
    @discardableResult
    mutating func addTree(_ relative: String, reportFiles: Bool) throws -> [String] {
        let wd = inotify_add_watch(fd, root + "/" + relative, WatchTable.folderMask)
        guard wd >= 0 else {
            let code = errno
            if code == ENOSPC {
                throw FileWatcherError("the inotify watch limit is reached (fs.inotify.max_user_watches); use --poll")
            }
            return []   // the folder went away meanwhile
        }
        folders[wd] = relative
        var files: [String] = []
        let names = (try? FileManager.default.contentsOfDirectory(atPath: root + "/" + relative)) ?? []
        for name in names.sorted() where !SiteLayout.isIgnored(name: name) {
            let child = relative + "/" + name
            var info = stat()
            guard lstat(root + "/" + child, &info) == 0 else { continue }
            if info.st_mode & S_IFMT == S_IFDIR {
                files += try addTree(child, reportFiles: reportFiles)
            } else if reportFiles {
                files.append(child)
            }
        }
        return files
    }

    /// Stops watching `relative` and everything below it.
    mutating func removeTree(_ relative: String) {
        for (wd, path) in folders where path == relative || path.hasPrefix(relative + "/") {
            inotify_rm_watch(fd, wd)
            folders[wd] = nil
        }
    }

    private func isFolder(_ relative: String) -> Bool {
        var info = stat()
        return stat(root + "/" + relative, &info) == 0 && info.st_mode & S_IFMT == S_IFDIR
    }

    /// Reads and translates events until `flag` is set, yielding one batch per read.
    mutating func readLoop(until flag: StopFlag, into continuation: AsyncStream<[FileChange]>.Continuation) {
        var buffer: [UInt8] = []
        while !flag.isStopped {
            var pfd = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            let ready = poll(&pfd, 1, 100)
            if ready < 0 && errno != EINTR { return }
            guard ready > 0 else { continue }
            buffer.removeAll(keepingCapacity: true)
            let count = FileDescriptor.read(fd, upTo: 64 * 1024, appendingTo: &buffer)
            if count < 0 {
                if errno == EAGAIN || errno == EINTR { continue }
                return
            }
            var changes: [FileChange] = []
            var offset = 0
            while offset + 16 <= count {
                // The fields of `struct inotify_event`, in the machine's byte order; the loads are bounds-checked.
                let raw = buffer.span.bytes
                let wd = raw.unsafeLoadUnaligned(fromByteOffset: offset, as: Int32.self)
                let mask = raw.unsafeLoadUnaligned(fromByteOffset: offset + 4, as: UInt32.self)
                let length = Int(raw.unsafeLoadUnaligned(fromByteOffset: offset + 12, as: UInt32.self))
                let nameBytes = buffer[(offset + 16)..<min(offset + 16 + length, count)].prefix { $0 != 0 }
                offset += 16 + length
                changes += handle(wd: wd, mask: mask, name: String(decoding: nameBytes, as: UTF8.self))
            }
            if !changes.isEmpty { continuation.yield(changes) }
        }
    }

    /// Translates one inotify event into changes, adding or removing watches for folders on the way.
    mutating func handle(wd: Int32, mask: UInt32, name: String) -> [FileChange] {
        func has(_ bit: Int32) -> Bool { mask & UInt32(bitPattern: bit) != 0 }
        if has(IN_Q_OVERFLOW) { return [FileChange("", .unknown)] }
        if has(IN_IGNORED) {
            folders[wd] = nil
            return []
        }
        guard let folder = folders[wd], !name.isEmpty else { return [] }
        let path = folder.isEmpty ? name : folder + "/" + name
        if folder.isEmpty && !SiteLayout.inputFolders.contains(name) { return [] }
        guard folder.isEmpty || SiteLayout.isInput(path) else { return [] }
        if has(IN_ISDIR) {
            // a new folder counts through the files in it; an empty one changes nothing a build reads
            if has(IN_CREATE) || has(IN_MOVED_TO) {
                return ((try? addTree(path, reportFiles: true)) ?? []).map { FileChange($0, .created) }
            }
            // a deleted folder was empty (its files were reported one by one); a folder moved away takes its files
            if has(IN_DELETE) || has(IN_MOVED_FROM) {
                removeTree(path)
                return has(IN_MOVED_FROM) ? [FileChange(path, .removed)] : []
            }
            return []
        }
        if has(IN_CREATE) { return [FileChange(path, .created)] }
        if has(IN_DELETE) || has(IN_MOVED_FROM) { return [FileChange(path, .removed)] }
        if has(IN_CLOSE_WRITE) || has(IN_MOVED_TO) || has(IN_ATTRIB) || has(IN_MODIFY) { return [FileChange(path, .modified)] }
        return []
    }
}
#endif
