import DossierContent
import DossierModel

/// The timeline as a picture: events on a time axis, one lane per major actor, importance as size, and
/// approximate or multi-day dates drawn as ranges. Each mark links to its event; events too close to tell
/// apart stack into one numbered mark that lists them and links to the first in the list below. Drawn once per
/// build; the timeline page lists the same events in words, which is the picture's text equivalent.
public enum TimelineChart {
    /// Most lanes drawn; actors beyond these share the last lane.
    static let maxLanes = 7
    static let right = 20.0, top = 34.0, laneHeight = 40.0, width = 960.0
    static let tickSize = 12.0, laneSize = 13.0, countSize = 12.0

    /// One event's mark in one lane, before clustering.
    struct Item {
        var event: Event
        var at: Double
        var radius: Double
    }

    /// The chart's SVG, or nil when there are no events. `root` climbs from the timeline page to the site root.
    public static func svg(site: SiteModel, root: String = "../") -> String? {
        guard !site.events.isEmpty else { return nil }
        let (laneActors, lanes) = lanes(site)
        var first = Int.max, last = Int.min
        for e in site.events {
            let (a, b) = span(e)
            first = min(first, a); last = max(last, b)
        }
        let days = max(last - first + 1, 7)
        // The lane labels' column is as wide as the longest name needs, within bounds; longer names are cut.
        let left = min(max(lanes.map { ChartText.width($0, size: laneSize, bold: true) }.max() ?? 0, 100) + 22, 260)
        let height = top + Double(lanes.count) * laneHeight + 10
        let plot = width - left - right
        let dayWidth = plot / Double(days)
        func x(_ day: Int) -> Double { left + plot * (Double(day - first) + 0.5) / Double(days) }

        let title = "Timeline chart of \(site.events.count) event\(site.events.count == 1 ? "" : "s")"
        let from = PartialDate.fromDayNumber(first).formatted(), to = PartialDate.fromDayNumber(last).formatted()
        let desc = "Events from \(from) to \(to), one lane per actor (\(lanes.joined(separator: ", "))). Larger marks are more important events; bars show approximate dates and events that last several days; a numbered mark stands for events too close together to draw apart. Every event is listed in words below."
        var out = SVG.open(id: "timeline-chart", width: width, height: height, title: title, desc: desc, cssClass: "timeline-chart")
        out += axis(first: first, last: first + days - 1, x: { x($0) - dayWidth / 2 }, height: height)
        out += "<g class=\"lanes\">"
        for (i, name) in lanes.enumerated() {
            let y = top + Double(i) * laneHeight
            out += "<rect class=\"lane lane-\(i % 2)\" x=\"0\" y=\"\(SVG.n(y))\" width=\"\(SVG.n(width))\" height=\"\(SVG.n(laneHeight))\"/>"
            let shown = ChartText.fitted(name, maxWidth: left - 16, size: laneSize, bold: true)
            out += SVG.label(shown, full: name, x: 8, y: y + laneHeight / 2 + 4, cssClass: "lane-label")
        }
        out += "</g><g class=\"events\">"
        var rows: [[Item]] = Array(repeating: [], count: lanes.count)
        for e in site.events {
            let r = e.importance >= 3 ? 7.0 : e.importance == 2 ? 5.0 : 3.5
            // An approximate date is drawn at the middle of the range it may mean.
            let at = e.approximate ? (x(e.date.approximateRange.0.dayNumber) + x(e.date.approximateRange.1.dayNumber)) / 2 : x(e.date.dayNumber)
            for row in lanesOf(e, laneActors: laneActors, laneCount: lanes.count) { rows[row].append(Item(event: e, at: at, radius: r)) }
        }
        let groups = rows.map(clusters)
        out += links(groups: groups)
        for (row, lane) in groups.enumerated() {
            let cy = top + Double(row) * laneHeight + laneHeight / 2
            for group in lane {
                out += group.count == 1
                    ? single(group[0], cy: cy, root: root, range: { (x($0) - dayWidth / 2 + 1, x($1) + dayWidth / 2 - 1) })
                    : cluster(group, cy: cy)
            }
        }
        out += "</g></svg>"
        return out
    }

    /// The lanes: the actors in most events, then one lane for everything else; their ids and lane names.
    static func lanes(_ site: SiteModel) -> ([String], [String]) {
        var counts: [String: Int] = [:]
        for e in site.events { for a in Set(e.actors.map(\.value)) { counts[a, default: 0] += 1 } }
        let ranked = counts.keys.filter { site.actor($0) != nil }.sorted { (counts[$0]!, $1) > (counts[$1]!, $0) }
        let laneActors = Array(ranked.prefix(ranked.count > maxLanes ? maxLanes - 1 : maxLanes))
        let hasOther = site.events.contains { e in !e.actors.contains { laneActors.contains($0.value) } }
        var names = laneActors.map { site.actor($0)!.name }
        if hasOther { names.append(laneActors.isEmpty ? "Events" : "Other actors") }
        return (laneActors, names)
    }

    /// The lanes an event is drawn in: those of its actors, or the last lane.
    static func lanesOf(_ e: Event, laneActors: [String], laneCount: Int) -> [Int] {
        var rows = Set<Int>()
        for a in e.actors { if let i = laneActors.firstIndex(of: a.value) { rows.insert(i) } }
        if rows.isEmpty { rows.insert(laneCount - 1) }
        return rows.sorted()
    }

    /// The axis: a line and a label per tick, at the smallest step whose labels do not touch.
    static func axis(first: Int, last: Int, x: (Int) -> Double, height: Double) -> String {
        func box(_ t: TimeAxis.Tick) -> Box { ChartText.box(t.label, x: x(t.day) + 3, y: top - 12, size: tickSize) }
        let ticks = TimeAxis.ticks(first: first, last: last) { ticks in
            zip(ticks, ticks.dropFirst()).allSatisfy { a, b in box(a).x + box(a).width + 8 <= box(b).x }
        }
        var out = "<g class=\"axis\">"
        for t in ticks {
            let tx = x(t.day)
            out += "<line class=\"tick\" x1=\"\(SVG.n(tx))\" y1=\"\(SVG.n(top - 6))\" x2=\"\(SVG.n(tx))\" y2=\"\(SVG.n(height - 10))\"/>"
            // A label that would run past the picture's edge is left off; its tick line stays.
            guard box(t).x + box(t).width <= width - 2 else { continue }
            out += "<text class=\"tick-label\" x=\"\(SVG.n(tx + 3))\" y=\"\(SVG.n(top - 12))\">\(SVG.text(t.label))</text>"
        }
        return out + "</g>"
    }

    /// The radius of a cluster's mark: room for its count.
    static func clusterRadius(_ count: Int) -> Double {
        max(9, ChartText.width(String(count), size: countSize, bold: true) / 2 + 3.5)
    }

    /// Where a group is drawn: a single event at its date, a cluster at the middle of its events.
    static func position(_ group: [Item]) -> Double {
        group.count == 1 ? group[0].at : (group.first!.at + group.last!.at) / 2
    }

    /// The items of one lane grouped so no two marks overlap: neighbours too close are merged until all are apart.
    static func clusters(_ items: [Item]) -> [[Item]] {
        var groups = items.sorted { ($0.at, $0.event.id) < ($1.at, $1.event.id) }.map { [$0] }
        func radius(_ g: [Item]) -> Double { g.count == 1 ? g[0].radius : clusterRadius(g.count) }
        var i = 0
        while i + 1 < groups.count {
            if position(groups[i + 1]) - position(groups[i]) < radius(groups[i]) + radius(groups[i + 1]) + 2 {
                groups[i] += groups.remove(at: i + 1)
                i = max(i - 1, 0)  // the merged mark moved: look again at its left neighbour
            } else {
                i += 1
            }
        }
        return groups
    }

    /// Lines joining the marks of an event drawn in several lanes, where it is drawn alone in each.
    static func links(groups: [[[Item]]]) -> String {
        var rowsOf: [String: [Int]] = [:], at: [String: Double] = [:], clustered = Set<String>()
        for (row, lane) in groups.enumerated() {
            for g in lane {
                for item in g {
                    rowsOf[item.event.id, default: []].append(row)
                    at[item.event.id] = item.at
                    if g.count > 1 { clustered.insert(item.event.id) }
                }
            }
        }
        var out = ""
        for id in rowsOf.keys.sorted() where rowsOf[id]!.count > 1 && !clustered.contains(id) {
            let rows = rowsOf[id]!
            let y1 = top + Double(rows.min()!) * laneHeight + laneHeight / 2, y2 = top + Double(rows.max()!) * laneHeight + laneHeight / 2
            out += "<line class=\"link\" x1=\"\(SVG.n(at[id]!))\" y1=\"\(SVG.n(y1))\" x2=\"\(SVG.n(at[id]!))\" y2=\"\(SVG.n(y2))\"/>"
        }
        return out
    }

    /// One event's mark (and its range bar), linked to its page.
    static func single(_ item: Item, cy: Double, root: String, range: (Int, Int) -> (Double, Double)) -> String {
        let e = item.event
        let (a, b) = span(e)
        var shape = ""
        if b > a {
            let (x1, x2) = range(a, b)
            let cls = e.approximate ? "range approximate" : "range"
            shape += "<rect class=\"\(cls)\" x=\"\(SVG.n(x1))\" y=\"\(SVG.n(cy - 4))\" width=\"\(SVG.n(max(x2 - x1, 2)))\" height=\"8\" rx=\"4\"/>"
        }
        let cls = "event importance-\(e.importance)" + (e.approximate ? " approximate" : "")
        shape += "<circle class=\"\(cls)\" cx=\"\(SVG.n(item.at))\" cy=\"\(SVG.n(cy))\" r=\"\(SVG.n(item.radius))\"/>"
        return SVG.link(href: SiteURLs.itemURL(root, ItemRef(.event, e.id)), title: "\(e.title) (\(when(e)))", shape)
    }

    /// A numbered mark for events too close to draw apart: its title lists them; it links to the first in the list.
    static func cluster(_ group: [Item], cy: Double) -> String {
        let cx = position(group), r = clusterRadius(group.count)
        let events = group.map(\.event)
        let first = events.map(\.date).min()!, last = events.map { $0.end ?? $0.date }.max()!
        let dates = first == last ? first.formatted() : "\(first.formatted()) to \(last.formatted())"
        let title = "\(events.count) events, \(dates): " + events.map { "\($0.title) (\(when($0)))" }.joined(separator: "; ")
        let shape = "<circle class=\"cluster\" cx=\"\(SVG.n(cx))\" cy=\"\(SVG.n(cy))\" r=\"\(SVG.n(r))\"/>"
            + "<text class=\"cluster-count\" x=\"\(SVG.n(cx))\" y=\"\(SVG.n(cy + countSize * 0.36))\" text-anchor=\"middle\">\(events.count)</text>"
        return SVG.link(href: "#" + events[0].id, title: title, cssClass: "mark-link cluster-link", shape)
    }

    /// An event's date in words, with its end.
    static func when(_ e: Event) -> String {
        e.date.formatted(approximate: e.approximate) + (e.end.map { " to " + $0.formatted(approximate: e.approximate) } ?? "")
    }

    /// The days an event covers on the axis: its stated date to its end, or the range an approximate date may mean.
    static func span(_ e: Event) -> (Int, Int) {
        var a = e.date.dayNumber, b = e.date.lastDay.dayNumber
        if e.approximate {
            let (x, y) = e.date.approximateRange
            a = x.dayNumber; b = y.dayNumber
        }
        if let end = e.end { b = max(b, (e.approximate ? end.approximateRange.1 : end.lastDay).dayNumber) }
        return (min(a, e.date.dayNumber), b)
    }
}
