import Testing
@testable import DossierMarkdown

/// The markup-density limit checked before cmark-gfm parses a body.
@Suite struct MarkupDensityTests {
    /// One line of dense inline markup: 18 bytes, 7 openers.
    static let denseLine = "*a* [b](c) **d** \n"

    @Test func ordinaryMarkupRichBodiesAreWithinTheLimit() {
        let paragraph = "Some *emphasis*, a [link](https://example.org/a_b), `code`, <https://example.org>, ~~gone~~, "
            + "![an image](i.png), [[actor|Actor]] and [@source \"a quote\"], escaped \\* and a | b.\n\n"
        let table = "| a | b |\n|---|---|\n" + String(repeating: "| *x* | [y](z) |\n", count: 500) + "\n"
        #expect(MarkupDensity.excess(in: String(repeating: paragraph, count: 2_000) + table) == nil)
        #expect(MarkupDensity.excess(in: "") == nil)
    }

    @Test func aParagraphOfTooManyOpenersIsReportedAtItsFirstLine() throws {
        let dense = String(repeating: Self.denseLine, count: 2_000)
        let excess = try #require(MarkupDensity.excess(in: "# Title\n\nIntro.\n\n" + dense + "\nAfter.\n"))
        #expect(excess == MarkupDensity.Excess(line: 5, count: 14_000, limit: 10_000, wholeBody: false))
        #expect(excess.description == "paragraph has 14,000 markup characters; at most 10,000 per paragraph")
        // The last paragraph, with no blank line after it, is counted too.
        #expect(MarkupDensity.excess(in: "Intro.\n\n" + dense)?.line == 3)
    }

    @Test func fencedCodeIsNotCounted() {
        let code = String(repeating: "if (*p < q[i] && !r || s) { t = `u` ~ v | w \\ x; }\n", count: 2_000)
        #expect(MarkupDensity.excess(in: "Code:\n\n```c\n" + code + "```\n\nAfter.\n") == nil)
        #expect(MarkupDensity.excess(in: "~~~~\n" + code) == nil)
        // A backtick line with a backtick after it opens no fence.
        #expect(MarkupDensity.excess(in: "``` a ` b\n" + code)?.line == 1)
    }

    @Test func aBodyOverItsAllowanceIsReportedAtTheParagraphThatPassesIt() throws {
        // Paragraphs of 9,100 openers each, under the per-paragraph limit; 12 of them are allowed 83,086 in all.
        let paragraph = String(repeating: Self.denseLine, count: 1_300) + "\n"
        let excess = try #require(MarkupDensity.excess(in: String(repeating: paragraph, count: 12)))
        #expect(excess.wholeBody)
        #expect(excess.line == 9 * 1_301 + 1)
        #expect(excess.limit == MarkupDensity.allowance(bytes: paragraph.utf8.count * 12))
        #expect(excess.limit == 83_086)
        #expect(MarkupDensity.excess(in: String(repeating: paragraph, count: 7)) == nil)
    }

    @Test func numbersAreGroupedByThousands() {
        #expect(MarkupDensity.grouped(0) == "0")
        #expect(MarkupDensity.grouped(999) == "999")
        #expect(MarkupDensity.grouped(1_000) == "1,000")
        #expect(MarkupDensity.grouped(65_536) == "65,536")
        #expect(MarkupDensity.grouped(1_234_567) == "1,234,567")
    }
}
