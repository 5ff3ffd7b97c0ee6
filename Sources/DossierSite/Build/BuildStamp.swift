import DossierContent
import DossierModel
import DossierSupport
import Foundation

/// What `dossier build` remembers in the site's `.dossier/` folder between runs: the size and modification
/// time of every input file and the manifest it wrote. When none of that changed, the build has nothing to do;
/// when only templates changed, it renders only the pages drawn with them (see `SiteBuilder.SameContent`).
///
/// An optimisation only: a missing, corrupt or version-mismatched stamp means a full build, never a wrong one.
struct BuildStamp: Codable, Equatable {
    static let version = 5

    var version = BuildStamp.version
    var tool: String
    var baseURL: String?
    var output: String
    /// Whether the build showed unpublished changes (`--drafts`).
    var drafts: Bool
    /// SHA-256 over every input's path, size and modification time.
    var inputs: String
    /// The same over `Content/` and `Editions/` alone.
    var content: String
    /// What a build of the same content with other templates needs (see `SiteBuilder.SameContent`).
    var templateDigests: [String: String]
    var dependencies: [String: [String]]
    var searchShards: [String]
    /// When the inputs were stamped (nanoseconds since the epoch); inputs modified near then are not trusted.
    var stampedAt: Int
    /// The SHA-256 of the manifest the build wrote, and what the build counted.
    var manifest: String
    var fileCount: Int
    var pageCount: Int
    /// SHA-256 over the path, size and modification time of every file in the output folder (the files `SiteLayout` ignores left out),
    /// as the build left them: a page deleted, truncated or edited there since means the build must write again.
    var outputs: String = ""
    /// SHA-256 of this record written with an empty `checksum`: a record altered by hand (or half written) is not
    /// trusted, and the next build is a full one.
    var checksum: String = ""

    /// A digest of every input and the newest modification time among them, and the same for the content alone.
    typealias Inputs = (digest: String, newest: Int, content: String, contentNewest: Int)

    /// The inputs now: a digest of every file under `Content/`, `Editions/` and `Templates/` (the files `SiteLayout` ignores left out)
    /// and the newest modification time among them, and the same for `Content/` and `Editions/` alone.
    static func inputs(of siteFolder: URL) -> Inputs {
        var digests: [String] = []
        var newest: [Int] = []
        for folder in SiteLayout.inputFolders {
            var entries: [String] = []
            var latest = 0
            scan(siteFolder.appendingPathComponent(folder).path, prefix: folder, into: &entries, newest: &latest)
            entries.sort()
            digests.append(OutputWriter.sha256(Array(entries.joined(separator: "\n").utf8)))
            newest.append(latest)
        }
        return (OutputWriter.sha256(Array(digests.joined(separator: "\n").utf8)), newest.max()!,
                OutputWriter.sha256(Array(digests[0...1].joined(separator: "\n").utf8)), newest[0...1].max()!)
    }

    /// Lists a folder tree with readdir and lstat (much cheaper than FileManager's enumerator for large sites).
    private static func scan(_ path: String, prefix: String, into entries: inout [String], newest: inout Int) {
        guard let dir = opendir(path) else { return }
        defer { closedir(dir) }
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(cString: raw.baseAddress!.assumingMemoryBound(to: CChar.self))
            }
            if SiteLayout.isIgnored(name: name) { continue }
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
              let stamp = try? JSONDecoder().decode(BuildStamp.self, from: data), stamp.version == version,
              stamp.checksum == stamp.computedChecksum() else { return nil }
        return stamp
    }

    /// The checksum of this record's content (everything but `checksum`).
    func computedChecksum() -> String? {
        var unsealed = self
        unsealed.checksum = ""
        return unsealed.encoded().map { OutputWriter.sha256(Array($0)) }
    }

    private func encoded() -> Data? {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return try? encoder.encode(self)
    }

    /// The digest of what the output folder holds now (see `outputs`).
    static func outputs(of output: URL) -> String {
        digest(outputListing(output))
    }

    /// Each file the output folder holds now (the files `SiteLayout` ignores left out), as the line `outputs` hashes:
    /// its path below the folder with a leading slash, its size and its modification time, NUL-separated.
    static func outputListing(_ output: URL) -> [String] {
        var entries: [String] = []
        var newest = 0
        scan(output.path, prefix: "", into: &entries, newest: &newest)
        return entries
    }

    /// `listing` after a build moved or removed the files at `touched` (paths below `output`): only those are looked
    /// at again, which spares a build that replaced a few thousand of tens of thousands of files a second full scan.
    static func relisted(_ listing: [String], output: URL, touched: [String]) -> [String] {
        var byPath = Dictionary(listing.map { (String($0.prefix { $0 != "\u{0}" }.dropFirst()), $0) }) { first, _ in first }
        for path in touched {
            byPath[path] = nil
            guard !path.split(separator: "/").contains(where: { SiteLayout.isIgnored(name: $0) }) else { continue }
            var info = stat()
            guard lstat(output.path + "/" + path, &info) == 0, (info.st_mode & S_IFMT) != S_IFDIR else { continue }
            let stamp = FileStamp(info)
            byPath[path] = "/\(path)\u{0}\(stamp.size)\u{0}\(stamp.modified)"
        }
        return Array(byPath.values)
    }

    /// The digest `outputs` gives of a folder listed as `listing`.
    static func digest(_ listing: [String]) -> String {
        OutputWriter.sha256(Array(listing.sorted().joined(separator: "\n").utf8))
    }

    func write(_ siteFolder: URL) {
        var sealed = self
        sealed.checksum = computedChecksum() ?? ""
        guard let data = sealed.encoded() else { return }
        let target = BuildStamp.url(siteFolder)
        try? FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        try? OutputWriter.write(Array(data), to: target.path)
        BuildStamp.sweepTemporaries(in: target.deletingLastPathComponent().path)
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

    /// The SHA-256 of the output folder's manifest, or nil when there is none.
    static func manifestHash(_ output: URL) -> String? {
        manifestBytes(output).map(OutputWriter.sha256)
    }

    /// The bytes of the output folder's manifest, or nil when there is none.
    static func manifestBytes(_ output: URL) -> [UInt8]? {
        FileManager.default.contents(atPath: output.appendingPathComponent(OutputWriter.manifestName).path).map { Array($0) }
    }
}

extension SiteBuilder {
    /// Builds like `build()`, but first compares every input's size and modification time with what the last
    /// build recorded in `.dossier/`; when nothing changed and `Output/` is as that build left it, it writes
    /// nothing and reports every file unchanged. `clean` ignores the record. A build that cuts an edition neither
    /// trusts nor leaves a record: what it wrote is not what the same inputs build once the edition is recorded.
    public func build(usingStamp: Bool, tool version: String) -> Result {
        var clock = Stopwatch()
        let drafts: Bool
        switch options.editions {
        case .published: drafts = false
        case .drafts: drafts = true
        case .cut:
            try? FileManager.default.removeItem(at: BuildStamp.url(options.siteFolder))
            return build()
        }
        let tool = version + "+" + Theme.builtInDigest
        let (stamp, outputIntact, manifest, listing) = usingStamp ? trustedStamp(tool: tool, drafts: drafts) : (nil, true, nil, nil)
        var cache = LoadCache()
        // A file changed while the build runs is newer than `stampedAt`, so the next build does not trust it.
        let stampedAt = FileStamp.now()
        let inputs: BuildStamp.Inputs
        var made: ((Result, LastBuild?), Rendered)?
        if let stamp {
            inputs = BuildStamp.inputs(of: options.siteFolder)
            if stamp.inputs == inputs.digest, inputs.newest < stamp.stampedAt - 2_000_000_000 {
                return Result(diagnostics: [], fileCount: stamp.fileCount, pageCount: stamp.pageCount, written: 0,
                              unchanged: stamp.fileCount, removed: 0, duration: clock.lap(), timings: [("stamp", 0)])
            }
            made = build(cache: &cache, mode: mode(since: stamp, inputs: inputs, manifest: manifest), remember: false)
        } else if !outputIntact {
            // Output/ is verified, not trusted: a file changed or removed there since the last build means a full
            // build that compares every file's bytes instead of trusting the manifest's checksums.
            inputs = BuildStamp.inputs(of: options.siteFolder)
            made = build(cache: &cache, mode: .clean, remember: false, verifying: true)
        } else {
            // No stamp to compare with: the inputs are stamped for the next build on another core while this one runs.
            let siteFolder = options.siteFolder
            inputs = concurrently(jobs: options.jobs, { BuildStamp.inputs(of: siteFolder) }, while: {
                made = build(cache: &cache, mode: .clean, remember: false)
            })
        }
        // What was parsed is freed on another core while this one stamps the build.
        var parsed: LoadCache? = cache
        cache = LoadCache()
        release(elsewhere: &parsed, jobs: options.jobs)
        var ((result, _), rendered) = made!
        made = nil
        if result.succeeded {
            record(result, rendered, tool: tool, drafts: drafts, inputs: inputs, stampedAt: stampedAt,
                   listing: stamp == nil ? nil : listing)
        }
        result.duration = clock.lap()
        // The model and the values pages shared are freed on another core (the tool may exit meanwhile): `rendered`
        // gives up its references first, so that core frees them.
        var model: Rendered? = rendered
        rendered = Rendered(site: nil, pages: [], files: [], diagnostics: [])
        release(elsewhere: &model, jobs: options.jobs)
        return result
    }

    /// The record of the last build, when this tool made it with these options and `Output/` is as that build left
    /// it; `outputIntact` is false when a file there changed or went since (the next build then verifies every file).
    /// With the stamp come the manifest's bytes, read once for both the check and the build, and, when the stamp is
    /// trusted, the output folder's listing (see `BuildStamp.outputListing`).
    private func trustedStamp(tool: String, drafts: Bool)
        -> (stamp: BuildStamp?, outputIntact: Bool, manifest: [UInt8]?, listing: [String]?) {
        let bytes = BuildStamp.manifestBytes(options.output)
        let manifest = bytes.map(OutputWriter.sha256)
        guard let stamp = BuildStamp.read(options.siteFolder), stamp.tool == tool, stamp.baseURL == options.baseURL,
              stamp.output == options.output.path, stamp.drafts == drafts, manifest == stamp.manifest
        else { return (nil, true, bytes, nil) }
        let listing = BuildStamp.outputListing(options.output)
        guard BuildStamp.digest(listing) == stamp.outputs else { return (nil, false, bytes, nil) }
        return (stamp, true, bytes, listing)
    }

    /// How to build when the last build's record is trusted but an input changed: only the pages of changed templates
    /// when the content is as that build read it, else everything.
    /// `manifest` is the output folder's manifest as the stamp was checked against it.
    private func mode(since stamp: BuildStamp, inputs: BuildStamp.Inputs, manifest: [UInt8]?) -> BuildPlan.Mode {
        guard stamp.content == inputs.content, inputs.contentNewest < stamp.stampedAt - 2_000_000_000,
              let manifest, let hashes = try? OutputWriter.Manifest.decode(manifest).files else { return .clean }
        return .templatesOnly(SameContent(templateDigests: stamp.templateDigests, dependencies: stamp.dependencies,
                                          hashes: hashes, searchShards: stamp.searchShards))
    }

    /// Records a successful build in `.dossier/` for the next one to compare with. `listing` is the output folder's
    /// listing before the build, when it was taken; only the files the build moved or removed are then looked at.
    private func record(_ result: Result, _ rendered: Rendered, tool: String, drafts: Bool, inputs: BuildStamp.Inputs,
                        stampedAt: Int, listing: [String]?) {
        guard let written = BuildStamp.manifestHash(options.output), let library = rendered.library,
              let context = rendered.context else { return }
        let templates = rendered.templates
        BuildStamp(tool: tool, baseURL: options.baseURL, output: options.output.path, drafts: drafts, inputs: inputs.digest,
                   content: inputs.content,
                   templateDigests: templates.mapValues { OutputWriter.sha256(Array($0.utf8)) },
                   dependencies: Dictionary(uniqueKeysWithValues: templates.keys.map {
                       ($0, library.dependencies(of: $0).union([$0]).sorted())
                   }),
                   searchShards: context.searchShards,
                   stampedAt: stampedAt, manifest: written, fileCount: result.fileCount, pageCount: result.pageCount,
                   outputs: listing.flatMap { before in
                       result.touched.map { BuildStamp.digest(BuildStamp.relisted(before, output: options.output, touched: $0)) }
                   } ?? BuildStamp.outputs(of: options.output))
            .write(options.siteFolder)
    }
}
