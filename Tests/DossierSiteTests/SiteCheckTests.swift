import DossierModel
import DossierSite
import DossierTestSupport
import Testing

/// Runs `dossier check`'s logic on a fixture: build diagnostics plus rendered-page findings.
private func check(_ text: String) throws -> [String] {
    let site = try SiteFixture(text)
    defer { site.remove() }
    let rendered = SiteBuilder(options: .init(siteFolder: site.folder)).render()
    var findings = rendered.diagnostics
    if !findings.hasErrors { findings += SiteChecker.check(rendered) }
    return SiteFixture.lines(findings.sorted())
}

@Suite struct SiteCheckTests {
    @Test func smallSiteIsClean() throws {
        #expect(try check(smallSite) == [])
    }

    @Test func brokenInternalLinkAndFragment() throws {
        let findings = try check(smallSite + """

        -- Content/briefs/links.md --
        ---
        title: Links
        date: 2026-03-02
        ---
        See [the gone page](../../actors/nobody/) and [a missing place](../../timeline/#no-such-event).
        """)
        #expect(findings.count == 2)
        #expect(findings[0].contains("error: broken link: ../../actors/nobody/ points to actors/nobody/, which the site does not have"))
        #expect(findings[1].contains("error: broken link: timeline/index.html has no element with id 'no-such-event'"))
        #expect(findings.allSatisfy { $0.hasPrefix("Output/briefs/links/index.html:") })
    }

    @Test func brokenTextFragment() throws {
        let findings = try check(smallSite + """

        -- Content/briefs/frag.md --
        ---
        title: Fragment
        date: 2026-03-02
        ---
        See [the words](../../sources/wire/#:~:text=words%20that%20are%20not%20there).
        """)
        #expect(findings.count == 1)
        #expect(findings.first?.contains("error: broken text fragment: the words \"words that are not there\" do not occur on sources/wire/index.html") == true)
    }

    @Test func unreachablePage() throws {
        let findings = try check(smallSite + """

        -- Content/sources/orphan.txt --
        A report nobody cites.
        -- Templates/sources.mustache --
        {{<layout}}{{$main}}<h1>Sources</h1>{{/main}}{{/layout}}
        """)
        #expect(findings == [
            "Content/sources/orphan.txt: warning: source 'orphan' is never cited",
            "Output/sources/orphan/index.html: error: page is not reachable from the home page by links",
        ])
    }

    @Test func idleActorIsAWarning() throws {
        let findings = try check(smallSite + """

        -- Content/actors/bystander.md --
        ---
        name: Bystander
        ---
        """)
        #expect(findings == ["Content/actors/bystander.md: warning: actor 'bystander' appears in no event and takes no stance"])
    }

    @Test func uncitedEventIsAnErrorUnlessAllowed() throws {
        let event = """

        -- Content/events/bare.md --
        ---
        title: Something happened
        date: 2026-03
        ---
        """
        #expect(try check(smallSite + event) == [
            "Content/events/bare.md:1:1: error: event 'bare' cites no source: add 'sources:' (or set allow_uncited: true in site.yml)",
        ])
        let allowed = smallSite.replacingOccurrences(of: "base_url:", with: "allow_uncited: true\nbase_url:") + event
        #expect(try check(allowed) == [])
    }

    @Test func unknownReliabilityGradeAndNonICDTerm() throws {
        let findings = try check(smallSite + """

        -- Content/sources/graded.md --
        ---
        title: Graded
        reliability: G
        ---
        Text.
        -- Content/briefs/terms.md --
        ---
        title: Terms
        date: 2026-03-03
        judgments:
          - text: Talks resume.
            likelihood: probably
            confidence: medium
          - text: It is very likely, and we have high confidence, that talks resume.
            likelihood: likely
            confidence: high
        ---
        """)
        #expect(findings == [
            "Content/briefs/terms.md:6:17: error: 'likelihood' must be one of the ICD 203 terms: almost no chance, very unlikely, unlikely, roughly even chance, likely, very likely, almost certain; found 'probably'",
            "Content/briefs/terms.md:7:17: error: 'confidence' must be one of the ICD 203 terms: low, moderate, high; found 'medium'",
            "Content/briefs/terms.md:8:11: warning: judgment text mixes a likelihood term and a confidence level in one sentence; ICD 203 asks to keep them apart (use the 'likelihood' and 'confidence' fields)",
            "Content/sources/graded.md:3:14: error: 'reliability' must be an Admiralty grade A, B, C, D, E or F; found 'G'",
        ])
    }

    @Test func quoteFoundDespiteCurlyQuotesAndLineBreak() throws {
        let findings = try check(smallSite + """

        -- Content/briefs/curly.md --
        ---
        title: Curly
        date: 2026-03-04
        ---
        As reported, [@wire "it would \u{201C}review the
        contract\u{201D}"] soon.
        """)
        #expect(findings == [])
    }

    @Test func quoteNotFoundShowsClosestPassage() throws {
        let findings = try check(smallSite + """

        -- Content/briefs/wrong.md --
        ---
        title: Wrong
        date: 2026-03-04
        ---
        Text [@wire "the talks were described as constructive"].
        """)
        #expect(findings == [
            "Content/briefs/wrong.md:5:6: error: quote not found in source 'wire': \"the talks were described as constructive\"; the closest passage is \"Officials described the talks as constructive\"",
        ])
    }
}
