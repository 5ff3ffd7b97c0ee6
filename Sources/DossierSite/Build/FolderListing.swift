import DossierContent
import DossierSupport
import Foundation

/// The files of a folder tree, each with its size and modification time: what the build graph stamps the inputs
/// and the output folder with, so that a build with nothing to do finds that out without reading a file.
///
/// A no-change build of a large site is mostly this listing (tens of thousands of files and one folder per page),
/// so it is made as cheaply as the file system allows: a folder's entries are told apart by the type `readdir`
/// gives (no `lstat` of a folder), each file is stat'ed relative to its open folder (`fstatat`, no walk of the whole
/// path again), and the folders of one depth are read on `jobs` threads. Names `SiteLayout` ignores are left out.
struct FolderListing: Sendable {
    /// Each file as one line, `prefix/path` NUL size NUL modification time (nanoseconds), in no particular order.
    var entries: [String] = []
    /// The newest modification time among the files, 0 when there is none.
    var newest = 0

    /// A folder to read: where it is, and the path its files are listed under.
    private struct Folder: Sendable {
        var path: String
        var prefix: String
    }

    /// What reading one folder found: its files (as `entries` lines) and the folders inside it.
    private struct Found: Sendable {
        var listing = FolderListing()
        var folders: [Folder] = []
    }

    /// The files under `root`, listed under `prefix` (`prefix/name/…`); nothing when `root` cannot be read.
    init(of root: String, prefix: String, jobs: Jobs) {
        var level = [Folder(path: root, prefix: prefix)]
        while !level.isEmpty {
            // Even a few folders are worth both cores: one may hold thousands of files (`Content/briefs/`).
            let found = level.concurrentMap(jobs: jobs, FolderListing.read)
            level = []
            for one in found {
                entries += one.listing.entries
                newest = max(newest, one.listing.newest)
                level += one.folders
            }
        }
    }

    private init() {}

    /// The files and folders directly inside `folder`.
    private static func read(_ folder: Folder) -> Found {
        var found = Found()
        guard let dir = opendir(folder.path) else { return found }
        defer { closedir(dir) }
        let descriptor = dirfd(dir)
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(cString: raw.baseAddress!.assumingMemoryBound(to: CChar.self))
            }
            if SiteLayout.isIgnored(name: name) { continue }
            // Joined only for folders: a file is stat'ed relative to its open folder and listed by `entry`.
            func inside() -> Folder { Folder(path: folder.path + "/" + name, prefix: folder.prefix + "/" + name) }
            if entry.pointee.d_type == UInt8(DT_DIR) {
                found.folders.append(inside())
                continue
            }
            // Links are listed as themselves (their own size and time), as `lstat` gives them.
            var info = stat()
            guard fstatat(descriptor, name, &info, AT_SYMLINK_NOFOLLOW) == 0 else { continue }
            if (info.st_mode & S_IFMT) == S_IFDIR {
                found.folders.append(inside())
            } else {
                let stamp = FileStamp(info)
                found.listing.newest = max(found.listing.newest, stamp.modified)
                found.listing.entries.append(FolderListing.entry(folder.prefix, name, stamp))
            }
        }
        return found
    }

    /// The `entries` line of the file `name` in the folder listed under `prefix`. Made as bytes: joining and
    /// interpolating strings took 500 instructions a piece, about half of listing a built site's files.
    static func entry(_ prefix: String, _ name: String, _ stamp: FileStamp) -> String {
        String(decoding: entryBytes(prefix, name, stamp), as: UTF8.self)
    }

    /// The UTF-8 bytes of `entry(prefix, name, stamp)`.
    static func entryBytes(_ prefix: String, _ name: String, _ stamp: FileStamp) -> [UInt8] {
        var line = TextBuilder(capacity: prefix.utf8.count + name.utf8.count + 34)
        line.append(prefix)
        line.append("/")
        line.append(name)
        line.append("\u{0}")
        line.append(stamp.size)
        line.append("\u{0}")
        line.append(stamp.modified)
        return line.utf8()
    }
}
