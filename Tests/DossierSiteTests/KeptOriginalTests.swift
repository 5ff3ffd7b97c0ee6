import DossierModel
import DossierSite
import DossierTestSupport
import DossierTesting
import Foundation
import Testing

/// The originals `dossier import` keeps (`Content/sources/originals/`): checked against their recorded SHA-256 on
/// every build, and published beside their sources' pages, web pages as text so they never run as the site.
@Suite struct KeptOriginalTests {
    /// A page with a script, as a hostile or merely ordinary web page would have.
    private static let page = "<html><body><script>alert(document.cookie)</script><p>The Agency said it would review.</p></body></html>"

    private static func source(original: String = "originals/imported.html", sha256: String?) -> String {
        """

        -- Content/sources/imported.md --
        ---
        title: Imported page
        url: https://news.example/imported
        original: \(original)
        \(sha256.map { "original_sha256: \($0)" } ?? "")
        ---
        The Agency said it would review.
        """
    }

    private static func sha256(_ text: String) throws -> String {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("sha-\(UUID().uuidString)")
        try Data(text.utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sha256sum")
        process.arguments = [file.path]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        process.waitUntilExit()
        let out = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        return String(out.prefix(64))
    }

    private static func errors(_ result: SiteBuilder.Result) -> [String] {
        result.diagnostics.filter { $0.severity == .error }.map(\.description)
    }

    @Test func aKeptPageIsPublishedByteForByteAsTextAndLinked() throws {
        let hash = try Self.sha256(Self.page + "\n")
        let site = try SiteFixture(smallSite + Self.source(sha256: hash) + "\n-- Content/sources/originals/imported.html --\n" + Self.page)
        defer { site.remove() }
        let result = site.build()
        #expect(Self.errors(result).isEmpty, "\(Self.errors(result))")
        // Never as .html: served from the site's own address, its script would run as the site.
        #expect(site.output("sources/imported/original.html") == nil)
        let published = try #require(site.output("sources/imported/original.html.txt"))
        #expect(published == Self.page + "\n")
        #expect(published == site.read("Content/sources/originals/imported.html"))
        let sourcePage = try #require(site.output("sources/imported/index.html"))
        #expect(sourcePage.contains("<a href=\"original.html.txt\">original.html.txt</a> (the page"))
        #expect(sourcePage.contains("HTML, shown as text)"))
        #expect(sourcePage.contains(hash))
        // The kept folder is evidence, never content: no page is made from it.
        #expect(site.output("sources/originals/index.html") == nil)
    }

    @Test func aChangedOriginalFailsTheBuildAtItsRecordedHash() throws {
        let hash = try Self.sha256(Self.page + "\n")
        let site = try SiteFixture(smallSite + Self.source(sha256: hash) + "\n-- Content/sources/originals/imported.html --\n" + Self.page)
        defer { site.remove() }
        #expect(site.build().succeeded)
        let before = site.output("sources/imported/original.html.txt")
        try site.write("-- Content/sources/originals/imported.html --\n" + Self.page.replacingOccurrences(of: "would", with: "would not"))
        let result = site.build()
        let errors = Self.errors(result)
        #expect(errors.count == 1, "\(errors)")
        #expect(errors.first?.hasPrefix("Content/sources/imported.md:5:18: error: the kept original 'Content/sources/originals/imported.html' is not the page as retrieved: its SHA-256 is ") == true, "\(errors)")
        #expect(errors.first?.contains("not the recorded \(hash)") == true)
        // A failed build leaves the last good output.
        #expect(site.output("sources/imported/original.html.txt") == before)
    }

    @Test func aMissingOriginalOrAPathOutOfTheFolderIsAnError() throws {
        let site = try SiteFixture(smallSite + Self.source(sha256: nil))
        defer { site.remove() }
        var errors = Self.errors(site.build())
        #expect(errors == ["Content/sources/imported.md:4:11: error: the kept original 'Content/sources/originals/imported.html' does not exist (restore it from version control, or remove 'original' and 'original_sha256' from the source)"])
        for path in ["../site.yml", "originals/../../site.yml", "/etc/passwd", "originals/", "originals/.hidden"] {
            try site.write(Self.source(original: path, sha256: "zz"))
            errors = Self.errors(site.build())
            #expect(errors.count == 2, "\(path): \(errors)")
            #expect(errors.first?.contains("'original' must name a file in Content/sources/originals/") == true, "\(errors)")
            #expect(errors.last?.contains("'original_sha256' must be the 64 hexadecimal digits of a SHA-256; found 'zz'") == true)
        }
    }

    @Test func aPDFKeepsItsTypeAndAnUnrecordedHashIsShown() throws {
        let pdf = "%PDF-1.4\n% not a real PDF body, only its first bytes\n"
        let site = try SiteFixture(smallSite + Self.source(original: "originals/imported.pdf", sha256: nil)
                                   + "\n-- Content/sources/originals/imported.pdf --\n" + pdf)
        defer { site.remove() }
        #expect(site.build().succeeded)
        #expect(site.output("sources/imported/original.pdf") != nil)
        #expect(try #require(site.output("sources/imported/index.html")).contains(try Self.sha256(try #require(site.read("Content/sources/originals/imported.pdf")))))
    }

    @Test func anIncrementalBuildPublishesTheNewOriginalWhenItChanges() throws {
        let site = try SiteTestBuilder(smallSite + Self.source(sha256: nil) + "\n-- Content/sources/originals/imported.html --\n" + Self.page)
        site.build().assertSucceeded()
        let changed = Self.page.replacingOccurrences(of: "review", with: "reconsider")
        // A different size, so the stamp differs even within one clock tick; the builder tells the build the file changed.
        try site.write("-- Content/sources/originals/imported.html --\n" + changed)
        site.build().assertSucceeded().assertRendered("sources/imported/index.html")
        site.assertFileContent("sources/imported/original.html.txt", contains: "reconsider")
        site.assertFileContent("sources/imported/index.html", contains: try Self.sha256(changed + "\n"))
    }
}
