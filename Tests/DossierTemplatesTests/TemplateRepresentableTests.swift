import DossierTemplates
import Testing

/// `TemplateRepresentable` turns Swift values into the values templates read: nil is `null` (a present name),
/// lists are lists, pre-rendered HTML stays unescaped, and a view shared by many pages keeps the value it was made with.
struct TemplateRepresentableTests {
    /// A view with an optional and a list, as page views are written.
    private struct Card: TemplateRepresentable {
        var title: String
        var note: String?
        var tags: [String]
        var count: Int
        var body: HTMLText?
        var templateValue: TemplateValue {
            ["title": title.templateValue, "note": note.templateValue, "tags": tags.templateValue, "count": count.templateValue,
             "body": body.templateValue]
        }
    }

    @Test func scalarsBecomeTheirCases() {
        #expect("a".templateValue == .string("a"))
        #expect(true.templateValue == .bool(true))
        #expect(3.templateValue == .number(3))
        #expect(2.5.templateValue == .number(2.5))
        #expect(TemplateValue.html("<b>").templateValue == .html("<b>"))
        #expect(HTMLText("<b>").templateValue == .html("<b>"))
    }

    @Test func nilIsNullAndArraysAreLists() {
        let none: String? = nil
        #expect(none.templateValue == .null)
        #expect(Optional("x").templateValue == .string("x"))
        #expect(["a", "b"].templateValue == .list([.string("a"), .string("b")]))
        #expect([Int?.none, 1].templateValue == .list([.null, .number(1)]))
    }

    @Test func aViewRendersInStrictModeWithItsNilNamesPresent() throws {
        let library = try TemplateLibrary(templates: ["card": "{{title}}{{#note}}!{{/note}}[{{#tags}}{{.}},{{/tags}}]{{count}}{{body}}"])
        let card = Card(title: "T", note: nil, tags: ["x", "y"], count: 2, body: HTMLText("<i>b</i>"))
        #expect(try library.render("card", with: card.templateValue) == "T[x,y,]2<i>b</i>")
    }

    @Test func aSharedViewKeepsTheValueItWasMadeWith() {
        let card = Card(title: "T", note: "n", tags: [], count: 0, body: nil)
        #expect(SharedView(card).templateValue == card.templateValue)
        #expect([SharedView(card)].templateValue == .list([card.templateValue]))
    }
}
