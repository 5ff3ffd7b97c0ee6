import Testing
import DossierTemplates

/// HTML escaping of `{{x}}`, raw output of `{{{x}}}`, `{{&x}}` and `.html`, and number formatting.
struct EscapingTests {
    let library: TemplateLibrary

    init() throws {
        library = try TemplateLibrary(templates: [
            "escaped": "{{s}}",
            "triple": "{{{s}}}",
            "ampersand": "{{&s}}",
            "html": "{{h}}|{{{h}}}|{{&h}}",
            "number": "{{n}}",
            "bool": "{{b}}",
        ])
    }

    @Test func escapesAllFiveCharacters() throws {
        #expect(try library.render("escaped", with: ["s": "a & b < c > d \" e ' f"]) == "a &amp; b &lt; c &gt; d &quot; e &#39; f")
        #expect(try library.render("escaped", with: ["s": "<<&&>>"]) == "&lt;&lt;&amp;&amp;&gt;&gt;")
        #expect(try library.render("escaped", with: ["s": "héllo <wörld> 👍 & ü"]) == "héllo &lt;wörld&gt; 👍 &amp; ü")
        #expect(try library.render("escaped", with: ["s": "plain text, nothing to escape"]) == "plain text, nothing to escape")
    }

    @Test func tripleMustacheAndAmpersandDoNotEscape() throws {
        let value: TemplateValue = ["s": "<b>\"x\" & 'y'</b>"]
        #expect(try library.render("triple", with: value) == "<b>\"x\" & 'y'</b>")
        #expect(try library.render("ampersand", with: value) == "<b>\"x\" & 'y'</b>")
    }

    @Test func htmlValuesAreNeverEscaped() throws {
        #expect(try library.render("html", with: ["h": .html("<p class=\"x\">A & B</p>")])
            == "<p class=\"x\">A & B</p>|<p class=\"x\">A & B</p>|<p class=\"x\">A & B</p>")
    }

    @Test func numbersRenderWithoutNeedlessFractions() throws {
        #expect(try library.render("number", with: ["n": 1.0]) == "1")
        #expect(try library.render("number", with: ["n": 1.210]) == "1.21")
        #expect(try library.render("number", with: ["n": 85]) == "85")
        #expect(try library.render("number", with: ["n": -3]) == "-3")
        #expect(try library.render("number", with: ["n": 0.5]) == "0.5")
        #expect(try library.render("bool", with: ["b": true]) == "true")
    }
}
