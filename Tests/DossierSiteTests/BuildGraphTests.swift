import DossierContent
import DossierTesting
import Foundation
import Testing

@testable import DossierSite

/// The build graph `dossier build` keeps in `.dossier/`: what it trusts, what it does when it cannot, and what a
/// template edit renders again.
@Suite struct BuildGraphTests {
    /// A site built the `dossier build` way, its inputs aged so that the next build trusts its graph.
    static func builtSite() throws -> SiteTestBuilder {
        let site = try SiteTestBuilder(smallSite, mode: .recorded)
        try site.ageInputs()
        site.build().assertSucceeded()
        return site
    }

    /// What a clean build of the same site writes, for comparing with what the graph's builds left.
    static func cleanOutput(of site: SiteTestBuilder) -> [String: Data] {
        let clean = FileManager.default.temporaryDirectory.appendingPathComponent("dossier-graph-clean-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: clean) }
        _ = SiteBuilder(options: .init(siteFolder: site.folder, outputFolder: clean)).build()
        return snapshot(clean)
    }

    static func output(of site: SiteTestBuilder) -> [String: Data] {
        snapshot(site.folder.appendingPathComponent("Output")).filter { !$0.key.hasPrefix(StagedCommit.folderName) }
    }

    @Test func aBuildWithNothingChangedIsAnsweredByTheGraph() throws {
        let site = try Self.builtSite()
        #expect(FileManager.default.fileExists(atPath: BuildGraph.url(site.folder).path))
        let again = try #require(site.build().assertSucceeded().result)
        #expect(again.timings.map(\.stage) == ["stamp"])
        #expect(again.unchanged == again.fileCount && again.written == 0)
    }

    @Test func aDeletedOutputFolderMeansAFullBuild() throws {
        let site = try Self.builtSite()
        try FileManager.default.removeItem(at: site.folder.appendingPathComponent("Output"))
        let result = try #require(site.build().assertSucceeded().result)
        #expect(result.rendered.count == result.pageCount && result.written == result.fileCount)
        #expect(Self.output(of: site) == Self.cleanOutput(of: site))
    }

    @Test(arguments: ["truncated", "garbage", "old version", "empty"])
    func aDamagedGraphMeansAFullBuildWithTheRightOutput(damage: String) throws {
        let site = try Self.builtSite()
        let url = BuildGraph.url(site.folder)
        let bytes = try Data(contentsOf: url)
        switch damage {
        case "truncated": try bytes.prefix(bytes.count - 40).write(to: url)
        case "garbage": try Data("\u{0}\u{1}not a graph\n\t\t\n".utf8).write(to: url)
        case "old version":
            let text = String(decoding: bytes, as: UTF8.self)
            try Data(text.replacingOccurrences(of: "\(BuildGraph.magic) \(BuildGraph.version) ",
                                               with: "\(BuildGraph.magic) 0 ").utf8).write(to: url)
        default: try Data().write(to: url)
        }
        #expect(BuildGraph.read(site.folder) == nil, "a damaged graph is not read")
        // A page of the output changed too: the full build must not trust a checksum it cannot vouch for.
        try site.write("-- Content/actors/corp.md --\n---\nname: Renamed Corporation\nkind: organization\n---\n")
        try site.ageInputs()
        let result = try #require(site.build().assertSucceeded().result)
        #expect(result.rendered.count == result.pageCount)
        #expect(Self.output(of: site) == Self.cleanOutput(of: site))
        #expect(BuildGraph.read(site.folder) != nil, "the full build records a good graph again")
        #expect(site.build().result?.timings.map(\.stage) == ["stamp"])
    }

    @Test func aTemplateEditRendersOnlyThePagesUsingIt() throws {
        let site = try Self.builtSite()
        let brief = try #require(Theme.builtIn.templates["brief"])
        try site.write("Templates/brief.mustache", brief.replacingOccurrences(of: "</article>", with: "</article><!-- edited -->"))
        let result = try #require(site.build().assertSucceeded().result)
        #expect(result.rendered == ["briefs/where-it-stands/index.html"])
        #expect(result.written == 1, "\(result.written) written")
        site.assertFileContent("briefs/where-it-stands/index.html", contains: "<!-- edited -->")
        #expect(Self.output(of: site) == Self.cleanOutput(of: site))

        // Dropping the edit again renders the same page, not more.
        try site.remove("Templates/brief.mustache")
        let back = try #require(site.build().assertSucceeded().result)
        #expect(back.rendered == ["briefs/where-it-stands/index.html"])
        #expect(Self.output(of: site) == Self.cleanOutput(of: site))
    }

    @Test func aSearchTemplateEditKeepsTheIndexTheGraphHolds() throws {
        let site = try Self.builtSite()
        let search = try #require(Theme.builtIn.templates["search"])
        try site.write("Templates/search.mustache", search + "<!-- edited -->")
        let result = try #require(site.build().assertSucceeded().result)
        #expect(result.rendered == ["search/index.html"], "only the search page is made again, not its index")
        // The page names the index the graph lists among its files, as a clean build's does.
        site.assertFileContent("search/index.html", contains: SearchIndex.manifestPath)
        #expect(Self.output(of: site) == Self.cleanOutput(of: site))
    }

    @Test func theGraphReadsBackWhatWasWritten() throws {
        let header = BuildGraph.Header(tool: "t", baseURL: nil, output: "/o", drafts: false, inputs: "i", content: "c",
                                       templateDigests: ["brief": "d"], stampedAt: 1,
                                       manifest: "3 4", fileCount: 3, pageCount: 1, outputs: "x")
        let graph = BuildGraph(header: header, files: [
            "briefs/a/index.html": .init(checksum: "01", keys: [.template("brief"), .template("layout")]),
            "assets/site.css": .init(checksum: "02", keys: [.asset("site.css")]),
            "feed.xml": .init(checksum: "03", keys: [.content]),
        ])
        let bytes = try #require(graph.encoded())
        #expect(BuildGraph.decode(bytes) == graph)
        var flipped = bytes
        flipped[flipped.count - 3] ^= 1
        #expect(BuildGraph.decode(flipped) == nil, "a changed byte fails the checksum")
        #expect(graph.stale("briefs/a/index.html", reading: [.template("brief")], changed: [.template("layout")]),
                "a key the file was made from changed")
        #expect(!graph.stale("feed.xml", reading: [.content], changed: [.template("brief")]))
        #expect(graph.stale("new.html", reading: [], changed: []), "a file the graph does not hold is made")
    }

    @Test func aFileWithoutKeysReadsBackAndATabOrNewlineIsRefused() throws {
        let header = BuildGraph.Header(tool: "t", baseURL: nil, output: "/o", drafts: false, inputs: "i", content: "c",
                                       templateDigests: [:], stampedAt: 1,
                                       manifest: "", fileCount: 2, pageCount: 0, outputs: "x")
        let graph = BuildGraph(header: header, files: [
            "robots.txt": .init(checksum: "01", keys: []),
            "a b/index.html": .init(checksum: "02", keys: [.template("page")]),
        ])
        let bytes = try #require(graph.encoded())
        #expect(BuildGraph.decode(bytes) == graph)
        for (path, node) in [("a\tb.html", BuildGraph.Node(checksum: "01", keys: [])),
                             ("a.html", BuildGraph.Node(checksum: "0\n1", keys: [])),
                             ("a.html", BuildGraph.Node(checksum: "01", keys: [.template("x\ty")])),
                             ("a.html", BuildGraph.Node(checksum: "01", keys: [.model(.collection(.brief))]))] {
            #expect(BuildGraph(header: header, files: [path: node]).encoded() == nil, "\(path) \(node) cannot be a line")
        }
    }
}

