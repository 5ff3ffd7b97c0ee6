import Testing
@testable import DossierMarkdown

/// A long body parsed in parts gives what a parse of the whole gives, and bodies with constructs that reach across
/// parts are parsed whole.
@Suite struct MarkdownPartsTests {
    /// Blocks of every kind a cut must respect, some of them holding blank lines that are no place to cut.
    static let blocks: [String] = [
        "A paragraph citing [@src \"the talks resumed\"] and naming [[actor-one]] on one line.\n",
        "A paragraph that wraps\nover [[actor-one|two\nlines]] with *emphasis* and [a link](https://example.org/x).\n",
        "[[actor-one]]: a line that starts with a link and a colon, citing [@src, p. 3].\n",
        "A stray [@ citation and an escaped \\[\\[not-a-link]] and &#91;&#91;entity]].\n",
        "# A heading with [[topic-one]]\n",
        "- a tight item\n- another item [[actor-one]]\n",
        "- a loose item\n\n- after a blank line\n\n  continued inside the item\n",
        "1. first\n2. second\n\n3. third after a blank line\n",
        "2026. was a year, says a paragraph that looks like a list.\n",
        "```swift\nlet a = 1\n\n# not a heading\n\n```\n",
        "~~~\ncode with ``` inside\n\n~~~~\n",
        "````\n```\nstill code\n\nafter a blank line\n````\n",
        "> a quote [[actor-one]]\n>\n> more of it\n",
        "| a | b |\n|---|---|\n| [[actor-one\\|One]] | [@src] |\n",
        "    indented code\n\n    more indented code\n",
        "***\n",
        "Setext heading\n--------------\n",
        "Noncharacters " + scalars(0xFDD0, 0x31, 0xFDD1) + " stay text.\n",
    ]

    /// A body of `count` blocks drawn with a seeded linear congruential generator (the same on every run), each
    /// followed by a blank line or two.
    static func body(seed: UInt64, count: Int) -> String {
        var state = seed
        func next() -> UInt64 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return state >> 33
        }
        var text = ""
        for _ in 0..<count {
            text += blocks[Int(next() % UInt64(blocks.count))]
            text += next() % 3 == 0 ? "\n\n" : "\n"
        }
        return text
    }

    /// Parses `text` cut at every place a cut may go, and whole.
    static func bothWays(_ text: String) -> (parts: MarkdownDocument, whole: MarkdownDocument, cuts: Int) {
        var parser = MarkdownParser(options: MarkdownOptions())
        parser.threshold = 0
        parser.partSize = 1
        let cuts = MarkdownParts.cuts(Array(text.utf8), partSize: 1, threshold: 0).count
        return (parser.parse(text), parser.parseWhole(text), cuts)
    }

    @Test(arguments: [1, 2, 3, 4, 5, 6] as [UInt64])
    func partsParseLikeTheWhole(seed: UInt64) {
        let text = Self.body(seed: seed, count: 120)
        let (parts, whole, cuts) = Self.bothWays(text)
        #expect(cuts > 20)
        #expect(parts.references == whole.references)
        #expect(parts.strayCitations == whole.strayCitations)
        #expect(parts.htmlTemplate == whole.htmlTemplate)
        #expect(parts.plainText == whole.plainText)
        #expect(!whole.references.isEmpty)
    }

    @Test func longBodiesAreCutAndShortOnesAreNot() {
        let long = Self.body(seed: 9, count: 6_000)
        #expect(long.utf8.count > MarkdownParts.threshold)
        let cuts = MarkdownParts.cuts(Array(long.utf8))
        #expect(cuts.count >= long.utf8.count / MarkdownParts.partSize / 2)
        #expect(MarkdownParts.cuts(Array(Self.body(seed: 9, count: 100).utf8)).isEmpty)
        #expect(Markdown.parse(long) == MarkdownParser(options: MarkdownOptions()).parseWhole(long))
    }

    @Test(arguments: [
        "A footnote[^1].\n\n[^1]: The note.\n",
        "A [reference link][x].\n\n[x]: https://example.org/\n",
        "<!-- a comment\n\nthat spans a blank line -->\n",
        "<pre>\nkept\n\nas is</pre>\n",
        "Windows\r\nline ends\r\n",
        "- item\n\n  ```\n  fenced in an item\n\n```\n",
    ])
    func constructsThatReachAcrossPartsMakeABodyParseWhole(construct: String) {
        let text = construct + "\n" + Self.body(seed: 3, count: 60)
        #expect(MarkdownParts.cuts(Array(text.utf8), partSize: 1, threshold: 0).isEmpty)
        let (parts, whole, _) = Self.bothWays(text)
        #expect(parts == whole)
    }

    @Test func cutsFallBeforeBlocksThatNothingContinues() {
        let text = "Para one.\n\n- item\n\n  more\n\nPara two.\n\n```\na\n\nb\n```\n\n1. one\n\nPara three.\n"
        let lines = MarkdownParts.cuts(Array(text.utf8), partSize: 1, threshold: 0).map(\.line)
        // Before "Para two.", the fence and "Para three."; not before a list item (it may continue a list), an
        // indented line (it may continue the item), or a line inside the fence.
        #expect(lines == [7, 9, 17])
    }
}
