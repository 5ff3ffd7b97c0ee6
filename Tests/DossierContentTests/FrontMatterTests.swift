@testable import DossierContent
import DossierModel
import Testing

@Suite struct FrontMatterTests {
    func split(_ text: String) -> FrontMatter? { try? FrontMatter.split(text, path: "x.md").get() }

    @Test func splitsYAMLAndBodyWithLineNumbers() {
        let fm = split("---\ntitle: A\ndate: 2026\n---\nBody line\n")
        #expect(fm?.yaml == "title: A\ndate: 2026")
        #expect(fm?.body == Body(markdown: "Body line\n", firstLine: 5))
    }

    @Test func acceptsEmptyFrontMatterAndDotsFenceAndTrailingSpaces() {
        #expect(split("---\n---\nx")?.yaml == "")
        #expect(split("---\n---\nx")?.body == Body(markdown: "x", firstLine: 3))
        #expect(split("--- \na: 1\n...\nbody")?.yaml == "a: 1")
        #expect(split("---\na: 1\n---")?.body == Body(markdown: "", firstLine: 4))
    }

    @Test func noFrontMatterKeepsTheWholeText() {
        #expect(split("Just text\n---\n")?.yaml == nil)
        #expect(split("Just text\n---\n")?.body == Body(markdown: "Just text\n---\n", firstLine: 1))
        #expect(split("")?.yaml == nil)
    }

    @Test func unclosedFrontMatterIsAnError() {
        let result = FrontMatter.split("---\ntitle: A\n", path: "Content/briefs/a.md")
        guard case .failure(let d) = result else { Issue.record("expected failure"); return }
        #expect(d.description == "Content/briefs/a.md:1:1: error: front matter opened with '---' is never closed (add a '---' line after it)")
    }

    @Test func mentionsTokenizeOnWordBoundaries() {
        #expect(Mentions.tokens("Anthropic’s CEO, Dario-Amodei 2026!") == ["Anthropic", "s", "CEO", "Dario", "Amodei", "2026"])
        #expect(Mentions.tokens("Ünïcode wörds") == ["Ünïcode", "wörds"])
    }

    @Test func mentionsByteScanFindsTheWordsTokensFinds() {
        let names = ["Anthropic", "Dario", "Amodei", "Ünïcode", "\u{212A}elvin", "2026", "école", "s"]
        var vocabulary: [Substring: Int] = [:]
        // Names are looked up as they are compared: in lower case, without accents.
        for (i, name) in names.enumerated() { vocabulary[Mentions.fold(Substring(name))] = i }
        let lookup = Mentions.WordLookup(vocabulary)
        let texts = ["Anthropic’s CEO, Dario-Amodei 2026!", "Ünïcode wörds", "Kelvin and \u{212A}elvin", "e\u{301}cole or école",
                     "", "  ", "a😀b ٣٤ x Dario", "Anthropicx Anthropi anthropic"]
        for text in texts {
            let expected = Mentions.tokens(text).map { vocabulary[Mentions.fold($0)] ?? -1 }
            #expect(lookup.ids(of: text) == expected, "\(text)")
        }
        // A Kelvin sign is canonically a K, so an ASCII word of a text can equal a vocabulary word that is not ASCII.
        #expect(lookup.ids(of: "Kelvin, Dario") == [4, 1])
    }
}
