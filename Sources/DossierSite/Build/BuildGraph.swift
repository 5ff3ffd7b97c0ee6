import DossierContent
import DossierModel
import DossierSupport
import Foundation

/// What `dossier build` remembers in the site's `.dossier/` folder between runs, as one persisted build graph:
/// the stamps of the inputs (size and modification time of every file), the digest of each template, and every
/// file the build wrote with its checksum and the keys (`BuildKey`) it was made from. When no input changed and
/// `Output/` is as that build left it, the build has nothing to do; when only templates changed, it renders only
/// the pages whose keys name one of them and keeps every other file at the checksum the graph gives. The build
/// never reads its record from `Output/` (the manifest there is written for `dossier publish`).
///
/// An optimisation only: a missing, corrupt or version-mismatched graph means a full build, never a wrong one.
struct BuildGraph: Equatable {
    static let version = 2
    /// The first word of the file, followed by the version and the checksum of everything after the first line.
    static let magic = "dossier-build-graph"

    /// The small part of the graph, one JSON line: what the build was made with and the stamps of its inputs.
    struct Header: Codable, Equatable {
        var tool: String
        var baseURL: String?
        var output: String
        /// Whether the build showed unpublished changes (`--drafts`).
        var drafts: Bool
        /// A digest of every input's path, size and modification time (`BuildGraph.digest`).
        var inputs: String
        /// The same over `Content/` and `Editions/` alone.
        var content: String
        /// SHA-256 of each template's source, by template name.
        var templateDigests: [String: String]
        /// When the inputs were stamped (nanoseconds since the epoch); inputs modified near then are not trusted.
        var stampedAt: Int
        /// The size and modification time of the manifest the build left in the output folder.
        var manifest: String
        var fileCount: Int
        var pageCount: Int
        /// A digest of the path, size and modification time of every file in the output folder (the files
        /// `SiteLayout` ignores left out), as the build left them: a page deleted, truncated or edited there since
        /// means the build must write again.
        var outputs: String
    }

    /// One file the build wrote: the checksum of its bytes (as the manifest keeps it) and what it was made from.
    struct Node: Equatable, Sendable {
        var checksum: String
        var keys: [BuildKey]
    }

    var header: Header
    /// Every file of the output, by path below the output folder.
    var files: [String: Node]

    /// The keys among `keys` whose input differs now: templates whose source changed (or came or went), and the
    /// content when its stamp changed.
    static func changed(templates now: [String: String], since header: Header, contentChanged: Bool) -> Set<BuildKey> {
        var changed = Set(Set(now.keys).union(header.templateDigests.keys)
            .filter { now[$0].map { OutputWriter.sha256(Array($0.utf8)) } != header.templateDigests[$0] }
            .map(BuildKey.template))
        if contentChanged { changed.insert(.content) }
        return changed
    }

    /// Whether the file at `path` must be made again, given the keys that `changed` and the keys it reads `now`
    /// (the recorded keys count too: a template the file no longer uses may still be what made it): a file the
    /// graph does not hold always is.
    func stale(_ path: String, reading now: Set<BuildKey>, changed: Set<BuildKey>) -> Bool {
        guard let node = files[path] else { return true }
        return !now.isDisjoint(with: changed) || node.keys.contains(where: changed.contains)
    }
}

extension BuildGraph {
    /// Where the graph lives: `.dossier/build-graph` in the site folder.
    static func url(_ siteFolder: URL) -> URL { siteFolder.appendingPathComponent(".dossier/build-graph") }

    /// The graph as its file holds it: a line `dossier-build-graph VERSION CHECKSUM`, the header as JSON, then one
    /// line per file, `path TAB checksum TAB key TAB key …`; nil when a path or key holds a tab or a newline, or a
    /// key is one the file cannot hold (one without a `BuildKey.text`).
    func encoded() -> [UInt8]? {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        guard let head = try? encoder.encode(header) else { return nil }
        var body = Array(head)
        body.reserveCapacity(files.count * 120)
        body.append(0x0A)
        // Fields are appended as bytes and checked where they landed: joining and checking them as strings was a
        // tenth of a second at 5,000 briefs, after every other stage, on one core.
        func append(_ field: String, then separator: UInt8) -> Bool {
            let start = body.count
            body += field.utf8
            guard !body[start...].contains(where: { $0 == 0x09 || $0 == 0x0A }) else { return false }
            body.append(separator)
            return true
        }
        for (path, node) in files.sorted(by: { $0.key < $1.key }) {
            guard append(path, then: 0x09), append(node.checksum, then: node.keys.isEmpty ? 0x0A : 0x09) else { return nil }
            for (n, key) in node.keys.enumerated() {
                guard let text = key.text, append(text, then: n == node.keys.count - 1 ? 0x0A : 0x09) else { return nil }
            }
        }
        let checksum = XXH64.hex(body.span)
        return Array("\(BuildGraph.magic) \(BuildGraph.version) \(checksum)\n".utf8) + body
    }

    /// A graph file whose first line and checksum were checked and whose header was read; its file lines are read
    /// only when needed (`files(in:)`): a build with nothing changed needs the header alone.
    struct Opened {
        var header: Header
        var lines: ArraySlice<UInt8>
    }

    /// Reads a graph from its file's bytes; nil when they are not a whole graph of this version.
    static func decode(_ bytes: [UInt8]) -> BuildGraph? {
        guard let opened = open(bytes), let files = files(in: opened.lines) else { return nil }
        return BuildGraph(header: opened.header, files: files)
    }

    /// Checks a graph file's first line and checksum and reads its header; nil when the bytes are not a whole graph
    /// of this version.
    static func open(_ bytes: [UInt8]) -> Opened? {
        guard let firstEnd = bytes.firstIndex(of: 0x0A) else { return nil }
        let first = String(decoding: bytes[..<firstEnd], as: UTF8.self).split(separator: " ")
        let body = bytes[(firstEnd + 1)...]
        guard first.count == 3, first[0] == magic, first[1] == "\(version)",
              first[2] == XXH64.hex(body.span),
              let headEnd = body.firstIndex(of: 0x0A),
              let header = try? JSONDecoder().decode(Header.self, from: Data(body[..<headEnd])) else { return nil }
        return Opened(header: header, lines: body[(headEnd + 1)...])
    }

    /// The files of a graph file's file lines (see `encoded()`); nil when a line is not one.
    static func files(in lines: ArraySlice<UInt8>) -> [String: Node]? {
        var files: [String: Node] = [:]
        // Pages drawn with the same templates share one list of keys: each distinct list is parsed once.
        var keyLists: [Substring: [BuildKey]] = [:]
        for line in lines.split(separator: 0x0A) {
            let text = String(decoding: line, as: UTF8.self)
            let parts = text.split(separator: "\t", maxSplits: 2, omittingEmptySubsequences: false)
            guard parts.count >= 2 else { return nil }
            let tail = parts.count == 3 ? parts[2] : ""
            if keyLists[tail] == nil {
                let keys = tail.split(separator: "\t").map(BuildKey.init(text:))
                guard !keys.contains(where: { $0 == nil }) else { return nil }
                keyLists[tail] = keys.map { $0! }
            }
            files[String(parts[0])] = Node(checksum: String(parts[1]), keys: keyLists[tail]!)
        }
        return files
    }

    /// The graph in `siteFolder`'s `.dossier/`, or nil when there is none or it is damaged or of another version.
    static func read(_ siteFolder: URL) -> BuildGraph? {
        FileManager.default.contents(atPath: url(siteFolder).path).flatMap { decode(Array($0)) }
    }

    /// The graph file in `siteFolder`'s `.dossier/`, opened (see `open`), or nil when there is none or it is damaged or
    /// of another version.
    static func opened(_ siteFolder: URL) -> Opened? {
        FileManager.default.contents(atPath: url(siteFolder).path).flatMap { open(Array($0)) }
    }

    /// Writes the graph into `siteFolder`'s `.dossier/` (atomically: a reader sees the old graph or the new one).
    func write(_ siteFolder: URL) {
        let target = BuildGraph.url(siteFolder)
        guard let bytes = encoded() else {
            try? FileManager.default.removeItem(at: target)
            return
        }
        try? FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        try? OutputWriter.write(bytes, to: target.path)
        BuildGraph.sweepTemporaries(in: target.deletingLastPathComponent().path)
        // The separate build stamp an older Dossier kept there is replaced by the graph.
        unlink(target.deletingLastPathComponent().path + "/build-stamp.json")
    }

    /// The size and modification time of the output folder's manifest (`Header.manifest`), or nil when there is none.
    static func manifestStamp(_ output: URL) -> String? {
        FileStamp(path: output.appendingPathComponent(OutputWriter.manifestName).path).map { "\($0.size) \($0.modified)" }
    }

    /// A digest of every input and the newest modification time among them, and the same for the content alone.
    typealias Inputs = (digest: String, newest: Int, content: String, contentNewest: Int)

    /// The inputs now: a digest of every file under `Content/`, `Editions/` and `Templates/` (the files `SiteLayout` ignores left out)
    /// and the newest modification time among them, and the same for `Content/` and `Editions/` alone.
    static func inputs(of siteFolder: URL, jobs: Jobs) -> Inputs {
        var digests: [String] = []
        var newest: [Int] = []
        for folder in SiteLayout.inputFolders {
            let listing = FolderListing(of: siteFolder.appendingPathComponent(folder).path, prefix: folder, jobs: jobs)
            digests.append(digest(listing.entries))
            newest.append(listing.newest)
        }
        return (OutputWriter.sha256(Array(digests.joined(separator: "\n").utf8)), newest.max()!,
                OutputWriter.sha256(Array(digests[0...1].joined(separator: "\n").utf8)), newest[0...1].max()!)
    }

    /// The digest of what the output folder holds now (see `outputs`).
    static func outputs(of output: URL, jobs: Jobs) -> String {
        digest(outputListing(output, jobs: jobs))
    }

    /// Each file the output folder holds now (the files `SiteLayout` ignores left out), as the line `outputs` hashes:
    /// its path below the folder with a leading slash, its size and its modification time, NUL-separated.
    static func outputListing(_ output: URL, jobs: Jobs) -> [String] {
        FolderListing(of: output.path, prefix: "", jobs: jobs).entries
    }

    /// `listing` after a build moved or removed the files at `touched` (paths below `output`): only those are looked
    /// at again, which spares a build that replaced a few thousand of tens of thousands of files a second full scan.
    static func relisted(_ listing: [String], output: URL, touched: [String]) -> [String] {
        var byPath = Dictionary(listing.map { (String($0.prefix { $0 != "\u{0}" }.dropFirst()), $0) }) { first, _ in first }
        for path in touched {
            byPath[path] = nil
            guard !hasIgnoredPart(path), let stamp = listedStamp(output.path + "/" + path) else { continue }
            byPath[path] = FolderListing.entry("", path, stamp)
        }
        return Array(byPath.values)
    }

    /// The digest `outputs(of: output)` gives of a folder that holds exactly the files at `paths` (below `output`),
    /// each stamped as `stamps` says or, when it is not there, as `lstat` finds it: what a build into an empty folder
    /// records without listing the folder. Each line is hashed as it is made; no listing is held.
    static func digest(of paths: [String], stamps: [String: FileStamp], output: URL) -> String {
        var sum: UInt64 = 0, count = 0
        for path in paths where !hasIgnoredPart(path) {
            guard let stamp = stamps[path] ?? listedStamp(output.path + "/" + path) else { continue }
            sum &+= XXH64.hash(FolderListing.entryBytes("", path, stamp).span.bytes)
            count += 1
        }
        return "\(count)-" + String(sum, radix: 16)
    }

    /// The stamp a listing gives the file at `path`: of the link itself, as `lstat` gives it; nil for a folder or a
    /// path where nothing is.
    static func listedStamp(_ path: String) -> FileStamp? {
        var info = stat()
        guard lstat(path, &info) == 0, (info.st_mode & S_IFMT) != S_IFDIR else { return nil }
        return FileStamp(info)
    }

    /// Whether a part of `path` (between its `/`s) is a name `SiteLayout` ignores, which no listing shows.
    static func hasIgnoredPart(_ path: String) -> Bool {
        var rest = path[...]
        while let slash = rest.utf8.firstIndex(of: UInt8(ascii: "/")) {
            if SiteLayout.isIgnored(name: rest[..<slash]) { return true }
            rest = rest[rest.utf8.index(after: slash)...]
        }
        return SiteLayout.isIgnored(name: rest)
    }

    /// The digest of a folder listed as `listing` (`FolderListing.entries`), whatever the order of its lines: their
    /// number and the sum of their XXH64s. Like the checksums in the manifest it needs to catch accidental change
    /// only; summing spares sorting and joining tens of thousands of lines, most of a no-change build's own work.
    static func digest(_ listing: [String]) -> String {
        var sum: UInt64 = 0
        for line in listing { sum &+= XXH64.hash(line.utf8.span.bytes) }
        return "\(listing.count)-" + String(sum, radix: 16)
    }

    /// Removes temporary files a killed process left in `.dossier/` (`.dossier-tmp-*`, an interrupted atomic
    /// write). Only those over an hour old go: a build running beside this one may be writing a newer one.
    static func sweepTemporaries(in folder: String, now: Date = Date()) {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        for name in names where name.hasPrefix(".dossier-tmp-") {
            let path = folder + "/" + name
            guard let modified = (try? FileManager.default.attributesOfItem(atPath: path))?[.modificationDate] as? Date,
                  now.timeIntervalSince(modified) > 3_600 else { continue }
            try? FileManager.default.removeItem(atPath: path)
        }
    }

}
