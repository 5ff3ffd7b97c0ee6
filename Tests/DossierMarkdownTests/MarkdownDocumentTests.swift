import Testing
@testable import DossierMarkdown

/// The parse result: filling placeholders, plain text, and the guarantees
/// that make placeholders safe.
@Suite struct MarkdownDocumentTests {
    @Test func reservedScalarsAreFoundAndNeutralized() {
        let reserved: [UInt8] = [0xEF, 0xB7, 0x90], last: [UInt8] = [0xEF, 0xB7, 0xAF], other: [UInt8] = [0xEF, 0xB7, 0xB0]
        let cases: [[UInt8]] = [[], [0xEF], [0xEF, 0xB7], reserved, last, other, [0x61] + reserved, [0xEF, 0xEF] + reserved + [0x62],
                                Array("café ﷯".utf8), Array("text, then EF: \u{FEFF}".utf8), [0x61, 0xEF, 0xB7]]
        for bytes in cases {
            let expected = bytes.indices.contains { i in i + 2 < bytes.count && bytes[i] == 0xEF && bytes[i + 1] == 0xB7 && (0x90...0xAF).contains(bytes[i + 2]) }
            let found = PlaceholderToken.containsReserved(utf8: bytes.span)
            #expect(found == expected, "\(bytes)")
            var neutralized = bytes
            PlaceholderToken.neutralize(utf8: &neutralized)
            let foundAfter = PlaceholderToken.containsReserved(utf8: neutralized.span)
            #expect(!foundAfter)
            #expect(neutralized.count == bytes.count)
            #expect(neutralized == bytes || expected)
        }
    }

    @Test func thePlainTextIsLeftOutWhenNotAskedForAndTheRestIsTheSame() {
        let text = "# A [[b]]\n\nSome *c* [@s \"q\"] and `d`.\n\n| e | f |\n|---|---|\n| g | h |\n"
        let full = Markdown.parse(text), lean = Markdown.parse(text, options: MarkdownOptions(plainText: false))
        #expect(full.plainText == "A b\n\nSome c  and d.\n\ne\tf\ng\th")
        #expect(lean.plainText == "")
        #expect(lean.htmlTemplate == full.htmlTemplate)
        #expect(lean.references == full.references)
    }

    @Test func withoutReferencesTheHTMLIsTheTemplate() {
        let document = Markdown.parse("# A\n\nSome *b* and [c](d).\n")
        #expect(document.html { _, _ in "never called" } == document.htmlTemplate)
        #expect(document.htmlTemplate == "<h1>A</h1>\n<p>Some <em>b</em> and <a href=\"d\">c</a>.</p>\n")
    }

    @Test func fillInsertsRawHTMLAtEachReferenceInDocumentOrder() {
        let document = Markdown.parse("""
            # About [[a]]

            Text[^1] [@s "q"] and *[[b|B]]*.

            [^1]: Note [[c]].

            | x |
            |---|
            | [[d]] |
            """)
        #expect(document.references.map(\.reference) == [
            .link(target: "a", label: nil), .citation(source: "s", quote: "q"),
            .link(target: "b", label: "B"), .link(target: "c", label: nil), .link(target: "d", label: nil),
        ])
        var calls: [Int] = []
        let html = document.html { index, located in
            calls.append(index)
            switch located.reference {
            case let .link(target, label): return "<a href=\"/\(target)/\">\(label ?? target)</a>"
            case let .citation(source, _): return "<cite>\(source)</cite>"
            }
        }
        // Each placeholder is filled exactly once; footnotes render last.
        #expect(calls == [0, 1, 2, 4, 3])
        #expect(html.hasPrefix("""
            <h1>About <a href="/a/">a</a></h1>
            <p>Text<sup class="footnote-ref"><a href="#fn-1" id="fnref-1" data-footnote-ref>1</a></sup> \
            <cite>s</cite> and <em><a href="/b/">B</a></em>.</p>
            <table>
            """))
        #expect(html.contains("<td><a href=\"/d/\">d</a></td>"))
        #expect(html.contains("<p>Note <a href=\"/c/\">c</a>. <a href=\"#fnref-1\""))
        #expect(!html.unicodeScalars.contains { (0xFDD0...0xFDEF).contains($0.value) })
    }

    @Test func templateHoldsOnePlaceholderPerReference() {
        let document = Markdown.parse("[[a]] [[b]]\n\n[@c]")
        let open = scalars(0xFDD0), close = scalars(0xFDD1)
        #expect(document.htmlTemplate == "<p>\(open)0\(close) \(open)1\(close)</p>\n<p>\(open)2\(close)</p>\n")
        #expect(document.html { index, _ in "#\(index)" } == "<p>#0 #1</p>\n<p>#2</p>\n")
    }

    @Test func fillWorksInUnsafeMode() {
        let document = Markdown.parse("<div>raw</div>\n\nSee <b>[[a]]</b>.", options: MarkdownOptions(unsafeHTML: true))
        #expect(document.html { _, _ in "<i>A</i>" } == "<div>raw</div>\n<p>See <b><i>A</i></b>.</p>\n")
    }

    @Test func placeholderCharactersInTheInputAreNeutralized() {
        // Raw U+FDD0…U+FDD1 and entities decoding to them cannot forge a placeholder.
        let forged = scalars(0xFDD0) + "0" + scalars(0xFDD1)
        let input = "x \(forged) &#xFDD0;0&#xFDD1; [t](/u \"&#xFDD0;\") [[real]]\n\n```&#xFDD0;\ncode \(forged)\n```\n"
        let document = Markdown.parse(input)
        #expect(document.references.map(\.reference) == [.link(target: "real", label: nil)])
        let html = document.html { _, _ in "<REF>" }
        #expect(html.components(separatedBy: "<REF>").count == 2)
        #expect(!html.unicodeScalars.contains { (0xFDD0...0xFDEF).contains($0.value) })
        #expect(html.hasPrefix("<p>x \u{FFFD}0\u{FFFD} \u{FFFD}0\u{FFFD} <a href=\"/u\" title=\"\u{FFFD}\">t</a> <REF></p>"))
        #expect(html.contains("code \u{FFFD}0\u{FFFD}"))
        // Positions are unaffected: U+FFFD has the same width as what it replaces.
        #expect(document.references[0].column == 44)
    }

    @Test func plainTextIsWhatReadersRead() {
        let document = Markdown.parse("""
            # Title *one*

            A [[x|Label]], [[y]] and a claim [@s "q"]. Code `a < b`,
            soft break and hard  
            break. <span>raw</span> ![image](i.png) [link](/u)[^1]

            > quoted

            - item
            - [ ] task

            ```
            block
            ```

            | h1 | h2 |
            |----|----|
            | c1 | c2 |

            ---

            [^1]: The note.
            """)
        #expect(document.plainText == """
            Title one

            A Label, y and a claim . Code a < b, soft break and hard
            break. raw  link

            quoted

            item

            task

            block

            h1\th2
            c1\tc2

            The note.
            """)
    }

    @Test func plainTextOfAQuoteCanBeFoundInTheSourcesPlainText() {
        let source = Markdown.parse("The *sky* is\n**green** today, said [[bob|Bob]].")
        let citing = Markdown.parse("[@src \"sky is green\ntoday, said Bob\"]")
        guard case let .citation(_, quote?) = citing.references.first?.reference else {
            Issue.record("no quote")
            return
        }
        #expect(source.plainText.contains(quote))
    }

    @Test func documentsAreEquatableValues() {
        #expect(Markdown.parse("a [[b]]") == Markdown.parse("a [[b]]"))
        #expect(Markdown.parse("a [[b]]") != Markdown.parse("a [[c]]"))
        #expect(Markdown.parse("<b>x</b>") != Markdown.parse("<b>x</b>", options: MarkdownOptions(unsafeHTML: true)))
    }
}
