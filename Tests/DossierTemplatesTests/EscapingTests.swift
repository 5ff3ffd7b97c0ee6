import Testing
import DossierSupport
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

    /// Escaping passes over clean text eight bytes at a time: a special character is escaped wherever it falls in
    /// or after a word, in texts of every length up to three words.
    @Test func escapesAtEveryPositionAndLength() throws {
        let naive: [Character: String] = ["&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;", "'": "&#39;"]
        for length in 1...24 {
            for position in 0..<length {
                for special in naive.keys {
                    var text = Array(repeating: Character("a"), count: length)
                    text[position] = special
                    let expected = text.map { naive[$0] ?? String($0) }.joined()
                    #expect(try library.render("escaped", with: ["s": .string(String(text))]) == expected, "\(special) at \(position) of \(length)")
                }
            }
        }
    }

    /// Each word test flags a word exactly when one of its bytes has the property, for every byte value at every place.
    @Test func byteWordTestsFindEveryByteAtEveryPlace() {
        let special: Set<UInt8> = [0x26, 0x3C, 0x3E, 0x22, 0x27]
        for value in 0...255 {
            let byte = UInt8(value)
            for place in 0..<8 {
                var bytes = [UInt8](repeating: UInt8(ascii: "a"), count: 8)
                bytes[place] = byte
                let word = ByteSpan.load(bytes.span, at: 0)
                #expect((ByteWord.has(word, 0xE2) != 0) == (byte == 0xE2), "byte \(byte) at \(place)")
                #expect((ByteWord.has(word, 0x00) != 0) == (byte == 0x00), "byte \(byte) at \(place)")
                #expect((ByteWord.hasBelow(word, 0x20) != 0) == (byte < 0x20), "byte \(byte) at \(place)")
                #expect((ByteWord.hasHTMLSpecial(word) != 0) == special.contains(byte), "byte \(byte) at \(place)")
            }
        }
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
