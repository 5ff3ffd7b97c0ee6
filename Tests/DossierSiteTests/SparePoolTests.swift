@testable import DossierSite
import DossierTestSupport
import Foundation
import Testing

/// The spare pool (`SparePool`): pages a build replaces are kept in `.dossier/spare/` and written into by the next
/// build, which must still make exactly a clean build's output and never write through a spare that is anything but
/// a file of its own.
@Suite struct SparePoolTests {
    /// The names in the site's pool, and how many names each one's file has.
    static func pool(_ site: SiteFixture) -> [String: Int] {
        let folder = site.folder.appendingPathComponent(SparePool.folderName).path
        var found: [String: Int] = [:]
        for name in (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [] {
            var info = stat()
            if lstat(folder + "/" + name, &info) == 0 { found[name] = Int(info.st_nlink) }
        }
        return found
    }

    /// The small site with its brief template edited to carry `mark` on every brief page.
    static func editBriefTemplate(_ site: SiteFixture, mark: String) throws {
        let brief = try String(contentsOf: repositoryRoot.appendingPathComponent("Templates/brief.mustache"), encoding: .utf8)
        try site.write("-- Templates/brief.mustache --\n" + brief.replacingOccurrences(of: "</article>", with: "\(mark)</article>"))
    }

    /// The output folder equals a clean build of the same site, byte for byte.
    static func expectCleanOutput(_ site: SiteFixture, _ context: String) throws {
        let clean = FileManager.default.temporaryDirectory.appendingPathComponent("dossier-clean-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: clean) }
        #expect(SiteBuilder(options: .init(siteFolder: site.folder, outputFolder: clean)).build().succeeded)
        let built = snapshot(site.folder.appendingPathComponent("Output")).filter { $0.key != OutputWriter.manifestName }
        let reference = snapshot(clean).filter { $0.key != OutputWriter.manifestName }
        #expect(built.keys.sorted() == reference.keys.sorted(), "\(context)")
        #expect(built.keys.filter { built[$0] != reference[$0] }.sorted() == [], "\(context)")
    }

    @Test func replacedPagesBecomeSparesThatTheNextBuildWritesInto() throws {
        let site = try SiteFixture(smallSite)
        defer { site.remove() }
        #expect(site.build().succeeded)
        #expect(Self.pool(site).isEmpty, "a first build into an empty folder replaces nothing")
        try Self.editBriefTemplate(site, mark: "<!-- one -->")
        let first = site.build()
        #expect(first.succeeded && first.written > 0)
        let kept = Self.pool(site)
        #expect(kept.count == first.written, "every replaced page is kept: \(kept.count) of \(first.written)")
        #expect(kept.values.allSatisfy { $0 == 1 }, "no spare is still a page of the output")
        try Self.expectCleanOutput(site, "after the first edit")

        try Self.editBriefTemplate(site, mark: "<!-- two -->")
        let second = site.build()
        #expect(second.succeeded && second.written == first.written)
        let reused = Self.pool(site)
        #expect(reused.count == kept.count, "the second edit wrote into the spares and kept as many")
        #expect(Set(reused.keys).isDisjoint(with: kept.keys), "the spares of the first edit were written into")
        #expect(site.output("briefs/where-it-stands/index.html")?.contains("<!-- two -->") == true)
        try Self.expectCleanOutput(site, "after the second edit")
    }

    @Test func aSpareThatIsNotAFileOfItsOwnIsNeverWrittenThrough() throws {
        let site = try SiteFixture(smallSite)
        defer { site.remove() }
        #expect(site.build().succeeded)
        let pool = site.folder.appendingPathComponent(SparePool.folderName).path
        try FileManager.default.createDirectory(atPath: pool, withIntermediateDirectories: true)
        // A second name of a page the next build keeps, and a link to a file outside the site.
        let kept = site.folder.appendingPathComponent("Output/actors/agency/index.html").path
        let keptBytes = try Data(contentsOf: URL(fileURLWithPath: kept))
        #expect(link(kept, pool + "/0linked") == 0)
        let outside = FileManager.default.temporaryDirectory.appendingPathComponent("dossier-outside-\(UUID().uuidString)")
        try Data("not yours".utf8).write(to: outside)
        defer { try? FileManager.default.removeItem(at: outside) }
        try FileManager.default.createSymbolicLink(atPath: pool + "/1symlink", withDestinationPath: outside.path)
        try FileManager.default.createDirectory(atPath: pool + "/2folder", withIntermediateDirectories: false)

        try Self.editBriefTemplate(site, mark: "<!-- edited -->")
        #expect(site.build().succeeded)
        #expect(try Data(contentsOf: URL(fileURLWithPath: kept)) == keptBytes, "the linked page was not written through")
        #expect(try String(contentsOf: outside, encoding: .utf8) == "not yours", "the link was not followed")
        try Self.expectCleanOutput(site, "after building with odd spares")
    }
}
