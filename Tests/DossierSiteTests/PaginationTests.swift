import DossierContent
import DossierModel
@testable import DossierSite
import DossierTestSupport
import Foundation
import Testing

/// A generated site of `briefs` briefs, as many events, a tenth as many actors, a fiftieth as many topics and a fifth
/// as many sources (the shape of `Benchmarks/make-corpus.py`), as fixture text. Dates spread over one year.
func generatedSite(briefs n: Int) -> String {
    let actors = max(10, n / 10), topics = max(3, n / 50), sources = max(5, n / 5)
    func id(_ prefix: String, _ i: Int) -> String { prefix + "-" + String(100_000 + i).dropFirst() }
    func day(_ i: Int) -> String { "2026-" + String(101 + i % 12).dropFirst() + "-" + String(101 + i % 28).dropFirst() }
    var text = "-- Content/site.yml --\ntitle: Generated\nbase_url: https://example.org/\nlanguage: en\n"
    for i in 0..<sources {
        text += "-- Content/sources/\(id("source", i)).md --\n---\ntitle: Report \(i)\npublisher: Wire \(i % 7)\npublished: \(day(i))\n"
            + "reliability: \(["A", "B", "C"][i % 3])\n---\nOfficials described the talks as constructive in report \(i).\n"
    }
    for i in 0..<actors {
        text += "-- Content/actors/\(id("actor", i)).md --\n---\nname: Actor \(i)\nkind: \(["person", "organization", "government", "group"][i % 4])\n"
            + "role: Role \(i % 13)\n---\nActor \(i) in a sentence.\n"
    }
    for i in 0..<topics {
        var stances = ""
        for j in 0..<12 {
            stances += "  - actor: \(id("actor", (i * 31 + j * 17) % actors))\n    position: \(["support", "oppose", "mixed"][(i + j) % 3])\n"
                + "    as_of: 2026-02\n    sources: [\(id("source", (i + j) % sources))]\n"
        }
        text += "-- Content/topics/\(id("topic", i)).md --\n---\ntitle: Topic \(i)\nquestion: Should \(i) happen?\nstances:\n\(stances)---\nTopic body.\n"
    }
    for i in 0..<n {
        let names = Set((0..<3).map { id("actor", (i * 3 + $0) % actors) }).sorted().joined(separator: ", ")
        text += "-- Content/events/\(id("event", i)).md --\n---\ntitle: Event \(i) happened\ndate: \(day(i))\nactors: [\(names)]\n"
            + "topics: [\(id("topic", i % topics))]\nimportance: \(i % 3 + 1)\nsources: [\(id("source", i % sources))]\n---\nWhat happened in event \(i).\n"
        let about = Set((0..<4).map { id("actor", (i * 5 + $0) % actors) }).sorted()
        text += "-- Content/briefs/\(id("brief", i)).md --\n---\ntitle: Brief \(i)\ndate: \(day(i))\nsummary: The bottom line of brief \(i).\n"
            + "actors: [\(about.joined(separator: ", "))]\ntopics: [\(id("topic", i % topics))]\n---\n"
            + "## Bottom line\n\n[[\(about[0])]] met [[\(about[1])|the other side]] again [@\(id("source", i % sources))].\n"
    }
    return text
}

/// The `href`s of `<a>` and `<link>` elements with `rel="<rel>"` in `html`.
func relLinks(_ rel: String, in html: String) -> [String] {
    html.components(separatedBy: "rel=\"\(rel)\" href=\"").dropFirst().map { String($0.prefix { $0 != "\"" }) }
}

/// The output path a relative link from the page at `path` leads to (`../page/2/` from `briefs/index.html`).
func resolved(_ link: String, from path: String) -> String {
    var parts = path.split(separator: "/").dropLast().map(String.init)
    for part in link.split(separator: "#")[0].split(separator: "/") {
        if part == ".." { parts.removeLast() } else if part != "." { parts.append(String(part)) }
    }
    return (parts + ["index.html"]).joined(separator: "/")
}

@Suite struct PaginationTests {
    /// A 2,000-brief site: no page over 256 KB, every link resolves, and the briefs list pages link each other and every brief.
    @Test func largeSiteIsBoundedAndPaginated() throws {
        let site = try SiteFixture(generatedSite(briefs: 2000))
        defer { site.remove() }
        let rendered = SiteBuilder(options: .init(siteFolder: site.folder)).render()
        #expect(!rendered.diagnostics.hasErrors, "\(rendered.diagnostics.prefix(3))")
        let pages = Dictionary(uniqueKeysWithValues: rendered.files.filter { $0.path.hasSuffix(".html") }
            .map { ($0.path, String(decoding: $0.bytes, as: UTF8.self)) })
        let largest = pages.max { $0.value.utf8.count < $1.value.utf8.count }!
        #expect(largest.value.utf8.count <= 256 * 1024, "\(largest.key) is \(largest.value.utf8.count) bytes")

        let broken = SiteChecker.check(rendered).filter { ["broken-link", "broken-fragment", "unreachable-page"].contains($0.code) }
        #expect(broken.isEmpty, "\(broken.prefix(5).map(\.description))")

        // The briefs list: newest first on page 1, prev/next between existing pages, every brief on some page.
        let model = try #require(rendered.site)
        var path = "briefs/index.html"
        var seen: [String] = []
        var number = 1
        let count = Pagination.pageCount(model.briefs.count, size: Pagination.pageSize)
        #expect(count == 40)
        while true {
            let html = try #require(pages[path], "\(path)")
            if number > 1 {
                #expect(html.contains("<title>Briefs — page \(number) of \(count) · Generated</title>"), "\(path)")
                #expect(relLinks("prev", in: html).map { resolved($0, from: path) }.allSatisfy { pages[$0] != nil })
            } else {
                #expect(relLinks("prev", in: html).isEmpty)
            }
            let root = number == 1 ? "../" : "../../../"
            for href in html.components(separatedBy: "href=\"\(root)briefs/").dropFirst() {
                let id = String(href.prefix { $0 != "/" && $0 != "\"" })
                if id.hasPrefix("brief-"), seen.last != id { seen.append(id) }
            }
            guard let next = relLinks("next", in: html).first else { break }
            #expect(relLinks("next", in: html).count == 2, "a <link rel=next> in the head and an <a rel=next> in the pager")
            path = resolved(next, from: path)
            number += 1
        }
        #expect(number == count)
        #expect(seen == model.briefs.map(\.id), "every brief once, newest first")
        #expect(pages["briefs/page/\(count + 1)/index.html"] == nil)

        // The timeline links each month's pages; events link to the page of their month that shows them.
        #expect(pages["timeline/2026/03/index.html"] != nil)
        #expect(pages["timeline/2026/03/page/4/index.html"] != nil)
        let sitemap = String(decoding: try #require(rendered.files.first { $0.path == "sitemap.xml" }).bytes, as: UTF8.self)
        #expect(sitemap.contains("<loc>https://example.org/briefs/page/2/</loc>"))
        #expect(sitemap.contains("<loc>https://example.org/timeline/2026/03/page/2/</loc>"))
    }

    /// A list that fits on one page has no page links; an actor's full event list is linked only when it is long.
    @Test func smallSiteHasNoPageLinks() throws {
        let site = try SiteFixture(smallSite)
        defer { site.remove() }
        let rendered = SiteBuilder(options: .init(siteFolder: site.folder)).render()
        for file in rendered.files where file.path.hasSuffix(".html") {
            let html = String(decoding: file.bytes, as: UTF8.self)
            #expect(!html.contains("rel=\"next\"") && !html.contains("rel=\"prev\"") && !html.contains("class=\"pager\""), "\(file.path)")
            #expect(!html.contains("page 1 of 1") && !html.contains("/events/\""), "\(file.path)")
        }
        #expect(!rendered.files.contains { $0.path.hasPrefix("briefs/page/") })
        // The whole timeline fits on its page, which keeps its chart and lists no months; each month has its page.
        let timeline = String(decoding: try #require(rendered.files.first { $0.path == "timeline/index.html" }).bytes, as: UTF8.self)
        #expect(!timeline.contains("Every month"))
        #expect(rendered.files.contains { $0.path.hasPrefix("timeline/2026/") })
    }

    /// Over the limit, `sitemap.xml` becomes an index of sitemap files that together list every page once.
    @Test(arguments: [1, 3, 7, 100])
    func sitemapSplitsIntoAnIndex(limit: Int) {
        let pages = (0..<7).map { SitePage.item(ItemRef(.brief, "b\($0)")) } + [SitePage(kind: .notFound, path: "404.html")]
        let urls = SiteURLs(baseURL: "https://example.org/x/")
        let files = Sitemap.files(pages: pages, urls: urls, limit: limit)
        let text = Dictionary(uniqueKeysWithValues: files.map { ($0.path, String(decoding: $0.bytes, as: UTF8.self)) })
        let index = text["sitemap.xml"]!
        var listed: [String] = []
        if limit >= 7 {
            #expect(index.contains("<urlset") && files.count == 2)
            listed = index.components(separatedBy: "<loc>").dropFirst().map { String($0.prefix { $0 != "<" }) }
        } else {
            #expect(index.contains("<sitemapindex"))
            let parts = index.components(separatedBy: "<loc>").dropFirst().map { String($0.prefix { $0 != "<" }) }
            #expect(parts.count == (7 + limit - 1) / limit)
            for (i, url) in parts.enumerated() {
                #expect(url == "https://example.org/x/sitemap-\(i + 1).xml")
                let part = text["sitemap-\(i + 1).xml"]!
                let locs = part.components(separatedBy: "<loc>").dropFirst().map { String($0.prefix { $0 != "<" }) }
                #expect(locs.count <= limit)
                listed += locs
            }
        }
        #expect(listed == (0..<7).map { "https://example.org/x/briefs/b\($0)/" })
        #expect(text["robots.txt"]!.contains("Sitemap: https://example.org/x/sitemap.xml"))
    }

    @Test func pageRangesPutTheNewestFirst() {
        #expect(Pagination.range(page: 1, of: 120, size: 50) == 0..<50)
        #expect(Pagination.range(page: 3, of: 120, size: 50) == 100..<120)
        #expect(Pagination.range(page: 1, of: 120, size: 50, fromEnd: true) == 70..<120)
        #expect(Pagination.range(page: 3, of: 120, size: 50, fromEnd: true) == 0..<20)
        #expect(Pagination.pageCount(0, size: 50) == 1 && Pagination.pageCount(50, size: 50) == 1 && Pagination.pageCount(51, size: 50) == 2)
    }
}

extension IncrementalBuildTests {
    /// A site one brief short of two list pages, with 50 events in one month by one actor: adding and removing briefs
    /// and events across the page boundary keeps the incremental output equal to a clean build's.
    @Test func editsAcrossAPageBoundaryMatchCleanBuilds() throws {
        var text = "-- Content/site.yml --\ntitle: Boundary\nbase_url: https://example.org/\nallow_uncited: true\n"
            + "-- Content/actors/a.md --\n---\nname: A\n---\n-- Content/topics/t.md --\n---\ntitle: T\nstances:\n  - actor: a\n    position: support\n---\n"
        func brief(_ i: Int) -> String {
            "-- Content/briefs/b\(i).md --\n---\ntitle: Brief \(i)\ndate: 2026-03-\(String(101 + i % 28).dropFirst())\nactors: [a]\ntopics: [t]\n---\nBody [[a]].\n"
        }
        func event(_ i: Int, day: Int) -> String {
            "-- Content/events/e\(i).md --\n---\ntitle: Event \(i)\ndate: 2026-03-\(String(100 + day).dropFirst())\nactors: [a]\ntopics: [t]\n---\n"
        }
        for i in 0..<50 { text += brief(i) + event(i, day: 1 + i % 28) }
        let site = try SiteFixture(text)
        let clean = FileManager.default.temporaryDirectory.appendingPathComponent("dossier-clean-\(UUID().uuidString)")
        defer { site.remove(); try? FileManager.default.removeItem(at: clean) }
        let builder = IncrementalBuilder(options: .init(siteFolder: site.folder))
        let first = builder.build()
        #expect(first.succeeded, "\(first.diagnostics.prefix(2))")
        // The clean builds go on in their own folder from the same start, so their editions match.
        #expect(SiteBuilder(options: .init(siteFolder: site.folder, outputFolder: clean)).build().succeeded)
        let edits: [(String, String)] = [
            (brief(50) + event(50, day: 1), "a 51st brief and an early event: second pages appear, events move a page"),
            (event(51, day: 28) + brief(51), "a late event and a brief"),
            ("-- Content/briefs/b3.md --\n<delete>\n-- Content/briefs/b50.md --\n<delete>\n-- Content/events/e50.md --\n<delete>\n", "back over the boundary"),
            ("-- Content/events/e51.md --\n<delete>\n", "back to one page"),
        ]
        // Which second pages each step leaves: of the briefs lists, then of the event lists.
        let briefPages = ["briefs/page/2/index.html", "topics/t/briefs/page/2/index.html", "actors/a/briefs/page/2/index.html"]
        let eventPages = ["timeline/2026/03/page/2/index.html", "actors/a/events/page/2/index.html", "topics/t/events/page/2/index.html"]
        let expected = [(true, true), (true, true), (false, true), (false, false)]
        for (step, (fixture, description)) in edits.enumerated() {
            try site.write(fixture)
            let changed = SiteEditor.Edit(fixture: fixture, description: description).paths
            let result = builder.build(changed: changed)
            #expect(result.succeeded, "\(description): \(result.diagnostics.prefix(2))")
            #expect(SiteBuilder(options: .init(siteFolder: site.folder, outputFolder: clean)).build().succeeded)
            let a = snapshot(site.folder.appendingPathComponent("Output")), b = snapshot(clean)
            #expect(a.keys.sorted() == b.keys.sorted(), "\(description)")
            #expect(a.keys.filter { a[$0] != b[$0] }.sorted() == [], "\(description)")
            if step == 1 {
                // A late event moves no other event to another page of the month: their pages are kept.
                #expect(!result.rendered.contains("events/e0/index.html") && result.rendered.contains("events/e51/index.html"))
            }
            #expect(briefPages.allSatisfy { (a[$0] != nil) == expected[step].0 }, "\(description)")
            #expect(eventPages.allSatisfy { (a[$0] != nil) == expected[step].1 }, "\(description)")
        }
    }
}
