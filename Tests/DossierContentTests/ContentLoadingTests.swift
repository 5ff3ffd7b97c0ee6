import DossierContent
import DossierModel
import DossierTestSupport
import Foundation
import Testing

/// Loads a fixture site and returns its model and printed diagnostics.
private func load(_ text: String) throws -> (SiteModel?, [String]) {
    let fixture = try SiteFixture(text)
    defer { fixture.remove() }
    let result = SiteLoader(siteFolder: fixture.folder).load()
    return (result.site, SiteFixture.lines(result.diagnostics))
}

private let source = """
-- Content/sources/report.txt --
 date 2026-03-05 The Agency said it would “review the contract” with the firm.

Officials described the talks as constructive — but no deal was reached.
"""

@Suite struct ContentLoadingTests {
    @Test func readsEveryKindWithPartialDatesAndHistories() throws {
        let (site, diagnostics) = try load(minimalConfig + "\n" + source + """

        -- Content/actors/agency.md --
        ---
        name: The Agency
        kind: government
        aliases: [Agency]
        relations:
          - to: firm
            type: negotiated-with
            since: 2026-02
            sources: [report]
        ---
        Body of [[firm]].
        -- Content/actors/firm.md --
        ---
        name: The Firm
        kind: organization
        ---
        -- Content/events/review.md --
        ---
        title: Review announced
        date: 2026-02
        approximate: true
        actors: [agency]
        topics: [contract]
        sources:
          - source: report
            quote: "it would \\"review the contract\\""
        ---
        -- Content/topics/contract.md --
        ---
        title: The contract
        stances:
          - actor: agency
            position: oppose
            as_of: 2026-01
            sources: [report]
          - actor: agency
            position: support
            as_of: 2026-03
            sources: [report]
        ---
        -- Content/briefs/b.md --
        ---
        title: Brief
        date: 2026-03-05
        actors: [firm]
        judgments:
          - text: A deal follows.
            likelihood: likely
            confidence: moderate
        ---
        See [[agency|them]] [@report "no deal was reached"].
        """)
        #expect(diagnostics == [])
        let s = try #require(site)
        #expect(s.actors.map(\.id) == ["agency", "firm"])
        #expect(s.event("review")?.date == PartialDate(year: 2026, month: 2))
        #expect(s.event("review")?.approximate == true)
        #expect(s.topic("contract")?.stances.map(\.position) == [.oppose, .support])
        #expect(s.source("report")?.published == PartialDate(year: 2026, month: 3, day: 5))
        #expect(s.source("report")?.title == "The Agency said it would “review the contract” with the firm.")
        #expect(s.eventsByActor["agency"] == ["review"])
        #expect(s.stancesByActor["agency"]?.count == 2)
        #expect(s.relationsTo["firm"] == [RelationRef(from: "agency", index: 0)])
        #expect(s.briefsByActor["agency"] == ["b"])
        #expect(s.briefsByActor["firm"] == ["b"])
        #expect(s.sourcesMentioning["agency"] == ["report"])
        #expect(s.passages["report"]?.map(\.anchor) == ["q-1", "q-2"])
        #expect(s.passages["report"]?.first?.text == "it would “review the contract”")
        #expect(s.citations["report"]?.count == 5)
    }

    @Test func bodyReferencesReportEveryKindOfMistakeAndKeepWhatHolds() throws {
        let (site, diagnostics) = try load(minimalConfig + "\n" + source + """

        -- Content/actors/agency.md --
        ---
        name: The Agency
        ---
        -- Content/topics/agency.md --
        ---
        title: Agency oversight
        ---
        -- Content/briefs/b.md --
        ---
        title: Brief
        date: 2026-03-05
        ---
        [[nobody-here]] [[actors/nobody]] [[bogus/x]] [[agency]] [[topics/agency]]
        [@nowhere "x"] [@report "the talks were hostile"] [@report "no deal was reached"]
        """)
        #expect(diagnostics == [
            "Content/briefs/b.md:5:1: error: unknown id 'nobody-here' in [[nobody-here]]",
            "Content/briefs/b.md:5:17: error: unknown actor 'nobody': there is no Content/actors/nobody.md",
            "Content/briefs/b.md:5:35: error: unknown kind 'bogus' in [[bogus/x]]: use briefs, actors, events, topics or sources",
            "Content/briefs/b.md:5:47: error: ambiguous id 'agency': it names actor and topic; write [[actors/agency]] or [[topics/agency]]",
            "Content/briefs/b.md:6:1: error: unknown source 'nowhere': there is no Content/sources/nowhere.md or .txt",
            "Content/briefs/b.md:6:16: error: quote not found in source 'report': \"the talks were hostile\"; the closest passage is \"the talks as constructive\"",
        ])
        let s = try #require(site)
        let brief = ItemRef(.brief, "b")
        #expect(s.linkTargets[brief] == [nil, nil, nil, nil, ItemRef(.topic, "agency"), nil, nil, nil])
        #expect(s.citations["report"]?.map(\.citation.quote) == ["no deal was reached"])
        #expect(s.passages["report"]?.map(\.text) == ["no deal was reached"])
    }

    @Test func reportsEveryProblemWithItsPosition() throws {
        let (site, diagnostics) = try load(minimalConfig + "\n" + source + """

        -- Content/actors/a.md --
        ---
        name: A
        kind: robot
        affiliations: [nobody]
        ---
        Text [[missing]] and `[[in-code]]`.
        -- Content/events/e.md --
        ---
        title: E
        date: 2026-02-30
        importance: 5
        sources:
          - source: report
            quote: "the talks were hostile"
        ---
        -- Content/topics/t.md --
        ---
        title: T
        stances:
          - actor: a
            position: maybe
            sources: [report]
        ---
        -- Content/briefs/Bad_Name.md --
        ---
        title: x
        date: 2026
        ---
        -- Content/briefs/b.md --
        ---
        date: 2026
        judgments:
          - text: It happens.
            likelihood: probable
            confidence: moderate
        ---
        """)
        #expect(site != nil)
        #expect(diagnostics == [
            "Content/actors/a.md:3:7: error: 'kind' must be one of person, organization, government, group, other; found 'robot'",
            "Content/actors/a.md:4:16: error: unknown actor 'nobody': there is no Content/actors/nobody.md",
            "Content/actors/a.md:6:6: error: unknown id 'missing' in [[missing]]",
            "Content/briefs/Bad_Name.md: error: 'Bad_Name' is not a valid id: a file name may use only lowercase letters, digits and '-'",
            "Content/briefs/b.md:2:1: error: a brief is missing the required field 'title'",
            "Content/briefs/b.md:5:17: error: 'likelihood' must be one of the ICD 203 terms: almost no chance, very unlikely, unlikely, roughly even chance, likely, very likely, almost certain; found 'probable'",
            "Content/events/e.md:3:7: error: 'date' is not a valid date: '2026-02-30' (use YYYY, YYYY-MM, YYYY-MM-DD or YYYY-MM-DDTHH:MM)",
            "Content/events/e.md:4:13: error: 'importance' must be a whole number from 1 to 3",
            "Content/events/e.md:7:13: error: quote not found in source 'report': \"the talks were hostile\"; the closest passage is \"the talks as constructive\"",
            "Content/topics/t.md:5:15: error: 'position' must be one of support, oppose, mixed, neutral, unclear; found 'maybe'",
        ])
    }
}

@Suite struct MalformedContentTests {
    @Test func aBodyTooDenseWithMarkupIsRefusedAtItsParagraph() throws {
        let dense = String(repeating: "*a* [b](c) **d** \n", count: 2_000)
        let (_, diagnostics) = try load(minimalConfig + """

        -- Content/briefs/dense.md --
        ---
        title: Dense
        date: 2026-03-01
        ---
        Intro with *some* [markup](https://example.org/) and `code`.

        \(dense)
        -- Content/briefs/rich.md --
        ---
        title: Rich
        date: 2026-03-01
        ---
        \(String(repeating: "A *rich* [paragraph](https://example.org/) with `code`, <b>, ~~this~~ and a | b.\n\n", count: 500))
        """)
        #expect(diagnostics == [
            "Content/briefs/dense.md:7:1: error: paragraph has 14,000 markup characters; at most 10,000 per paragraph",
        ])
    }

    @Test func malformedYAMLNonUTF8AndDuplicateIds() throws {
        let fixture = try SiteFixture(minimalConfig + """

        -- Content/actors/a.md --
        ---
        name: A
        kind: [person
        ---
        -- Content/sources/s.md --
        ---
        title: S
        ---
        Text.
        -- Content/sources/s.txt --
        Text again.
        -- Content/briefs/b.md --
        ---
        title: B
        title: C
        date: 2026
        ---
        """)
        defer { fixture.remove() }
        try Data([0x2D, 0x2D, 0x2D, 0x0A, 0x6E, 0x61, 0x6D, 0x65, 0x3A, 0x20, 0xFF, 0xFE, 0x0A, 0x2D, 0x2D, 0x2D, 0x0A])
            .write(to: fixture.folder.appendingPathComponent("Content/actors/latin1.md"))
        let result = SiteLoader(siteFolder: fixture.folder).load()
        let lines = SiteFixture.lines(result.diagnostics)
        #expect(lines.count == 4, "\(lines)")
        #expect(lines.contains { $0.hasPrefix("Content/actors/a.md:4:1: error: malformed YAML:") }, "\(lines)")
        #expect(lines.contains("Content/actors/latin1.md:2:7: error: byte 0xFF is not UTF-8 text: save the file as UTF-8"))
        #expect(lines.contains("Content/briefs/b.md:3:1: error: key 'title' appears more than once in the front matter"), "\(lines)")
        #expect(lines.contains("Content/sources/s.txt: error: duplicate source id 's': also defined by Content/sources/s.md"))
    }

    @Test func fileNamesSplitAtTheirLastDot() throws {
        let (site, lines) = try load("""
            -- Content/site.yml --
            title: T
            -- Content/actors/a.md --
            ---
            name: A
            ---
            -- Content/actors/notes.txt --
            x
            -- Content/actors/b.\u{301}md --
            ---
            name: B
            ---
            -- Content/actors/c.d.md --
            ---
            name: C
            ---
            """)
        #expect(site?.actors.map(\.id) == ["a"])
        #expect(lines.contains("Content/actors/notes.txt: warning: ignored: files in actors/ must end in .md"), "\(lines)")
        #expect(lines.contains("Content/actors/b.\u{301}md: warning: ignored: files in actors/ must end in .md"), "\(lines)")
        #expect(lines.contains { $0.hasPrefix("Content/actors/c.d.md: error: 'c.d' is not a valid id") }, "\(lines)")
    }

    @Test func missingSiteConfigAndMissingContentFolder() throws {
        let empty = try SiteFixture("-- Content/actors/a.md --\n---\nname: A\n---\n")
        defer { empty.remove() }
        #expect(SiteFixture.lines(SiteLoader(siteFolder: empty.folder).load().diagnostics)
            == ["Content/site.yml: error: missing Content/site.yml: it needs at least 'title: …'"])
        let nothing = try SiteFixture("-- README.md --\nhello\n")
        defer { nothing.remove() }
        let lines = SiteFixture.lines(SiteLoader(siteFolder: nothing.folder).load().diagnostics)
        #expect(lines.count == 1)
        #expect(lines.first?.hasPrefix("Content: error: no Content/ folder in") == true)
    }

    /// A first load stamps each file from the read itself (no separate `stat`); the stamp must still be what the next
    /// load compares, so an unchanged file older than the racy-clean margin is then taken without being read.
    @Test func aFileStampedByItsReadIsTakenUnreadNextTime() throws {
        let fixture = try SiteFixture(minimalConfig + "\n" + source)
        defer { fixture.remove() }
        let text = fixture.folder.appendingPathComponent("Content/sources/report.txt")
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: -3_600)], ofItemAtPath: text.path)
        let loader = SiteLoader(siteFolder: fixture.folder)
        var cache = LoadCache()
        #expect(loader.load(cache: &cache).site != nil)
        #expect(cache.reread.contains("Content/sources/report.txt"))
        #expect(loader.load(cache: &cache).site != nil)
        #expect(!cache.reread.contains("Content/sources/report.txt"))
        // A change of size is seen by the stamp, and the file is read again.
        try Data("Officials said the contract was under review.".utf8).write(to: text)
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: -3_000)], ofItemAtPath: text.path)
        #expect(loader.load(cache: &cache).site != nil)
        #expect(cache.reread.contains("Content/sources/report.txt"))
    }
}
