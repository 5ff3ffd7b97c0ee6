@testable import DossierImport
import Foundation
import Testing

/// A page whose article is `body` between furniture a real site has.
func page(head: String = "<title>Steel tariffs rise again | The Ledger</title>", body: String, htmlAttributes: String = "lang=\"en\"") -> String {
    """
    <!DOCTYPE html><html \(htmlAttributes)><head><meta charset="utf-8">\(head)</head><body>
    <nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li><li><a href="/business">Business news and more</a></li></ul></nav>
    <div class="cookie-banner">We use cookies to improve your experience. By continuing you accept our cookie policy and terms.</div>
    <main><article class="story">
    \(body)
    </article></main>
    <div class="share-bar"><a href="#">Share on Facebook</a> <a href="#">Share on X, formerly Twitter</a></div>
    <section class="related-articles"><h2>Related</h2><ul><li><a href="/a">Another story about steel, tariffs and trade policy</a></li>
    <li><a href="/b">Yet another story about steel prices in the region this week</a></li></ul></section>
    <div id="comments"><p>Great article, thanks for writing it, I learned a lot about the steel industry today.</p></div>
    <footer><p>© 2026 The Ledger. All rights reserved. Contact us, advertise with us, careers and our privacy policy.</p></footer>
    </body></html>
    """
}

let articleParagraphs = """
<p>The company said on Tuesday that it would raise prices for steel sold to carmakers, citing higher costs for energy, scrap and labour across its mills.</p>
<p>Analysts had expected the move, which follows two years of falling margins, but were surprised by its size: an increase of nine per cent, the largest since 2021.</p>
<p>“We cannot absorb these costs any longer,” the chief executive said in a statement, adding that customers had been told weeks ago.</p>
"""

func extract(_ html: String, contentType: String? = nil) throws -> ExtractedArticle {
    try HTMLExtraction.extract(Array(html.utf8), contentType: contentType, input: "page.html")
}

@Suite struct BoilerplateTests {
    @Test func keepsTheArticleAndDropsNavigationSharingCommentsRelatedCookiesAndFooter() throws {
        let a = try extract(page(body: "<h1>Steel tariffs rise again</h1>" + articleParagraphs))
        #expect(a.paragraphs.count == 3)
        #expect(a.text.hasPrefix("The company said on Tuesday"))
        for furniture in ["Home", "cookies", "Share on", "Related", "Another story", "Great article", "All rights reserved"] {
            #expect(!a.text.contains(furniture), "kept \(furniture)")
        }
    }

    @Test func dropsTheHeadlineButKeepsSubheadings() throws {
        let a = try extract(page(body: "<h1>Steel tariffs rise again</h1>" + articleParagraphs + "<h2>What comes next</h2>" + articleParagraphs))
        #expect(a.blocks.first == .paragraph("The company said on Tuesday that it would raise prices for steel sold to carmakers, citing higher costs for energy, scrap and labour across its mills."))
        #expect(a.blocks.contains(.heading(level: 2, text: "What comes next")))
    }

    @Test func keepsListsQuotesAndTables() throws {
        let body = articleParagraphs + """
        <ul><li>Hot-rolled coil, up 9%</li><li>Cold-rolled sheet, up 7%</li></ul>
        <blockquote><p>Prices will stay high through the winter, traders said.</p></blockquote>
        <table><thead><tr><th>Product</th><th>Change</th></tr></thead><tbody><tr><td>Coil</td><td>+9%</td></tr><tr><td>Sheet</td><td>+7%</td></tr></tbody></table>
        """
        let a = try extract(page(body: body))
        #expect(a.blocks.contains(.list(ordered: false, items: [[.paragraph("Hot-rolled coil, up 9%")], [.paragraph("Cold-rolled sheet, up 7%")]])))
        #expect(a.blocks.contains(.quote([.paragraph("Prices will stay high through the winter, traders said.")])))
        #expect(a.blocks.contains(.table([["Product", "Change"], ["Coil", "+9%"], ["Sheet", "+7%"]])))
        #expect(a.markdown.contains("| Product | Change |\n| --- | --- |\n| Coil | +9% |"))
        #expect(a.markdown.contains("> Prices will stay high"))
        #expect(a.markdown.contains("- Hot\\-rolled coil") || a.markdown.contains("- Hot-rolled coil"))
    }

    @Test func dropsCaptionsLinkParagraphsAndHiddenText() throws {
        let body = articleParagraphs + """
        <figure><img src="x.jpg"><figcaption> </figcaption></figure>
        <figure><img src="y.jpg"><figcaption>The mill at Gary, Indiana.</figcaption></figure>
        <p style="display: none">Hidden promotional text that readers never see on the page at all.</p>
        <div hidden>Another hidden block with enough words to count as a paragraph of text.</div>
        <p>You may also like:</p><p><a href="/x">Steelmakers warn of more increases as energy costs climb</a></p>
        """
        let a = try extract(page(body: body))
        #expect(!a.text.contains("The mill at Gary"), "images are not kept, so neither are their captions")
        #expect(!a.text.contains("Hidden promotional"))
        #expect(!a.text.contains("Another hidden"))
        #expect(!a.text.contains("Steelmakers warn"), "a paragraph that is all link points elsewhere")
    }

    @Test func linesSeparatedByBreaksBecomeParagraphs() throws {
        let body = """
        <div class="post-body">First line of the statement, which the ministry published in full on its site.<br>
        Second line, which says the talks will resume next week in Geneva.<br><br>Third line, after a blank break, with a closing remark from the minister.</div>
        """
        let a = try extract(page(body: body))
        #expect(a.paragraphs == [
            "First line of the statement, which the ministry published in full on its site.",
            "Second line, which says the talks will resume next week in Geneva.",
            "Third line, after a blank break, with a closing remark from the minister.",
        ])
    }

    @Test func reportsAPageWithoutArticleText() {
        let html = "<html><body><nav><a href='/'>Home</a></nav><p>Just a few words here.</p></body></html>"
        #expect(throws: ImportError.self) { try extract(html) }
        do { _ = try extract(html) } catch let error as ImportError {
            guard case .noArticle(let words) = error.kind else { Issue.record("wrong error \(error)"); return }
            #expect(words == 5, "the largest block is 'Just a few words here.'")
            #expect(error.message == "no article found in page.html: the largest text block has 5 words")
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test func refusesBytesThatAreNotHTML() {
        #expect { try HTMLExtraction.extract([0x00, 0x01, 0x02, 0x50, 0x4B], input: "x.bin") } throws: { e in
            (e as? ImportError)?.kind == .notHTML
        }
        #expect { try HTMLExtraction.extract(Array("just some plain text, no markup".utf8), input: "notes.txt") } throws: { e in
            (e as? ImportError)?.kind == .notHTML
        }
    }
}

@Suite struct TextFidelityTests {
    @Test func decodesEntitiesExactlyOnceAndKeepsTypography() throws {
        let body = "<p>AT&amp;T said &ldquo;no&rdquo; &mdash; the code is &amp;lt;b&amp;gt; and 5&nbsp;% is&#x20;final; “curly” — dash, it's a non-breaking\u{A0}space and &amp;copy; stays literal.</p>" + articleParagraphs
        let a = try extract(page(body: body))
        let first = a.paragraphs[0]
        #expect(first.hasPrefix("AT&T said “no” — the code is &lt;b&gt; and 5\u{A0}% is final; “curly” — dash"))
        #expect(first.contains("non-breaking\u{A0}space and &copy; stays literal."))
        // The Markdown renders back to the same text: `&` before a name is escaped so it is never decoded again.
        #expect(a.markdown.contains("\\&lt;b\\&gt;"))
        #expect(a.markdown.contains("\\&copy;"))
    }

    @Test func keepsRightToLeftTextAndItsDirection() throws {
        let body = "<p>قالت الشركة يوم الثلاثاء إنها سترفع أسعار الصلب المباع لشركات السيارات، مشيرة إلى ارتفاع تكاليف الطاقة والخردة والعمالة في مصانعها.</p><p>وكان المحللون يتوقعون هذه الخطوة، التي تأتي بعد عامين من تراجع الهوامش، لكنهم فوجئوا بحجمها.</p>"
        let a = try extract(page(head: "<title>الصلب</title>", body: body, htmlAttributes: "lang=\"ar\" dir=\"rtl\""))
        #expect(a.metadata.dir == "rtl")
        #expect(a.metadata.language == "ar")
        #expect(a.paragraphs.first?.hasPrefix("قالت الشركة يوم الثلاثاء") == true)
    }

    @Test func keepsChineseTextAndLanguage() throws {
        let body = "<p>该公司周二表示，将提高向汽车制造商出售的钢材价格，理由是其工厂的能源、废钢和劳动力成本上升。</p><p>分析师此前预计会有此举，但对其幅度感到意外：涨幅为百分之九，是二零二一年以来最大的一次。</p><p>首席执行官在声明中说：“我们再也无法承担这些成本了。”</p>"
        let a = try extract(page(head: "<title>钢铁价格上涨</title>", body: body, htmlAttributes: "lang=\"zh-CN\""))
        #expect(a.metadata.language == "zh-CN")
        #expect(a.paragraphs.count == 3)
        #expect(a.paragraphs[0] == "该公司周二表示，将提高向汽车制造商出售的钢材价格，理由是其工厂的能源、废钢和劳动力成本上升。")
    }
}

@Suite struct CharsetTests {
    let text = "Café crème, naïve résumé — “quoted” text that is long enough to be an article body of several words."

    func html(meta: String) -> String {
        "<html><head>\(meta)<title>t</title></head><body><article><p>\(text)</p><p>\(text)</p></article></body></html>"
    }

    func latin1(_ s: String) -> [UInt8] { Array(s.data(using: .windowsCP1252)!) }

    @Test func readsMetaCharset() throws {
        let a = try HTMLExtraction.extract(latin1(html(meta: "<meta charset=\"windows-1252\">")), input: "p.html")
        #expect(a.charset.origin == .metaCharset)
        #expect(a.paragraphs.first == text)
    }

    @Test func readsHTTPEquiv() throws {
        let a = try HTMLExtraction.extract(latin1(html(meta: "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=ISO-8859-1\">")), input: "p.html")
        #expect(a.charset.origin == .httpEquiv)
        #expect(a.paragraphs.first == text)
    }

    @Test func headerWinsOverMetaAndBOMWinsOverMeta() throws {
        let bytes = latin1(html(meta: "<meta charset=\"utf-8\">"))
        let a = try HTMLExtraction.extract(bytes, contentType: "text/html; charset=windows-1252", input: "u")
        #expect(a.charset.origin == .header)
        #expect(a.paragraphs.first == text)
        let bom = [0xEF, 0xBB, 0xBF] + Array(html(meta: "<meta charset=\"windows-1252\">").utf8)
        let b = try HTMLExtraction.extract(bom, input: "p.html")
        #expect(b.charset.origin == .bom)
        #expect(b.paragraphs.first == text)
    }

    @Test func metaCharsetWinsOverHTTPEquiv() {
        let c = Charset.detect(Array("<meta http-equiv='content-type' content='text/html; charset=koi8-r'><meta charset='utf-8'>".utf8))
        #expect(c.name == "UTF-8")
        #expect(c.origin == .metaCharset)
    }

    @Test func sniffsWithoutDeclaration() throws {
        let a = try HTMLExtraction.extract(latin1(html(meta: "")), input: "p.html")
        #expect(a.charset == Charset(name: "windows-1252", origin: .sniffed, bomLength: 0))
        #expect(a.paragraphs.first == text)
        #expect(Charset.detect(Array(html(meta: "").utf8)).name == "UTF-8")
    }

    @Test func reportsAnUnknownCharset() {
        #expect { try HTMLExtraction.extract(Array(html(meta: "<meta charset=\"x-no-such-charset\">").utf8), input: "p.html") } throws: { e in
            (e as? ImportError)?.kind == .unknownCharset("x-no-such-charset")
        }
    }
}

@Suite struct SavedPageCharsetTests {
    @Test func aSavedPageReencodedAsUTF8IsReadAsUTF8() throws {
        let html = "<html><head><meta charset=\"windows-1252\"><title>t</title></head><body><article><p>\(articleParagraphs)</p></article></body></html>"
        let a = try HTMLExtraction.extract(Array(html.utf8), input: "saved.html")
        #expect(a.charset.origin == .savedAsUTF8)
        #expect(a.text.contains("“We cannot absorb these costs any longer,”"))
    }
}
