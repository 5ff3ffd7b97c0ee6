import DossierTestSupport
import Foundation
import Testing

/// `dossier publish` and `dossier edition` cut editions into `Editions/` (issue #23), run as a desk would.
@Suite(.enabled(if: FileManager.default.fileExists(atPath: dossierBinary.path), "needs the dossier executable from `swift build`"))
struct EditionCommandTests {
    /// A small site: one source, one event, one brief with a judgment at `likelihood`.
    static func site(likelihood: String = "likely") -> String {
        minimalConfig + """

        -- Content/sources/wire.txt --
        date 2026-03-05 The Agency said it would review the contract.
        -- Content/actors/agency.md --
        ---
        name: The Agency
        ---
        -- Content/events/review.md --
        ---
        title: Review announced
        date: 2026-02-27
        actors: [agency]
        sources:
          - source: wire
            quote: would review the contract
        ---
        -- Content/briefs/outlook.md --
        ---
        title: Outlook
        date: 2026-03-05
        judgments:
          - text: The review ends with a new contract.
            likelihood: \(likelihood)
            confidence: moderate
        ---
        The review is coming [@wire].
        """
    }

    /// Noon UTC on 6 March 2026, as `SOURCE_DATE_EPOCH`.
    static let environment = ["SOURCE_DATE_EPOCH": "1772798400"]

    static func editions(_ site: SiteFixture) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: site.folder.appendingPathComponent("Editions").path)) ?? []).sorted()
    }

    static func dossier(_ arguments: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
        try runDossier(arguments, environment: environment)
    }

    @Test func publishingTwiceCutsTwoEditionsThatOutliveOutput() throws {
        let site = try SiteFixture(Self.site()), www = try TemporaryFolder("www")
        defer { site.remove(); www.remove() }
        let first = try Self.dossier(["publish", www.url.path, "--site", site.folder.path, "--note", "Launch."])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("recorded edition 1 in Editions/0001.json"))
        try site.write(Self.site(likelihood: "unlikely"))
        let second = try Self.dossier(["publish", www.url.path, "--site", site.folder.path])
        #expect(second.status == 0, "\(second.stderr)")
        #expect(Self.editions(site) == ["0001.json", "0002.json"])
        let published = try #require(String(data: www.contents()["changes/index.html"] ?? Data(), encoding: .utf8))
        #expect(published.contains("id=\"edition-2\"") && published.contains("Launch."), "the published site shows the new edition")
        #expect(published.contains("Judgment lowered in"))
        // Publishing again without a change cuts nothing.
        let again = try Self.dossier(["publish", www.url.path, "--site", site.folder.path])
        #expect(again.stdout.contains("nothing tracked changed since the latest edition: no edition recorded"))
        #expect(Self.editions(site) == ["0001.json", "0002.json"])
        // Output/ and .dossier/ are disposable: the history alone rebuilds /changes/, byte for byte.
        for folder in ["Output", ".dossier"] { try? FileManager.default.removeItem(at: site.folder.appendingPathComponent(folder)) }
        #expect(!FileManager.default.fileExists(atPath: site.folder.appendingPathComponent("Output").path))
        let rebuilt = try Self.dossier(["build", "--site", site.folder.path])
        #expect(rebuilt.status == 0, "\(rebuilt.stderr)")
        for path in ["changes/index.html", "changes/1/index.html", "changes/2/index.html", "changes/feed.xml", "index.html"] {
            #expect(site.output(path).map { Data($0.utf8) } == www.contents()[path], "\(path)")
        }
    }

    @Test func aDryRunOrAFailedPublishRecordsNoEdition() throws {
        let site = try SiteFixture(Self.site()), www = try TemporaryFolder("www")
        defer { site.remove(); www.remove() }
        let dry = try Self.dossier(["publish", www.url.path, "--site", site.folder.path, "--dry-run"])
        #expect(dry.status == 0, "\(dry.stderr)")
        #expect(dry.stdout.contains("would record edition 1 (first edition); a dry run records none"))
        #expect(Self.editions(site) == [])
        try www.write(["stale-1.html": "x", "stale-2.html": "y"])
        let refused = try Self.dossier(["publish", www.url.path, "--site", site.folder.path, "--max-deletes", "1"])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("edition 1 was not recorded"))
        #expect(Self.editions(site) == [])
        // The next plain build shows no edition that was never recorded.
        #expect(try Self.dossier(["build", "--site", site.folder.path]).status == 0)
        #expect(site.output("changes/index.html")?.contains("No edition has been published yet.") == true)
    }

    @Test func editionCommandRecordsWithANote() throws {
        let site = try SiteFixture(Self.site())
        defer { site.remove() }
        let cut = try Self.dossier(["edition", "--site", site.folder.path, "--note", "Filed by the desk."])
        #expect(cut.status == 0, "\(cut.stderr)")
        #expect(cut.stdout == "recorded edition 1 (first edition) in Editions/0001.json; commit it, and `dossier build` shows it\n")
        #expect(site.read("Editions/0001.json")?.contains("\"date\": \"2026-03-06\",\n  \"note\": \"Filed by the desk.\"") == true)
        let same = try Self.dossier(["edition", "--site", site.folder.path, "--note", "Again."])
        #expect(same.status == 0)
        #expect(same.stdout == "nothing tracked changed since edition 1: no edition recorded (the note was not kept)\n")
        #expect(try Self.dossier(["build", "--site", site.folder.path]).status == 0)
        #expect(site.output("changes/index.html")?.contains("Filed by the desk.") == true)
        #expect(site.output("index.html")?.contains("Filed by the desk.") == true)
        // A preview shows what is not published yet; a plain build does not.
        try site.write(Self.site(likelihood: "very likely"))
        #expect(try Self.dossier(["build", "--site", site.folder.path, "--drafts"]).status == 0)
        #expect(site.output("changes/index.html")?.contains("Unpublished changes since edition 1") == true)
        let preview = try Self.dossier(["publish", site.folder.appendingPathComponent("www").path, "--site", site.folder.path, "--no-build"])
        #expect(preview.status == 1)
        #expect(preview.stderr.contains("is a preview (from `dossier serve` or `--drafts`) showing unpublished changes"))
        #expect(try Self.dossier(["build", "--site", site.folder.path]).status == 0)
        #expect(site.output("changes/index.html")?.contains("Unpublished") == false)
    }
}
