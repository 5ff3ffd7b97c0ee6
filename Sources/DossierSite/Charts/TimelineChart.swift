import DossierContent
import DossierModel

/// The timeline as a picture: events on a time axis, one lane per major actor, importance as size, and
/// approximate or multi-day dates drawn as ranges. Drawn once per build; the timeline page lists the same
/// events in words, which is the picture's text equivalent.
public enum TimelineChart {
    /// Most lanes drawn; actors beyond these share the last lane.
    static let maxLanes = 7

    /// The chart's SVG, or nil when there are no events.
    public static func svg(site: SiteModel) -> String? {
        guard !site.events.isEmpty else { return nil }
        // Lanes: the actors in most events, then one lane for everything else.
        var counts: [String: Int] = [:]
        for e in site.events { for a in Set(e.actors.map(\.value)) { counts[a, default: 0] += 1 } }
        let ranked = counts.keys.filter { site.actor($0) != nil }.sorted { (counts[$0]!, $1) > (counts[$1]!, $0) }
        let laneActors = Array(ranked.prefix(ranked.count > maxLanes ? maxLanes - 1 : maxLanes))
        let hasOther = site.events.contains { e in !e.actors.contains { laneActors.contains($0.value) } }
        var lanes = laneActors.map { site.actor($0)!.name }
        if hasOther { lanes.append(laneActors.isEmpty ? "Events" : "Other actors") }

        var first = Int.max, last = Int.min
        for e in site.events {
            let (a, b) = span(e)
            first = min(first, a); last = max(last, b)
        }
        let days = max(last - first + 1, 7)
        let left = 200.0, right = 20.0, top = 34.0, laneHeight = 40.0, width = 960.0
        let height = top + Double(lanes.count) * laneHeight + 10
        let plot = width - left - right
        func x(_ day: Int) -> Double { left + plot * (Double(day - first) + 0.5) / Double(days) }

        let title = "Timeline chart of \(site.events.count) event\(site.events.count == 1 ? "" : "s")"
        let from = PartialDate.fromDayNumber(first).formatted(), to = PartialDate.fromDayNumber(last).formatted()
        let desc = "Events from \(from) to \(to), one lane per actor (\(lanes.joined(separator: ", "))). Larger marks are more important events; bars show approximate dates and events that last several days. Every event is listed in words below."
        var out = SVG.open(id: "timeline-chart", width: width, height: height, title: title, desc: desc, cssClass: "timeline-chart")

        // Axis ticks: days, weeks, months or years, by span.
        out += "<g class=\"axis\">"
        for (day, label) in ticks(first: first, last: first + days - 1) {
            let tx = x(day) - plot / Double(days) / 2
            out += "<line class=\"tick\" x1=\"\(SVG.n(tx))\" y1=\"\(SVG.n(top - 6))\" x2=\"\(SVG.n(tx))\" y2=\"\(SVG.n(height - 10))\"/>"
            out += "<text class=\"tick-label\" x=\"\(SVG.n(tx + 3))\" y=\"\(SVG.n(top - 12))\">\(SVG.text(label))</text>"
        }
        out += "</g><g class=\"lanes\">"
        for (i, name) in lanes.enumerated() {
            let y = top + Double(i) * laneHeight
            out += "<rect class=\"lane lane-\(i % 2)\" x=\"0\" y=\"\(SVG.n(y))\" width=\"\(SVG.n(width))\" height=\"\(SVG.n(laneHeight))\"/>"
            out += "<text class=\"lane-label\" x=\"8\" y=\"\(SVG.n(y + laneHeight / 2 + 4))\">\(SVG.text(SVG.truncated(name, 22)))</text>"
        }
        out += "</g><g class=\"events\">"
        for e in site.events {
            var rows = Set<Int>()
            for a in e.actors { if let i = laneActors.firstIndex(of: a.value) { rows.insert(i) } }
            if rows.isEmpty { rows.insert(lanes.count - 1) }
            let (a, b) = span(e)
            let r = e.importance >= 3 ? 7.0 : e.importance == 2 ? 5.0 : 3.5
            // An approximate date is drawn at the middle of the range it may mean.
            let at = e.approximate ? (x(e.date.approximateRange.0.dayNumber) + x(e.date.approximateRange.1.dayNumber)) / 2 : x(e.date.dayNumber)
            let sorted = rows.sorted()
            if sorted.count > 1 {
                let y1 = top + Double(sorted.first!) * laneHeight + laneHeight / 2
                let y2 = top + Double(sorted.last!) * laneHeight + laneHeight / 2
                out += "<line class=\"link\" x1=\"\(SVG.n(at))\" y1=\"\(SVG.n(y1))\" x2=\"\(SVG.n(at))\" y2=\"\(SVG.n(y2))\"/>"
            }
            for row in sorted {
                let cy = top + Double(row) * laneHeight + laneHeight / 2
                if b > a {
                    let x1 = x(a) - plot / Double(days) / 2 + 1, x2 = x(b) + plot / Double(days) / 2 - 1
                    let cls = e.approximate ? "range approximate" : "range"
                    out += "<rect class=\"\(cls)\" x=\"\(SVG.n(x1))\" y=\"\(SVG.n(cy - 4))\" width=\"\(SVG.n(max(x2 - x1, 2)))\" height=\"8\" rx=\"4\"/>"
                }
                let cls = "event importance-\(e.importance)" + (e.approximate ? " approximate" : "")
                out += "<circle class=\"\(cls)\" cx=\"\(SVG.n(at))\" cy=\"\(SVG.n(cy))\" r=\"\(SVG.n(r))\"/>"
            }
        }
        out += "</g></svg>"
        return out
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

    /// Tick positions and labels for the days `first…last`.
    static func ticks(first: Int, last: Int) -> [(Int, String)] {
        let span = last - first
        var result: [(Int, String)] = []
        let start = PartialDate.fromDayNumber(first)
        if span <= 70 {
            // Weekly ticks on Mondays (1970-01-01 was a Thursday).
            var d = first
            while ((d % 7) + 7) % 7 != 4 { d += 1 }
            while d <= last {
                let p = PartialDate.fromDayNumber(d)
                result.append((d, "\(p.day!) \(PartialDate.monthNames[p.month! - 1].prefix(3))"))
                d += 7
            }
        } else if span <= 3 * 366 {
            var y = start.year, m = start.month!
            if start.day! > 1 { m += 1; if m > 12 { m = 1; y += 1 } }
            let step = span > 500 ? 3 : 1
            while true {
                let d = PartialDate(year: y, month: m, day: 1).dayNumber
                if d > last { break }
                result.append((d, m == 1 || result.isEmpty ? "\(PartialDate.monthNames[m - 1].prefix(3)) \(y)" : String(PartialDate.monthNames[m - 1].prefix(3))))
                m += step
                while m > 12 { m -= 12; y += 1 }
            }
        } else {
            var y = start.year + (start.month! > 1 || start.day! > 1 ? 1 : 0)
            let step = max(1, span / 365 / 12)
            while PartialDate(year: y, month: 1, day: 1).dayNumber <= last {
                result.append((PartialDate(year: y, month: 1, day: 1).dayNumber, String(y)))
                y += step
            }
        }
        return result
    }
}
