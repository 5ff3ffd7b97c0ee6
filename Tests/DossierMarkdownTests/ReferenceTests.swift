import Testing
@testable import DossierMarkdown

/// Finding `[[id]]`, `[[id|label]]`, `[@id]` and `[@id "quote"]` on the
/// syntax tree, with exact source positions.
@Suite struct ReferenceTests {
    // MARK: Syntax

    @Test func wikiLinks() {
        #expect(references("See [[alpha]] and [[beta-2|the Beta]].") == [
            .link(target: "alpha", label: nil),
            .link(target: "beta-2", label: "the Beta"),
        ])
    }

    @Test func linkTargetAndLabelAreTrimmedButNotValidated() {
        #expect(references("[[ Some Thing | a label ]] [[x|]] [[x| ]]") == [
            .link(target: "Some Thing", label: "a label"),
            .link(target: "x", label: nil),
            .link(target: "x", label: nil),
        ])
    }

    @Test func citationsWithoutQuote() {
        #expect(references("As shown [@smith-2020]. Also [@b ].") == [
            .citation(source: "smith-2020", quote: nil),
            .citation(source: "b", quote: nil),
        ])
    }

    @Test func citationWithStraightQuote() {
        #expect(references(#"He said [@src "the sky is green"] once."#) == [
            .citation(source: "src", quote: "the sky is green")
        ])
        #expect(renderHTML(#"He said [@src "the sky is green"] once."#) == "<p>He said <ref 0> once.</p>\n")
    }

    @Test func markupInsideQuotesAndLabelsReadsAsPlainText() {
        let input = #"[@src "the sky is *not* `green` at https://e.org/x"] [[a|the **A** one]] [[*b*]]"#
        #expect(references(input) == [
            .citation(source: "src", quote: "the sky is not green at https://e.org/x"),
            .link(target: "a", label: "the A one"),
        ])
        #expect(renderHTML(input) == "<p><ref 0> <ref 1> [[<em>b</em>]]</p>\n")
    }

    @Test func referencesInsideSwallowedMarkupAreNotReportedTwice() {
        let input = #"[@s "see *[[a]]* here"] and *[[b]]*"#
        #expect(references(input) == [
            .citation(source: "s", quote: "see [[a]] here"), .link(target: "b", label: nil),
        ])
        #expect(renderHTML(input) == "<p><ref 0> and <em><ref 1></em></p>\n")
    }

    @Test func citationWithCurlyQuote() {
        #expect(references("He said [@src \u{201C}it’s \"fine\"\u{201D}] once.") == [
            .citation(source: "src", quote: "it’s \"fine\"")
        ])
    }

    @Test func quoteMayContainBrackets() {
        #expect(references(#"[@src "see [1] and [[x]]"]"#) == [
            .citation(source: "src", quote: "see [1] and [[x]]")
        ])
    }

    @Test func quoteSpanningASoftLineBreakIsJoinedWithOneSpace() {
        let document = Markdown.parse("Text [@src \"first line\n   second line\"] end.\n")
        #expect(document.references == [
            LocatedReference(reference: .citation(source: "src", quote: "first line second line"), line: 1, column: 6)
        ])
        #expect(document.html { _, _ in "<cite/>" } == "<p>Text <cite/> end.</p>\n")
    }

    @Test func labelSpanningASoftLineBreak() {
        #expect(references("[[a|one\ntwo]]") == [.link(target: "a", label: "one two")])
    }

    @Test func malformedReferencesStayText() {
        let input = "[[]] [[ ]] [[a]b]] [[a\nb]] [@] [@ x] [@x\"q\"] [@x \"open] [@x \"q\" tail] [x] [[a|b]"
        #expect(references(input).isEmpty)
        #expect(renderHTML(input) ==
            "<p>[[]] [[ ]] [[a]b]] [[a\nb]] [@] [@ x] [@x&quot;q&quot;] [@x &quot;open] [@x &quot;q&quot; tail] [x] [[a|b]</p>\n")
    }

    @Test func adjacentAndNestedBrackets() {
        #expect(references("[[a]][[b]] [[[c]]]") == [
            .link(target: "a", label: nil), .link(target: "b", label: nil), .link(target: "c", label: nil),
        ])
        #expect(renderHTML("[[a]][[b]] [[[c]]]") == "<p><ref 0><ref 1> [<ref 2>]</p>\n")
    }

    // MARK: Where references are not found

    @Test func notInCodeSpans() {
        #expect(references("Use `[[x]]` or ``[@y \"q\"]``.").isEmpty)
        #expect(renderHTML("Use `[[x]]`.") == "<p>Use <code>[[x]]</code>.</p>\n")
    }

    @Test func notInFencedCode() {
        #expect(references("```\n[[x]] [@y]\n```\n\n~~~md\n[[z]]\n~~~\n").isEmpty)
    }

    @Test func notInIndentedCode() {
        #expect(references("Para.\n\n    [[x]]\n    [@y]\n").isEmpty)
    }

    @Test func notInRawHTML() {
        let input = "<div>\n[[block]]\n</div>\n\nText <span title=\"[[attr]]\">inner [[md]]</span>\n"
        // Text between inline tags is Markdown, so [[md]] counts; the HTML block and the attribute do not.
        #expect(references(input) == [.link(target: "md", label: nil)])
        #expect(renderHTML(input, unsafeHTML: true) ==
            "<div>\n[[block]]\n</div>\n<p>Text <span title=\"[[attr]]\">inner <ref 0></span></p>\n")
    }

    @Test func notInLinkDestinationsTextsOrImages() {
        let input = "[see [[x]]](/u/[[y]]) ![alt [[z]]](/p.png \"[[t]]\") <https://e.org/[[w]]> after [[ok]]"
        #expect(references(input) == [.link(target: "ok", label: nil)])
    }

    @Test func backslashEscapedBracketsAreNotReferences() {
        #expect(references(#"\[\[x]] \[[y]] [\[z]] \[@s] [\@t]"#).isEmpty)
        #expect(renderHTML(#"\[\[x]]"#) == "<p>[[x]]</p>\n")
        // An escaped backslash does not escape the bracket after it.
        #expect(references(#"\\[[x]]"#) == [.link(target: "x", label: nil)])
        #expect(renderHTML(#"\\[[x]]"#) == "<p>\\<ref 0></p>\n")
    }

    @Test func entityBracketsAreNotReferences() {
        #expect(references("&#91;&#91;x]] [&#64;s] &lbrack;[y]]").isEmpty)
    }

    @Test func escapedCharactersInsideAReferenceAreFine() {
        #expect(references(#"[[a\_b|x\*y]]"#) == [.link(target: "a_b", label: "x*y")])
    }

    @Test func referencesInsideInlineMarkup() {
        #expect(references("*[[a]]* **[[b|B]]** ~~[@c]~~ x") == [
            .link(target: "a", label: nil), .link(target: "b", label: "B"), .citation(source: "c", quote: nil),
        ])
        #expect(renderHTML("*[[a]]* **[[b|B]]** ~~[@c]~~ x") ==
            "<p><em><ref 0></em> <strong><ref 1></strong> <del><ref 2></del> x</p>\n")
    }

    @Test func tableCellsNeedAnEscapedPipe() {
        let input = "| a | b | c |\n|---|---|---|\n| [[x\\|Label]] | [[y|z]] |\n"
        #expect(references(input) == [.link(target: "x", label: "Label")])
        #expect(renderHTML(input).contains("<td><ref 0></td>\n<td>[[y</td>\n<td>z]]</td>"))
    }

    // MARK: Positions

    @Test func positionOnFirstLine() {
        #expect(positions("Hello [[x]] and [@y].") == [[1, 7], [1, 17]])
    }

    @Test func positionOnLineThree() {
        #expect(positions("# Title\n\nSome [[x]] text\n") == [[3, 6]])
    }

    @Test func columnsCountCharactersNotBytes() {
        // "é" is 2 bytes, "日本" 6 bytes, "👍" 4 bytes: columns count scalars.
        #expect(positions("é 日本 👍 [[x]] [[y]]") == [[1, 8], [1, 14]])
        #expect(positions("**é** `ü` [[x]]") == [[1, 11]])
    }

    @Test func positionsInsideContainers() {
        let input = "> quote [[a]]\n\n- item [[b]]\n  1. nested é [[c]]\n\n| h |\n|---|\n| [[d]] |\n\n## Head [[e]]\n"
        #expect(positions(input) == [[1, 9], [3, 8], [4, 15], [8, 3], [10, 9]])
    }

    @Test func positionsOnContinuationLines() {
        // cmark-gfm's inline columns are wrong on these lines (lazy
        // continuation, extra indentation); the source is searched instead.
        let input = "> first\n> second [[a]]\nlazy [[b]]\n\n- item\n      deeper [[c]]\n\npara\n        far [[d]] *x* [[e]]\n"
        #expect(positions(input) == [[2, 10], [3, 6], [6, 14], [9, 13], [9, 23]])
    }

    @Test func positionsAfterEscapesEntitiesAndAutolinks() {
        let input = #"a \* &amp; &copy; [[a]] www.x.org [[b]] me@x.org [[c]] \| [[d]]"#
        #expect(positions(input) == [[1, 19], [1, 35], [1, 50], [1, 59]])
    }

    @Test func positionsWithCRLFAndTabs() {
        #expect(positions("a\r\n\tb [[x]]\r\nc [[y]]\r\n") == [[2, 4], [3, 3]])
    }

    @Test func positionOfAQuoteSpanningLinesIsItsOpeningBracket() {
        #expect(positions("one\ntwo [@s \"x\ny\"] three [[z]]") == [[2, 5], [3, 11]])
    }

    @Test func referencesAreInSourceOrderIncludingFootnotes() {
        // cmark-gfm moves footnote definitions to the end of its tree.
        let input = "Text[^1] [[a]].\n\n[^1]: Note [[b]].\n\nLast [[c]].\n"
        let document = Markdown.parse(input)
        #expect(document.references.map(\.reference) == [
            .link(target: "a", label: nil), .link(target: "b", label: nil), .link(target: "c", label: nil),
        ])
        #expect(positions(input) == [[1, 10], [3, 12], [5, 6]])
    }

    @Test func byteOrderMarkIsNotCounted() {
        #expect(positions("\u{FEFF}[[x]]") == [[1, 1]])
    }
}
