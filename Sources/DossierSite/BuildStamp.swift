import DossierModel
import Foundation

/// What `dossier build` remembers in the site's `.dossier/` folder between runs: the size and modification
/// time of every input file and the manifest it wrote. When none of that changed, the build has nothing to do.
///
/// An optimisation only: a missing, corrupt or version-mismatched stamp means a full build, never a wrong one.
struct BuildStamp: Codable, Equatable {
    static let version = 1

    var version = BuildStamp.version
    var tool: String
    var baseURL: String?
    var output: String
    /// Input path (relative to the site folder) → "size:mtime-nanoseconds".
    var inputs: [String: String]
    /// When the inputs were stamped (nanoseconds since the epoch); stamps this recent are not trusted.
    var stampedAt: Int
    /// The SHA-256 of the manifest the build wrote.
    var manifest: String

    /// The stamps of every input now: `Content/` and `Templates/`, dot files left out.
    static func inputs(of siteFolder: URL) -> [String: String] {
        var stamps: [String: String] = [:]
        for folder in ["Content", "Templates"] {
            let root = siteFolder.appendingPathComponent(folder).path
            guard let e = FileManager.default.enumerator(atPath: root) else { continue }
            while let relative = e.nextObject() as? String {
                if relative.split(separator: "/").contains(where: { $0.hasPrefix(".") }) {
                    e.skipDescendants()
                    continue
                }
                var info = stat()
                guard stat(root + "/" + relative, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { continue }
                #if canImport(Darwin)
                let modified = Int(info.st_mtimespec.tv_sec) * 1_000_000_000 + Int(info.st_mtimespec.tv_nsec)
                #else
                let modified = Int(info.st_mtim.tv_sec) * 1_000_000_000 + Int(info.st_mtim.tv_nsec)
                #endif
                stamps[folder + "/" + relative] = "\(info.st_size):\(modified)"
            }
        }
        return stamps
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
           stamp.output == options.output.path, stamp.inputs == inputs, manifest == stamp.manifest,
           let newest = inputs.values.compactMap({ Int($0.split(separator: ":").last ?? "") }).max(),
           newest < stamp.stampedAt - 2_000_000_000,
           let files = OutputWriter(folder: options.output).readManifest()?.files {
            return Result(diagnostics: [], fileCount: files.count, pageCount: files.keys.filter { $0.hasSuffix(".html") }.count,
                          written: 0, unchanged: files.count, removed: 0, duration: clock.lap(), timings: [("stamp", 0)])
        }
        let stampedAt = FileStamp.nowNanoseconds()
        var result = build()
        if result.succeeded, let written = BuildStamp.manifestHash(options.output) {
            BuildStamp(tool: tool, baseURL: options.baseURL, output: options.output.path, inputs: inputs, stampedAt: stampedAt,
                       manifest: written).write(options.siteFolder)
        }
        result.duration = clock.lap()
        return result
    }
}

enum FileStamp {
    /// The current time in nanoseconds since the epoch, comparable with file modification times.
    static func nowNanoseconds() -> Int {
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        return Int(ts.tv_sec) * 1_000_000_000 + Int(ts.tv_nsec)
    }
}
