import DossierSite
import DossierTesting
import Foundation
import Testing

/// The public site test builder itself: its file format, its incremental builds and that its assertions fail.
@Suite struct SiteTestBuilderTests {
    @Test func sectionsSplitTheTextIntoFiles() {
        let files = SiteFiles.sections("ignored\n-- a/b.md --\none\ntwo\n-- c.txt --\nthree\n\n\n")
        #expect(files.map(\.path) == ["a/b.md", "c.txt"])
        #expect(files.map(\.text) == ["one\ntwo\n", "three\n"])
    }

    /// An edit of one actor renders that actor's page again and keeps an unrelated one, as `dossier watch` does;
    /// removing a brief removes its page.
    @Test func buildsAfterTheFirstAreIncremental() throws {
        let site = try SiteTestBuilder(smallSite)
        site.build().assertSucceeded().assertRendered("actors/corp/index.html", "briefs/where-it-stands/index.html")
        try site.edit("Content/actors/corp.md") { $0.replacingOccurrences(of: "name: Example Corp", with: "name: Sample Corp") }
        site.build().assertSucceeded().assertRendered("actors/corp/index.html").assertNotRendered("briefs/where-it-stands/index.html")
        site.assertFileContent("actors/corp/index.html", contains: "<title>Sample Corp")
        site.assertFileContent("actors/corp/index.html", lacks: "<title>Example Corp")
        try site.remove("Content/briefs/where-it-stands.md")
        site.build().assertSucceeded().assertMissing("briefs/where-it-stands/index.html").assertExists("actors/corp/index.html")
    }

    /// Each assertion records an issue when what it expects does not hold.
    @Test func assertionsFailWhenTheyDoNotHold() throws {
        let site = try SiteTestBuilder(smallSite)
        site.build()
        withKnownIssue { site.assertFileContent("actors/corp/index.html", contains: "no such text") }
        withKnownIssue { site.assertFileContent("actors/corp/index.html", lacks: "Example Corp") }
        withKnownIssue { site.assertExists("nothing/index.html") }
        withKnownIssue { site.assertMissing("actors/corp/index.html") }
        withKnownIssue { site.assertFailed(containing: "error") }
        withKnownIssue { site.assertNotRendered("actors/corp/index.html") }
    }

    /// The builder's folder goes away with it.
    @Test func theFolderIsRemovedWithTheBuilder() throws {
        var site: SiteTestBuilder? = try SiteTestBuilder(smallSite)
        let folder = try #require(site?.folder)
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("Content/site.yml").path))
        site = nil
        #expect(!FileManager.default.fileExists(atPath: folder.path))
    }
}
