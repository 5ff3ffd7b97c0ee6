import Crypto
import DossierModel
import DossierSupport
import Foundation

/// One file of the built site that is to be published.
public struct LocalFile: Sendable, Equatable {
    /// Its path below `Output/`, with `/` separators (`briefs/where-it-stands/index.html`).
    public var path: String
    /// Its size in bytes.
    public var size: Int
    /// The lowercase hex SHA-256 of its bytes.
    public var sha256: String

    /// Makes a local file record.
    public init(path: String, size: Int, sha256: String) {
        self.path = path
        self.size = size
        self.sha256 = sha256
    }
}

/// The files of a built `Output/` folder that get published: every regular file, except dot files and anything in dot folders.
public struct LocalSite: Sendable {
    /// The folder that was scanned.
    public let folder: URL
    /// Its publishable files, sorted by path.
    public let files: [LocalFile]

    /// Scans `folder` and hashes every publishable file in it, on `jobs` threads.
    public static func scan(_ folder: URL, jobs: Jobs) throws(PublishError) -> LocalSite {
        let root = folder.standardizedFileURL
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw .outputMissing(path: root.path)
        }
        let paths = relativeFilePaths(in: root)
        try checkComplete(root, paths: paths)
        let hashed: [Result<LocalFile, PublishError>] = paths.concurrentMap(jobs: jobs) { path in
            let url = root.appendingPathComponent(path)
            guard let data = FileManager.default.contents(atPath: url.path) else {
                return .failure(.fileSystem(path: url.path, message: "cannot read the file"))
            }
            return .success(LocalFile(path: path, size: data.count, sha256: sha256Hex(data)))
        }
        var files: [LocalFile] = []
        files.reserveCapacity(hashed.count)
        for result in hashed {
            switch result {
            case .success(let file): files.append(file)
            case .failure(let error): throw error
            }
        }
        return LocalSite(folder: root, files: files)
    }

    /// Refuses an output folder that is not what a finished build left: one whose last build was interrupted while
    /// moving its files into place, or one missing files the build's manifest lists. Publishing it would delete
    /// those pages from the live site.
    static func checkComplete(_ root: URL, paths: [String]) throws(PublishError) {
        if FileManager.default.fileExists(atPath: root.appendingPathComponent(".dossier-staging/journal.json").path) {
            throw .outputIncomplete(path: root.path, reason: "its last build was interrupted while putting its files in place")
        }
        guard let data = FileManager.default.contents(atPath: root.appendingPathComponent(".dossier-manifest.json").path),
              let manifest = try? JSONDecoder().decode(BuiltManifest.self, from: data) else { return }
        let present = Set(paths)
        let missing = manifest.files.keys.filter { !$0.hasPrefix(".") && !$0.contains("/.") && !present.contains($0) }.sorted()
        guard let first = missing.first else { return }
        throw .outputIncomplete(path: root.path, reason: "\(missing.count) file\(missing.count == 1 ? "" : "s") the build wrote "
            + "\(missing.count == 1 ? "is" : "are") missing (\(first)\(missing.count > 1 ? ", …" : ""))")
    }

    /// The part of `Output/.dossier-manifest.json` publishing reads: the paths the build wrote.
    private struct BuiltManifest: Decodable {
        var files: [String: String]
    }

    /// The paths (relative, `/`-separated, sorted) of the regular files below `root`, leaving out dot files and dot folders
    /// (with `includeDotFiles`, dot files too, and dot folders unless `descendDotFolders` is false).
    static func relativeFilePaths(in root: URL, includeDotFiles: Bool = false, descendDotFolders: Bool = true) -> [String] {
        var result: [String] = []
        var pending: [String] = [""]
        while let relative = pending.popLast() {
            let dir = relative.isEmpty ? root.path : root.path + "/" + relative
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: dir) else { continue }
            for name in names {
                if !includeDotFiles && name.hasPrefix(".") { continue }
                let child = relative.isEmpty ? name : relative + "/" + name
                guard let info = FileInfo(root.path + "/" + child) else { continue }
                if info.isDirectory {
                    // Never descend through a link to a folder: no loops, and nothing outside the tree is touched.
                    if !info.isLink, descendDotFolders || !name.hasPrefix(".") { pending.append(child) }
                } else if info.isRegular {
                    result.append(child)
                }
            }
        }
        return result.sorted()
    }

    /// The URL of a file of this site.
    public func url(of path: String) -> URL { folder.appendingPathComponent(path) }
}

/// The lowercase hex SHA-256 of `data`.
func sha256Hex(_ data: Data) -> String { hex(SHA256.hash(data: data)) }

/// The lowercase hex SHA-256 of `bytes`.
func sha256Hex(_ bytes: [UInt8]) -> String { hex(SHA256.hash(data: bytes)) }

/// The hex MD5 of `data`, which S3 reports as the ETag of a single-part upload.
func md5Hex(_ data: Data) -> String { hex(Insecure.MD5.hash(data: data)) }

/// The base64 MD5 of `data`, for `Content-MD5`.
func md5Base64(_ data: Data) -> String { Data(Insecure.MD5.hash(data: data)).base64EncodedString() }
