import DossierModel
import DossierSupport
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Reads the files of one site folder safely: never through a symbolic link that leads out of the site,
/// never from a FIFO, socket or device (which would block or never end), never more than `limit` bytes.
///
/// Every refusal is a `Problem` that says why in words an author can act on, with the OS's reason where
/// the OS gave one; the loader turns it into an error at the file's path.
public struct SiteFileReader: Sendable {
    /// The site folder with every symbolic link resolved: files must resolve to a path below it.
    public let root: String
    /// The most bytes one file may have (larger files are refused, not truncated).
    public let limit: Int

    /// The default limit: 32 MiB, far above any article or brief, far below what would exhaust memory.
    public static let defaultLimit = 32 << 20

    /// A reader for the site in `siteFolder`.
    public init(siteFolder: URL, limit: Int = SiteFileReader.defaultLimit) {
        let path = siteFolder.standardizedFileURL.path
        root = SiteFileReader.realPath(path) ?? path
        self.limit = limit
    }

    /// Why a file was not read.
    public enum Problem: Error, Equatable, Sendable {
        /// There is nothing at the path.
        case missing
        /// The path, or a folder on the way to it, is a symbolic link (`link`, relative to the site) that
        /// leads outside the site folder, to `target`.
        case outside(link: String, target: String)
        /// A symbolic link whose target does not exist.
        case dangling(target: String)
        /// Symbolic links that lead back to themselves.
        case loop
        /// Not a regular file: a folder, a FIFO, a socket, a device.
        case notAFile(String)
        /// Larger than the reader's limit.
        case tooLarge(size: Int, limit: Int)
        /// The OS refused to open or read it (permissions, I/O error): its reason.
        case unreadable(String)

        /// The problem as the end of a sentence that begins with the file's path.
        public var message: String {
            switch self {
            case .missing: return "does not exist"
            case .outside(let link, let target):
                return "is not read: the symbolic link \(Diagnostic.quoted(link)) leads outside the site folder, to "
                    + "\(Diagnostic.quoted(target)) (copy the file into the site instead)"
            case .dangling(let target): return "is a broken symbolic link: its target \(Diagnostic.quoted(target)) does not exist"
            case .loop: return "is a symbolic link that leads back to itself (a loop)"
            case .notAFile(let kind): return "is \(kind), not a file"
            case .tooLarge(let size, let limit):
                return "is \(size / 1_048_576) MiB, over the limit of \(limit / 1_048_576) MiB for one file; split it"
            case .unreadable(let reason): return "could not be read: \(reason)"
            }
        }
    }

    /// The bytes of the file at `relative` (a path below the site folder), or why they may not be read.
    ///
    /// The folder holding it must have passed `checkFolder` (the loader checks each folder once): only the
    /// file itself is checked here, so a plain file costs no more system calls than reading it.
    public func read(_ relative: String) -> Result<Data, Problem> {
        readStamped(relative).map(\.data)
    }

    /// The bytes of the file at `relative` with its stamp as it was opened (before its bytes were read), or why
    /// they may not be read: the stamp comes from the `fstat` the read makes anyway, without another look-up.
    public func readStamped(_ relative: String) -> Result<(data: Data, stamp: FileStamp), Problem> {
        let path = root + "/" + relative
        // O_NONBLOCK: opening a FIFO for reading must not wait for a writer; fstat then refuses it.
        // O_NOFOLLOW: a link fails with ELOOP, and only then is its target resolved and checked.
        let flags = O_RDONLY | O_NONBLOCK | O_CLOEXEC
        var fd = open(path, flags | O_NOFOLLOW)
        if fd < 0, errno == ELOOP {
            if let problem = checkPlace(relative) { return .failure(problem) }
            fd = open(path, flags)
        }
        guard fd >= 0 else { return .failure(errno == ENOENT ? .missing : .unreadable(Self.reason(errno))) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { return .failure(.unreadable(Self.reason(errno))) }
        if let kind = Self.notRegular(info.st_mode) { return .failure(.notAFile(kind)) }
        guard Int(info.st_size) <= limit else { return .failure(.tooLarge(size: Int(info.st_size), limit: limit)) }
        return readAll(fd, expected: Int(info.st_size)).map { ($0, FileStamp(info)) }
    }

    /// The kind of a file in words when it is not a regular file ("a folder", "a FIFO"), else nil.
    public static func notRegular(_ mode: mode_t) -> String? {
        switch mode & S_IFMT {
        case S_IFREG: return nil
        case S_IFDIR: return "a folder"
        case S_IFIFO: return "a FIFO (named pipe)"
        case S_IFSOCK: return "a socket"
        case S_IFCHR, S_IFBLK: return "a device"
        default: return "not a regular file"
        }
    }

    /// Whether the folder at `relative` may be listed: nil when it resolves inside the site (or is missing).
    public func checkFolder(_ relative: String) -> Problem? {
        checkPlace(relative).flatMap { $0 == .missing ? nil : $0 }
    }

    /// Resolves every link on the way to `relative` and refuses a path that ends outside the site.
    private func checkPlace(_ relative: String) -> Problem? {
        let path = root + "/" + relative
        var info = stat()
        guard lstat(path, &info) == 0 else { return errno == ENOENT ? .missing : .unreadable(Self.reason(errno)) }
        guard let resolved = Self.realPath(path) else {
            if errno == ELOOP { return .loop }
            if errno == ENOENT { return .dangling(target: Self.linkTarget(path) ?? "?") }
            return .unreadable(Self.reason(errno))
        }
        guard resolved != root, !resolved.hasPrefix(root + "/") else { return nil }
        return .outside(link: firstLink(in: relative) ?? relative, target: resolved)
    }

    /// The first component of `relative` (as a path relative to the site) that is a symbolic link.
    private func firstLink(in relative: String) -> String? {
        var walked = ""
        for part in relative.split(separator: "/") {
            walked += walked.isEmpty ? String(part) : "/" + part
            var info = stat()
            if lstat(root + "/" + walked, &info) == 0, info.st_mode & S_IFMT == S_IFLNK { return walked }
        }
        return nil
    }

    private func readAll(_ fd: Int32, expected: Int) -> Result<Data, Problem> {
        var bytes: [UInt8] = []
        // One byte more than the size, so that the read which finds the end needs no larger buffer.
        bytes.reserveCapacity(expected + 1)
        while true {
            let n = FileDescriptor.read(fd, upTo: max(bytes.capacity - bytes.count, 1 << 16), appendingTo: &bytes)
            if n < 0 {
                if errno == EINTR { continue }
                return .failure(.unreadable(Self.reason(errno)))
            }
            if n == 0 { return .success(Data(bytes)) }
            // The file grew while being read: refuse it rather than read without end.
            if bytes.count > limit { return .failure(.tooLarge(size: bytes.count, limit: limit)) }
        }
    }

    /// `realpath(3)`: the path with every link and `..` resolved, or nil (with `errno` set).
    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    private static func linkTarget(_ path: String) -> String? {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let n = readlink(path, &buffer, buffer.count - 1)
        guard n >= 0 else { return nil }
        return String(decoding: buffer[0..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// The OS's words for an `errno` value ("Permission denied").
    public static func reason(_ code: Int32) -> String { String(cString: strerror(code)) }
}
