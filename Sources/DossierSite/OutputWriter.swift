import Crypto
import DossierModel
import Foundation

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

    static let manifestName = ".dossier-manifest.json"

    /// What writing did, for the build summary.
    struct Counts: Sendable, Equatable {
        var written = 0
        var unchanged = 0
        var removed = 0
    }

    /// The manifest: each path the build wrote with the SHA-256 of its bytes.
    struct Manifest: Codable, Equatable {
        var version = 1
        var files: [String: String]
    }

    func write(_ files: [OutputFile]) throws -> Counts {
        let fm = FileManager.default
        try fm.createDirectory(at: folder, withIntermediateDirectories: true)
        let previous = readManifest()
        let hashes = files.concurrentMap { OutputWriter.sha256($0.bytes) }
        var counts = Counts()
        var manifest = Manifest(files: [:])
        var createdFolders = Set<String>()
        for (file, hash) in zip(files, hashes) {
            manifest.files[file.path] = hash
            let url = folder.appendingPathComponent(file.path)
            if previous?.files[file.path] == hash,
               let size = (try? fm.attributesOfItem(atPath: url.path))?[.size] as? Int, size == file.bytes.count {
                counts.unchanged += 1
                continue
            }
            if let existing = fm.contents(atPath: url.path), existing.elementsEqual(file.bytes) {
                counts.unchanged += 1
                continue
            }
            let parent = url.deletingLastPathComponent().path
            if !createdFolders.contains(parent) {
                try fm.createDirectory(atPath: parent, withIntermediateDirectories: true)
                createdFolders.insert(parent)
            }
            try Data(file.bytes).write(to: url, options: .atomic)
            counts.written += 1
        }
        for path in (previous?.files.keys.sorted() ?? []) where manifest.files[path] == nil {
            let url = folder.appendingPathComponent(path)
            if (try? fm.removeItem(at: url)) != nil { counts.removed += 1 }
            removeEmptyParents(of: url)
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        let data = try encoder.encode(manifest)
        let manifestURL = folder.appendingPathComponent(OutputWriter.manifestName)
        if fm.contents(atPath: manifestURL.path) != data { try data.write(to: manifestURL, options: .atomic) }
        return counts
    }

    func readManifest() -> Manifest? {
        guard let data = FileManager.default.contents(atPath: folder.appendingPathComponent(OutputWriter.manifestName).path) else {
            return nil
        }
        return try? JSONDecoder().decode(Manifest.self, from: data)
    }

    private func removeEmptyParents(of url: URL) {
        var dir = url.deletingLastPathComponent().standardizedFileURL
        let root = folder.standardizedFileURL.path
        while dir.path.hasPrefix(root + "/") {
            guard let contents = try? FileManager.default.contentsOfDirectory(atPath: dir.path), contents.isEmpty else { return }
            try? FileManager.default.removeItem(at: dir)
            dir = dir.deletingLastPathComponent()
        }
    }

    /// The lowercase hex SHA-256 of `bytes`.
    static func sha256(_ bytes: [UInt8]) -> String {
        let hex: [Character] = Array("0123456789abcdef")
        var out = ""
        out.reserveCapacity(64)
        for b in SHA256.hash(data: bytes) {
            out.append(hex[Int(b >> 4)])
            out.append(hex[Int(b & 0xF)])
        }
        return out
    }
}
