import DossierSite
import DossierTestSupport
import Foundation
import Testing

/// The front page stays light: claims carry compact markers that lead to the pages listing their references.
@Suite struct FrontPageTests {
    @Test func homeMarkersLeadToTheEventsOwnReferences() throws {
        let site = try SiteFixture(smallSite)
        defer { site.remove() }
        #expect(site.build().succeeded)
        let home = try #require(site.output("index.html"))
        #expect(!home.contains("id=\"references-heading\""), "no reference list on the home page")
        #expect(home.contains("<sup class=\"cite\"><a href=\"events/review/#references-heading\" aria-label=\"1 source, referenced in full on the event&#39;s page\">[1 source]</a></sup>"))
        let event = try #require(site.output("events/review/index.html"))
        #expect(event.contains("id=\"references-heading\""), "the marker's target exists")
        #expect(event.contains("<sup class=\"cite\"><a href=\"#ref-1\" aria-label=\"Reference 1\">[1]</a></sup>"), "item pages keep numbered markers")
    }
}
