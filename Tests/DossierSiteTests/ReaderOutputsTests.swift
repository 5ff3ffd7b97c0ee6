import DossierModel
@testable import DossierSite
import DossierTestSupport
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing

/// Feeds, sitemap, metadata, exports, pictures, search and the changes page (issue #8).
@Suite struct ReaderOutputsTests {
    /// A site with one more, unconnected actor (to remove later) and a stance summary that needs CSV quoting.
    static let site = smallSite + """

    -- Content/actors/bystander.md --
    ---
    name: Société Bystander
    kind: group
    aliases: ["Crème Group"]
    ---
    -- Content/topics/quoting.md --
    ---
    title: Quoting, "escaped"
    stances:
      - actor: agency
        position: support
        as_of: 2026-03-01
        summary: "Commas, \\"quotes\\" and\\na new line"
        sources: [wire]
    ---
    """

    static func json(_ text: String?) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(try #require(text).utf8))
    }

    @Test func siteFeedHasBriefsAndEventsNewestFirstWithStableIDs() throws {
        let site = try SiteFixture(Self.site)
        defer { site.remove() }
        #expect(site.build().succeeded)
        let feed = try #require(site.output("feed.xml"))
        #expect(feed.hasPrefix("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\""))
        #expect(feed.contains("<id>https://example.org/briefing/briefs/where-it-stands/</id>"))
        #expect(feed.contains("<id>https://example.org/briefing/events/review/</id>"))
        // Newest first: the brief (5 March) before the event (late February).
        let brief = try #require(feed.range(of: "briefs/where-it-stands/</id>")), event = try #require(feed.range(of: "events/review/</id>"))
        #expect(brief.lowerBound < event.lowerBound)
        // Updated times come from content dates.
        #expect(feed.contains("<updated>2026-03-05T00:00:00Z</updated>"))
        #expect(feed.contains("<updated>2026-02-27T00:00:00Z</updated>"))
        #expect(feed.contains("<link rel=\"self\" type=\"application/atom+xml\" href=\"https://example.org/briefing/feed.xml\"/>"))
        // Per actor and per topic, linked from their pages.
        let actorFeed = try #require(site.output("actors/corp/feed.xml"))
        #expect(actorFeed.contains("events/review/</id>"))
        #expect(actorFeed.contains("<title>Example Corp: mixed — The contract</title>"))
        #expect(site.output("topics/contract/feed.xml")?.contains("events/review/</id>") == true)
        let actorPage = try #require(site.output("actors/corp/index.html"))
        #expect(actorPage.contains("<link rel=\"alternate\" type=\"application/atom+xml\" title=\"Example Corp: briefs, events and stances\" href=\"https://example.org/briefing/actors/corp/feed.xml\">"))
        #expect(actorPage.contains("<link rel=\"alternate\" type=\"application/atom+xml\" title=\"Test briefing: briefs and events\" href=\"https://example.org/briefing/feed.xml\">"))
        // A second build writes the same feed.
        site.build()
        #expect(site.output("feed.xml") == feed)
    }

    @Test func sitemapListsExactlyThePagesAndRobotsPointsToIt() throws {
        let site = try SiteFixture(Self.site)
        defer { site.remove() }
        site.build()
        let sitemap = try #require(site.output("sitemap.xml"))
        let locs = sitemap.components(separatedBy: "<loc>").dropFirst().map { String($0.prefix { $0 != "<" }) }
        let pages = site.outputFiles().filter { $0.hasSuffix(".html") && $0 != "404.html" }
            .map { "https://example.org/briefing/" + SiteURLs.folderPath($0) }
        #expect(Set(locs) == Set(pages))
        #expect(locs.count == pages.count)
        #expect(locs.contains("https://example.org/briefing/search/"))
        #expect(locs.contains("https://example.org/briefing/changes/"))
        #expect(site.output("robots.txt") == "User-agent: *\nAllow: /\n\nSitemap: https://example.org/briefing/sitemap.xml\n")
    }

    @Test func withoutAnAbsoluteBaseURLNothingClaimsAbsoluteURLs() throws {
        let site = try SiteFixture(Self.site)
        defer { site.remove() }
        #expect(site.build(baseURL: "/briefing/").succeeded)
        #expect(site.output("sitemap.xml") == nil)
        #expect(site.output("robots.txt") == "User-agent: *\nAllow: /\n")
        let home = try #require(site.output("index.html"))
        #expect(!home.contains("rel=\"canonical\""))
        #expect(!home.contains("og:url"))
        #expect(home.contains("href=\"feed.xml\""), "feed links fall back to relative URLs")
        #expect(site.output("feed.xml")?.contains("<id>urn:dossier:brief:where-it-stands</id>") == true)
    }

    @Test func pagesCarryMetadataAndEscapedJSONLD() throws {
        let site = try SiteFixture(Self.site + """

        -- Content/briefs/script.md --
        ---
        title: "Ends </script><script>alert(1)</script>"
        date: 2026-03-06
        summary: A & B
        ---
        Text [@wire "no deal was reached"].
        """)
        defer { site.remove() }
        #expect(site.build().succeeded)
        let brief = try #require(site.output("briefs/script/index.html"))
        #expect(brief.contains("<meta property=\"og:type\" content=\"article\">"))
        #expect(brief.contains("<meta property=\"og:url\" content=\"https://example.org/briefing/briefs/script/\">"))
        #expect(brief.contains("<meta name=\"twitter:card\" content=\"summary\">"))
        #expect(brief.contains("<meta name=\"description\" content=\"A &amp; B\">"))
        let start = try #require(brief.range(of: "<script type=\"application/ld+json\">"))
        let end = try #require(brief.range(of: "</script>", range: start.upperBound..<brief.endIndex))
        let ld = String(brief[start.upperBound..<end.lowerBound])
        #expect(!ld.contains("<") && !ld.contains("&"))
        #expect(ld.contains("\\u003c/script\\u003e"))
        let object = try #require(try Self.json(ld) as? [String: Any])
        let graph = try #require(object["@graph"] as? [[String: Any]])
        #expect(graph.first?["@type"] as? String == "NewsArticle")
        #expect(graph.first?["headline"] as? String == "Ends </script><script>alert(1)</script>")
        let quote = try #require(graph.first { $0["@type"] as? String == "Quotation" })
        #expect(quote["text"] as? String == "no deal was reached")
        #expect((quote["isBasedOn"] as? [String: Any])?["name"] != nil)
        let actor = try #require(site.output("actors/agency/index.html"))
        #expect(actor.contains("\"@type\":\"GovernmentOrganization\""))
        let event = try #require(site.output("events/review/index.html"))
        #expect(event.contains("\"@type\":\"Event\",\"@id\":\"https://example.org/briefing/events/review/#event\""))
    }

    @Test func calendarHasStableUIDsAndAllDayEvents() throws {
        let site = try SiteFixture(Self.site)
        defer { site.remove() }
        site.build()
        let ics = try #require(site.output("data/events.ics"))
        #expect(ics.hasPrefix("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"))
        #expect(ics.contains("UID:review@example.org\r\n"))
        // About late February: the range 21–28 February, DTEND exclusive.
        #expect(ics.contains("DTSTART;VALUE=DATE:20260221\r\nDTEND;VALUE=DATE:20260301\r\n"))
        #expect(ics.contains("DTSTAMP:20260227T000000Z\r\n"))
        #expect(!ics.split(separator: "\r\n").contains { $0.utf8.count > 75 })
        let again = try SiteFixture(Self.site)
        defer { again.remove() }
        again.build()
        #expect(again.output("data/events.ics") == ics)
    }

    @Test func stancesCSVQuotesCommasQuotesAndNewlines() throws {
        let site = try SiteFixture(Self.site)
        defer { site.remove() }
        site.build()
        let csv = try #require(site.output("data/stances.csv"))
        #expect(csv.hasPrefix("actor,topic,position,as_of,summary,sources\r\n"))
        #expect(csv.contains("The Agency,\"Quoting, \"\"escaped\"\"\",support,2026-03-01,\"Commas, \"\"quotes\"\" and\na new line\",wire\r\n"))
        #expect(csv.contains("Example Corp,The contract,mixed,2026-03,Open to talks.,wire: “described the talks as constructive”\r\n"))
        #expect(StancesCSV.field("plain") == "plain")
        #expect(StancesCSV.field(" padded") == "\" padded\"")
        #expect(StancesCSV.field("trailing ") == "\"trailing \"")
        #expect(StancesCSV.field("one\r\ntwo") == "\"one\r\ntwo\"")
        #expect(StancesCSV.field("no, ok") == "\"no, ok\"")
        #expect(StancesCSV.field("Société “générale”") == "Société “générale”")
    }

    @Test func timelineJSAndKumuExportsHaveTheirShapes() throws {
        let site = try SiteFixture(Self.site)
        defer { site.remove() }
        site.build()
        let timeline = try #require(try Self.json(site.output("data/timeline.json")) as? [String: Any])
        let events = try #require(timeline["events"] as? [[String: Any]])
        #expect(events.count == 1)
        let start = try #require(events[0]["start_date"] as? [String: Any])
        #expect(start["year"] as? Int == 2026 && start["month"] as? Int == 2 && start["day"] as? Int == 27)
        #expect((events[0]["text"] as? [String: Any])?["headline"] as? String == "Review announced")
        #expect(events[0]["group"] as? String == "The Agency")
        #expect(events[0]["display_date"] as? String == "about late February 2026")
        #expect(((timeline["title"] as? [String: Any])?["text"] as? [String: Any])?["headline"] as? String == "Test briefing")

        let kumu = try #require(try Self.json(site.output("data/network.json")) as? [String: Any])
        let elements = try #require(kumu["elements"] as? [[String: Any]])
        #expect(elements.map { $0["label"] as? String } == ["The Agency", "Société Bystander", "Example Corp"])
        #expect(elements[0]["type"] as? String == "Government")
        let connections = try #require(kumu["connections"] as? [[String: Any]])
        #expect(connections.contains { $0["from"] as? String == "The Agency" && $0["to"] as? String == "Example Corp"
            && $0["type"] as? String == "negotiated-with" && $0["direction"] as? String == "directed" })
        #expect(connections.contains { $0["type"] as? String == "shared events" && $0["direction"] as? String == "undirected"
            && $0["strength"] as? Int == 1 })
    }

    @Test func graphMLExportIsTheNetworkAndEveryFooterLinksIt() throws {
        let site = try SiteFixture(Self.site)
        defer { site.remove() }
        site.build()
        let text = try #require(site.output("data/network.graphml"))
        // Read back with a real XML parser (libxml2, through FoundationXML): well formed, and the graph as written.
        let doc = try XMLDocument(xmlString: text, options: [])
        let nodes = try doc.nodes(forXPath: "//*[local-name()='node']")
        #expect(nodes.count == 3)
        let labels = try doc.nodes(forXPath: "//*[local-name()='node']/*[local-name()='data'][@key='label']").map { $0.stringValue }
        #expect(labels == ["The Agency", "Société Bystander", "Example Corp"])
        let edges = try doc.nodes(forXPath: "//*[local-name()='edge']").compactMap { $0 as? XMLElement }
        // (FoundationXML on Linux finds no attribute by name in a default namespace: look them up in the list.)
        func value(_ edge: XMLElement, _ name: String) -> String? { edge.attributes?.first { $0.name == name }?.stringValue }
        #expect(edges.contains { value($0, "source") == "agency" && value($0, "target") == "corp"
            && value($0, "directed") == "true" && $0.stringValue == "negotiated-with" })
        #expect(edges.contains { value($0, "directed") == "false" && $0.stringValue == "shared events1" })
        for page in ["index.html", "actors/agency/index.html"] {
            #expect(site.output(page)?.contains("network.graphml\" download>Network (Gephi, yEd)") == true)
        }
    }

    @Test func siteJSONHoldsTheWholeModelWithAVersion() throws {
        let site = try SiteFixture(Self.site)
        defer { site.remove() }
        try site.cutEdition()
        site.build()
        let model = try #require(try Self.json(site.output("data/site.json")) as? [String: Any])
        #expect(model["version"] as? Int == 2)
        #expect(model["edition"] as? Int == 1)
        #expect((model["actors"] as? [[String: Any]])?.count == 3)
        #expect((model["briefs"] as? [[String: Any]])?.first?["body"] as? String != nil)
        let topics = try #require(model["topics"] as? [[String: Any]])
        #expect((topics.first { $0["id"] as? String == "contract" }?["stances"] as? [[String: Any]])?.count == 2)
        #expect((model["editions"] as? [[String: Any]])?.first?["first"] as? Bool == true)
    }

    @Test func firstEditionSaysWhatItHolds() throws {
        let site = try SiteFixture(Self.site)
        defer { site.remove() }
        site.build()
        #expect(site.output("changes/index.html")?.contains("No edition has been published yet.") == true)
        #expect(site.output("index.html")?.contains("edition-note") == false)
        try site.cutEdition()
        site.build()
        let page = try #require(site.output("changes/index.html"))
        #expect(page.contains("<strong>First edition.</strong>"))
        #expect(page.contains("It holds 2 briefs") == false)
        #expect(page.contains("It holds 1 brief, 1 event, 3 actors, 2 topics and 1 source."))
        #expect(site.output("index.html")?.contains("Edition 1") == true)
        #expect(site.output("changes/feed.xml")?.contains("<title>Edition 1: First edition</title>") == true)
    }

    @Test func changesPageSaysWhatChangedAfterAnEdit() throws {
        let site = try SiteFixture(Self.site)
        defer { site.remove() }
        try site.cutEdition()
        try site.write("""
        -- Content/actors/bystander.md --
        <delete>
        -- Content/events/talks.md --
        ---
        title: Talks begin
        date: 2026-03-04
        actors: [agency]
        sources: [wire]
        ---
        -- Content/topics/contract.md --
        ---
        title: The contract
        question: Should the contract be reviewed?
        stances:
          - actor: corp
            position: oppose
            as_of: 2026-01
            sources: [wire]
          - actor: corp
            position: support
            as_of: 2026-03
            summary: Now backs the review.
            sources:
              - source: wire
                quote: described the talks as constructive
        ---
        -- Content/briefs/where-it-stands.md --
        ---
        title: Where it stands
        date: 2026-03-05
        summary: A review is coming.
        actors: [agency]
        judgments:
          - text: The review ends with a new contract.
            likelihood: very likely
            confidence: moderate
        ---
        Body.
        """)
        try site.cutEdition()
        let second = site.build()
        #expect(SiteFixture.lines(second.diagnostics) == [])
        let page = try #require(site.output("changes/index.html"))
        #expect(page.contains("Edition 2"))
        #expect(page.contains("<a href=\"../events/talks/\">Talks begin</a>"), "new event, linked")
        #expect(page.contains("<dd>Société Bystander</dd>"), "removed actor, named without a link")
        #expect(page.contains("<span class=\"pos pos-mixed\"><span class=\"pos-icon\" aria-hidden=\"true\"></span>Mixed</span> <span class=\"arrow\" aria-hidden=\"true\">→</span><span class=\"visually-hidden\">changed to</span> <span class=\"pos pos-support\">"))
        #expect(page.contains("Now backs the review.<sup class=\"cite\"><a href=\"#ref-1\""), "the new stance with its citation")
        #expect(page.contains("described the talks as constructive"), "the citation's quote is in the references")
        #expect(page.contains("<span class=\"meta-label\">Likelihood</span> likely → very likely"))
        #expect(page.contains("id=\"edition-1\""), "earlier editions stay listed")
        let feed = try #require(site.output("changes/feed.xml"))
        #expect(feed.contains("<id>https://example.org/briefing/changes/#edition-2</id>"))
        // The brief no longer cites "no deal was reached": a correction, listed first.
        #expect(feed.contains("<title>Edition 2: 1 correction, 1 new event, 1 removed item, 1 changed stance, 1 changed judgment</title>"))
        #expect(feed.contains("Quote withdrawn from Where it stands: “no deal was reached”"))
        #expect(feed.contains("<link rel=\"alternate\" type=\"text/html\" href=\"https://example.org/briefing/changes/2/\"/>"),
                "the entry links to the edition's page")
        // Rebuilding the same content against this edition changes nothing, byte for byte.
        let third = site.build()
        #expect(third.written == 0)
        #expect(site.output("changes/index.html") == page)
        let model = try #require(try Self.json(site.output("data/site.json")) as? [String: Any])
        #expect(model["edition"] as? Int == 2)
    }

    @Test func unreadableEditionIsAnErrorWithItsFile() throws {
        let site = try SiteFixture(Self.site + "\n-- Editions/0001.json --\nnot json")
        defer { site.remove() }
        let result = site.build()
        #expect(!result.succeeded)
        #expect(SiteFixture.lines(result.diagnostics).first?.hasPrefix("Editions/0001.json: error: cannot read this edition: not JSON") == true)
        #expect(site.output("changes/index.html") == nil)
    }

    @Test func contentWithErrorsCutsNoEdition() throws {
        let site = try SiteFixture(Self.site + "\n-- Content/events/bad.md --\n---\ntitle: Bad\n---\n")
        defer { site.remove() }
        let cut = EditionCut.cut(siteFolder: site.folder, at: Date(timeIntervalSince1970: 0), note: nil)
        #expect(cut.record == nil && cut.diagnostics.hasErrors)
        #expect(!FileManager.default.fileExists(atPath: site.folder.appendingPathComponent("Editions").path))
    }

    @Test func networkLayoutIsDeterministic() throws {
        let edges: [(Int, Int, Double)] = [(0, 1, 2), (1, 2, 1), (2, 3, 3), (3, 0, 1), (0, 4, 1), (5, 6, 1)]
        let a = NetworkLayout.force(count: 7, edges: edges)
        let b = NetworkLayout.force(count: 7, edges: edges)
        #expect(a == b)
        #expect(a.allSatisfy { (0...1).contains($0.x) && (0...1).contains($0.y) })
        #expect(Set(a.map { "\(SVG.n($0.x * 100)),\(SVG.n($0.y * 100))" }).count == 7, "no two nodes on the same spot")
        let site = try SiteFixture(Self.site)
        defer { site.remove() }
        site.build()
        let home = try #require(site.output("index.html"))
        #expect(home.contains("<svg class=\"chart network-chart\""))
        let again = try SiteFixture(Self.site)
        defer { again.remove() }
        again.build()
        #expect(again.output("index.html") == home)
    }

    @Test func picturesHaveTextEquivalents() throws {
        let site = try SiteFixture(Self.site)
        defer { site.remove() }
        site.build()
        let timeline = try #require(site.output("timeline/index.html"))
        #expect(timeline.contains("style=\"min-width:880px\" aria-labelledby=\"timeline-chart-title\" aria-describedby=\"timeline-chart-desc\""))
        #expect(timeline.contains("<title id=\"timeline-chart-title\">Timeline chart of 1 event</title>"))
        #expect(timeline.contains("class=\"range approximate\""), "an approximate date is drawn as a range")
        let actor = try #require(site.output("actors/agency/index.html"))
        #expect(actor.contains("neighbourhood-chart"))
        #expect(actor.contains("<li><a href=\"../../actors/corp/\">Example Corp</a>: negotiated-with; 1 shared event</li>"))
        let topic = try #require(site.output("topics/contract/index.html"))
        #expect(topic.contains("<desc id=\"strip-1-desc\">January 2026: opposes; then March 2026: mixed.</desc>"))
        let home = try #require(site.output("index.html"))
        #expect(home.contains("matrix-chart"))
        #expect(home.contains(">Mixed</text>"), "the matrix writes positions as words")
        #expect(home.contains("class=\"mark mark-mixed\""), "… and as shapes")
    }

    @Test func searchIndexFoldsCaseAndDiacritics() throws {
        let site = try SiteFixture(Self.site)
        defer { site.remove() }
        site.build()
        let manifest = try #require(site.output("search/index.js"))
        #expect(manifest.hasPrefix("window.dossierSearchIndex = {\"v\":2,"))
        let terms = try #require(site.output("search/terms/0.js"))
        #expect(terms.contains("\"societe\":") && terms.contains("\"creme\":"), "names and aliases, folded")
        #expect(SearchIndex.fold("Ça Société-GÉNÉRALE") == ["ca", "societe", "generale"])
        let page = try #require(site.output("search/index.html"))
        #expect(page.contains("<script src=\"../search/index.js\" defer></script>"))
        #expect(page.contains("<noscript>"))
        #expect(site.output("assets/search.js") != nil)
    }

    @Test func everyNewPageIsReachableAndLinksResolve() throws {
        let site = try SiteFixture(Self.site)
        defer { site.remove() }
        let rendered = SiteBuilder(options: .init(siteFolder: site.folder)).render()
        let findings = SiteChecker.check(rendered).filter { $0.severity == .error }
        #expect(SiteFixture.lines(findings) == [])
    }
}
