import Testing
import DossierTemplates

/// `TemplateLibrary.tags` lists every tag, and `render(_:with:coverage:)` records which were evaluated and which
/// bodies ran, without changing the output.
struct CoverageTests {
    private let library = try! TemplateLibrary(templates: [
        "page": "{{<layout}}{{$main}}{{#items}}{{>item}}{{/items}}{{^items}}none{{/items}}{{/main}}{{/layout}}",
        "layout": "<h1>{{title}}</h1>\n{{$main}}default {{fallback}}{{/main}}\n{{#footer}}{{note}}{{/footer}}",
        "item": "{{name}}",
    ])

    private func place(_ template: String, _ line: Int, _ column: Int) -> TemplateTag.Place {
        TemplateTag.Place(template: template, line: line, column: column)
    }

    @Test func listsEveryTagWithItsKindNameAndPlace() {
        let listed = library.tags.map { "\($0)" }
        #expect(listed == [
            "item:1:1: variable 'name'",
            "layout:1:5: variable 'title'",
            "layout:2:1: block 'main'",
            "layout:2:18: variable 'fallback'",
            "layout:3:1: section 'footer'",
            "layout:3:12: variable 'note'",
            "page:1:1: parent 'layout'",
            "page:1:21: section 'items'",
            "page:1:31: partial 'item'",
            "page:1:50: inverted 'items'",
        ])
    }

    @Test func recordsWhatARenderReached() throws {
        var coverage = TemplateCoverage()
        let value: TemplateValue = ["title": "T", "items": .list([["name": "a"], ["name": "b"]]), "footer": false]
        let html = try library.render("page", with: value, coverage: &coverage)
        #expect(html == (try library.render("page", with: value)))
        let reached = Set(library.tags.filter(coverage.covers).map(\.place))
        #expect(reached == [place("item", 1, 1), place("layout", 1, 5), place("layout", 2, 1),
                            place("page", 1, 1), place("page", 1, 21), place("page", 1, 31)])
        // The footer section and the inverted section were evaluated, but their bodies did not run.
        #expect(coverage.evaluated.contains(place("layout", 3, 1)))
        #expect(!coverage.entered.contains(place("layout", 3, 1)))
        #expect(coverage.evaluated.contains(place("page", 1, 50)))
        #expect(!coverage.entered.contains(place("page", 1, 50)))
        // The overridden block's default content never ran.
        #expect(!coverage.entered.contains(place("layout", 2, 1)))
    }

    @Test func mergesRendersAndCountsBlockDefaults() throws {
        var coverage = TemplateCoverage()
        _ = try library.render("page", with: ["title": "T", "items": .list([]), "footer": ["note": "n"]], coverage: &coverage)
        var other = TemplateCoverage()
        _ = try library.render("layout", with: ["title": "T", "fallback": "f", "footer": false], coverage: &other)
        coverage.merge(other)
        #expect(coverage.entered.contains(place("page", 1, 50)))
        #expect(coverage.entered.contains(place("layout", 2, 1)))
        #expect(library.tags.filter { !coverage.covers($0) }.map(\.place) == [place("item", 1, 1), place("page", 1, 21), place("page", 1, 31)])
    }

    @Test func aFailedRenderRecordsNothing() {
        var coverage = TemplateCoverage()
        #expect(throws: TemplateError.self) { try library.render("page", with: ["items": .list([])], coverage: &coverage) }
        #expect(coverage.evaluated.isEmpty)
    }
}
