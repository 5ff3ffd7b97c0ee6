import DossierModel
@testable import DossierSite
import DossierTestSupport
import Foundation
import Testing

/// Editions readers can trust (issue #23): the record lives in `Editions/`, only publishing cuts an edition, and
/// previews show what is not published yet.
@Suite struct EditionTests {
    /// `smallSite` with its brief's judgment at `likelihood`.
    static func brief(likelihood: String) -> String {
        smallSite.replacingOccurrences(of: "likelihood: likely\n", with: "likelihood: \(likelihood)\n")
    }

    /// A source nobody cites, to remove in a correction.
    static let memo = """
    -- Content/sources/memo.txt --
    date 2026-03-01 A memo about the review.
    """

    /// `smallSite` with its review event citing the wire with `quote`.
    static func review(quote: String) -> String {
        smallSite.replacingOccurrences(of: #"quote: 'it would "review the contract"'"#, with: "quote: '\(quote)'")
    }

    static func build(_ site: SiteFixture, _ mode: EditionMode) -> SiteBuilder.Result {
        SiteBuilder(options: .init(siteFolder: site.folder, editions: mode)).build()
    }

    static func editionFiles(_ site: SiteFixture) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: site.folder.appendingPathComponent("Editions").path)) ?? []).sorted()
    }

    @Test func anEditMadeAndUndoneBeforePublishingLeavesNoTrace() throws {
        let site = try SiteFixture(smallSite)
        defer { site.remove() }
        try site.cutEdition()
        try site.write(Self.brief(likelihood: "roughly even chance"))
        #expect(Self.build(site, .drafts).succeeded)
        let draft = try #require(site.output("changes/index.html"))
        #expect(draft.contains("Unpublished changes since edition 1"))
        #expect(draft.contains("<span class=\"meta-label\">Likelihood</span> likely → roughly even chance"))
        #expect(Self.build(site, .published).succeeded)
        #expect(site.output("changes/index.html")?.contains("Unpublished") == false, "a plain build shows published editions only")
        try site.write(Self.brief(likelihood: "likely"))
        #expect(Self.build(site, .drafts).succeeded)
        #expect(site.output("changes/index.html")?.contains("Unpublished") == false)
        #expect(throws: SiteFixture.NoEdition.self) { try site.cutEdition() }
        #expect(Self.editionFiles(site) == ["0001.json"])
    }

    @Test func buildsNeverCutAnEdition() throws {
        let site = try SiteFixture(smallSite)
        defer { site.remove() }
        #expect(Self.build(site, .drafts).succeeded)
        #expect(site.output("changes/index.html")?.contains("Unpublished: the first edition") == true)
        let incremental = IncrementalBuilder(options: .init(siteFolder: site.folder, editions: .drafts))
        #expect(incremental.build().succeeded)
        try site.write(Self.brief(likelihood: "unlikely"))
        #expect(incremental.build().succeeded)
        #expect(site.build().succeeded)
        #expect(Self.editionFiles(site) == [])
        #expect(site.output("changes/index.html")?.contains("No edition has been published yet.") == true)
    }

    @Test func servePreviewShowsUnpublishedChangesAndFollowsNewEditions() throws {
        let site = try SiteFixture(smallSite)
        defer { site.remove() }
        try site.cutEdition()
        // What `dossier serve` builds with.
        let serve = IncrementalBuilder(options: .init(siteFolder: site.folder, editions: .drafts))
        #expect(serve.build().succeeded)
        #expect(site.output("changes/index.html")?.contains("Unpublished") == false)
        try site.write(Self.brief(likelihood: "very likely"))
        #expect(serve.build(changed: ["Content/briefs/where-it-stands.md"]).succeeded)
        let page = try #require(site.output("changes/index.html"))
        #expect(page.contains("<h2 id=\"unpublished-heading\" class=\"section-title\">Unpublished changes since edition 1"))
        #expect(page.contains("published as edition 2."))
        try site.cutEdition(note: "Raised the odds of a deal.")
        #expect(serve.build(changed: ["Editions/0002.json"]).succeeded)
        let after = try #require(site.output("changes/index.html"))
        #expect(!after.contains("Unpublished"))
        #expect(after.contains("Raised the odds of a deal."))
    }

    @Test func noteShowsOnTheChangesPageItsFeedAndTheHomePage() throws {
        let site = try SiteFixture(smallSite)
        defer { site.remove() }
        try site.cutEdition(note: "First look at the <review> & its terms.")
        #expect(site.build().succeeded)
        let escaped = "First look at the &lt;review&gt; &amp; its terms."
        #expect(site.output("changes/index.html")?.contains("<span class=\"meta-label\">Note</span> \(escaped)") == true)
        #expect(site.output("changes/1/index.html")?.contains(escaped) == true)
        #expect(site.output("index.html")?.contains("First edition. \(escaped) <a href=\"changes/1/\">") == true)
        let feed = try #require(site.output("changes/feed.xml"))
        #expect(feed.contains("First look at the &lt;review&gt; &amp; its terms. (First edition)"))
    }

    @Test func correctionsAreListedFirst() throws {
        let site = try SiteFixture(smallSite + "\n" + Self.memo)
        defer { site.remove() }
        try site.cutEdition()
        try site.write(Self.review(quote: "The Agency said it would").replacingOccurrences(of: "likelihood: likely\n", with: "likelihood: unlikely\n")
            + "\n-- Content/sources/memo.txt --\n<delete>")
        let record = try site.cutEdition()
        #expect(record.edition.corrections.map(\.kind) == [.sourceRemoved, .quoteChanged, .likelihoodLowered])
        #expect(record.edition.summary.hasPrefix("3 corrections"))
        #expect(site.build().succeeded)
        let page = try #require(site.output("changes/index.html"))
        let corrections = try #require(page.range(of: "<h3>Corrections</h3>"))
        #expect(page.range(of: "<h3>Removed</h3>").map { corrections.lowerBound < $0.lowerBound } == true, "corrections come first")
        #expect(page.contains("<span class=\"correction-label\">Source removed:</span> A memo about the review."))
        #expect(page.contains("<span class=\"correction-label\">Quote changed in</span> <a href=\"../events/review/\">Review announced</a>: "
            + "<q>it would &quot;review the contract&quot;</q> now reads <q>The Agency said it would</q>"))
        #expect(page.contains("<span class=\"correction-label\">Judgment lowered in</span> <a href=\"../briefs/where-it-stands/\">"
            + "Where it stands</a>: The review ends with a new contract. (likely → unlikely)"))
        #expect(site.output("changes/feed.xml")?.contains("Quote changed in Review announced") == true)
        // Raising a likelihood again is a change, not a correction.
        try site.write(Self.review(quote: "The Agency said it would"))
        #expect(try site.cutEdition().edition.corrections == [])
    }

    @Test func theHistoryFolderAloneRebuildsTheChangesPages() throws {
        let site = try SiteFixture(smallSite)
        defer { site.remove() }
        try site.cutEdition()
        try site.write(Self.brief(likelihood: "unlikely"))
        try site.cutEdition(note: "Lowered the odds.")
        #expect(SiteBuilder(options: .init(siteFolder: site.folder)).build(usingStamp: true, tool: "test").succeeded)
        let paths = ["changes/index.html", "changes/1/index.html", "changes/2/index.html", "changes/feed.xml", "index.html"]
        let before = paths.map(site.output)
        for folder in ["Output", ".dossier"] { try FileManager.default.removeItem(at: site.folder.appendingPathComponent(folder)) }
        #expect(SiteBuilder(options: .init(siteFolder: site.folder)).build(usingStamp: true, tool: "test").succeeded)
        #expect(paths.map(site.output) == before)
        #expect(before.allSatisfy { $0 != nil })
    }

    @Test func eachEditionHasAPageSayingWhatTheBriefingSaidThen() throws {
        let site = try SiteFixture(smallSite)
        defer { site.remove() }
        try site.cutEdition()
        try site.write(Self.brief(likelihood: "unlikely"))
        try site.cutEdition(at: Date(timeIntervalSince1970: 1_772_884_800))
        #expect(site.build().succeeded)
        let first = try #require(site.output("changes/1/index.html"))
        #expect(first.contains("<h1>Edition 1</h1>"))
        #expect(first.contains("The review ends with a new contract. <span class=\"meta-label\">Likelihood</span> likely"),
                "what the briefing said then, not now")
        #expect(first.contains("<a href=\"../../changes/2/\">Edition 2 (newer)</a>"))
        let second = try #require(site.output("changes/2/index.html"))
        #expect(second.contains("<time datetime=\"2026-03-07\">"))
        #expect(second.contains("<span class=\"meta-label\">Likelihood</span> unlikely"))
        #expect(site.output("changes/index.html")?.contains("<a href=\"../changes/2/\">Edition 2</a>") == true)
        #expect(site.output("sitemap.xml")?.contains("https://example.org/briefing/changes/1/") == true)
    }

    @Test func theChangesPageListsThirtyEditionsAndTheFolderKeepsAll() throws {
        let site = try SiteFixture(smallSite)
        defer { site.remove() }
        let terms = ["likely", "very likely"]
        for i in 0..<32 {
            try site.write(Self.brief(likelihood: terms[i % 2]))
            try site.cutEdition()
        }
        #expect(Self.editionFiles(site).count == 32)
        #expect(site.build().succeeded)
        let page = try #require(site.output("changes/index.html"))
        #expect(page.contains("id=\"edition-32\"") && page.contains("id=\"edition-3\"") && !page.contains("id=\"edition-2\""))
        #expect(page.contains("The 2 earlier editions each have their own page, from <a href=\"../changes/1/\">edition 1</a> on."))
        #expect(site.output("changes/1/index.html") != nil)
    }

    @Test func editionFilesArePrettyStableAndNeverOverwritten() throws {
        let site = try SiteFixture(smallSite)
        defer { site.remove() }
        let record = try site.cutEdition(note: "One.")
        let text = try #require(site.read("Editions/0001.json"))
        #expect(text.hasPrefix("{\n  \"format\": 1,\n  \"edition\": 1,\n  \"date\": \"2026-03-06\",\n  \"note\": \"One.\",\n  \"first\": true,"))
        #expect(text.contains("\"quotes\": [\n      {\n        \"kind\": \"brief\",\n        \"id\": \"where-it-stands\","))
        #expect(Array(text.utf8) == record.bytes)
        #expect(throws: (any Error).self) { try EditionHistory.write(record, siteFolder: site.folder) }
        #expect(site.read("Editions/0001.json") == text)
        #expect(Self.editionFiles(site) == ["0001.json"], "no temporary file is left behind")
        let (history, problems) = EditionHistory.load(siteFolder: site.folder)
        #expect(problems.isEmpty && history.records == [record])
    }

    @Test func aGapInTheHistoryIsAnError() throws {
        let site = try SiteFixture(smallSite)
        defer { site.remove() }
        try site.cutEdition()
        try site.write(Self.brief(likelihood: "unlikely"))
        try site.cutEdition()
        try site.write(Self.brief(likelihood: "likely"))
        try site.cutEdition()
        try FileManager.default.removeItem(at: site.folder.appendingPathComponent("Editions/0002.json"))
        let result = site.build()
        #expect(SiteFixture.lines(result.diagnostics) == ["Editions/0003.json: error: edition 2 is missing before this one"])
    }

    @Test func anOldHistoryInSiteJSONIsCarriedOverOnce() throws {
        let site = try SiteFixture(smallSite + """

        -- Output/data/site.json --
        {"version":1,"generator":"Dossier","edition":2,"edition_date":"2026-03-05",
         "actors":[{"id":"agency","name":"The Agency"},{"id":"corp","name":"Example Corp"}],
         "events":[{"id":"review","title":"Review announced"}],"sources":[{"id":"wire","title":"The Agency said it would"}],
         "briefs":[{"id":"where-it-stands","title":"Where it stands","judgments":[
           {"text":"The review ends with a new contract.","likelihood":"likely","confidence":"moderate"}]}],
         "topics":[{"id":"contract","title":"The contract","stances":[
           {"actor":"corp","position":"oppose","as_of":"2026-01","summary":null,"sources":[{"source":"wire","quote":null}]}]}],
         "editions":[
           {"edition":2,"date":"2026-03-05","first":false,"counts":{"actors":2},"added":{"briefs":[],"events":[{"id":"review","title":"Review announced"}],
            "actors":[],"topics":[],"sources":[]},"removed":{"briefs":[],"events":[],"actors":[],"topics":[],"sources":[]},"stances":[],"judgments":[]},
           {"edition":1,"date":"2026-03-01","first":true,"counts":{"actors":2},"added":{"briefs":[],"events":[],"actors":[],"topics":[],"sources":[]},
            "removed":{"briefs":[],"events":[],"actors":[],"topics":[],"sources":[]},"stances":[],"judgments":[]}]}
        """)
        defer { site.remove() }
        let first = site.build()
        #expect(first.succeeded)
        #expect(SiteFixture.lines(first.diagnostics) == [
            "Editions: warning: carried editions 1–2 over from \(site.folder.path)/Output/data/site.json into Editions/; "
                + "commit that folder with your content",
        ])
        #expect(Self.editionFiles(site) == ["0001.json", "0002.json"])
        let page = try #require(site.output("changes/index.html"))
        #expect(page.contains("id=\"edition-2\"") && page.contains("id=\"edition-1\""))
        #expect(site.output("changes/1/index.html")?.contains("carried over from an earlier history") == true)
        #expect(site.build().diagnostics.isEmpty, "carried over once")
        // The stored model is edition 2's snapshot: the stance that changed since is the next edition's news.
        let next = try site.cutEdition()
        #expect(next.edition.edition == 3)
        #expect(next.edition.stances.map(\.to) == ["mixed"])
    }

    @Test func editionsAreDeterministic() throws {
        let one = try SiteFixture(smallSite), two = try SiteFixture(smallSite)
        defer { one.remove(); two.remove() }
        for site in [one, two] {
            try site.cutEdition(note: "Same.")
            try site.write(Self.review(quote: "The Agency said it would"))
            try site.cutEdition()
            #expect(site.build().succeeded)
        }
        for path in ["Editions/0001.json", "Editions/0002.json", "Output/changes/index.html", "Output/changes/2/index.html"] {
            #expect(one.read(path) != nil && one.read(path) == two.read(path), "\(path)")
        }
    }
}
