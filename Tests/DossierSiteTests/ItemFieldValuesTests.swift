import DossierTesting
import Foundation
import Testing

/// Every item page's values carry the fields of its kind's table that the page does not set by hand (see
/// `TableFields`, merged in by each page view), so a field added to a table reaches the template without Swift code for its page.
@Suite struct ItemFieldValuesTests {
    @Test func anEventPageTemplateReadsApproximateFromTheTable() throws {
        let site = try SiteTestBuilder("""
            -- Content/site.yml --
            title: Test
            base_url: https://example.org/
            allow_uncited: true
            -- Content/events/estimated.md --
            ---
            title: Estimated
            date: 2026-02
            approximate: true
            ---
            -- Content/events/exact.md --
            ---
            title: Exact
            date: 2026-02-03
            ---
            -- Templates/event.mustache --
            {{<layout}}{{$main}}{{#event}}<p id="t">{{title}}: {{#approximate}}about{{/approximate}}{{^approximate}}on{{/approximate}}</p>{{/event}}{{/main}}{{/layout}}
            """)
        site.build().assertSucceeded()
        site.assertFileContent("events/estimated/index.html", contains: "<p id=\"t\">Estimated: about</p>")
        site.assertFileContent("events/exact/index.html", contains: "<p id=\"t\">Exact: on</p>")
    }
}
