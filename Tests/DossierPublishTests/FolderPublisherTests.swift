import Foundation
import Testing
@testable import DossierPublish

@Suite struct FolderPublisherTests {
    func inodeAndModified(_ url: URL) throws -> (UInt64, Date) {
        let attributes = try FileManager.default.attributesOfItem(atPath: url.path)
        return ((attributes[.systemFileNumber] as? NSNumber)?.uint64Value ?? 0, attributes[.modificationDate] as! Date)
    }

    @Test func makesTheFolderEqualToOutput() async throws {
        let output = try TemporaryFolder("output"), destination = try TemporaryFolder("www")
        defer { output.remove(); destination.remove() }
        try output.write(sampleOutput)
        try destination.write(["stale/index.html": "old page", "assets/style.css": "old css", ".git/HEAD": "ref: refs/heads/main", ".well-kept": "x"])

        let first = try FolderPublisher(destination: destination.url, options: PublishOptions()).publish(output.url)
        #expect(first.uploaded == 11)
        #expect(first.deleted == 1)
        #expect(first.plan.uploads.first { $0.path == "assets/style.css" }?.reason == .changed)
        var expected = publishable(output)
        expected[".git/HEAD"] = Data("ref: refs/heads/main".utf8)
        expected[".well-kept"] = Data("x".utf8)
        #expect(destination.contents() == expected, "dot files of the destination are kept, dot files of Output/ never published")
        #expect(!FileManager.default.fileExists(atPath: destination.url.appendingPathComponent("stale").path), "empty folders go too")
        #expect(first.summary.hasPrefix("published to \(destination.url.path): 11 uploaded, 1 deleted, 0 unchanged ("))
    }

    @Test func leavesUnchangedFilesAloneAndReplacesChangedOnes() async throws {
        let output = try TemporaryFolder("output"), destination = try TemporaryFolder("www")
        defer { output.remove(); destination.remove() }
        try output.write(sampleOutput)
        let publisher = FolderPublisher(destination: destination.url, options: PublishOptions())
        _ = try publisher.publish(output.url)
        let home = destination.url.appendingPathComponent("index.html")
        let page = destination.url.appendingPathComponent("briefs/one/index.html")
        let homeBefore = try inodeAndModified(home), pageBefore = try inodeAndModified(page)
        try await Task.sleep(nanoseconds: 20_000_000)

        let again = try publisher.publish(output.url)
        #expect(again.uploaded == 0 && again.deleted == 0 && again.unchanged == 11)

        try output.write(["briefs/one/index.html": "<!doctype html><title>One, edited</title>"])
        try output.delete("briefs/two/index.html")
        let edited = try publisher.publish(output.url)
        #expect(edited.plan.uploads.map(\.path) == ["briefs/one/index.html"])
        #expect(edited.plan.deletions.map(\.path) == ["briefs/two/index.html"])
        let homeAfter = try inodeAndModified(home), pageAfter = try inodeAndModified(page)
        #expect(homeAfter.0 == homeBefore.0 && homeAfter.1 == homeBefore.1, "an unchanged file is not rewritten")
        #expect(pageAfter.0 != pageBefore.0, "a changed file is replaced by rename, so it gets a new inode")
        #expect(destination.contents() == publishable(output))
        #expect(!FileManager.default.fileExists(atPath: destination.url.appendingPathComponent("briefs/two").path))
        let leftovers = destination.contents().keys.filter { $0.contains(".dossier-publish-") }
        #expect(leftovers.isEmpty, "no temporary files are left behind")
    }

    @Test func dryRunAndMaxDeletesChangeNothing() async throws {
        let output = try TemporaryFolder("output"), destination = try TemporaryFolder("www")
        defer { output.remove(); destination.remove() }
        try output.write(sampleOutput)
        try destination.write(["a.html": "1", "b.html": "2", "c.html": "3", "index.html": "old home"])
        let before = destination.contents()
        let dry = try FolderPublisher(destination: destination.url, options: PublishOptions(dryRun: true)).publish(output.url)
        #expect(dry.dryRun && dry.plan.uploads.count == 11 && dry.plan.deletions.count == 3)
        #expect(dry.plan.lines.contains("delete a.html (no longer in the site)"))
        #expect(dry.plan.lines.contains { $0.hasPrefix("upload index.html (changed, ") })
        #expect(destination.contents() == before)
        #expect(throws: PublishError.tooManyDeletions(count: 3, limit: 2)) {
            try FolderPublisher(destination: destination.url, options: PublishOptions(maxDeletes: 2)).publish(output.url)
        }
        #expect(destination.contents() == before)
    }

    @Test func replacesFilesByFoldersAndBack() async throws {
        let output = try TemporaryFolder("output"), destination = try TemporaryFolder("www")
        defer { output.remove(); destination.remove() }
        try output.write(["topics/index.html": "folder now", "briefs": "a file now"])
        try destination.write(["topics": "was a file", "briefs/one/index.html": "was in a folder"])
        _ = try FolderPublisher(destination: destination.url, options: PublishOptions()).publish(output.url)
        #expect(destination.contents() == publishable(output))
    }

    @Test func neverReachesThroughLinkedFolders() throws {
        let output = try TemporaryFolder("output"), destination = try TemporaryFolder("www"), outside = try TemporaryFolder("outside")
        defer { output.remove(); destination.remove(); outside.remove() }
        try output.write(sampleOutput)
        try outside.write(["keep.txt": "not part of the site"])
        try FileManager.default.createSymbolicLink(at: destination.url.appendingPathComponent("shared"), withDestinationURL: outside.url)
        _ = try FolderPublisher(destination: destination.url, options: PublishOptions()).publish(output.url)
        #expect(outside.contents() == ["keep.txt": Data("not part of the site".utf8)])
    }

    @Test func refusesOverlappingFolders() throws {
        let output = try TemporaryFolder("output")
        defer { output.remove() }
        try output.write(sampleOutput)
        #expect(throws: PublishError.destinationOverlapsOutput(destination: output.url.appendingPathComponent("sub").path, output: output.url.path)) {
            try FolderPublisher(destination: output.url.appendingPathComponent("sub"), options: PublishOptions()).publish(output.url)
        }
        #expect(throws: PublishError.outputMissing(path: output.url.appendingPathComponent("missing").path)) {
            try FolderPublisher(destination: output.url.appendingPathComponent("www"), options: PublishOptions()).publish(output.url.appendingPathComponent("missing"))
        }
    }
}

/// A destination an attacker (or an accident) prepared: links out of it, and what an interrupted publish left.
@Suite struct FolderPublisherHostileDestinationTests {
    @Test func refusesToWriteThroughALinkedFolderAndChangesNothing() throws {
        let output = try TemporaryFolder("output"), destination = try TemporaryFolder("www"), elsewhere = try TemporaryFolder("elsewhere")
        defer { output.remove(); destination.remove(); elsewhere.remove() }
        try output.write(sampleOutput)
        try elsewhere.write(["keep.txt": "not the site's"])
        try destination.write(["index.html": "old home"])
        try FileManager.default.createSymbolicLink(atPath: destination.url.appendingPathComponent("briefs").path,
                                                   withDestinationPath: elsewhere.url.path)
        #expect(throws: PublishError.linkInDestination(path: destination.url.appendingPathComponent("briefs").path,
                                                       target: elsewhere.url.path)) {
            try FolderPublisher(destination: destination.url, options: PublishOptions()).publish(output.url)
        }
        #expect(elsewhere.contents() == ["keep.txt": Data("not the site's".utf8)], "nothing written through the link")
        #expect(destination.contents()["index.html"] == Data("old home".utf8), "nothing changed before the refusal")
    }

    @Test func removesTemporaryFilesAnInterruptedPublishLeft() throws {
        let output = try TemporaryFolder("output"), destination = try TemporaryFolder("www")
        defer { output.remove(); destination.remove() }
        try output.write(sampleOutput)
        try destination.write(["briefs/.dossier-publish-1234.tmp": "half a page", ".dossier-publish-99.tmp": "half",
                               ".git/.dossier-publish-5.tmp": "inside a dot folder: not ours to touch"])
        _ = try FolderPublisher(destination: destination.url, options: PublishOptions()).publish(output.url)
        let names = destination.contents().keys.filter { $0.contains(".dossier-publish-") }
        #expect(names == [".git/.dossier-publish-5.tmp"])
    }
}

/// Publishing only what a finished build left, so a page missing from `Output/` is never deleted from the live site.
@Suite struct IncompleteOutputTests {
    @Test func refusesAnOutputMissingAPageItsManifestLists() throws {
        let output = try TemporaryFolder("output"), destination = try TemporaryFolder("www")
        defer { output.remove(); destination.remove() }
        try output.write(sampleOutput)
        let files = Dictionary(uniqueKeysWithValues: sampleOutput.keys.map { ($0, "0") })
        try output.write([".dossier-manifest.json": String(decoding: try JSONEncoder().encode(["files": files]), as: UTF8.self)])
        let publisher = FolderPublisher(destination: destination.url, options: PublishOptions())
        _ = try publisher.publish(output.url)
        let published = destination.contents()
        try output.delete("briefs/one/index.html")
        #expect(throws: PublishError.outputIncomplete(path: output.url.standardizedFileURL.path,
                                                       reason: "1 file the build wrote is missing (briefs/one/index.html)")) {
            try publisher.publish(output.url)
        }
        #expect(destination.contents() == published, "the live copy keeps the page")
    }

    @Test func refusesAnOutputWhoseBuildWasInterrupted() throws {
        let output = try TemporaryFolder("output"), destination = try TemporaryFolder("www")
        defer { output.remove(); destination.remove() }
        try output.write(sampleOutput)
        try output.write([".dossier-staging/journal.json": "{\"moves\":[],\"removals\":[]}"])
        #expect(throws: PublishError.self) { try FolderPublisher(destination: destination.url, options: PublishOptions()).publish(output.url) }
        #expect(destination.contents().isEmpty)
    }
}
