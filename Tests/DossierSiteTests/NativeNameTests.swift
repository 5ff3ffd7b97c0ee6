import DossierTesting
import Foundation
import Testing

/// `native_name` on actors: the name in its own script, shown beside the Latin one, exported, searched and used to
/// find mentions. Declared by one row of `Actor.fields`; nothing else in Swift names it.
@Suite struct NativeNameTests {
    static let site = """
        -- Content/site.yml --
        title: Test
        base_url: https://example.org/
        allow_uncited: true
        -- Content/actors/xi-jinping.md --
        ---
        name: Xi Jinping
        native_name: 习近平
        kind: person
        ---
        -- Content/actors/odd.md --
        ---
        name: Odd
        native_name: "<i>東京</i>"
        ---
        -- Content/actors/plain.md --
        ---
        name: Plain Actor
        ---
        -- Content/sources/xinhua.txt --
        习近平在北京会见了代表团。
        -- Content/briefs/talks.md --
        ---
        title: Talks
        date: 2026-03-01
        ---
        Nothing about anyone.
        """

    @Test func theActorPageShowsTheNativeNameBesideTheLatinOneEscaped() throws {
        let site = try SiteTestBuilder(Self.site)
        site.build().assertSucceeded()
        site.assertFileContent("actors/xi-jinping/index.html", contains: "Xi Jinping <span class=\"native-name\">习近平</span></h1>",
                               "<title>Xi Jinping (习近平) · Test</title>")
        site.assertFileContent("actors/odd/index.html", contains: "&lt;i&gt;東京&lt;/i&gt;")
        site.assertFileContent("actors/odd/index.html", lacks: "<i>東京</i>")
        site.assertFileContent("actors/plain/index.html", contains: "<h1>Plain Actor</h1>", "<title>Plain Actor · Test</title>")
        site.assertFileContent("actors/plain/index.html", lacks: "native-name")
    }

    @Test func aSourceNamingTheActorInItsOwnScriptIsAMention() throws {
        let site = try SiteTestBuilder(Self.site)
        site.build().assertSucceeded()
        site.assertFileContent("actors/xi-jinping/index.html", contains: "href=\"../../sources/xinhua/\"")
        site.assertFileContent("actors/plain/index.html", contains: "No source mentions Plain Actor by name.")
    }

    @Test func siteJSONAndTheSearchIndexHaveIt() throws {
        let site = try SiteTestBuilder(Self.site)
        site.build().assertSucceeded()
        site.assertFileContent("data/site.json", contains: "\"name\":\"Xi Jinping\",\"native_name\":\"习近平\",\"kind\":\"person\"")
        site.assertFileContent("data/site.json", contains: "\"name\":\"Plain Actor\",\"kind\":\"other\"")
        // The actor's document number, then its postings: a term's first posting is the first document holding it.
        let doc = try #require(site.outputFiles().first { site.output($0)?.contains("\"xi-jinping\"") == true && $0.hasPrefix("search/doc/") })
        let number = try #require(Int(doc.dropFirst("search/doc/".count).dropLast(".js".count)))
        try #require(number < 32, "one base-32 digit")
        let digit = Array("0123456789abcdefghijklmnopqrstuv")[number]
        let terms = site.outputFiles().filter { $0.hasPrefix("search/terms/") }.compactMap(site.output).joined()
        #expect(terms.contains("\"习\":\"\(digit)"), "the native name's characters find the actor")
    }
}
