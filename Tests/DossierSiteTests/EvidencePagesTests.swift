import DossierTestSupport
import Foundation
import Testing

/// A site whose brief cites a pasted `.txt` source (one paragraph per line) with an elided quote, a locator and a
/// quote carrying its own quotation marks.
private let evidenceSite = minimalConfig + """

-- Content/sources/wire.txt --
Talks resumed on Monday in Geneva, and both sides said they were hopeful.
The chair said the talks would run “for a week, no longer.”
-- Content/briefs/b.md --
---
title: Brief
date: 2026-03-05
---
Hopeful [@wire "Talks resumed on Monday … both sides said they were hopeful"], briefly [@wire, para. 2],
and bounded [@wire "“for a week, no longer.”"].
"""

@Suite struct EvidencePagesTests {
    @Test func eachPartOfAnElidedQuoteIsMarkedAndTheCitationLinksStartToEnd() throws {
        let site = try SiteFixture(evidenceSite)
        defer { site.remove() }
        let result = site.build()
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
        let source = try #require(site.output("sources/wire/index.html"))
        // One paragraph per line, each part of the elided quote marked on its own.
        #expect(source.contains("<p><mark id=\"q-1\" class=\"quote\">Talks resumed on Monday</mark> in Geneva, and <mark id=\"q-2\" class=\"quote\">both sides said they were hopeful</mark>.</p>"))
        #expect(source.contains("<p>The chair said the talks would run <mark id=\"q-3\" class=\"quote\">“for a week, no longer.”</mark>"))
        let brief = try #require(site.output("briefs/b/index.html"))
        #expect(brief.contains("href=\"../../sources/wire/#q-1:~:text=Talks%20resumed%20on%20Monday,both%20sides%20said%20they%20were%20hopeful\""))
    }

    @Test func locatorsShowInTheReferenceAndQuotesLoseTheirOwnMarks() throws {
        let site = try SiteFixture(evidenceSite)
        defer { site.remove() }
        _ = site.build()
        let brief = try #require(site.output("briefs/b/index.html"))
        #expect(brief.contains("<span class=\"ref-locator\">para. 2</span>"))
        #expect(brief.contains("<blockquote class=\"ref-quote\"><p>for a week, no longer.</p></blockquote>"))
        #expect(!brief.contains("<p>“for a week"))
    }
}

/// A Markdown source whose words occur twice, the second place picked with `occurrence: 2`.
@Suite struct OccurrenceMarkTests {
    @Test func theMarkLandsOnThePickedOccurrenceInAMarkdownSource() throws {
        let site = try SiteFixture(minimalConfig + """

        -- Content/sources/wire.md --
        ---
        title: Wire
        ---
        On Monday *the talks resumed* in Geneva.

        On Friday the talks resumed in Vienna.
        -- Content/events/e.md --
        ---
        title: Talks resume
        date: 2026-03-02
        sources:
          - source: wire
            quote: "the talks resumed"
            occurrence: 2
        ---
        """)
        defer { site.remove() }
        let result = site.build()
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
        let page = try #require(site.output("sources/wire/index.html"))
        #expect(page.contains("<p>On Monday <em>the talks resumed</em> in Geneva.</p>"))
        #expect(page.contains("<p>On Friday <mark id=\"q-1\" class=\"quote\">the talks resumed</mark> in Vienna.</p>"))
    }
}
