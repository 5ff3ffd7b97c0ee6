import DossierContent
import DossierModel
import DossierTestSupport
import Foundation
import Testing

/// `site.yml` is read by its table, `SiteConfig.fields`: known keys, typed values and defaults, with every mistake
/// reported at its line and column.
@Suite struct SiteConfigTests {
    private static let actor = "\n-- Content/actors/a.md --\n---\nname: A\n---\n"

    private func load(_ siteYML: String) throws -> (SiteConfig?, [String]) {
        let fixture = try SiteFixture("-- Content/site.yml --\n" + siteYML + Self.actor)
        defer { fixture.remove() }
        let result = SiteLoader(siteFolder: fixture.folder).load()
        return (result.site?.config, SiteFixture.lines(result.diagnostics))
    }

    @Test func readsEverySettingOfTheTableWithItsDefaults() throws {
        let (config, lines) = try load("""
            title: My briefing
            description: What it follows
            base_url: https://example.org/briefing
            author: Desk
            timezone: Europe/Berlin
            unsafe_html: yes
            allow_uncited: true
            """)
        #expect(lines == [])
        #expect(config == SiteConfig(title: "My briefing", description: "What it follows", baseURL: "https://example.org/briefing/",
                                     language: "en", author: "Desk", timezone: "Europe/Berlin", unsafeHTML: true, allowUncited: true))
        let (bare, none) = try load("title: T\nlanguage: de\n")
        #expect(none == [])
        #expect(bare == SiteConfig(title: "T", baseURL: "/", language: "de"))
    }

    @Test func mistakesAreReportedWhereTheyAre() throws {
        let (_, lines) = try load("""
            title: T
            unsafe_html: maybe
            base_url: example.org
            timezon: UTC
            description: [a, b]
            """)
        #expect(lines == [
            "Content/site.yml:2:14: error: 'unsafe_html' must be true or false",
            "Content/site.yml:3:11: error: 'base_url' must be an absolute address such as https://example.org/briefing/",
            "Content/site.yml:4:1: warning: unknown field 'timezon' in site.yml (did you mean 'timezone'?); it is ignored",
            "Content/site.yml:5:14: error: 'description' must be text, not a list",
        ])
    }

    @Test func aMissingTitleIsAnErrorBesideTheOthers() throws {
        let (config, lines) = try load("language: de\nallow_uncited: 2\n")
        #expect(config == nil)
        #expect(lines == [
            "Content/site.yml:1:1: error: site.yml is missing the required field 'title'",
            "Content/site.yml:2:16: error: 'allow_uncited' must be true or false",
        ])
    }

    @Test func everyKnownKeyIsARowOfTheTable() {
        #expect(SiteConfig.fieldKeys == ["title", "description", "base_url", "language", "author", "timezone", "unsafe_html",
                                         "allow_uncited"])
        #expect(SiteConfig.fields.filter(\.required).map(\.key) == ["title"])
    }
}
