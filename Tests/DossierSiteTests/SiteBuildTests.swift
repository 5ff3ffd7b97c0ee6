import DossierModel
import DossierSite
import DossierTestSupport
import DossierTesting
import Foundation
import Testing

/// A small complete site used by several tests.
let smallSite = minimalConfig + """

-- Content/sources/wire.txt --
date 2026-03-05 The Agency said it would “review the contract” with Example Corp.

Officials described the talks as constructive — but no deal was reached.
-- Content/actors/agency.md --
---
name: The Agency
kind: government
role: Contracting authority
relations:
  - to: corp
    type: negotiated-with
    sources: [wire]
---
The agency that holds the contract with [[corp]].
-- Content/actors/corp.md --
---
name: Example Corp
kind: organization
---
-- Content/events/review.md --
---
title: Review announced
date: 2026-02-27
approximate: true
actors: [agency, corp]
topics: [contract]
sources:
  - source: wire
    quote: 'it would "review the contract"'
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
    position: mixed
    as_of: 2026-03
    summary: Open to talks.
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
    likelihood: likely
    confidence: moderate
---
## Bottom line

[[agency|The regulator]] will review the deal [@wire "no deal was reached"]. Not a link: `[[nothing]]`.
"""

@Suite struct SiteBuildTests {
    @Test func buildsEveryPageKind() throws {
        let site = try SiteFixture(smallSite)
        defer { site.remove() }
        let result = site.build()
        #expect(SiteFixture.lines(result.diagnostics) == [])
        #expect(result.succeeded)
        let files = site.outputFiles()
        for page in ["index.html", "404.html", "briefs/index.html", "briefs/where-it-stands/index.html", "actors/index.html",
                     "actors/agency/index.html", "actors/corp/index.html", "events/review/index.html", "timeline/index.html",
                     "topics/index.html", "topics/contract/index.html", "stances/index.html", "sources/index.html",
                     "sources/wire/index.html", "timeline/2026/02/index.html", "assets/style.css", ".dossier-manifest.json"] {
            #expect(files.contains(page), "missing \(page)")
        }
        #expect(result.pageCount == 17)
    }

    @Test func bodiesLinkAndCiteRelatively() throws {
        let site = try SiteFixture(smallSite)
        defer { site.remove() }
        site.build()
        let brief = try #require(site.output("briefs/where-it-stands/index.html"))
        #expect(brief.contains("<a href=\"../../actors/agency/\">The regulator</a>"))
        #expect(brief.contains("href=\"#ref-1\""))
        #expect(brief.contains("<code>[[nothing]]</code>"))
        #expect(brief.contains("../../sources/wire/#q-3:~:text=no%20deal%20was%20reached"))
        #expect(!brief.contains("href=\"/"), "links between pages must be relative")
        #expect(brief.contains("https://example.org/briefing/briefs/where-it-stands/"), "canonical URL from base_url")
    }

    @Test func sourcePageMarksCitedPassages() throws {
        let site = try SiteFixture(smallSite)
        defer { site.remove() }
        site.build()
        let page = try #require(site.output("sources/wire/index.html"))
        #expect(page.contains("<mark id=\"q-1\" class=\"quote\">it would “review the contract”</mark>"))
        #expect(page.contains("<mark id=\"q-2\" class=\"quote\">described the talks as constructive</mark>"))
        #expect(!page.contains("date 2026-03-05"), "the date line is metadata, not article text")
    }

    @Test func timelineShowsApproximateDates() throws {
        let site = try SiteFixture(smallSite)
        defer { site.remove() }
        site.build()
        let timeline = try #require(site.output("timeline/index.html"))
        #expect(timeline.contains("about late February 2026"))
        #expect(timeline.contains("February 2026"))
        let actor = try #require(site.output("actors/corp/index.html"))
        #expect(actor.contains("Review announced"))
        #expect(actor.contains("Open to talks."))
        #expect(actor.contains("The Agency"), "relations are shown both ways")
    }

    @Test func failedBuildLeavesOutputAlone() throws {
        let site = try SiteTestBuilder(smallSite, mode: .rerun)
        site.build().assertSucceeded()
        let before = site.outputFiles().map { ($0, site.output($0)) }
        try site.write("""
        -- Content/actors/corp.md --
        ---
        name: Example Corp
        kind: company
        ---
        """)
        site.build().assertFailed(with:
            "Content/actors/corp.md:3:7: error: 'kind' must be one of person, organization, government, group, other; found 'company'")
        let after = site.outputFiles().map { ($0, site.output($0)) }
        #expect(before.map(\.0) == after.map(\.0))
        #expect(before.map(\.1) == after.map(\.1))
    }

    @Test func failedBuildIntoAnEmptyOrAbsentFolderLeavesItSo() throws {
        // Only event pages fail, so a clean build has written other pages before the failure shows.
        let site = try SiteFixture(smallSite + """

        -- Templates/event.mustache --
        {{<layout}}{{$main}}{{no_such_name}}{{/main}}{{/layout}}
        """)
        defer { site.remove() }
        let output = site.folder.appendingPathComponent("Output")
        let absent = site.build()
        #expect(!absent.succeeded)
        #expect(SiteFixture.lines(absent.diagnostics).contains { $0.contains("unknown name 'no_such_name'") })
        #expect(!FileManager.default.fileExists(atPath: output.path), "an absent output folder stays absent")
        try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
        #expect(!site.build().succeeded)
        #expect(try FileManager.default.contentsOfDirectory(atPath: output.path) == [], "an empty output folder stays empty")
    }

    @Test func rebuildWritesOnlyChangesAndRemovesOnlyItsOwnFiles() throws {
        let site = try SiteTestBuilder(smallSite, mode: .rerun)
        let first = try #require(site.build().result)
        #expect(first.written == first.fileCount)
        let second = try #require(site.build().result)
        #expect(second.written == 0)
        #expect(second.unchanged == first.fileCount)
        try Data("mine".utf8).write(to: site.folder.appendingPathComponent("Output/CNAME"))
        try site.remove("Content/briefs/where-it-stands.md")
        let third = try #require(site.build().assertSucceeded().result)
        #expect(third.removed == 2, "the brief's page, and the search index's last document file (one document fewer)")
        site.assertMissing("briefs/where-it-stands/index.html")
        #expect(site.output("CNAME") == "mine", "files the build did not write are never removed")
    }

    @Test func outputIsDeterministic() throws {
        let a = try SiteFixture(smallSite)
        let b = try SiteFixture(smallSite)
        defer { a.remove(); b.remove() }
        a.build()
        b.build()
        let files = a.outputFiles()
        #expect(files == b.outputFiles())
        for f in files { #expect(a.output(f) == b.output(f), "\(f) differs between two builds") }
    }

    /// Under `dossier watch` too: a template edit renders the pages drawn with it again, and a misspelt name in it
    /// fails the build at the name's line and column.
    @Test func siteTemplateOverridesDefaultAndStrictNamesAreErrors() throws {
        let site = try SiteTestBuilder(smallSite + """

        -- Templates/404.mustache --
        {{<layout}}{{$main}}<p>Lost: {{site.title}}</p>{{/main}}{{/layout}}
        """)
        site.build().assertSucceeded()
        site.assertFileContent("404.html", contains: "<p>Lost: Test briefing</p>")
        try site.edit("Templates/404.mustache") { $0.replacingOccurrences(of: "Lost:", with: "Gone:") }
        site.build().assertSucceeded().assertRendered("404.html")
        site.assertFileContent("404.html", contains: "<p>Gone: Test briefing</p>")
        try site.write("""
        -- Templates/404.mustache --
        {{<layout}}{{$main}}
        <p>{{site.titel}}</p>{{/main}}{{/layout}}
        """)
        site.build().assertFailed(with: "Templates/404.mustache:2:4: error: unknown name 'site.titel'")
        site.assertFileContent("404.html", contains: "<p>Gone: Test briefing</p>")
    }

    @Test func rawHTMLIsOmittedUnlessTheSiteOptsIn() throws {
        let body = """

        -- Content/briefs/raw.md --
        ---
        title: Raw
        date: 2026-03-01
        ---
        Hello <script>alert(1)</script> <b>bold</b>
        """
        let safe = try SiteFixture(smallSite + body)
        defer { safe.remove() }
        safe.build()
        let page = try #require(safe.output("briefs/raw/index.html"))
        #expect(!page.contains("<script>alert(1)</script>"))
        #expect(!page.contains("<b>bold</b>"))
        let unsafe = try SiteFixture(smallSite.replacingOccurrences(of: "base_url:", with: "unsafe_html: true\nbase_url:") + body)
        defer { unsafe.remove() }
        unsafe.build()
        #expect(unsafe.output("briefs/raw/index.html")?.contains("<b>bold</b>") == true)
    }

    @Test func frontMatterValuesAreEscaped() throws {
        let site = try SiteFixture(smallSite.replacingOccurrences(of: "name: Example Corp", with: "name: \"<img src=x onerror=alert(1)> & Co\""))
        defer { site.remove() }
        #expect(site.build().succeeded)
        let page = try #require(site.output("actors/corp/index.html"))
        #expect(!page.contains("<img src=x"))
        #expect(page.contains("&lt;img src=x onerror=alert(1)&gt; &amp; Co"))
    }

    @Test func worksUnderABaseURLWithAPath() throws {
        let site = try SiteFixture(smallSite)
        defer { site.remove() }
        site.build(baseURL: "https://example.org/deep/path/")
        let notFound = try #require(site.output("404.html"))
        #expect(notFound.contains("https://example.org/deep/path/assets/style.css"), "the 404 page is served at any path, so its links are absolute")
        let actor = try #require(site.output("actors/agency/index.html"))
        #expect(actor.contains("https://example.org/deep/path/actors/agency/"))
        #expect(actor.contains("href=\"../../assets/style.css\""))
    }
}
