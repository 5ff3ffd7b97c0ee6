import DossierSupport
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Publishes a built site into a folder on this machine, making it equal to `Output/`: each changed file is written to a
/// temporary file beside it and renamed over the old one (atomic), unchanged files are not touched, stale files are removed.
/// Dot files and dot folders in the destination (`.git`, say) are never published, compared or removed.
public struct FolderPublisher: Sendable {
    /// The destination folder.
    public let destination: URL
    /// The options of this publish.
    public let options: PublishOptions

    /// Makes a publisher into `destination`.
    public init(destination: URL, options: PublishOptions) {
        self.destination = destination.standardizedFileURL
        self.options = options
    }

    /// Publishes the files of `output` and returns what was done; with `dryRun`, only what would be done.
    public func publish(_ output: URL) throws(PublishError) -> PublishReport {
        let start = DispatchTime.now()
        let site = try LocalSite.scan(output, jobs: options.jobs)
        let source = site.folder.resolvingSymlinksInPath().path
        let target = destination.resolvingSymlinksInPath().path
        if source == target || target.hasPrefix(source + "/") || source.hasPrefix(target + "/") {
            throw .destinationOverlapsOutput(destination: destination.path, output: site.folder.path)
        }
        let fm = FileManager.default
        var existing: [String: PublishPlan.Existing] = [:]
        let sizes = Dictionary(uniqueKeysWithValues: site.files.map { ($0.path, $0.size) })
        for path in LocalSite.relativeFilePaths(in: destination) {
            let url = destination.appendingPathComponent(path)
            // Only a file of the same size can be equal: hash only those.
            var fingerprint: String?
            if let size = sizes[path], FileInfo(url.path)?.size == size,
               let data = fm.contents(atPath: url.path) {
                fingerprint = sha256Hex(data)
            }
            existing[path] = .init(fingerprint: fingerprint)
        }
        let plan = PublishPlan.make(wanted: site.files.map { .init(path: $0.path, size: $0.size, fingerprint: $0.sha256) },
                                    existing: existing, force: options.force)
        var report = PublishReport(target: destination.path, plan: plan, dryRun: options.dryRun, uploaded: 0, deleted: 0, bytesSent: 0, duration: 0)
        if plan.deletions.count > options.maxDeletes { throw .tooManyDeletions(count: plan.deletions.count, limit: options.maxDeletes) }
        try refuseLinkedFolders(on: plan.uploads.map(\.path))
        if !options.dryRun {
            try fm.createDirectoryOrThrow(destination)
            removeLeftoverTemporaries()
            for upload in plan.uploads {
                try copy(upload.path, from: site)
                report.uploaded += 1
                report.bytesSent += upload.size
            }
            for deletion in plan.deletions {
                let url = destination.appendingPathComponent(deletion.path)
                var isFolder: ObjCBool = false
                let exists = fm.fileExists(atPath: url.path, isDirectory: &isFolder)
                // A folder here now holds new files (it replaced the stale file): leave it.
                if (exists && !isFolder.boolValue) || (try? fm.destinationOfSymbolicLink(atPath: url.path)) != nil {
                    do { try fm.removeItem(at: url) } catch {
                        throw .fileSystem(path: url.path, message: "cannot remove: \(error.localizedDescription)")
                    }
                }
                report.deleted += 1
                removeEmptyParents(of: url)
            }
        }
        report.duration = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
        return report
    }

    /// Refuses, before anything is written, a publish that would write through a folder of the destination that is
    /// a symbolic link: whatever it points at would be written, outside the destination the user named.
    private func refuseLinkedFolders(on paths: [String]) throws(PublishError) {
        var checked: Set<String> = []
        for path in paths {
            var folder = ""
            for part in path.split(separator: "/").dropLast() {
                folder += folder.isEmpty ? String(part) : "/" + part
                guard checked.insert(folder).inserted else { continue }
                let url = destination.appendingPathComponent(folder)
                if let info = FileInfo(url.path), info.isLink {
                    let target = (try? FileManager.default.destinationOfSymbolicLink(atPath: url.path)) ?? "?"
                    throw .linkInDestination(path: url.path, target: target)
                }
            }
        }
    }

    /// Removes the temporary files (`.dossier-publish-*.tmp`) that an interrupted publish left in the destination.
    private func removeLeftoverTemporaries() {
        for path in LocalSite.relativeFilePaths(in: destination, includeDotFiles: true, descendDotFolders: false)
        where path.split(separator: "/").last.map({ $0.hasPrefix(".dossier-publish-") && $0.hasSuffix(".tmp") }) == true {
            unlink(destination.appendingPathComponent(path).path)
        }
    }

    /// Copies one file: write a temporary file in the same folder, then rename it over the destination.
    private func copy(_ path: String, from site: LocalSite) throws(PublishError) {
        let fm = FileManager.default
        let target = destination.appendingPathComponent(path)
        let parent = target.deletingLastPathComponent()
        try makeFolder(parent)
        var isDir: ObjCBool = false
        if fm.fileExists(atPath: target.path, isDirectory: &isDir), isDir.boolValue {
            // A folder stands where the site now has a file: everything in it is stale.
            do { try fm.removeItem(at: target) } catch {
                throw .fileSystem(path: target.path, message: "cannot replace folder with file: \(error.localizedDescription)")
            }
        }
        guard let data = fm.contents(atPath: site.url(of: path).path) else {
            throw .fileSystem(path: site.url(of: path).path, message: "cannot read the file")
        }
        let temporary = parent.appendingPathComponent(".dossier-publish-\(UUID().uuidString).tmp")
        try FolderPublisher.writeNew(temporary.path, data)
        if rename(temporary.path, target.path) != 0 {
            let message = String(cString: strerror(errno))
            try? fm.removeItem(at: temporary)
            throw .fileSystem(path: target.path, message: "cannot replace: \(message)")
        }
    }

    /// Writes `data` to a new file at `path` (mode 0644) with plain POSIX calls: Foundation's writer syncs every file to
    /// disk, which makes publishing thousands of files many times slower; the rename that follows is what makes it atomic.
    static func writeNew(_ path: String, _ data: Data) throws(PublishError) {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw .fileSystem(path: path, message: "cannot write: \(String(cString: strerror(errno)))") }
        var failure = FileDescriptor.write(data.span, to: fd) ?? 0
        if close(fd) != 0 && failure == 0 { failure = errno }
        if failure != 0 {
            unlink(path)
            throw .fileSystem(path: path, message: "cannot write: \(String(cString: strerror(failure)))")
        }
    }

    /// Creates `folder` and its parents; a file standing where a folder is needed is stale and removed.
    private func makeFolder(_ folder: URL) throws(PublishError) {
        let fm = FileManager.default
        var isDir: ObjCBool = false
        if fm.fileExists(atPath: folder.path, isDirectory: &isDir) {
            if isDir.boolValue { return }
            do { try fm.removeItem(at: folder) } catch {
                throw .fileSystem(path: folder.path, message: "cannot replace file with folder: \(error.localizedDescription)")
            }
        } else if folder.path != destination.path, folder.path.hasPrefix(destination.path) {
            try makeFolder(folder.deletingLastPathComponent())
        }
        try fm.createDirectoryOrThrow(folder)
    }

    private func removeEmptyParents(of url: URL) {
        var dir = url.deletingLastPathComponent().standardizedFileURL
        while dir.path.hasPrefix(destination.path + "/") {
            guard let contents = try? FileManager.default.contentsOfDirectory(atPath: dir.path), contents.isEmpty else { return }
            try? FileManager.default.removeItem(at: dir)
            dir = dir.deletingLastPathComponent()
        }
    }
}

extension FileManager {
    /// Creates `folder` (and parents), reporting failure as a publish error.
    func createDirectoryOrThrow(_ folder: URL) throws(PublishError) {
        do {
            try createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw .fileSystem(path: folder.path, message: "cannot create folder: \(error.localizedDescription)")
        }
    }
}
