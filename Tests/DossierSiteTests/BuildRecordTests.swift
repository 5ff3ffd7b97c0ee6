import DossierContent
@testable import DossierSite
import DossierTestSupport
import Foundation
import Testing

/// What `dossier build` reads back from its last build: the manifest, read line by line when it has the layout the
/// build writes, and the listing of `Output/`, looked at again only where a build moved or removed files.
@Suite struct BuildRecordTests {
    @Test func aManifestInTheWrittenLayoutIsReadLineByLineAndGivesWhatTheDecoderGives() throws {
        let manifest = OutputWriter.Manifest(files: ["index.html": "00ff", "briefs/a b/index.html": "12ab",
                                                     "tópicos/índice.html": "34cd", "x.css": ""])
        let bytes = Array(try manifest.encoded())
        #expect(OutputWriter.Manifest.plainFiles(bytes) == manifest.files)
        #expect(try OutputWriter.Manifest.decode(bytes) == JSONDecoder().decode(OutputWriter.Manifest.self, from: Data(bytes)))
    }

    @Test func aManifestInAnyOtherLayoutGoesThroughTheDecoder() throws {
        let escaped = OutputWriter.Manifest(files: ["a\"b.html": "01", "c\\d.html": "02"])
        let bytes = Array(try escaped.encoded())
        #expect(OutputWriter.Manifest.plainFiles(bytes) == nil)
        #expect(try OutputWriter.Manifest.decode(bytes) == escaped)
        let compact = Array(#"{"files":{"a.html":"01"},"version":1}"#.utf8)
        #expect(OutputWriter.Manifest.plainFiles(compact) == nil)
        #expect(try OutputWriter.Manifest.decode(compact).files == ["a.html": "01"])
        // A line cut short, or a second entry for one path, is not read as the build's layout.
        let plain = Array(try OutputWriter.Manifest(files: ["a.html": "01", "b.html": "02"]).encoded())
        let cut = String(decoding: plain, as: UTF8.self).replacingOccurrences(of: "\"01\",", with: "\"01\"")
        #expect(OutputWriter.Manifest.plainFiles(Array(cut.utf8)) == nil)
        let twice = String(decoding: plain, as: UTF8.self).replacingOccurrences(of: "b.html", with: "a.html")
        #expect(OutputWriter.Manifest.plainFiles(Array(twice.utf8)) == nil)
    }

    @Test func aListingRelistedWhereFilesChangedHasTheDigestOfAFullScan() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("dossier-listing-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let writer = OutputWriter(folder: folder)
        let pages = ["index.html", "briefs/a/index.html", "briefs/b/index.html", "old/index.html"]
        _ = try writer.write(pages.map { OutputFile(path: $0, bytes: Array("<p>\($0)</p>".utf8)) })
        try Data("mine".utf8).write(to: folder.appendingPathComponent(".hidden"))
        let before = BuildGraph.outputListing(folder, jobs: .usableCores)
        #expect(Set(before.map { String($0.prefix { $0 != "\u{0}" }) }) == Set(pages.map { "/" + $0 }))
        #expect(BuildGraph.digest(before) == BuildGraph.outputs(of: folder, jobs: .usableCores))

        let counts = try writer.write([OutputFile(path: "index.html", bytes: Array("<p>home, longer now</p>".utf8)),
                                       OutputFile(path: "briefs/a/index.html", bytes: Array("<p>briefs/a/index.html</p>".utf8)),
                                       OutputFile(path: "briefs/c/index.html", bytes: Array("<p>new</p>".utf8))],
                                      kept: ["briefs/b/index.html": OutputWriter.checksum(Array("<p>briefs/b/index.html</p>".utf8))])
        let touched = try #require(counts.touched)
        #expect(Set(touched) == ["index.html", "briefs/c/index.html", "old/index.html"])
        let after = BuildGraph.relisted(before, output: folder, touched: touched)
        #expect(Set(after) != Set(before))
        #expect(BuildGraph.digest(after) == BuildGraph.outputs(of: folder, jobs: .usableCores))
    }

    /// A build into an empty folder records the folder's digest from the stamps it took as it wrote each file: it
    /// must be the digest a full scan gives, or the next build would distrust the output and verify every file.
    @Test func aBuildIntoAnEmptyFolderRecordsTheDigestOfAFullScan() throws {
        let site = try SiteFixture(smallSite)
        defer { site.remove() }
        let output = site.folder.appendingPathComponent("Output")
        let first = SiteBuilder(options: .init(siteFolder: site.folder)).build(usingStamp: true, tool: "test")
        #expect(first.succeeded && first.intoEmptyFolder)
        // Every page was stamped as it was written; the theme's assets are the files left to stat.
        let unstamped = Set(first.hashes?.keys.filter { first.stamps[$0] == nil } ?? [])
        #expect(!first.stamps.isEmpty && unstamped.allSatisfy { $0.hasPrefix("assets/") })
        let firstGraph = try #require(BuildGraph.opened(site.folder))
        let recorded = firstGraph.header.outputs
        #expect(recorded == BuildGraph.outputs(of: output, jobs: .usableCores))
        #expect(recorded.hasPrefix("\(first.fileCount)-"))

        // Into a folder that held something, the folder is listed, and a file the build does not own counts.
        try Data("mine".utf8).write(to: output.appendingPathComponent("notes.txt"))
        let second = SiteBuilder(options: .init(siteFolder: site.folder)).build(usingStamp: false, tool: "test")
        #expect(second.succeeded && !second.intoEmptyFolder && second.stamps.isEmpty)
        let secondGraph = try #require(BuildGraph.opened(site.folder))
        let relisted = secondGraph.header.outputs
        #expect(relisted == BuildGraph.outputs(of: output, jobs: .usableCores))
        #expect(relisted != recorded)
    }
}
