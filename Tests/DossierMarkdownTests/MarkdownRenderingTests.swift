import Testing
@testable import DossierMarkdown

/// Markdown to HTML: CommonMark basics, the GFM extensions Dossier enables,
/// and raw-HTML safety.
@Suite struct MarkdownRenderingTests {
    @Test func paragraphsAndEmphasis() {
        #expect(renderHTML("Hello *world* and **bold**.\n\nSecond") ==
            "<p>Hello <em>world</em> and <strong>bold</strong>.</p>\n<p>Second</p>\n")
    }

    @Test func headings() {
        #expect(renderHTML("# Title\n\nSub\n---\n") == "<h1>Title</h1>\n<h2>Sub</h2>\n")
    }

    @Test func lists() {
        #expect(renderHTML("- a\n- b\n\n1. one\n2. two\n") ==
            "<ul>\n<li>a</li>\n<li>b</li>\n</ul>\n<ol>\n<li>one</li>\n<li>two</li>\n</ol>\n")
    }

    @Test func codeBlocksAreEscaped() {
        #expect(renderHTML("```swift\nlet a = 1 < 2\n```\n") ==
            "<pre><code class=\"language-swift\">let a = 1 &lt; 2\n</code></pre>\n")
    }

    @Test func tableExtension() {
        let html = renderHTML("| a | b |\n|---|:-:|\n| 1 | 2 |\n")
        #expect(html == """
            <table>
            <thead>
            <tr>
            <th>a</th>
            <th align="center">b</th>
            </tr>
            </thead>
            <tbody>
            <tr>
            <td>1</td>
            <td align="center">2</td>
            </tr>
            </tbody>
            </table>

            """)
    }

    @Test func strikethroughExtension() {
        #expect(renderHTML("~~gone~~ here") == "<p><del>gone</del> here</p>\n")
    }

    @Test func autolinkExtension() {
        #expect(renderHTML("see www.example.com and https://example.org/x now") ==
            "<p>see <a href=\"http://www.example.com\">www.example.com</a> and "
            + "<a href=\"https://example.org/x\">https://example.org/x</a> now</p>\n")
    }

    @Test func tagfilterExtension() {
        // Only visible when raw HTML passes through: disallowed tags are defused.
        let html = renderHTML("<title>x</title> <b>ok</b>\n\n<script>alert(1)</script>\n", unsafeHTML: true)
        #expect(html.contains("&lt;title>x&lt;/title>"))
        #expect(html.contains("<b>ok</b>"))
        #expect(html.contains("&lt;script>alert(1)&lt;/script>"))
        #expect(!html.contains("<script"))
    }

    @Test func tasklistExtension() {
        #expect(renderHTML("- [ ] todo\n- [x] done\n") == """
            <ul>
            <li><input type="checkbox" disabled="" /> todo</li>
            <li><input type="checkbox" checked="" disabled="" /> done</li>
            </ul>

            """)
    }

    @Test func footnotes() {
        let html = renderHTML("Claim[^a].\n\n[^a]: The note.\n")
        #expect(html.contains("<sup class=\"footnote-ref\"><a href=\"#fn-a\" id=\"fnref-a\" data-footnote-ref>1</a></sup>"))
        #expect(html.contains("<section class=\"footnotes\" data-footnotes>"))
        #expect(html.contains("<li id=\"fn-a\">\n<p>The note."))
    }

    @Test func rawHTMLIsOmittedInSafeMode() {
        let html = renderHTML("<div class=\"x\">block</div>\n\nText <span>inline</span>.\n")
        #expect(html == "<!-- raw HTML omitted -->\n<p>Text <!-- raw HTML omitted -->inline<!-- raw HTML omitted -->.</p>\n")
    }

    @Test func rawHTMLIsKeptInUnsafeMode() {
        let html = renderHTML("<div class=\"x\">block</div>\n\nText <span>inline</span>.\n", unsafeHTML: true)
        #expect(html == "<div class=\"x\">block</div>\n<p>Text <span>inline</span>.</p>\n")
    }

    @Test func scriptNeverReachesSafeOutput() {
        let inputs = [
            "<script>alert(1)</script>\n",
            "Text <script>alert(1)</script> more [[x]]\n",
            "<SCRIPT src=x></SCRIPT>",
            "> <script>\n> alert(1)\n> </script>\n",
            "- item <img src=x onerror=alert(1)>\n",
        ]
        for input in inputs {
            let html = renderHTML(input).lowercased()
            #expect(!html.contains("<script"), "\(input)")
            #expect(!html.contains("onerror"), "\(input)")
        }
    }

    @Test func javascriptLinksAreDroppedInSafeMode() {
        let html = renderHTML("[click](javascript:alert(1)) ![i](javascript:x)")
        #expect(!html.contains("javascript"))
        #expect(html.contains("<a href=\"\">click</a>"))
    }

    @Test func placeholdersSurviveSafeModeAndEscaping() {
        // A reference next to characters that HTML escaping changes.
        let document = Markdown.parse("a < [[x]] & \"b\"")
        let token = scalars(0xFDD0) + "0" + scalars(0xFDD1)
        #expect(document.htmlTemplate == "<p>a &lt; \(token) &amp; &quot;b&quot;</p>\n")
        #expect(document.html { _, _ in "<a href=\"/x/\">X</a>" } ==
            "<p>a &lt; <a href=\"/x/\">X</a> &amp; &quot;b&quot;</p>\n")
    }

    @Test func emptyInput() {
        let document = Markdown.parse("")
        #expect(document.htmlTemplate == "")
        #expect(document.references.isEmpty)
        #expect(document.plainText == "")
    }
}
