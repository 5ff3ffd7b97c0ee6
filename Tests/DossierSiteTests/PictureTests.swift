import DossierModel
@testable import DossierSite
import DossierTestSupport
import Foundation
import Testing

/// The pictures' layout rules: axes that read on their own, labels that never overprint, marks that link.
@Suite struct PictureTests {
    static func day(_ y: Int, _ m: Int, _ d: Int) -> Int { PartialDate(year: y, month: m, day: d).dayNumber }

    @Test func axisUnitFollowsTheSpan() {
        #expect(TimeAxis.unit(span: 10) == .day)
        #expect(TimeAxis.unit(span: 60) == .week)
        #expect(TimeAxis.unit(span: 400) == .month)
        #expect(TimeAxis.unit(span: 3000) == .year)
    }

    @Test func axisWritesTheYearFirstAndWheneverItChanges() {
        let ticks = TimeAxis.ticks(first: Self.day(2023, 12, 1), last: Self.day(2025, 6, 30), unit: .month, step: 3)
        #expect(ticks.map(\.label) == ["Jan 2024", "Apr", "Jul", "Oct", "Jan 2025", "Apr"])
        let weeks = TimeAxis.ticks(first: Self.day(2025, 12, 20), last: Self.day(2026, 1, 20), unit: .week, step: 1)
        #expect(weeks.map(\.label) == ["22 Dec 2025", "29 Dec", "5 Jan 2026", "12 Jan", "19 Jan"])
        let months = TimeAxis.ticks(first: Self.day(2023, 12, 1), last: Self.day(2024, 2, 10), unit: .month, step: 1)
        #expect(months.map(\.label) == ["Dec 2023", "Jan 2024", "Feb"])
    }

    @Test func axisStepGrowsUntilLabelsFit() {
        let first = Self.day(2024, 1, 1), last = Self.day(2025, 12, 31)
        let ticks = TimeAxis.ticks(first: first, last: last) { $0.count <= 8 }
        #expect(ticks.count <= 8 && ticks.count >= 4)
        #expect(ticks.first?.label == "Jan 2024")
    }

    @Test func labelSpacePlacesAtTheFirstFreeCandidate() {
        var space = LabelSpace(width: 200, height: 100)
        let a = ChartText.box("Example Corp", x: 10, y: 30, size: 12)
        #expect(space.place([a]) == 0)
        let below = ChartText.box("Example Corp", x: 10, y: 50, size: 12)
        #expect(space.place([a, below]) == 1, "the first place is taken")
        let outside = ChartText.box("Example Corp", x: 150, y: 80, size: 12)
        #expect(space.place([outside]) == nil, "a label past the edge does not fit")
    }

    @Test func longTextIsWrappedOrCutToItsWidth() {
        let lines = ChartText.wrapped("Contractual limits on military use of AI models", maxWidth: 100, size: 12, bold: true, maxLines: 3)
        #expect(lines.count == 3)
        #expect(lines.allSatisfy { ChartText.width($0, size: 12, bold: true) <= 100 })
        #expect(lines.last!.hasSuffix("…"))
        #expect(ChartText.fitted("Short", maxWidth: 100, size: 12) == "Short")
    }

    /// Three events on consecutive days and one months later, all involving the same actor.
    static let dense = smallSite + """

    -- Content/events/a1.md --
    ---
    title: First of three
    date: 2025-01-10
    actors: [agency]
    sources: [wire]
    ---
    -- Content/events/a2.md --
    ---
    title: Second <of> three
    date: 2025-01-11
    actors: [agency]
    sources: [wire]
    ---
    -- Content/events/a3.md --
    ---
    title: Third of three
    date: 2025-01-12
    actors: [agency]
    sources: [wire]
    ---
    """

    @Test func closeEventsStackIntoANumberedMarkAndEveryMarkLinks() throws {
        let site = try SiteFixture(Self.dense)
        defer { site.remove() }
        #expect(site.build().succeeded)
        let timeline = try #require(site.output("timeline/index.html"))
        #expect(timeline.contains("<a class=\"mark-link cluster-link\" href=\"#a1\" aria-label=\"3 events, 10 January 2025 to 12 January 2025: First of three (10 January 2025); Second &lt;of&gt; three (11 January 2025); Third of three (12 January 2025)\">"))
        #expect(timeline.contains(">3</text>"))
        #expect(timeline.contains("<a class=\"mark-link\" href=\"../events/review/\" aria-label=\"Review announced (about late February 2026)\"><title>"))
        let ticks = timeline.components(separatedBy: "class=\"tick-label\"").dropFirst().map { $0.split(separator: ">")[1].split(separator: "<")[0] }
        #expect(ticks.first?.hasSuffix(" 2025") == true, "the first tick carries the year: \(ticks)")
        #expect(ticks.filter { $0.contains("20") }.count == 2, "… and so does the tick where it changes: \(ticks)")
        #expect(timeline.contains("style=\"min-width:880px\" aria-labelledby=\"timeline-chart-title\" aria-describedby=\"timeline-chart-desc\""))
    }

    @Test func stripsMatrixAndNetworkLinkToPagesThatExist() throws {
        let site = try SiteFixture(smallSite)
        defer { site.remove() }
        #expect(site.build().succeeded)
        let topic = try #require(site.output("topics/contract/index.html"))
        #expect(topic.contains("href=\"#stance-corp-2\" aria-label=\"Example Corp: mixed from March 2026. Open to talks.\""))
        #expect(topic.contains("<li class=\"history-entry\" id=\"stance-corp-2\">"))
        let home = try #require(site.output("index.html"))
        #expect(home.contains("href=\"topics/contract/#stance-corp-2\" aria-label=\"Example Corp on The contract: mixed, as of March 2026\""))
        #expect(home.contains("<a class=\"mark-link\" href=\"actors/agency/\" aria-label=\"The Agency (government)\">"))
        let actor = try #require(site.output("actors/agency/index.html"))
        #expect(actor.contains("<a class=\"mark-link\" href=\"../../actors/corp/\""))
        let files = Set(site.outputFiles())
        for page in [home, actor, topic] {
            for href in Self.hrefsInSVG(page) where !href.hasPrefix("#") {
                let path = href.replacingOccurrences(of: "../", with: "").split(separator: "#").first.map(String.init) ?? ""
                #expect(files.contains(path + "index.html"), "\(href) goes nowhere")
            }
        }
    }

    /// The `href`s of links inside the page's SVG pictures.
    static func hrefsInSVG(_ page: String) -> [String] {
        page.components(separatedBy: "<svg").dropFirst().flatMap { svg in
            svg.components(separatedBy: "</svg>")[0].components(separatedBy: "<a class=\"mark-link").dropFirst().compactMap { a in
                a.components(separatedBy: "href=\"").dropFirst().first?.components(separatedBy: "\"").first
            }
        }
    }

    @Test func networkLabelsNeverOverlap() {
        // Twenty nodes with long names crowded in the middle of the picture.
        let nodes = (0..<20).map { i in
            NetworkChart.Node(id: "a\(i)", label: "Committee on Foreign Intelligence \(i)", kind: .organization,
                              point: NetworkLayout.Point(x: 0.4 + Double(i % 5) * 0.05, y: 0.4 + Double(i / 5) * 0.05), focus: false)
        }
        let frame = NetworkChart.Frame(width: 760, height: 520, plotHeight: 520)
        let points = nodes.map { frame.px($0.point) }
        let labels = NetworkChart.placeLabels(nodes: nodes, points: points, frame: frame)
        let named = labels.filter { $0.keyNumber == nil }
        let boxes = named.map { ChartText.box($0.text, x: $0.x, y: $0.y, size: 12, anchor: $0.anchor) }
        for i in boxes.indices { for j in boxes.indices where j > i { #expect(!boxes[i].intersects(boxes[j])) } }
        #expect(labels.contains { $0.keyNumber != nil }, "crowded labels drop to the numbered key")
    }
}
