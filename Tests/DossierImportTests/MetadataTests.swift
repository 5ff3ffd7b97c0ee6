@testable import DossierImport
import Testing

@Suite struct MetadataTests {
    let jsonLD = """
    <script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"WebSite","name":"Ignored"},
    {"@type":"NewsArticle","headline":"Steel prices rise nine per cent","datePublished":"2026-03-05T09:30:00+01:00",
     "author":[{"@type":"Person","name":"Ana Ruiz"},{"@type":"Person","name":"Tom Berg"}],
     "publisher":{"@type":"Organization","name":"The Ledger"}}]}</script>
    """
    let metas = """
    <meta property="og:title" content="OG title"><meta property="og:site_name" content="Ledger OG">
    <meta name="author" content="Meta Author"><meta property="article:published_time" content="2026-03-04">
    <link rel="canonical" href="https://ledger.example/steel-prices"><meta name="dc.title" content="DC title">
    """

    @Test func jsonLDComesFirst() throws {
        let m = try extract(page(head: jsonLD + metas + "<title>Doc title | The Ledger</title>", body: articleParagraphs)).metadata
        #expect(m.title == "Steel prices rise nine per cent")
        #expect(m.authors == ["Ana Ruiz", "Tom Berg"])
        #expect(m.publisher == "The Ledger")
        #expect(m.published == "2026-03-05T09:30:00+01:00")
        #expect(m.canonicalURL == "https://ledger.example/steel-prices")
        #expect(m.language == "en")
    }

    @Test func thenDublinCoreThenOpenGraphThenNamedMeta() throws {
        let m = try extract(page(head: metas + "<title>Doc title | The Ledger</title>", body: articleParagraphs)).metadata
        #expect(m.title == "DC title")
        #expect(m.authors == ["Meta Author"])
        #expect(m.publisher == "Ledger OG")
        #expect(m.published == "2026-03-04")
        let og = try extract(page(head: "<meta property=\"og:title\" content=\"OG title\"><title>Doc</title>", body: articleParagraphs)).metadata
        #expect(og.title == "OG title")
    }

    @Test func thenTheDocumentItself() throws {
        let body = "<p class=\"byline\">By <a rel=\"author\" href=\"/ana\">Ana Ruiz</a></p><time datetime=\"2026-03-01\">1 March</time>" + articleParagraphs
        let m = try extract(page(head: "<title>Steel prices rise nine per cent again | The Ledger</title>", body: body)).metadata
        #expect(m.title == "Steel prices rise nine per cent again")
        #expect(m.authors == ["By Ana Ruiz"])
        #expect(m.published == "2026-03-01")
        #expect(m.publisher == nil)
    }

    @Test func dateTextBecomesWhatTheLoaderReads() {
        #expect(DateText.normalize("2026-03-05T09:30:00+01:00") == "2026-03-05T09:30:00+01:00")
        #expect(DateText.normalize("2026-03-05T09:30:00.000Z") == "2026-03-05T09:30:00.000Z")
        #expect(DateText.normalize("March 5, 2026") == "2026-03-05")
        #expect(DateText.normalize("someday") == nil)
    }

    @Test func slugsAreASCIIAndNeverClash() {
        #expect(SourceSlug.make(["Le Monde", "Grève à l'usine: les salariés réclament 5 %"]) == "le-monde-greve-a-lusine-les-salaries-reclament-5")
        #expect(SourceSlug.make([nil, "Ηλεκτρική ενέργεια"]).allSatisfy { $0.isASCII })
        #expect(SourceSlug.make([nil, "!!!"]) == "source")
        #expect(SourceSlug.unique("a", taken: ["a", "a-2"]) == "a-3")
        #expect(SourceSlug.make(["P", String(repeating: "word ", count: 40)]).count <= SourceSlug.maximumLength)
    }

    @Test func suggestsRepeatedCapitalisedNamesThatAreNotActors() {
        let text = "Shares in Nucor rose after Howard Lutnick spoke. Nucor said Howard Lutnick was wrong.\nThe Nucor board met. The Pentagon agreed with Anthropic, and Anthropic said so."
        let s = NameSuggestions.find(in: text, known: ["Anthropic"])
        #expect(s == [.init(name: "Nucor", count: 3), .init(name: "Howard Lutnick", count: 2)])
        #expect(NameSuggestions.find(in: "Analysts said so. Analysts agreed. Prices rose.", known: []).isEmpty)
    }
}
