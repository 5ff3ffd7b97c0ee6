import DossierContent
import DossierModel

/// Pictures of stances: the matrix of actors × topics (a shape and a word in each cell, never colour alone)
/// and, on topic pages, a strip per actor showing when its position changed.
public enum StanceCharts {
    /// Most actors and topics in the home page's matrix; the stance page's table has them all.
    static let matrixActors = 14
    /// As many topics as fit the home page's column (760 px) at full size.
    static let matrixTopics = 6

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
        // Columns share the 760 px the home page gives the picture: names as wide as they need within bounds,
        // topics as wide as the rest allows.
        let names = actors.map { ChartText.width(site.actor($0)!.name, size: 13, bold: true) }
        let left = min(max(names.max() ?? 0, 100) + 20, 220)
        let cellW = min(max(((760 - left - 12) / Double(topics.count)).rounded(.down), 96), 150)
        let cellH = 34.0, headSize = 12.0, lineHeight = 15.0
        let heads = topics.map { ChartText.wrapped($0.title, maxWidth: cellW - 10, size: headSize, bold: true, maxLines: 4) }
        let top = 12 + Double(heads.map(\.count).max() ?? 1) * lineHeight + 8
        let width = left + cellW * Double(topics.count) + 12, height = top + cellH * Double(actors.count) + 10
        let title = "Stance matrix: \(actors.count) actors on \(topics.count) topic\(topics.count == 1 ? "" : "s")"
        let desc = "Each cell shows an actor's latest position on a topic as a shape and a word: circle with plus, supports; square with minus, opposes; diamond, mixed; circle with equals, neutral; circle with question mark, unclear; empty, no stance. The full matrix is a table on the stances page."
        var out = SVG.open(id: "matrix-chart", width: width, height: height, title: title, desc: desc, cssClass: "matrix-chart")
        for (j, t) in topics.enumerated() {
            let x = left + cellW * Double(j) + 6
            // Lines sit on the header's bottom edge, so short titles line up with long ones.
            let firstY = top - 8 - Double(heads[j].count - 1) * lineHeight - 3
            let lines = heads[j].enumerated().map { k, line in
                SVG.label(line, full: line, x: x, y: firstY + Double(k) * lineHeight, cssClass: "col-label")
            }.joined()
            out += SVG.link(href: SiteURLs.itemURL("", ItemRef(.topic, t.id)), title: t.title, lines)
        }
        for (i, id) in actors.enumerated() {
            let y = top + cellH * Double(i), actor = site.actor(id)!
            out += "<rect class=\"row row-\(i % 2)\" x=\"0\" y=\"\(SVG.n(y))\" width=\"\(SVG.n(width))\" height=\"\(SVG.n(cellH))\"/>"
            let shown = ChartText.fitted(actor.name, maxWidth: left - 16, size: 13, bold: true)
            out += SVG.link(href: SiteURLs.itemURL("", ItemRef(.actor, id)), title: actor.name,
                            SVG.label(shown, full: actor.name, x: 8, y: y + cellH / 2 + 4, cssClass: "row-label"))
            for (j, l) in latestByTopic.enumerated() {
                out += cell(l[id], actor: actor, topic: topics[topics.startIndex + j], x: left + cellW * Double(j), y: y, cellH: cellH)
            }
        }
        out += "</svg>"
        return out
    }

    /// One cell of the matrix: the latest position as a shape and a word, linked to it on the topic page.
    static func cell(_ stance: Stance?, actor: Actor, topic: Topic, x: Double, y: Double, cellH: Double) -> String {
        guard let s = stance else {
            return "<text class=\"cell-label none\" x=\"\(SVG.n(x + 27))\" y=\"\(SVG.n(y + cellH / 2 + 4))\">—</text>"
        }
        let count = topic.stances.filter { $0.actor.value == actor.id }.count
        let title = "\(actor.name) on \(topic.title): \(s.position.label.lowercased())" + (s.asOf.map { ", as of " + $0.formatted() } ?? "")
        let content = SVG.positionMark(s.position, x: x + 14, y: y + cellH / 2, r: 7)
            + "<text class=\"cell-label\" x=\"\(SVG.n(x + 27))\" y=\"\(SVG.n(y + cellH / 2 + 4))\">\(s.position.label)</text>"
        return SVG.link(href: SiteURLs.itemURL("", ItemRef(.topic, topic.id)) + "#" + anchor(actor: actor.id, index: count), title: title, content)
    }

    /// The id of an actor's `index`-th stance (from 1) in a topic page's histories.
    public static func anchor(actor: String, index: Int) -> String { "stance-\(actor)-\(index)" }

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
    /// with its shape and word and linked to that stance in the history below. `index` keeps ids unique on the page.
    public static func strip(topic: Topic, actorID: String, actorName: String, index: Int, until: PartialDate?) -> String? {
        let history = topic.stances.filter { $0.actor.value == actorID }
        guard !history.isEmpty, let (first, last) = span(topic, until: until) else { return nil }
        let width = 640.0, left = 8.0, right = 8.0, labelSize = 12.0, lineHeight = 17.0
        let plot = width - left - right
        func x(_ day: Int) -> Double { left + plot * Double(day - first) / Double(max(last - first, 1)) }
        var parts: [(Int, Int, Stance)] = []
        for (i, s) in history.enumerated() {
            let start = s.asOf?.dayNumber ?? first
            let end = i + 1 < history.count ? (history[i + 1].asOf?.dayNumber ?? start) : last
            parts.append((start, max(end, start), s))
        }
        // Labels go on the first line where they touch no other label, so close changes never overprint.
        var space = LabelSpace(width: width, height: .infinity)
        var drawn: [(String, Double, Double, ChartText.Anchor)] = []
        for (a, _, s) in parts {
            let label = s.position.label + (s.asOf.map { " · " + $0.formatted() } ?? "")
            let w = ChartText.width(label, size: labelSize)
            let side: ChartText.Anchor = x(a) + w > width - right ? .end : .start
            let lx = side == .end ? width - right : x(a)
            let lines = (0..<history.count).map { 44 + Double($0) * lineHeight }
            // One line per label always has room, so a place is always found.
            let at = space.place(lines.map { ChartText.box(label, x: lx, y: $0, size: labelSize, anchor: side) }) ?? lines.count - 1
            drawn.append((label, lx, lines[at], side))
        }
        let height = (drawn.map(\.2).max() ?? 44) + 8
        let words = history.map { s in (s.asOf.map { $0.formatted() + ": " } ?? "") + s.position.label.lowercased() }
        let title = "\(actorName): position over time"
        let desc = words.joined(separator: "; then ") + "."
        var out = SVG.open(id: "strip-\(index)", width: width, height: height, title: title, desc: desc, cssClass: "stance-strip")
        out += "<line class=\"strip-axis\" x1=\"\(SVG.n(left))\" y1=\"20\" x2=\"\(SVG.n(width - right))\" y2=\"20\"/>"
        for (k, (a, b, s)) in parts.enumerated() {
            let x1 = x(a), x2 = max(x(b), x1 + 2)
            let (label, lx, ly, side) = drawn[k]
            var content = "<rect class=\"strip-part part-\(s.position.rawValue)\" x=\"\(SVG.n(x1))\" y=\"14\" width=\"\(SVG.n(x2 - x1))\" height=\"12\" rx=\"2\"/>"
            content += SVG.positionMark(s.position, x: x1 + 7, y: 20, r: 7)
            content += SVG.label(label, full: label, x: lx, y: ly, cssClass: "strip-label", anchor: side)
            let name = "\(actorName): \(s.position.label.lowercased())" + (s.asOf.map { " from " + $0.formatted() } ?? "")
                + (s.summary.map { ". " + $0 } ?? "")
            out += SVG.link(href: "#" + anchor(actor: actorID, index: k + 1), title: name, content)
        }
        out += "</svg>"
        return out
    }
}
