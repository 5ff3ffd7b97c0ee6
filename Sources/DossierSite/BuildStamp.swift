import DossierContent
import DossierModel
import Foundation

/// What `dossier build` remembers in the site's `.dossier/` folder between runs: the size and modification
/// time of every input file and the manifest it wrote. When none of that changed, the build has nothing to do.
///
/// An optimisation only: a missing, corrupt or version-mismatched stamp means a full build, never a wrong one.
struct BuildStamp: Codable, Equatable {
    static let version = 2

    var version = BuildStamp.version
    var tool: String
    var baseURL: String?
    var output: String
    /// SHA-256 over every input's path, size and modification time.
    var inputs: String
    /// When the inputs were stamped (nanoseconds since the epoch); inputs modified near then are not trusted.
    var stampedAt: Int
    /// The SHA-256 of the manifest the build wrote, and what the build counted.
    var manifest: String
    var fileCount: Int
    var pageCount: Int

    /// The inputs now: a digest of every file under `Content/` and `Templates/` (dot files left out) and the
    /// newest modification time among them.
    static func inputs(of siteFolder: URL) -> (digest: String, newest: Int) {
        var entries: [String] = []
        var newest = 0
        for folder in ["Content", "Templates"] {
            scan(siteFolder.appendingPathComponent(folder).path, prefix: folder, into: &entries, newest: &newest)
        }
        entries.sort()
        return (OutputWriter.sha256(Array(entries.joined(separator: "\n").utf8)), newest)
    }

    /// Lists a folder tree with readdir and lstat (much cheaper than FileManager's enumerator for large sites).
    private static func scan(_ path: String, prefix: String, into entries: inout [String], newest: inout Int) {
        guard let dir = opendir(path) else { return }
        defer { closedir(dir) }
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(cString: raw.baseAddress!.assumingMemoryBound(to: CChar.self))
            }
            if name.hasPrefix(".") { continue }
            let full = path + "/" + name
            var info = stat()
            guard lstat(full, &info) == 0 else { continue }
            if (info.st_mode & S_IFMT) == S_IFDIR {
                scan(full, prefix: prefix + "/" + name, into: &entries, newest: &newest)
            } else {
                let stamp = FileStamp(info)
                newest = max(newest, stamp.modified)
                entries.append("\(prefix)/\(name)\u{0}\(stamp.size)\u{0}\(stamp.modified)")
            }
        }
    }

    static func url(_ siteFolder: URL) -> URL { siteFolder.appendingPathComponent(".dossier/build-stamp.json") }

    static func read(_ siteFolder: URL) -> BuildStamp? {
        guard let data = FileManager.default.contents(atPath: url(siteFolder).path),
              let stamp = try? JSONDecoder().decode(BuildStamp.self, from: data), stamp.version == version else { return nil }
        return stamp
    }

    func write(_ siteFolder: URL) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        guard let data = try? encoder.encode(self) else { return }
        let target = BuildStamp.url(siteFolder)
        try? FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        try? OutputWriter.write(Array(data), to: target.path)
    }

    /// The SHA-256 of the output folder's manifest, or nil when there is none.
    static func manifestHash(_ output: URL) -> String? {
        FileManager.default.contents(atPath: output.appendingPathComponent(OutputWriter.manifestName).path)
            .map { OutputWriter.sha256(Array($0)) }
    }
}

extension SiteBuilder {
    /// Builds like `build()`, but first compares every input's size and modification time with what the last
    /// build recorded in `.dossier/`; when nothing changed and `Output/` is as that build left it, it writes
    /// nothing and reports every file unchanged. `clean` ignores the record.
    public func build(usingStamp: Bool, tool version: String) -> Result {
        var clock = Stopwatch()
        let tool = version + "+" + Theme.builtInDigest
        let inputs = BuildStamp.inputs(of: options.siteFolder)
        let manifest = BuildStamp.manifestHash(options.output)
        if usingStamp, let stamp = BuildStamp.read(options.siteFolder), stamp.tool == tool, stamp.baseURL == options.baseURL,
           stamp.output == options.output.path, stamp.inputs == inputs.digest, manifest == stamp.manifest,
           inputs.newest < stamp.stampedAt - 2_000_000_000 {
            return Result(diagnostics: [], fileCount: stamp.fileCount, pageCount: stamp.pageCount, written: 0,
                          unchanged: stamp.fileCount, removed: 0, duration: clock.lap(), timings: [("stamp", 0)])
        }
        let stampedAt = FileStamp.now()
        var result = build()
        if result.succeeded, let written = BuildStamp.manifestHash(options.output) {
            BuildStamp(tool: tool, baseURL: options.baseURL, output: options.output.path, inputs: inputs.digest,
                       stampedAt: stampedAt, manifest: written, fileCount: result.fileCount, pageCount: result.pageCount)
                .write(options.siteFolder)
        }
        result.duration = clock.lap()
        return result
    }
}
