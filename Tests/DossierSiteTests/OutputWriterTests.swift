import DossierContent
@testable import DossierSite
import Foundation
import Testing

/// The writer's own path handling agrees with Foundation's, and a page whose folders are missing is still written.
@Suite struct OutputWriterTests {
    @Test(arguments: ["/tmp/site/Output/briefs/a/index.html", "/index.html", "index.html", "a/b", "/a/b/c.js",
                      "Output/é/ü.html", "/tmp/dossier-x/.dossier-tmp-abc"])
    func folderOfAFileIsFoundationsParentPath(_ path: String) {
        #expect(OutputWriter.folder(of: path) == (path as NSString).deletingLastPathComponent)
    }

    @Test func aNewFileMakesTheFoldersItNeeds() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("dossier-writer-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: root) }
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        let bytes = Array("<p>x</p>".utf8)
        // A page's folder made at once under an existing parent (briefs/b), or level by level (briefs/a, a/b/c/d); a
        // page whose folder exists already (search/doc/index.html after 1.js); the root's own index.html.
        for path in ["briefs/a/index.html", "briefs/b/index.html", "search/doc/1.js", "search/doc/index.html", "a/b/c/d/index.html",
                     "index.html"] {
            let written = OutputWriter.writeNew(bytes.span, at: path, in: root)
            #expect((try? written.get())?.checksum == OutputWriter.checksum(bytes))
            #expect((try? written.get())?.stamp == FileStamp(path: root + "/" + path))
            #expect(FileManager.default.contents(atPath: root + "/" + path) == Data(bytes))
        }
    }
}
