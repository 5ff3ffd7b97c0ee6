import DossierModel
@testable import DossierSite
import DossierTemplates
import DossierTesting
import Foundation
import Testing

/// Every tag of every default template is reached by some page of some site (issue #24): pages render in strict
/// mode, so a misspelt name throws, but only where it is evaluated. A name inside a section that the example site
/// never enters (`{{#same_as}}`, `{{^has_briefs}}`, a partial only some pages use) would go unnoticed; here three
/// sites written inline (one that sets every optional field and is big enough to paginate, with a history of
/// editions and unpublished changes; one small enough for the timeline chart; one empty) render every page with
/// coverage on, and every tag must have been evaluated, every section and inverted section must have run its body.
@Suite struct TemplateCoverageTests {
    /// Tags no content can reach (`template:line:column` → why); each must really be unreached, so the list cannot go
    /// stale.
    static let unreachable: [String: String] = [:]

    @Test func everyTagOfTheDefaultThemeIsReached() throws {
        let library = try TemplateLibrary(templates: Theme.builtIn.templates)
        var coverage = TemplateCoverage()
        let sites: [(name: String, files: String, editions: EditionMode)] = [
            ("full", Self.fullSite, .drafts), ("small", Self.smallSite, .published), ("empty", Self.emptySite, .published),
        ]
        for site in sites {
            let written = try SiteTestBuilder(site.files)
            let rendered = SiteBuilder(options: .init(siteFolder: written.folder, editions: site.editions)).render()
            let errors = rendered.diagnostics.filter { $0.severity == .error }.map(\.description)
            if !errors.isEmpty { Issue.record("the \(site.name) site failed:\n\(errors.prefix(5).joined(separator: "\n"))") }
            let context = try #require(rendered.context)
            #expect(!rendered.pages.isEmpty, "the \(site.name) site has no pages")
            for page in rendered.pages {
                let value = PageValues(context: context, page: page, recording: false).value()
                _ = try library.render(page.template, with: value, coverage: &coverage)
            }
        }
        let tags = library.tags
        let missed = tags.filter { !coverage.covers($0) && Self.unreachable[Self.key($0)] == nil }
        #expect(missed.isEmpty, """
            \(missed.count) tags of the default theme were never reached; set the fields that reach them in a site of \
            this test, or list them in `unreachable` with the reason:
            \(missed.map { Self.describe($0, coverage) }.joined(separator: "\n"))
            """)
        let stale = Self.unreachable.keys.filter { key in tags.contains { Self.key($0) == key && coverage.covers($0) } }
        #expect(stale.isEmpty, "listed as unreachable but reached: \(stale.sorted())")
        let unknown = Self.unreachable.keys.filter { key in !tags.contains { Self.key($0) == key } }
        #expect(unknown.isEmpty, "listed as unreachable but no such tag: \(unknown.sorted())")
    }

    static func key(_ tag: TemplateTag) -> String { tag.place.description }

    /// `Templates/actor.mustache:12:3: section 'same_as': its body never ran`.
    static func describe(_ tag: TemplateTag, _ coverage: TemplateCoverage) -> String {
        let what = coverage.wasEvaluated(tag) ? "its body never ran" : "never evaluated"
        return "Templates/\(tag.place.template).mustache:\(tag.place.line):\(tag.place.column): \(tag.kind.rawValue) '\(tag.name)': \(what)"
    }

    // MARK: The sites

    /// A site with nothing in it: what the theme shows when a list is empty.
    static let emptySite = """
        -- Content/site.yml --
        title: Empty
        """

    /// A few events, so the timeline fits on one page and draws its chart.
    static let smallSite = """
        -- Content/site.yml --
        title: Small
        allow_uncited: true
        -- Content/actors/one.md --
        ---
        name: One
        kind: person
        ---
        -- Content/actors/two.md --
        ---
        name: Two
        kind: organization
        ---
        -- Content/events/met.md --
        ---
        title: One met Two
        date: 2026-03-01
        actors: [one, two]
        ---
        -- Content/events/parted.md --
        ---
        title: One left Two
        date: 2026-03-04
        actors: [one, two]
        ---
        """

    /// Every optional field of every kind of item set somewhere, items left bare beside them, lists long enough to
    /// paginate (205 events in one month, 52 briefs, 53 sources, 35 actors, 22 topics) and 31 editions, the latest
    /// naming items that are gone as well as items that are there.
    static var fullSite: String {
        var files = fullSiteCore
        for n in 1...30 {
            files += "\n-- Content/actors/a\(n).md --\n---\nname: Actor \(n)\nkind: person\n---\n"
        }
        for n in 1...20 {
            files += "\n-- Content/topics/t\(n).md --\n---\ntitle: Topic \(n)\nstances:\n  - actor: a\(n)\n    position: neutral\n---\n"
        }
        for n in 1...205 {
            files += "\n-- Content/events/e\(n).md --\n---\ntitle: Event \(n)\ndate: 2026-03-\(String(format: "%02d", n % 28 + 1))\n"
                + "actors: [hub, a\(n % 30 + 1)]\ntopics: [main]\n---\n"
        }
        for n in 1...50 {
            files += "\n-- Content/briefs/b\(n).md --\n---\ntitle: Brief \(n)\ndate: 2026-03-10\nsummary: Summary \(n).\n"
                + "actors: [hub]\ntopics: [main]\n---\n"
            files += "\n-- Content/sources/s\(n).txt --\nSource number \(n) says little.\n"
        }
        for n in 1...30 {
            files += "\n-- Editions/\(String(format: "%04d", n)).json --\n" + Self.plainEdition(n)
        }
        return files + "\n-- Editions/0031.json --\n" + latestEdition
    }

    /// Edition `n` of the history before the latest: the first with its counts, the others with nothing changed; none
    /// keeps what the briefing said (as editions carried over from an older history).
    static func plainEdition(_ n: Int) -> String {
        let empty = #"{"briefs":[],"events":[],"actors":[],"topics":[],"sources":[]}"#
        return #"{"format":1,"edition":\#(n),"date":"2026-01-\#(n < 10 ? "0" : "")\#(n)","first":\#(n == 1),"#
            + (n == 1 ? #""counts":{"actors":2,"briefs":1},"# : "")
            + #""added":\#(empty),"removed":\#(empty),"stances":[],"judgments":[],"corrections":[],"snapshot":null}"#
    }

    /// The latest edition: every kind of change and correction, each naming an item that is still there and one
    /// that is gone, and what the briefing said then.
    static let latestEdition = """
        {"format":1,"edition":31,"date":"2026-03-20","note":"Everything at once.","first":false,
         "added":{"briefs":[{"id":"lead","title":"Lead brief"},{"id":"gone-brief","title":"Gone brief"}],
                  "events":[],"actors":[],"topics":[],"sources":[]},
         "removed":{"briefs":[],"events":[],"actors":[{"id":"org","title":"Org Maker"},{"id":"gone-actor","title":"Gone actor"}],
                    "topics":[],"sources":[]},
         "stances":[
           {"actor":"hub","actor_name":"Hub Person","topic":"main","topic_title":"Main question","from":"support","to":"oppose",
            "as_of":"2026-02","summary":"Turned against it.","sources":[{"source":"wire","quote":"the deal was close"}]},
           {"actor":"gone-actor","actor_name":"Gone actor","topic":"gone-topic","topic_title":"Gone topic","from":null,"to":"mixed",
            "as_of":null,"summary":null,"sources":[]}],
         "judgments":[
           {"brief":"lead","brief_title":"Lead brief","text":"A deal is likely.","likelihood_from":"unlikely","likelihood_to":"likely",
            "confidence_from":"moderate","confidence_to":"moderate"},
           {"brief":"gone-brief","brief_title":"Gone brief","text":"Gone.","likelihood_from":"likely","likelihood_to":"likely",
            "confidence_from":"low","confidence_to":"high"}],
         "corrections":[
           {"kind":"quote-changed","item_kind":"event","item":"big","title":"Big event","before":"old words",
            "after":"review the contract","text":null},
           {"kind":"quote-withdrawn","item_kind":"event","item":"gone-event","title":"Gone event","before":"withdrawn words",
            "after":null,"text":null},
           {"kind":"likelihood-lowered","item_kind":"brief","item":"lead","title":"Lead brief","before":"very likely",
            "after":"likely","text":"A deal is likely."},
           {"kind":"source-removed","item_kind":"source","item":"gone-source","title":"Gone source","before":null,"after":null,
            "text":null}],
         "snapshot":{"actors":[{"id":"hub","title":"Hub Person"}],
           "briefs":[{"id":"lead","title":"Lead brief","judgments":[{"text":"A deal is likely.","likelihood":"likely","confidence":"moderate"}]},
                     {"id":"gone-brief","title":"Gone brief","judgments":[{"text":"Gone.","likelihood":null,"confidence":null}]}],
           "events":[],"quotes":[],"sources":[],
           "topics":[{"id":"main","title":"Main question","stances":[
                       {"actor":"hub","position":"oppose","as_of":"2026-02","summary":null,"sources":[]},
                       {"actor":"gone-actor","position":"mixed","as_of":null,"summary":null,"sources":[]}]},
                     {"id":"gone-topic","title":"Gone topic","stances":[
                       {"actor":"hub","position":"support","as_of":null,"summary":null,"sources":[]}]}]}}
        """

    /// The items that set every field, and their bare neighbours.
    static let fullSiteCore = """
        -- Content/site.yml --
        title: Coverage
        description: Every tag of the theme, reached.
        base_url: https://example.org/briefing/
        language: en
        author: The desk
        timezone: UTC
        unsafe_html: false
        allow_uncited: true
        -- Content/actors/hub.md --
        ---
        name: Hub Person
        native_name: 中心人物
        kind: person
        role: Chief negotiator
        affiliations: [org]
        aliases: [Hubby]
        same_as: ["https://www.wikidata.org/wiki/Q42"]
        relations:
          - to: org
            type: works-for
            since: 2026-01
            sources:
              - source: wire
                quote: "spoke to Org Maker"
        ---
        Hub Person negotiates for [[org]] [@wire, p. 3].
        -- Content/actors/org.md --
        ---
        name: Org Maker
        kind: organization
        role: Model maker
        ---
        -- Content/actors/gov.md --
        ---
        name: The Government
        kind: government
        ---
        -- Content/actors/grp.md --
        ---
        name: The Group
        kind: group
        ---
        -- Content/actors/bare.md --
        ---
        name: Bare Actor
        ---
        -- Content/topics/main.md --
        ---
        title: Main question
        question: Should the deal go ahead?
        stances:
          - actor: hub
            position: support
            as_of: 2026-01
            summary: Backed the deal.
            sources:
              - source: wire
                quote: "the deal was close"
                note: Said on the record.
          - actor: hub
            position: oppose
            as_of: 2026-02
            sources: [memo]
          - actor: org
            position: mixed
            summary: Undecided.
        ---
        The analysis of [[hub]].
        -- Content/topics/bare-topic.md --
        ---
        title: Bare topic
        ---
        -- Content/events/big.md --
        ---
        title: Big event
        date: 2026-02-10
        end: 2026-02-12
        approximate: true
        importance: 3
        actors: [hub, org]
        topics: [main]
        sources:
          - source: wire
            quote: "review the contract"
          - memo
        ---
        What happened at the talks [@wire "said it would"].
        -- Content/events/bare-event.md --
        ---
        title: Bare event
        date: 2025
        ---
        -- Content/briefs/lead.md --
        ---
        title: Lead brief
        date: 2026-03-15
        summary: The bottom line.
        actors: [hub, org]
        topics: [main]
        judgments:
          - text: A deal is likely.
            likelihood: likely
            confidence: moderate
        ---
        The brief cites [@wire "review the contract"].
        -- Content/briefs/bare-brief.md --
        ---
        title: Bare brief
        date: 2026-03-16
        ---
        -- Content/sources/wire.md --
        ---
        title: The wire report
        publisher: The Wire
        url: https://news.example/wire
        author: A Reporter
        published: 2026-03-05
        retrieved: 2026-03-06
        archived_url: https://archive.example/wire
        reliability: A
        language: en
        dir: ltr
        original: originals/wire.txt
        original_sha256: 55ddcbe67eed64b0ae5e9938263044c813906afe963597ee7086ff3d885ae780
        ---
        The Agency said it would review the contract. Hub Person said the deal was close. Hubby spoke to Org Maker.
        -- Content/sources/originals/wire.txt --
        Original text.
        -- Content/sources/memo.txt --
        A memo without a date.
        -- Content/sources/empty.md --
        ---
        title: A source with no text
        ---
        """
}
