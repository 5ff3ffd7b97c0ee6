#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What `stat` says about a path, read without FileManager (whose attribute calls look up user and group names).
struct FileInfo {
    /// Whether the path (after following a link) is a folder.
    var isDirectory: Bool
    /// Whether the path (after following a link) is a regular file.
    var isRegular: Bool
    /// Whether the path itself is a symbolic link.
    var isLink: Bool
    /// The size in bytes (of the link's target, for a link).
    var size: Int

    /// Reads `path`'s status; nil when it does not exist (or is a dangling link).
    init?(_ path: String) {
        var link = stat()
        guard lstat(path, &link) == 0 else { return nil }
        var target = link
        isLink = (link.st_mode & S_IFMT) == S_IFLNK
        if isLink { guard stat(path, &target) == 0 else { return nil } }
        isDirectory = (target.st_mode & S_IFMT) == S_IFDIR
        isRegular = (target.st_mode & S_IFMT) == S_IFREG
        size = Int(target.st_size)
    }
}
