import Foundation

/// Publishes a built site to a bucket (and prefix) of an S3-compatible store, incrementally and in a safe order.
///
/// How it knows what the bucket holds, and why an interrupted publish converges when run again:
///
/// - The bucket listing (ListObjectsV2, every page) is the truth about which objects exist; deletions are planned from it.
/// - Every upload carries the file's SHA-256 in `x-amz-meta-sha256`. Listings do not show metadata, so a small manifest
///   object, `PREFIX/.dossier-publish.json`, maps each path to its SHA-256, the ETag and size it was stored with, and its
///   Content-Type and Cache-Control. It is written last, only after every upload and deletion succeeded.
/// - The manifest is a cache, never trusted blindly: an entry vouches for an object only while the listing shows the
///   same ETag and size. Any object the manifest does not vouch for (no manifest, a stale one after an interrupted
///   run, an object changed by someone else) is checked with HEAD: its `x-amz-meta-sha256`, or, for objects uploaded by
///   other tools, an ETag equal to the file's MD5 together with the right Content-Type and Cache-Control.
/// - Each PUT replaces an object atomically and deletions are idempotent, so whatever point a run stopped at, the next
///   run sees the real state, uploads exactly what differs, deletes exactly what is extra, and rewrites the manifest.
public struct S3Publisher: Sendable {
    /// The name of the manifest object, under the prefix; a dot file, so never a site file.
    public static let manifestName = ".dossier-publish.json"

    /// The manifest: for each path below the prefix, what was stored there.
    struct Manifest: Codable, Equatable {
        struct Entry: Codable, Equatable {
            var sha256: String
            var etag: String
            var size: Int
            var contentType: String
            var cacheControl: String
        }
        var version = 1
        var files: [String: Entry]
    }

    /// The client for the bucket.
    public let client: S3Client
    /// The key prefix, without slashes at either end; empty for the whole bucket.
    public let prefix: String
    /// The options of this publish.
    public let options: PublishOptions

    /// Makes a publisher for `client`'s bucket under `prefix`.
    public init(client: S3Client, prefix: String, options: PublishOptions) {
        self.client = client
        var p = prefix
        while p.hasPrefix("/") { p.removeFirst() }
        while p.hasSuffix("/") { p.removeLast() }
        self.prefix = p
        self.options = options
    }

    /// The key prefix with its trailing slash (`site/`), or empty.
    var keyPrefix: String { prefix.isEmpty ? "" : prefix + "/" }
    var manifestKey: String { keyPrefix + S3Publisher.manifestName }
    var targetName: String { prefix.isEmpty ? "s3://\(client.configuration.bucket)" : "s3://\(client.configuration.bucket)/\(prefix)" }

    /// Publishes the files of `output` and returns what was done; with `dryRun`, only what would be done.
    public func publish(_ output: URL) async throws(PublishError) -> PublishReport {
        let start = DispatchTime.now()
        do {
            var report = try await run(output)
            report.duration = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
            report.requests = client.requestCount
            report.retries = client.retryCount
            return report
        } catch let error as PublishError {
            throw error
        } catch let error as S3Error {
            throw error == .cancelled ? .cancelled : .s3(error)
        } catch is CancellationError {
            throw .cancelled
        } catch {
            throw .s3(.invalidResponse(operation: "publish", message: String(describing: error)))
        }
    }

    private func run(_ output: URL) async throws -> PublishReport {
        let site = try LocalSite.scan(output, jobs: options.jobs)
        let local = Dictionary(uniqueKeysWithValues: site.files.map { ($0.path, $0) })
        let (listing, pages) = try await client.listObjects(prefix: keyPrefix)
        let manifest = try await readManifest(present: listing.contains { $0.key == manifestKey })
        let remote = try await remoteState(listing, manifest: manifest, site: site, local: local)
        let wanted = site.files.map {
            PublishPlan.Wanted(path: $0.path, size: $0.size, fingerprint: $0.sha256,
                               metadata: [ContentTypes.contentType(for: $0.path), ContentTypes.cacheControl(for: $0.path)])
        }
        let plan = PublishPlan.make(wanted: wanted, existing: remote.existing, force: options.force)
        var report = PublishReport(target: targetName, plan: plan, dryRun: options.dryRun, uploaded: 0, deleted: 0, bytesSent: 0, duration: 0)
        report.listPages = pages
        report.verified = remote.verified
        if plan.deletions.count > options.maxDeletes { throw PublishError.tooManyDeletions(count: plan.deletions.count, limit: options.maxDeletes) }
        if options.dryRun { return report }
        let stored = try await send(plan, from: site, report: &report)
        try await writeManifest(plan, stored: stored, local: local, listed: remote.listed, old: manifest)
        return report
    }

    /// What the bucket holds under the prefix, as the plan compares it: each object's fingerprint and metadata
    /// (from the manifest where it vouches for the object, else read from the object itself), the listed objects
    /// by path, and how many had to be read.
    private func remoteState(_ listing: [S3Object], manifest: Manifest?, site: LocalSite, local: [String: LocalFile]) async throws
        -> (existing: [String: PublishPlan.Existing], listed: [String: S3Object], verified: Int) {
        var existing: [String: PublishPlan.Existing] = [:]
        var listed: [String: S3Object] = [:]
        var toVerify: [(path: String, object: S3Object)] = []
        for object in listing where object.key != manifestKey && object.key.hasPrefix(keyPrefix) {
            let path = String(object.key.dropFirst(keyPrefix.count))
            listed[path] = object
            if let entry = manifest?.files[path], entry.etag == object.etag, entry.size == object.size {
                existing[path] = .init(fingerprint: entry.sha256, metadata: [entry.contentType, entry.cacheControl])
            } else if local[path] != nil && !options.force {
                toVerify.append((path, object))
            } else {
                existing[path] = .init(fingerprint: nil)
            }
        }
        // Objects the manifest cannot vouch for: read their metadata.
        let heads = try await TransferQueue.map(toVerify, limit: options.concurrency) { item in
            (item.path, try await client.headObject(key: keyPrefix + item.path))
        }
        for (path, head) in heads {
            guard let head else { listed[path] = nil; continue }
            let file = local[path]!
            var fingerprint = head.metadata["sha256"]
            if fingerprint == nil, head.etag.count == 32, let data = FileManager.default.contents(atPath: site.url(of: path).path),
               md5Hex(data) == head.etag.lowercased() {
                fingerprint = file.sha256
            }
            existing[path] = .init(fingerprint: fingerprint, metadata: [head.contentType ?? "", head.cacheControl ?? ""])
            listed[path]?.etag = head.etag
        }
        return (existing, listed, toVerify.count)
    }

    /// Uploads phase by phase (each phase completes before the next starts), then deletes; counts both in
    /// `report` and returns the manifest entries of the uploaded files.
    private func send(_ plan: PublishPlan, from site: LocalSite, report: inout PublishReport) async throws -> [String: Manifest.Entry] {
        var stored: [String: Manifest.Entry] = [:]
        for phase in plan.uploadPhases {
            let results = try await TransferQueue.map(phase, limit: options.concurrency) { upload in
                try await self.upload(upload.path, from: site)
            }
            for (path, entry) in results {
                stored[path] = entry
                report.uploaded += 1
                report.bytesSent += entry.size
            }
        }
        _ = try await TransferQueue.map(plan.deletions, limit: options.concurrency) { deletion in
            try await client.deleteObject(key: keyPrefix + deletion.path)
        }
        report.deleted = plan.deletions.count
        return stored
    }

    /// Writes the manifest, last of all, when it changed: the uploaded files and the unchanged ones still listed.
    private func writeManifest(_ plan: PublishPlan, stored: [String: Manifest.Entry], local: [String: LocalFile],
                               listed: [String: S3Object], old: Manifest?) async throws {
        var files: [String: Manifest.Entry] = stored
        for path in plan.unchanged {
            guard let file = local[path], let object = listed[path] else { continue }
            files[path] = Manifest.Entry(sha256: file.sha256, etag: object.etag, size: object.size,
                                         contentType: ContentTypes.contentType(for: path), cacheControl: ContentTypes.cacheControl(for: path))
        }
        let manifest = Manifest(files: files)
        guard manifest != old else { return }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        try await client.putObject(key: manifestKey, body: try encoder.encode(manifest), contentType: "application/json; charset=utf-8",
                                   cacheControl: "no-cache")
    }

    /// Uploads one file, hashing the bytes actually sent, and returns its manifest entry.
    private func upload(_ path: String, from site: LocalSite) async throws -> (String, Manifest.Entry) {
        guard let data = FileManager.default.contents(atPath: site.url(of: path).path) else {
            throw PublishError.fileSystem(path: site.url(of: path).path, message: "cannot read the file")
        }
        let contentType = ContentTypes.contentType(for: path)
        let cacheControl = ContentTypes.cacheControl(for: path)
        let etag = try await client.putObject(key: keyPrefix + path, body: data, contentType: contentType, cacheControl: cacheControl)
        return (path, Manifest.Entry(sha256: sha256Hex(data), etag: etag, size: data.count, contentType: contentType, cacheControl: cacheControl))
    }

    /// The manifest stored under the prefix, or nil when there is none or it cannot be read (then every object is checked).
    private func readManifest(present: Bool) async throws -> Manifest? {
        guard present, let bytes = try await client.getObject(key: manifestKey) else { return nil }
        return try? JSONDecoder().decode(Manifest.self, from: Data(bytes))
    }
}
