import DossierContent
import DossierModel

/// Pictures of stances: the matrix of actors × topics (a shape and a word in each cell, never colour alone)
/// and, on topic pages, a strip per actor showing when its position changed.
public enum StanceCharts {
    /// Most actors and topics in the home page's matrix; the stance page's table has them all.
    static let matrixActors = 14
    static let matrixTopics = 8

    /// The latest stance of each actor on `topic`, by actor id.
    static func latest(_ topic: Topic) -> [String: Stance] {
        var latest: [String: Stance] = [:]
        for s in topic.stances { latest[s.actor.value] = s }
        return latest
    }

    /// The matrix picture: the actors and topics with the most stances; nil when there are no stances.
    public static func matrix(site: SiteModel) -> String? {
        let topics = site.topics.filter { !$0.stances.isEmpty }
            .sorted { (Set($0.stances.map(\.actor.value)).count, $1.id) > (Set($1.stances.map(\.actor.value)).count, $0.id) }
            .prefix(matrixTopics)
        guard !topics.isEmpty else { return nil }
        let latestByTopic = topics.map(latest)
        var count: [String: Int] = [:]
        for l in latestByTopic { for a in l.keys { count[a, default: 0] += 1 } }
        let actors = count.keys.filter { site.actor($0) != nil }
            .sorted { (count[$0]!, $1) > (count[$1]!, $0) }.prefix(matrixActors)
            .sorted { (site.actor($0)!.name.lowercased(), $0) < (site.actor($1)!.name.lowercased(), $1) }
        let left = 190.0, top = 130.0, cellW = 104.0, cellH = 34.0
        let width = left + cellW * Double(topics.count) + 20, height = top + cellH * Double(actors.count) + 10
        let title = "Stance matrix: \(actors.count) actors on \(topics.count) topic\(topics.count == 1 ? "" : "s")"
        let desc = "Each cell shows an actor's latest position on a topic as a shape and a word: circle with plus, supports; square with minus, opposes; diamond, mixed; circle with equals, neutral; circle with question mark, unclear; empty, no stance. The full matrix is a table on the stances page."
        var out = SVG.open(id: "matrix-chart", width: width, height: height, title: title, desc: desc, cssClass: "matrix-chart")
        for (j, t) in topics.enumerated() {
            let x = left + cellW * Double(j) + cellW / 2
            out += "<text class=\"col-label\" transform=\"translate(\(SVG.n(x - 4)) \(SVG.n(top - 10))) rotate(-35)\">\(SVG.text(SVG.truncated(t.title, 26)))</text>"
        }
        for (i, id) in actors.enumerated() {
            let y = top + cellH * Double(i)
            out += "<rect class=\"row row-\(i % 2)\" x=\"0\" y=\"\(SVG.n(y))\" width=\"\(SVG.n(width))\" height=\"\(SVG.n(cellH))\"/>"
            out += "<text class=\"row-label\" x=\"8\" y=\"\(SVG.n(y + cellH / 2 + 4))\">\(SVG.text(SVG.truncated(site.actor(id)!.name, 26)))</text>"
            for (j, l) in latestByTopic.enumerated() {
                let x = left + cellW * Double(j)
                if let s = l[id] {
                    out += SVG.positionMark(s.position, x: x + 14, y: y + cellH / 2, r: 7)
                    out += "<text class=\"cell-label\" x=\"\(SVG.n(x + 27))\" y=\"\(SVG.n(y + cellH / 2 + 4))\">\(s.position.label)</text>"
                } else {
                    out += "<text class=\"cell-label none\" x=\"\(SVG.n(x + 27))\" y=\"\(SVG.n(y + cellH / 2 + 4))\">—</text>"
                }
            }
        }
        out += "</svg>"
        return out
    }

    /// The time span shared by a topic's strips: its first dated stance to `until` (the edition's date).
    static func span(_ topic: Topic, until: PartialDate?) -> (Int, Int)? {
        let dates = topic.stances.compactMap(\.asOf)
        guard let first = dates.min() else { return nil }
        let last = max(dates.max()!.lastDay.dayNumber, until?.lastDay.dayNumber ?? 0)
        // Room after the last change for its mark and label.
        let end = max(last, first.dayNumber + 14)
        return (first.dayNumber, end + max(3, (end - first.dayNumber) / 8))
    }

    /// The history strip of one actor on a topic: a bar along time, split where the position changed, each part
    /// with its shape and word. `index` keeps ids unique on the page.
    public static func strip(topic: Topic, actorID: String, actorName: String, index: Int, until: PartialDate?) -> String? {
        let history = topic.stances.filter { $0.actor.value == actorID }
        guard !history.isEmpty, let (first, last) = span(topic, until: until) else { return nil }
        let width = 640.0, height = 64.0, left = 8.0, right = 8.0
        let plot = width - left - right
        func x(_ day: Int) -> Double { left + plot * Double(day - first) / Double(max(last - first, 1)) }
        var parts: [(Int, Int, Stance)] = []
        for (i, s) in history.enumerated() {
            let start = s.asOf?.dayNumber ?? first
            let end = i + 1 < history.count ? (history[i + 1].asOf?.dayNumber ?? start) : last
            parts.append((start, max(end, start), s))
        }
        let words = history.map { s in (s.asOf.map { $0.formatted() + ": " } ?? "") + s.position.label.lowercased() }
        let title = "\(actorName): position over time"
        let desc = words.joined(separator: "; then ") + "."
        var out = SVG.open(id: "strip-\(index)", width: width, height: height, title: title, desc: desc, cssClass: "stance-strip")
        out += "<line class=\"strip-axis\" x1=\"\(SVG.n(left))\" y1=\"20\" x2=\"\(SVG.n(width - right))\" y2=\"20\"/>"
        // Labels go on the first line that has room for them, so close changes do not overlap.
        var lineEnds = [-Double.infinity, -Double.infinity]
        for (a, b, s) in parts {
            let x1 = x(a), x2 = max(x(b), x1 + 2)
            out += "<rect class=\"strip-part part-\(s.position.rawValue)\" x=\"\(SVG.n(x1))\" y=\"14\" width=\"\(SVG.n(x2 - x1))\" height=\"12\" rx=\"2\"/>"
            out += SVG.positionMark(s.position, x: x1 + 7, y: 20, r: 7)
            let label = s.position.label + (s.asOf.map { " · " + $0.formatted() } ?? "")
            let estimate = Double(label.count) * 6.6
            let rightAligned = x1 + estimate > width - right
            let start = rightAligned ? width - right - estimate : x1
            let line = lineEnds[0] + 8 <= start ? 0 : 1
            lineEnds[line] = start + estimate
            let lx = rightAligned ? width - right : x1
            out += "<text class=\"strip-label\" x=\"\(SVG.n(lx))\" y=\"\(line == 0 ? 44 : 58)\" text-anchor=\"\(rightAligned ? "end" : "start")\">\(SVG.text(label))</text>"
        }
        out += "</svg>"
        return out
    }
}
