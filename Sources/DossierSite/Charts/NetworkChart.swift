import DossierContent
import DossierModel

/// Draws the actor network as inline SVG: the most connected actors on the home page (force layout) and
/// each actor's neighbourhood on its page (radial layout). Node shape shows the actor's kind, line width the
/// strength of a connection, and arrows the direction of written relations.
public enum NetworkChart {
    /// Most actors drawn on the home page.
    static let homeLimit = 25
    /// Most neighbours drawn around an actor.
    static let neighbourLimit = 12

    /// A node to draw.
    struct Node {
        var id: String
        var label: String
        var kind: Actor.Kind
        var point: NetworkLayout.Point
        var focus: Bool
    }

    /// The home page picture: the best-connected actors and the edges between them, or nil without edges.
    public static func home(site: SiteModel, network: ActorNetwork) -> String? {
        let chosen = network.mostConnected(homeLimit)
        guard chosen.count > 1 else { return nil }
        var local: [Int: Int] = [:]
        for (i, node) in chosen.enumerated() { local[node] = i }
        var edges: [(Int, Int, Double)] = []
        var drawn: [ActorNetwork.Edge] = []
        for edge in network.edges {
            guard let a = local[edge.a], let b = local[edge.b] else { continue }
            edges.append((a, b, Double(edge.weight)))
            drawn.append(edge)
        }
        let points = NetworkLayout.force(count: chosen.count, edges: edges)
        let nodes = chosen.enumerated().map { i, node -> Node in
            let actor = site.actor(network.nodes[node])!
            return Node(id: actor.id, label: actor.name, kind: actor.kind, point: points[i], focus: false)
        }
        let title = "Network of the \(nodes.count) most connected actors"
        let desc = "Actors are drawn as shapes by kind (circle: person, square: organisation, diamond: government, triangle: group). Lines join actors with a written relation or shared events; thicker lines mean stronger ties, and arrows show the direction of a relation. The connections are listed in words after the picture."
        return draw(id: "network-chart", nodes: nodes, local: local, edges: drawn, network: network, width: 760, height: 520,
                    title: title, desc: desc, root: "")
    }

    /// The neighbourhood of one actor: it in the middle and its strongest ties around it; nil when it has none.
    /// `actor` looks up the actors drawn (a page passes its model reader's, which records what it shows).
    static func neighbourhood(of actorID: String, actor: (String) -> Actor?, network: ActorNetwork) -> String? {
        guard let center = network.index[actorID] else { return nil }
        let around = network.neighbours(of: center, limit: neighbourLimit)
        guard !around.isEmpty else { return nil }
        let chosen = [center] + around.map(\.node)
        var local: [Int: Int] = [:]
        for (i, node) in chosen.enumerated() { local[node] = i }
        let drawn = network.adjacency[center].map { network.edges[$0] }.filter { local[$0.a] != nil && local[$0.b] != nil }
        let points = NetworkLayout.radial(count: chosen.count)
        let nodes = chosen.enumerated().map { i, node -> Node in
            let drawn = actor(network.nodes[node])!
            return Node(id: drawn.id, label: drawn.name, kind: drawn.kind, point: points[i], focus: i == 0)
        }
        let name = actor(actorID)!.name
        let title = "\(name) and the \(around.count) actor\(around.count == 1 ? "" : "s") most closely tied to it"
        let desc = "\(name) is in the middle; around it, actors it has a written relation with or shares events with. Thicker lines mean stronger ties; arrows show the direction of a relation. The same ties are listed in words after the picture."
        return draw(id: "neighbourhood-chart", nodes: nodes, local: local, edges: drawn, network: network, width: 640, height: 440,
                    title: title, desc: desc, root: "../../")
    }

    /// The picture's size and where nodes may go.
    struct Frame {
        var width: Double
        var height: Double
        /// The height of the drawing above the key to shapes and the numbered key.
        var plotHeight: Double
        var marginX = 90.0, marginTop = 30.0, marginBottom = 40.0

        /// A layout point in picture coordinates.
        func px(_ p: NetworkLayout.Point) -> (Double, Double) {
            (marginX + p.x * (width - 2 * marginX), marginTop + p.y * (plotHeight - marginTop - marginBottom))
        }
    }

    /// A node's label as placed: the text shown (its name, or a number in the key) and where.
    struct PlacedLabel {
        var text: String
        var x: Double
        var y: Double
        var anchor: ChartText.Anchor
        var keyNumber: Int?
    }

    static let labelSize = 12.0, focusSize = 13.0, keySize = 12.0, keyRow = 18.0

    static func draw(id: String, nodes: [Node], local: [Int: Int], edges: [ActorNetwork.Edge], network: ActorNetwork,
                     width: Double, height: Double, title: String, desc: String, root: String) -> String {
        var frame = Frame(width: width, height: height, plotHeight: height)
        let points = nodes.map { frame.px($0.point) }
        let labels = placeLabels(nodes: nodes, points: points, frame: frame)
        let keyed = labels.compactMap { $0.keyNumber == nil ? nil : $0 }
        let keyColumns = 3, keyRows = (keyed.count + keyColumns - 1) / keyColumns
        frame.height = height + Double(keyRows) * keyRow + (keyRows > 0 ? 8 : 0)
        var out = SVG.open(id: id, width: width, height: frame.height, title: title, desc: desc, cssClass: "network-chart")
        out += "<defs><marker id=\"\(id)-arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerUnits=\"userSpaceOnUse\" markerWidth=\"9\" markerHeight=\"9\" orient=\"auto-start-reverse\"><path class=\"arrow\" d=\"M0 0L10 5L0 10Z\"/></marker></defs>"
        out += drawEdges(id: id, nodes: nodes, points: points, local: local, edges: edges)
        out += "<g class=\"nodes\">"
        for (i, node) in nodes.enumerated() {
            let (x, y) = points[i], label = labels[i]
            let size = node.focus ? focusSize : labelSize
            var content = shape(node.kind, x: x, y: y, r: radius(node), cls: "node node-\(node.kind.rawValue)" + (node.focus ? " focus" : ""))
            let back = ChartText.box(label.text, x: label.x, y: label.y, size: size, bold: node.focus, anchor: label.anchor)
            content += "<rect class=\"label-bg\" x=\"\(SVG.n(back.x - 1))\" y=\"\(SVG.n(back.y))\" width=\"\(SVG.n(back.width + 2))\" height=\"\(SVG.n(back.height))\" rx=\"2\"/>"
            let cls = "node-label" + (node.focus ? " focus" : "") + (label.keyNumber == nil ? "" : " key-number")
            let full = label.keyNumber == nil ? node.label : label.text
            content += SVG.label(label.text, full: full, x: label.x, y: label.y, cssClass: cls, anchor: label.anchor,
                                 extra: " font-size=\"\(SVG.n(size))\"")
            // Only what the page reads about each actor (its name and kind), so incremental builds stay exact.
            let name = "\(node.label) (\(node.kind.label.lowercased()))"
            out += SVG.link(href: SiteURLs.itemURL(root, ItemRef(.actor, node.id)), title: name, content)
        }
        out += "</g>" + legend(height: height)
        out += key(keyed, nodes: nodes, labels: labels, top: height + 4, width: width, columns: keyColumns)
        return out + "</svg>"
    }

    /// The radius of a node's shape.
    static func radius(_ node: Node) -> Double { node.focus ? 12 : 9 }

    /// Labels for every node, most important first: the name where it fits beside its node without touching
    /// another label or shape, else a number beside it and the name in the key below.
    static func placeLabels(nodes: [Node], points: [(Double, Double)], frame: Frame) -> [PlacedLabel] {
        var space = LabelSpace(width: frame.width, height: frame.plotHeight - 24)
        for (i, node) in nodes.enumerated() {
            let (x, y) = points[i], r = radius(node) * 1.3 + 1
            space.claim(Box(x: x - r, y: y - r, width: 2 * r, height: 2 * r))
        }
        var labels = [PlacedLabel?](repeating: nil, count: nodes.count)
        var nextKey = 1
        for (i, node) in nodes.enumerated() {
            let (x, y) = points[i], r = radius(node) * 1.3
            let size = node.focus ? focusSize : labelSize
            let names = [node.label, ChartText.fitted(node.label, maxWidth: 130, size: size, bold: node.focus)]
            var candidates: [PlacedLabel] = []
            // Baselines that put the text's box just clear of the node's: below, above, right, left, then corners.
            let pad = r + 4, below = y + pad + 0.93 * size, above = y - pad - 0.24 * size, middle = y + size * 0.35
            for text in names + [String(nextKey)] {
                candidates += [PlacedLabel(text: text, x: x, y: below, anchor: .middle),
                               PlacedLabel(text: text, x: x, y: above, anchor: .middle),
                               PlacedLabel(text: text, x: x + pad, y: middle, anchor: .start),
                               PlacedLabel(text: text, x: x - pad, y: middle, anchor: .end),
                               PlacedLabel(text: text, x: x + r, y: below, anchor: .start),
                               PlacedLabel(text: text, x: x - r, y: below, anchor: .end),
                               PlacedLabel(text: text, x: x + r, y: above, anchor: .start),
                               PlacedLabel(text: text, x: x - r, y: above, anchor: .end)]
            }
            let boxes = candidates.map { ChartText.box($0.text, x: $0.x, y: $0.y, size: size, bold: node.focus, anchor: $0.anchor) }
            var label = space.place(boxes).map { candidates[$0] } ?? candidates[candidates.count - 8]
            if label.text == String(nextKey) {
                label.keyNumber = nextKey
                nextKey += 1
            }
            labels[i] = label
        }
        return labels.map { $0! }
    }

    /// The numbered key: the full name of each actor whose label did not fit, in columns under the picture.
    static func key(_ keyed: [PlacedLabel], nodes: [Node], labels: [PlacedLabel], top: Double, width: Double, columns: Int) -> String {
        guard !keyed.isEmpty else { return "" }
        let columnWidth = (width - 16) / Double(columns)
        var out = "<g class=\"network-key\">"
        let names = Dictionary(uniqueKeysWithValues: zip(labels.map(\.keyNumber), nodes.map(\.label)).compactMap { k, v in k.map { ($0, v) } })
        for (i, label) in keyed.enumerated() {
            let number = label.keyNumber!, name = names[number]!
            let x = 8 + Double(i % columns) * columnWidth, y = top + Double(i / columns) * keyRow + keySize
            let shown = ChartText.fitted("\(number) \(name)", maxWidth: columnWidth - 10, size: keySize)
            out += SVG.label(shown, full: "\(number) \(name)", x: x, y: y, cssClass: "key-label")
        }
        return out + "</g>"
    }

    /// The lines between nodes, stopped short of a node where an arrowhead points at it.
    static func drawEdges(id: String, nodes: [Node], points: [(Double, Double)], local: [Int: Int], edges: [ActorNetwork.Edge]) -> String {
        var out = "<g class=\"edges\">"
        let maxWeight = Double(edges.map(\.weight).max() ?? 1)
        for edge in edges {
            guard let a = local[edge.a], let b = local[edge.b] else { continue }
            var (x1, y1) = points[a]
            var (x2, y2) = points[b]
            let w = 1 + 3 * Double(edge.weight) / maxWeight
            let forward = edge.relations.contains { $0.from == edge.a }
            let backward = edge.relations.contains { $0.from == edge.b }
            // Stop lines at the node's edge so arrowheads stay visible.
            let dx = x2 - x1, dy = y2 - y1, d = max((dx * dx + dy * dy).squareRoot(), 1)
            let pad = 13.0
            if forward { x2 -= dx / d * pad; y2 -= dy / d * pad }
            if backward { x1 += dx / d * pad; y1 += dy / d * pad }
            var attrs = ""
            if forward { attrs += " marker-end=\"url(#\(id)-arrow)\"" }
            if backward { attrs += " marker-start=\"url(#\(id)-arrow)\"" }
            let cls = edge.relations.isEmpty ? "edge shared" : "edge relation"
            out += "<line class=\"\(cls)\" x1=\"\(SVG.n(x1))\" y1=\"\(SVG.n(y1))\" x2=\"\(SVG.n(x2))\" y2=\"\(SVG.n(y2))\" stroke-width=\"\(SVG.n(w))\"\(attrs)/>"
        }
        return out + "</g>"
    }

    /// The key to shapes, along the bottom of the drawing.
    static func legend(height: Double) -> String {
        var kx = 8.0
        let ky = height - 12
        var out = "<g class=\"legend\">"
        for kind in [Actor.Kind.person, .organization, .government, .group] {
            out += shape(kind, x: kx + 6, y: ky - 4, r: 5, cls: "node node-\(kind.rawValue)")
            out += "<text class=\"legend-label\" x=\"\(SVG.n(kx + 15))\" y=\"\(SVG.n(ky))\">\(kind.label)</text>"
            kx += 15 + ChartText.width(kind.label, size: 12) + 14
        }
        return out + "</g>"
    }

    /// The shape of an actor kind: circle (person), square (organisation), diamond (government), triangle (group).
    static func shape(_ kind: Actor.Kind, x: Double, y: Double, r: Double, cls: String) -> String {
        switch kind {
        case .organization:
            return "<rect class=\"\(cls)\" x=\"\(SVG.n(x - r))\" y=\"\(SVG.n(y - r))\" width=\"\(SVG.n(2 * r))\" height=\"\(SVG.n(2 * r))\" rx=\"2\"/>"
        case .government:
            let d = r * 1.3
            return "<path class=\"\(cls)\" d=\"M\(SVG.n(x)) \(SVG.n(y - d))L\(SVG.n(x + d)) \(SVG.n(y))L\(SVG.n(x)) \(SVG.n(y + d))L\(SVG.n(x - d)) \(SVG.n(y))Z\"/>"
        case .group:
            let d = r * 1.25
            return "<path class=\"\(cls)\" d=\"M\(SVG.n(x)) \(SVG.n(y - d))L\(SVG.n(x + d)) \(SVG.n(y + d * 0.8))L\(SVG.n(x - d)) \(SVG.n(y + d * 0.8))Z\"/>"
        default:
            return "<circle class=\"\(cls)\" cx=\"\(SVG.n(x))\" cy=\"\(SVG.n(y))\" r=\"\(SVG.n(r))\"/>"
        }
    }
}
