import Crypto
import DossierContent
import DossierModel
import DossierSupport
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One file of a build's output: its path below `Output/` and its bytes.
public struct OutputFile: Sendable, Hashable {
    public var path: String
    public var bytes: [UInt8]

    /// Makes an output file at `path` (relative to `Output/`).
    public init(path: String, bytes: [UInt8]) {
        self.path = path
        self.bytes = bytes
    }
}

/// Writes a build's files into `Output/`: only changed bytes touch the disk, and only files an earlier
/// build wrote (listed in the manifest) are ever removed.
struct OutputWriter {
    let folder: URL
    /// How many threads hash, compare and stage the files.
    var jobs: Jobs = .usableCores
    /// The site whose `.dossier/spare/` keeps the files of replaced pages to write later pages into (see
    /// `SparePool`); nil keeps none.
    var siteFolder: URL?

    static let manifestName = ".dossier-manifest.json"

    /// What writing did, for the build summary.
    struct Counts: Sendable, Equatable {
        var written = 0
        var unchanged = 0
        var removed = 0
        /// The manifest written: every output file's checksum by path.
        var hashes: [String: String] = [:]
        /// The paths of the files moved into place or removed; nil when a fresh build moved whole folders.
        var touched: [String]?
        /// Whether the folder was empty before (a fresh build): the files of the manifest are then all it holds.
        var fresh = false
    }

    /// A file written in place (`writeNew`): its checksum, and its size and modification time as the file system
    /// keeps them, taken from the open file (a later listing of the folder finds the same).
    struct Written: Sendable, Equatable {
        var checksum: String
        var stamp: FileStamp
    }

    /// The manifest: each path the build wrote with the checksum of its bytes (`checksum(_:)`).
    struct Manifest: Codable, Equatable {
        var version = 1
        var files: [String: String]

        /// The manifest as `JSONEncoder` writes it with sorted keys, pretty-printed, slashes unescaped.
        ///
        /// Tens of thousands of plain paths and hex digests are written directly (the encoder took a noticeable
        /// share of a build's single-threaded tail); anything else goes through the encoder.
        func encoded() throws -> Data {
            func plain(_ s: String) -> Bool { s.utf8.allSatisfy { $0 >= 0x20 && $0 != 0x22 && $0 != 0x5C } }
            guard !files.isEmpty, files.allSatisfy({ plain($0.key) && plain($0.value) }) else {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
                return try encoder.encode(self)
            }
            var out: [UInt8] = []
            out.reserveCapacity(files.count * 110)
            out += "{\n  \"files\" : {\n".utf8
            // The encoder sorts keys by their UTF-8 bytes; for ASCII keys (nearly always) that is the order of `<`.
            let ascii = files.keys.allSatisfy { $0.utf8.allSatisfy { $0 < 0x80 } }
            let keys = ascii ? files.keys.sorted() : files.keys.sorted(by: Manifest.utf8Precedes)
            for (i, key) in keys.enumerated() {
                out += "    \"".utf8
                out += key.utf8
                out += "\" : \"".utf8
                out += files[key]!.utf8
                out += (i == keys.count - 1 ? "\"\n" : "\",\n").utf8
            }
            out += "  },\n  \"version\" : \(version)\n}".utf8
            return Data(out)
        }

        /// Reads a manifest: the layout `encoded()` writes directly is read line by line (decoding tens of thousands
        /// of entries with `JSONDecoder` took a noticeable share of a template-only build); anything else goes
        /// through the decoder.
        static func decode(_ bytes: [UInt8]) throws -> Manifest {
            if let files = plainFiles(bytes) { return Manifest(files: files) }
            return try JSONDecoder().decode(Manifest.self, from: Data(bytes))
        }

        /// The files of a manifest in exactly the layout `encoded()` writes for plain paths and checksums (version 1),
        /// or nil when the bytes are laid out in any other way.
        static func plainFiles(_ bytes: [UInt8]) -> [String: String]? {
            let head = Array("{\n  \"files\" : {\n".utf8), tail = Array("  },\n  \"version\" : 1\n}".utf8)
            guard bytes.count > head.count + tail.count, bytes.starts(with: head), bytes.suffix(tail.count).elementsEqual(tail)
            else { return nil }
            var files: [String: String] = [:]
            var i = head.count
            let end = bytes.count - tail.count
            // Each line: 4 spaces, "path" : "checksum", a comma unless it is the last, a newline.
            while i < end {
                guard let (key, afterKey) = quoted(bytes, from: i + 4, prefix: "    "),
                      bytes[afterKey..<min(afterKey + 3, end)].elementsEqual(" : ".utf8),
                      let (value, afterValue) = quoted(bytes, from: afterKey + 3, prefix: "") else { return nil }
                var next = afterValue
                let last = bytes[next] == 0x0A
                if !last { guard bytes[next] == 0x2C, bytes[next + 1] == 0x0A else { return nil }; next += 1 }
                next += 1
                guard last == (next == end), files.updateValue(value, forKey: key) == nil else { return nil }
                i = next
            }
            return files.isEmpty ? nil : files
        }

        /// The plain string in quotes at `start` of `bytes` (which `prefix` must precede), and the index after its
        /// closing quote; nil when there is none or it holds a control character, a quote or a backslash.
        private static func quoted(_ bytes: [UInt8], from start: Int, prefix: String) -> (String, Int)? {
            let before = start - prefix.utf8.count
            guard start < bytes.count, before >= 0, bytes[before..<start].elementsEqual(prefix.utf8), bytes[start] == 0x22
            else { return nil }
            var j = start + 1
            while j < bytes.count, bytes[j] != 0x22 {
                guard bytes[j] >= 0x20, bytes[j] != 0x5C else { return nil }
                j += 1
            }
            guard j < bytes.count else { return nil }
            return (String(decoding: bytes[(start + 1)..<j], as: UTF8.self), j + 1)
        }

        /// Whether `a`'s UTF-8 bytes sort before `b`'s.
        static func utf8Precedes(_ a: String, _ b: String) -> Bool {
            var a = a, b = b
            return a.withUTF8 { x in
                b.withUTF8 { y in
                    let common = min(x.count, y.count)
                    let order = common == 0 ? 0 : memcmp(x.baseAddress!, y.baseAddress!, common)
                    return order != 0 ? order < 0 : x.count < y.count
                }
            }
        }
    }

    /// What the output folder held before a build that writes pages as it renders them.
    enum Emptiness: Sendable, Equatable {
        /// There was no folder.
        case absent
        /// The folder was there, with nothing in it.
        case empty
    }

    /// Whether the folder is absent or empty (then nothing in it can be lost, and pages may be written as they
    /// are rendered); nil when it holds anything.
    func emptiness() -> Emptiness? {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory) else { return .absent }
        guard isDirectory.boolValue, let entries = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { return nil }
        return entries.isEmpty ? .empty : nil
    }

    /// Puts back a folder that was absent or empty before a failed build wrote into it.
    func restore(_ before: Emptiness) {
        let fm = FileManager.default
        switch before {
        case .absent:
            try? fm.removeItem(at: folder)
        case .empty:
            for name in (try? fm.contentsOfDirectory(atPath: folder.path)) ?? [] {
                try? fm.removeItem(at: folder.appendingPathComponent(name))
            }
        }
    }

    /// Writes `files`, and keeps `kept` (path → checksum), files an incremental build knows are already in place;
    /// `written` (path → checksum) are files this build has already written, which the manifest lists and the
    /// counts include as written.
    ///
    /// Nothing of `Output/` changes until every file is staged (see `StagedCommit`); then all go into place
    /// together. With `fresh`, the folder held nothing and the build has been writing its tree into the staging
    /// folder (already prepared), which then moves into place folder by folder.
    /// With `trustingManifest` false, a file is unchanged only when its bytes on disk are the same (not when the
    /// manifest's checksum and the size agree), for an output folder that was altered since the last build.
    /// `previous` is the manifest on disk when the caller has just read it (it is then not read again).
    func write(_ files: [OutputFile], kept: [String: String] = [:], written: [String: String] = [:],
               fresh: Bool = false, trustingManifest: Bool = true, previous: [String: String]? = nil) throws -> Counts {
        var staging = StagedCommit(output: folder.path, jobs: jobs)
        var spares: SparePool?
        if !fresh {
            try OutputWriter.makeFolders(folder.path)
            try staging.prepare()
            spares = siteFolder.flatMap { SparePool(siteFolder: $0, output: folder.path) }
            staging.spares = spares?.folder
        }
        do {
            return try stageAndCommit(files, kept: kept, written: written, fresh: fresh, trusted: trustingManifest,
                                      previous: previous, staging: staging, spares: spares)
        } catch {
            staging.discard()
            throw error
        }
    }

    private func stageAndCommit(_ files: [OutputFile], kept: [String: String], written: [String: String], fresh: Bool,
                                trusted: Bool, previous known: [String: String]?, staging: StagedCommit,
                                spares: SparePool?) throws -> Counts {
        let fm = FileManager.default
        let previous = fresh ? [:] : known ?? readManifest()?.files ?? [:]
        let checksums = trusted ? previous : [:]
        let root = folder.path
        // Each file is independent: hash, compare and stage them on all cores.
        let outcomes: [(hash: String, outcome: FileOutcome)] = Array(files.enumerated()).concurrentMap(jobs: jobs) { i, file in
            let hash = OutputWriter.checksum(file.bytes)
            let path = root + "/" + file.path
            var info = stat()
            let exists = !fresh && stat(path, &info) == 0
            let size = exists ? Int(info.st_size) : nil
            if checksums[file.path] == hash, size == file.bytes.count {
                return (hash, .unchanged)
            }
            // Compared whole (memcmp), not a byte at a time through Data's iterator. A file the manifest gives another
            // checksum may still hold these bytes: under `dossier watch`, a saved page is written ahead of its rebuild.
            if size == file.bytes.count, let existing = fm.contents(atPath: path), existing == Data(file.bytes) {
                return (hash, .unchanged)
            }
            // What would make its move fail is found now, before anything of Output/ changes.
            if exists, info.st_mode & S_IFMT == S_IFDIR {
                return (hash, .failed("a folder stands where this file goes; remove it"))
            }
            if !fresh, let problem = OutputWriter.unwritableFolder(of: path) { return (hash, .failed(problem)) }
            let staged = fresh ? "tree/" + file.path : "f\(i)"
            if let spares, spares.stage(file.bytes.span, at: staging.folder + "/" + staged) { return (hash, .staged(staged)) }
            do {
                try OutputWriter.write(file.bytes, to: staging.folder + "/" + staged, atomically: false, preallocate: exists)
                return (hash, .staged(staged))
            } catch {
                return (hash, .failed("\(error)"))
            }
        }
        var counts = Counts()
        var manifest = Manifest(files: kept.merging(written) { _, new in new })
        counts.unchanged = kept.count
        counts.written = written.count
        var moves: [StagedCommit.Journal.Move] = []
        for (file, result) in zip(files, outcomes) {
            manifest.files[file.path] = result.hash
            switch result.outcome {
            case .unchanged: counts.unchanged += 1
            case .staged(let staged):
                counts.written += 1
                moves.append(.init(staged: staged, path: file.path, replaces: previous[file.path] != nil))
            case .failed(let reason): throw WriteError(path: file.path, reason: reason)
            }
        }
        if fresh { moves = try treeMoves(staging) }
        let removals = previous.keys.sorted().filter { manifest.files[$0] == nil }
        counts.removed = removals.count
        let data = try manifest.encoded()
        if fm.contents(atPath: root + "/" + OutputWriter.manifestName) != data {
            try OutputWriter.write(Array(data), to: staging.manifestPath, atomically: false)
        }
        if !fresh { moves = StagedCommit.ordered(moves) }
        try staging.commit(.init(moves: moves, removals: removals))
        counts.hashes = manifest.files
        counts.touched = fresh ? nil : moves.map(\.path) + removals
        counts.fresh = fresh
        return counts
    }

    /// A fresh build's moves: each top-level entry of the staged tree, the home page last.
    private func treeMoves(_ staging: StagedCommit) throws -> [StagedCommit.Journal.Move] {
        let names = try FileManager.default.contentsOfDirectory(atPath: staging.tree)
        return names.sorted { ($0 == "index.html" ? 1 : 0, $0) < ($1 == "index.html" ? 1 : 0, $1) }
            .map { .init(staged: "tree/" + $0, path: $0) }
    }

    /// What happened to one file.
    enum FileOutcome: Sendable {
        case unchanged
        /// Written into the staging folder, at this path below it.
        case staged(String)
        case failed(String)
    }

    /// A file that could not be written.
    struct WriteError: Error, CustomStringConvertible {
        var path: String
        var reason: String
        var description: String { "cannot write \(path): \(reason)" }
    }

    /// The size of the file at `path`, or nil when there is none.
    static func size(of path: String) -> Int? {
        var info = stat()
        return stat(path, &info) == 0 ? Int(info.st_size) : nil
    }

    /// Writes `bytes` to `path`, creating missing folders; atomically means through a temporary file beside it
    /// renamed into place, so readers (a dev server, a sync tool) never see half a file.
    /// With `temporaryFolder`, the temporary file goes there instead (on the same file system), where a killed
    /// process's leftover is cleaned up with the folder.
    /// With `preallocate`, the file's blocks are allocated before its bytes are written (see `preallocate(_:size:)`).
    static func write(_ bytes: [UInt8], to path: String, atomically: Bool = true, temporaryFolder: String? = nil,
                      preallocate: Bool = false) throws {
        try write(bytes.span, to: path, atomically: atomically, temporaryFolder: temporaryFolder, preallocate: preallocate)
    }

    /// Writes a file that did not exist, at `path` below `root`, in place (nobody can be reading half of it), and
    /// returns its checksum and stamp; or the diagnostic a build reports when it cannot.
    static func writeNew(_ bytes: Span<UInt8>, at path: String, in root: String) -> Swift.Result<Written, Diagnostic> {
        let full = root + "/" + path
        // A page (`…/index.html`) has a folder of its own, which a fresh tree does not have yet: made first, the
        // file is opened once instead of failing to open and opening again (12,000 failed opens at 5,000 briefs).
        // Any other failure to make it is left to `write`, which makes every missing level.
        if path.hasSuffix("/index.html") { _ = mkdir(folder(of: full), 0o755) }
        var info = stat()
        do {
            try write(bytes, to: full, atomically: false) { fd in _ = fstat(fd, &info) }
        } catch {
            return .failure(.error(SourceLocation(path: root), "cannot write output: \(error)", code: "write-failed"))
        }
        // The stamp of the open file, as a listing of the folder finds it (the commit's renames keep it). An open
        // descriptor's fstat does not fail; if it did, the zero stamp would only make the next build verify `Output/`.
        return .success(Written(checksum: checksum(bytes), stamp: FileStamp(info)))
    }

    /// Writes `bytes` to `path`, like `write(_:to:atomically:)`; `written` is given the open file's descriptor once
    /// all its bytes are in (the one place to ask the file system about the file just made).
    static func write(_ bytes: Span<UInt8>, to path: String, atomically: Bool = true,
                      temporaryFolder: String? = nil, preallocate: Bool = false,
                      written: (Int32) -> Void = { _ in }) throws {
        // The folder is worked out only when needed, as most new files go into a folder that exists.
        if atomically, temporaryFolder != nil { try makeFolders(folder(of: path)) }
        let temporary = atomically
            ? (temporaryFolder ?? folder(of: path)) + "/.dossier-tmp-" + String(UInt64.random(in: 0...UInt64.max), radix: 36) : path
        var fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        if fd < 0, errno == ENOENT {
            // Most pages sit in a folder of their own whose parent exists: one mkdir, else every missing level.
            let directory = folder(of: path)
            if mkdir(directory, 0o755) != 0, errno != EEXIST {
                try makeFolders(directory)
            }
            fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        }
        guard fd >= 0 else { throw WriteError(path: path, reason: String(cString: strerror(errno))) }
        if preallocate { OutputWriter.preallocate(fd, size: bytes.count) }
        let failure = FileDescriptor.write(bytes, to: fd)
        if failure == nil { written(fd) }
        close(fd)
        if let failure {
            unlink(temporary)
            throw WriteError(path: path, reason: String(cString: strerror(failure)))
        }
        guard !atomically || rename(temporary, path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw WriteError(path: path, reason: reason)
        }
    }

    /// The folder that holds the file at `path`: what comes before its last `/` (`/` for a file at the root, empty
    /// for a bare name), as `NSString.deletingLastPathComponent` gives for a file's path, which cost 36,000
    /// instructions a call, 2 % of a clean build's when every page's folder was new.
    static func folder(of path: String) -> String {
        guard let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")) else { return "" }
        return slash == path.utf8.startIndex ? "/" : String(path[..<slash])
    }

    /// Allocates the blocks of a new file of `size` bytes before they are written, for a staged file that will be
    /// renamed over an existing one. On ext4, renaming a file over another flushes the renamed file's delayed
    /// allocation first (`auto_da_alloc`, for editors that save without fsync): for a build replacing thousands of
    /// pages that was most of the cost of moving them into place. A file whose blocks are allocated has nothing to
    /// flush. Where the file system cannot allocate ahead, glibc's `posix_fallocate` writes a zero into each block
    /// first, which costs a write per block but changes no byte of the file: the page's bytes overwrite the zeros.
    static func preallocate(_ fd: Int32, size: Int) {
        #if os(Linux)
        if size > 0 { _ = posix_fallocate(fd, 0, off_t(size)) }
        #endif
    }

    /// Why the folder that holds `path` cannot take a new file (it exists and this process may not write in it),
    /// or nil. A missing folder is made when the file moves in.
    static func unwritableFolder(of path: String) -> String? {
        guard access(folder(of: path), W_OK) != 0, errno != ENOENT, errno != ENOTDIR else { return nil }
        return "its folder cannot be written (\(String(cString: strerror(errno))))"
    }

    /// Creates the folder at `path` and any missing parents, failing with the OS's reason in one line (Foundation's
    /// errors print as several lines of `NSCocoaErrorDomain` detail).
    static func makeFolders(_ path: String) throws {
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue { return }
        let parent = (path as NSString).deletingLastPathComponent
        if !parent.isEmpty, parent != path, parent != "/" { try makeFolders(parent) }
        if mkdir(path, 0o755) != 0, errno != EEXIST {
            throw WriteError(path: path, reason: String(cString: strerror(errno)))
        }
    }

    func readManifest() -> Manifest? {
        guard let data = FileManager.default.contents(atPath: folder.appendingPathComponent(OutputWriter.manifestName).path) else {
            return nil
        }
        return try? Manifest.decode(Array(data))
    }

    /// The checksum the manifest keeps for a file with these bytes: its XXH64 in hex. With the size, it tells a
    /// later build whether a file already holds what it would write.
    static func checksum(_ bytes: [UInt8]) -> String {
        checksum(bytes.span)
    }

    /// The manifest checksum of `bytes` (see `checksum(_:)`).
    static func checksum(_ bytes: Span<UInt8>) -> String {
        XXH64.hex(bytes)
    }

    /// The lowercase hex SHA-256 of `bytes`.
    static func sha256(_ bytes: [UInt8]) -> String {
        var hasher = SHA256()
        hasher.update(data: bytes)
        let hex = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(64)
        for b in hasher.finalize() {
            out.append(hex[Int(b >> 4)])
            out.append(hex[Int(b & 0xF)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
