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

/// A pasted wire story: no blank lines, so each line is a paragraph; one phrase occurs three times.
private let wire = """
-- Content/sources/wire.txt --
Talks resumed on Monday in Geneva. Both sides said the talks resumed in good faith.
The chair said the talks resumed without conditions and would run for a week.
"""

/// An event citing `wire` with the given `sources:` entry lines.
private func event(_ entry: String) -> String {
    """
    -- Content/events/e.md --
    ---
    title: Talks resume
    date: 2026-03-02
    sources:
    \(entry)
    ---
    """
}

@Suite struct EvidenceTests {
    @Test func aQuoteFoundSeveralTimesIsAWarningNamingTheCountAndTheFirstTwoLines() throws {
        let (site, diagnostics) = try load(minimalConfig + "\n" + wire + "\n" + event("  - source: wire\n    quote: \"the talks resumed\""))
        #expect(diagnostics == [
            "Content/events/e.md:6:13: warning: quote found 2 times in source 'wire' (first lines 1 and 2): quote more words, or add 'occurrence: N' to its 'sources:' entry to pick one",
        ])
        // Without `occurrence` the first place is marked.
        #expect(try #require(site).passages["wire"]?.map(\.text) == ["the talks resumed"])
        #expect(site?.passages["wire"]?.first?.range.lowerBound == 51)
    }

    @Test func occurrencePicksOnePlaceAndMustExist() throws {
        let (site, diagnostics) = try load(minimalConfig + "\n" + wire + "\n"
            + event("  - source: wire\n    quote: \"the talks resumed\"\n    occurrence: 2"))
        #expect(diagnostics == [])
        let text = try #require(site?.sourceTexts["wire"])
        let range = try #require(site?.passages["wire"]?.first?.range)
        #expect(text.line(ofScalar: range.lowerBound) == 2)

        let (_, tooFar) = try load(minimalConfig + "\n" + wire + "\n"
            + event("  - source: wire\n    quote: \"the talks resumed\"\n    occurrence: 3"))
        #expect(tooFar == ["Content/events/e.md:6:13: error: 'occurrence: 3' but the quote occurs 2 times in source 'wire'"])
    }

    @Test func eachLineOfATextWithoutBlankLinesIsAParagraph() throws {
        // Elision may not cross the line: it is a paragraph break.
        let (_, crossing) = try load(minimalConfig + "\n" + wire + "\n"
            + event("  - source: wire\n    quote: \"Both sides said … The chair said\""))
        #expect(crossing.count == 1)
        #expect(crossing.first?.contains("part 2 (\"The chair said\") is not in the same paragraph as part 1") == true)
        let (site, within) = try load(minimalConfig + "\n" + wire + "\n"
            + event("  - source: wire\n    quote: \"Talks resumed on Monday … in good faith.\""))
        #expect(within == [])
        #expect(site?.passages["wire"]?.map(\.text) == ["Talks resumed on Monday", "in good faith."])
    }

    @Test func withBlankLinesSingleLineBreaksAreSoftWraps() throws {
        let wrapped = """
        -- Content/sources/wire.txt --
        Talks resumed on Monday in Geneva. Both sides said the
        talks resumed in good faith.

        The chair said the talks would run for a week.
        """
        let (_, diagnostics) = try load(minimalConfig + "\n" + wrapped + "\n"
            + event("  - source: wire\n    quote: \"Talks resumed on Monday … talks resumed in good faith\""))
        #expect(diagnostics == [])
        let (_, crossing) = try load(minimalConfig + "\n" + wrapped + "\n"
            + event("  - source: wire\n    quote: \"Talks resumed on Monday … would run for a week\""))
        #expect(crossing.first?.contains("is not in the same paragraph as part 1") == true)
        #expect(QuoteText.hasBlankLine("a\n\nb") && QuoteText.hasBlankLine("a\n  \t\nb"))
        #expect(!QuoteText.hasBlankLine("a\nb\n") && !QuoteText.hasBlankLine("\n\na\nb\n\n"))
    }

    @Test func anUnparsedCitationIsAnErrorAtItsPositionListingTheForms() throws {
        let (site, diagnostics) = try load(minimalConfig + "\n" + wire + """

        -- Content/briefs/b.md --
        ---
        title: Brief
        date: 2026-03-05
        ---
        Resumed [@wire "Talks resumed on Monday].
        Named [@ wire] and [@wire; p. 2] but not `[@code]` nor \\[@escaped].
        """)
        #expect(diagnostics.count == 3)
        #expect(diagnostics[0].hasPrefix("Content/briefs/b.md:5:9: error: '[@wire \"Talks resumed on Monday]' is not a citation Dossier understands: write [@source-id], [@source-id \"quoted words\"]"))
        #expect(diagnostics[1].hasPrefix("Content/briefs/b.md:6:7: error: '[@ wire]' is not a citation"))
        #expect(diagnostics[2].hasPrefix("Content/briefs/b.md:6:20: error: '[@wire; p. 2]' is not a citation"))
        #expect(diagnostics.allSatisfy { $0.contains("[@source-id, p. 3]") })
        #expect(site?.documents[ItemRef(.brief, "b")]?.references.isEmpty == true)
    }

    @Test func citationsTakeEitherQuoteFamilyAndLocators() throws {
        let source = """
        -- Content/sources/speech.txt --
        He said "no" to the offer, and the minister's aide said it's final.
        """
        let (site, diagnostics) = try load(minimalConfig + "\n" + source + """

        -- Content/briefs/b.md --
        ---
        title: Brief
        date: 2026-03-05
        ---
        One [@speech 'He said "no" to the offer'], two [@speech ‘the minister's aide said it's final’],
        three [@speech, p. 3] and four [@speech “He said ‘no’ to the offer”, para. 1].
        """)
        #expect(diagnostics == [])
        let references = try #require(site?.documents[ItemRef(.brief, "b")]?.references)
        #expect(references.map(\.reference) == [
            .citation(source: "speech", quote: "He said \"no\" to the offer"),
            .citation(source: "speech", quote: "the minister's aide said it's final"),
            .citation(source: "speech", quote: nil),
            .citation(source: "speech", quote: "He said ‘no’ to the offer"),
        ])
        #expect(references.map(\.locator) == [nil, nil, "p. 3", "para. 1"])
        #expect(site?.citations["speech"]?.map(\.citation.locator) == [nil, nil, "p. 3", "para. 1"])
    }

    @Test func namesAreFoundInCJKTextWithoutSpacesAndLatinNamesByWordAnyCaseOrAccent() throws {
        let (site, diagnostics) = try load(minimalConfig + """

        -- Content/sources/nikkei.txt --
        日本製鉄の橋本英二会長は買収の意義を語った。
        -- Content/sources/yomiuri.txt --
        橋本氏は日鉄で記者会見を開いた。
        -- Content/sources/annual.txt --
        The Annual report, by ANNE HEGSÉTH, names nobody else.
        -- Content/actors/hashimoto.md --
        ---
        name: 橋本英二
        aliases: [橋本]
        ---
        -- Content/actors/nippon-steel.md --
        ---
        name: 日本製鉄
        aliases: [日鉄]
        ---
        -- Content/actors/ann.md --
        ---
        name: Ann
        ---
        -- Content/actors/anne.md --
        ---
        name: Anne Hegseth
        ---
        """)
        #expect(diagnostics == [])
        let s = try #require(site)
        #expect(s.sourcesMentioning["hashimoto"] == ["nikkei", "yomiuri"])
        #expect(s.sourcesMentioning["nippon-steel"] == ["nikkei", "yomiuri"])
        #expect(s.sourcesMentioning["ann"] == nil, "Ann is not in Annual")
        #expect(s.sourcesMentioning["anne"] == ["annual"], "case and accents are ignored")
    }

    @Test func untitledTextSourcesTakeTheirFirstSentence() throws {
        let cases: [(text: String, title: String)] = [
            ("Mr. Smith met Dr. Jones at St. Paul's. They talked.", "Mr. Smith met Dr. Jones at St. Paul's."),
            ("The U.S. bid rose on Jan. 5 to No. 5 in the list. Then it fell.", "The U.S. bid rose on Jan. 5 to No. 5 in the list."),
            ("J. R. R. Tolkien wrote it. Others read it.", "J. R. R. Tolkien wrote it."),
            ("Was it sold? Nobody knows.", "Was it sold?"),
            ("He said “it is over.” Then he left.", "He said “it is over.”"),
            ("First line without a stop\nSecond line.", "First line without a stop"),
            ("A wrapped first\nsentence. Then more.\n\nNext paragraph.", "A wrapped first sentence."),
            ("橋本会長は語った。買収は続く。", "橋本会長は語った。"),
            (String(repeating: "word ", count: 40) + "end.", String(repeating: "word ", count: 27) + "word…"),
        ]
        for (text, title) in cases {
            let (site, diagnostics) = try load(minimalConfig + "\n-- Content/sources/s.txt --\n" + text + "\n")
            #expect(diagnostics == [])
            #expect(site?.source("s")?.title == title, "\(text)")
        }
        #expect((try load(minimalConfig + "\n-- Content/sources/s.txt --\n" + String(repeating: "word ", count: 40)).0?.source("s")?.title.count ?? 0) <= 140)
    }

    @Test func yamlSlipsAreSaidInTheAuthorsTerms() throws {
        let (_, colon) = try load(minimalConfig + """

        -- Content/actors/a.md --
        ---
        name: Talks: day one
        ---
        """)
        #expect(colon == [
            "Content/actors/a.md:2:12: error: malformed YAML: the value of 'name' has a ':' followed by a space, which YAML reads as a new key: put the value in quotes (name: \"…\")",
        ])
        let (_, tab) = try load(minimalConfig + "\n-- Content/actors/a.md --\n---\nname: A\nrelations:\n  - to: b\n\ttype: x\n---\n")
        #expect(tab.count == 1, "\(tab)")
        #expect(tab.first?.hasPrefix("Content/actors/a.md:5:1: error: malformed YAML: a tab in the indentation: indent with spaces") == true, "\(tab)")
    }
}
