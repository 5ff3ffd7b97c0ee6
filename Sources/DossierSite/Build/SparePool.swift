import DossierSupport
import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The files of pages a build replaced, kept in the site's `.dossier/spare/` for later builds to write new pages
/// into, so that replacing a page neither frees the old file's blocks nor allocates the new one's.
///
/// Why: on a file system that discards freed blocks at once (ext4 mounted with `discard`, as on the machine the
/// benchmarks run on), freeing a replaced page's blocks and allocating its successor's were most of the time of
/// a build that replaces thousands of pages (a template edit): about 0.3 ms a page, against 0.03 ms to write the
/// same bytes into a file whose blocks are already there. When the moves go into place (`StagedCommit`), each page
/// being replaced is first linked into the pool (`retire`), so the rename over it frees nothing; a later build
/// writes a staged page into a spare (`stage`) instead of a new file.
///
/// Safety: a spare is written only when it is a regular file with no other name (`st_nlink` 1), opened without
/// following links; anything else in the pool is dropped, never written through. A spare is in no folder a reader
/// or publisher sees. The pool holds at most as many files as the largest build replaced, and can be deleted at any
/// time. Without a pool (the output on another file system than the site), pages are replaced as before.
final class SparePool: Sendable {
    /// The pool's folder, on the same file system as the output folder.
    let folder: String
    /// The spares there when the first page was staged, handed out one at a time (`next`); listed only then, so a
    /// build that stages nothing does not read the folder (4 ms for 5,000 spares).
    private let listed = Mutex<[String]?>(nil)
    private let next = Atomic<Int>(0)

    static let folderName = ".dossier/spare"

    /// The pool of the site in `siteFolder` for a build writing into `output`, or nil when the two are on different
    /// file systems (a link into the pool would fail) or the pool cannot be made.
    init?(siteFolder: URL, output: String) {
        let folder = siteFolder.appendingPathComponent(SparePool.folderName).path
        var site = stat(), out = stat()
        guard stat(siteFolder.path, &site) == 0, stat(output, &out) == 0, site.st_dev == out.st_dev,
              (try? OutputWriter.makeFolders(folder)) != nil else { return nil }
        self.folder = folder
    }

    /// The spares, listed on first use.
    private var names: [String] {
        listed.withLock { listed in
            if let listed { return listed }
            let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).sorted()
            listed = names
            return names
        }
    }

    /// Writes `bytes` into a spare moved to `path` (a new name in the staging folder); false when no usable spare is
    /// left, and nothing is then at `path`.
    func stage(_ bytes: Span<UInt8>, at path: String) -> Bool {
        let names = self.names
        while true {
            let index = next.add(1, ordering: .relaxed).oldValue
            guard index < names.count else { return false }
            let spare = folder + "/" + names[index]
            var info = stat()
            guard lstat(spare, &info) == 0 else { continue }  // another build took it
            guard info.st_mode & S_IFMT == S_IFREG, info.st_nlink == 1 else {
                drop(spare, isFolder: info.st_mode & S_IFMT == S_IFDIR)
                continue
            }
            guard rename(spare, path) == 0 else { continue }
            if overwrite(path, with: bytes) { return true }
            unlink(path)
        }
    }

    /// Removes an entry of the pool that is not a spare: a link or another name of a file is removed as a name
    /// (never followed), a folder with what it holds.
    private func drop(_ path: String, isFolder: Bool) {
        if isFolder { try? FileManager.default.removeItem(atPath: path) } else { unlink(path) }
    }

    /// Writes `bytes` over the file at `path` when it is a regular file with no other name, without freeing its
    /// blocks first (no `O_TRUNC`: the blocks past the new end go with `ftruncate`).
    private func overwrite(_ path: String, with bytes: Span<UInt8>) -> Bool {
        let fd = open(path, O_WRONLY | O_NOFOLLOW | O_CLOEXEC)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFREG, info.st_nlink == 1 else { return false }
        if Int(info.st_size) < bytes.count { OutputWriter.preallocate(fd, size: bytes.count) }
        return FileDescriptor.write(bytes, to: fd) == nil && ftruncate(fd, off_t(bytes.count)) == 0
    }

    /// Keeps the file at `path`, which a move is about to replace, as a spare: a second name for it in the pool, so
    /// that the rename over it frees nothing. A file that cannot be linked is simply replaced.
    static func retire(_ path: String, into folder: String) {
        for _ in 0..<2 {
            let name = folder + "/" + String(UInt64.random(in: 0...UInt64.max), radix: 36)
            if link(path, name) == 0 || errno != EEXIST { return }
        }
    }
}
