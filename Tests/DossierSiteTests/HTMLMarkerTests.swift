@testable import DossierSite
@testable import DossierContent
import Testing

/// Cited passages are marked in rendered HTML however the HTML spells them: across entities, inline tags and text
/// that is not ASCII, with each run of text in a mark of its own.
@Suite struct HTMLMarkerTests {
    static func passage(_ text: String, _ anchor: String = "q-1") -> CitedPassage {
        CitedPassage(anchor: anchor, range: 0..<1, text: text, fragment: "")
    }

    @Test func passagesCrossEntitiesAndInlineTags() {
        let html = "<p>Tom &amp; Jerry said <em>no deal</em> today.</p>\n<p>Café “quoted” here.</p>"
        let marked = HTMLMarker.mark(html, passages: [Self.passage("Tom & Jerry said no deal"), Self.passage("Café \"quoted\"", "q-2")])
        #expect(marked == "<p><mark id=\"q-1\" class=\"quote\">Tom &amp; Jerry said </mark><em><mark class=\"quote\">no deal</mark></em> today.</p>\n"
            + "<p><mark id=\"q-2\" class=\"quote\">Café “quoted”</mark> here.</p>")
    }

    @Test func anAmpersandThatIsNoEntityIsText() {
        let marked = HTMLMarker.mark("<p>A & B</p>", passages: [Self.passage("A & B")])
        #expect(marked == "<p><mark id=\"q-1\" class=\"quote\">A & B</mark></p>")
    }
}
