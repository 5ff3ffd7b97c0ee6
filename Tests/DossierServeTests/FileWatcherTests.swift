@testable import DossierServe
import Foundation
import Synchronization
import Testing

/// Gathers what a watcher reports, in the background, until stopped.
final class ChangeCollector: Sendable {
    private let seen = Mutex<[FileChange]>([])
    private let task = Mutex<Task<Void, Never>?>(nil)

    init(_ stream: AsyncStream<[FileChange]>) {
        let collector = Task { [weak self] in
            for await batch in stream { self?.append(batch) }
        }
        task.withLock { $0 = collector }
    }

    private func append(_ batch: [FileChange]) { seen.withLock { $0 += batch } }

    /// Everything reported so far.
    var changes: [FileChange] { seen.withLock { $0 } }

    /// Whether some change names `path` (of `kind`, when given) within `timeout` seconds.
    func sees(_ path: String, _ kind: FileChange.Kind? = nil, timeout: Double = 5) async -> Bool {
        await eventually(timeout: timeout) { self.changes.contains { $0.path == path && (kind == nil || $0.kind == kind) } }
    }

    /// Stops the watcher by ending the stream's consumer.
    func stop() { task.withLock { $0?.cancel() } }
}

@Suite(.serialized) struct FileWatcherTests {
    enum Kind: String, CaseIterable, Sendable { case inotify, polling }

    static func start(_ kind: Kind, _ folder: TempFolder) throws -> ChangeCollector {
        let watcher: any FileWatcher
        switch kind {
        case .inotify:
            #if os(Linux)
            watcher = InotifyWatcher(siteFolder: folder.url)
            #else
            watcher = PollingWatcher(siteFolder: folder.url, interval: .milliseconds(50))
            #endif
        case .polling: watcher = PollingWatcher(siteFolder: folder.url, interval: .milliseconds(50))
        }
        return ChangeCollector(try watcher.changes())
    }

    static func site() throws -> TempFolder {
        let folder = try TempFolder()
        try folder.write("Content/site.yml", "title: T\n")
        try folder.write("Content/briefs/existing.md", "old\n")
        try folder.write("Output/index.html", "<p>old</p>")
        return folder
    }

    @Test(arguments: Kind.allCases) func seesAFileWritten(_ kind: Kind) async throws {
        let folder = try Self.site()
        defer { folder.remove() }
        let collector = try Self.start(kind, folder)
        defer { collector.stop() }
        try folder.write("Content/briefs/existing.md", "new text\n")
        #expect(await collector.sees("Content/briefs/existing.md", .modified))
        try folder.write("Content/briefs/fresh.md", "fresh\n")
        #expect(await collector.sees("Content/briefs/fresh.md"))
        try FileManager.default.removeItem(atPath: folder.path("Content/briefs/fresh.md"))
        #expect(await collector.sees("Content/briefs/fresh.md", .removed))
    }

    @Test(arguments: Kind.allCases) func seesASaveByRename(_ kind: Kind) async throws {
        let folder = try Self.site()
        defer { folder.remove() }
        let collector = try Self.start(kind, folder)
        defer { collector.stop() }
        try folder.write("Content/briefs/x.tmp", "saved by rename\n")
        try FileManager.default.moveItem(atPath: folder.path("Content/briefs/x.tmp"), toPath: folder.path("Content/briefs/x.md"))
        #expect(await collector.sees("Content/briefs/x.md"))
        // and over an existing file, as most editors do
        try folder.write("Content/briefs/existing.md.tmp", "replaced\n")
        #expect(rename(folder.path("Content/briefs/existing.md.tmp"), folder.path("Content/briefs/existing.md")) == 0)
        #expect(await collector.sees("Content/briefs/existing.md"))
        #expect(!collector.changes.contains { $0.path.hasSuffix(".tmp") }, "\(collector.changes)")
    }

    @Test(arguments: Kind.allCases) func seesNewFoldersAndTheFilesInThem(_ kind: Kind) async throws {
        let folder = try Self.site()
        defer { folder.remove() }
        let collector = try Self.start(kind, folder)
        defer { collector.stop() }
        try folder.write("Content/topics/deep/first.md", "made with its folders\n")
        #expect(await collector.sees("Content/topics/deep/first.md"))
        try await Task.sleep(for: .milliseconds(100))
        try folder.write("Content/topics/deep/second.md", "written once the folder is watched\n")
        #expect(await collector.sees("Content/topics/deep/second.md"))
        try folder.write("Templates/brief.mustache", "a Templates/ folder that did not exist\n")
        #expect(await collector.sees("Templates/brief.mustache"))
    }

    @Test(arguments: Kind.allCases) func ignoresOutputDotFilesAndEditorScratch(_ kind: Kind) async throws {
        let folder = try Self.site()
        defer { folder.remove() }
        let collector = try Self.start(kind, folder)
        defer { collector.stop() }
        try folder.write("Output/index.html", "<p>new</p>")
        try folder.write(".dossier/cache", "x")
        try folder.write("Content/briefs/.existing.md.swp", "x")
        try folder.write("Content/briefs/existing.md~", "x")
        try folder.write("Content/briefs/4913", "x")
        try folder.write("Content/.git/HEAD", "x")
        try folder.write("Content/briefs/marker.md", "the last write\n")
        #expect(await collector.sees("Content/briefs/marker.md"))
        try await Task.sleep(for: .milliseconds(150))
        #expect(collector.changes.allSatisfy { $0.path == "Content/briefs/marker.md" }, "\(collector.changes)")
    }
}
