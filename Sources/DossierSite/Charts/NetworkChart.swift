import DossierContent
import DossierModel

/// Draws the actor network as inline SVG: the most connected actors on the home page (force layout) and
/// each actor's neighbourhood on its page (radial layout). Node shape shows the actor's kind, line width the
/// strength of a connection, and arrows the direction of written relations.
public enum NetworkChart {
    /// Most actors drawn on the home page.
    static let homeLimit = 30
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
                    title: title, desc: desc)
    }

    /// The neighbourhood of one actor: it in the middle and its strongest ties around it; nil when it has none.
    public static func neighbourhood(of actorID: String, site: SiteModel, network: ActorNetwork) -> String? {
        guard let center = network.index[actorID] else { return nil }
        let around = network.neighbours(of: center, limit: neighbourLimit)
        guard !around.isEmpty else { return nil }
        let chosen = [center] + around.map(\.node)
        var local: [Int: Int] = [:]
        for (i, node) in chosen.enumerated() { local[node] = i }
        let drawn = network.adjacency[center].map { network.edges[$0] }.filter { local[$0.a] != nil && local[$0.b] != nil }
        let points = NetworkLayout.radial(count: chosen.count)
        let nodes = chosen.enumerated().map { i, node -> Node in
            let actor = site.actor(network.nodes[node])!
            return Node(id: actor.id, label: actor.name, kind: actor.kind, point: points[i], focus: i == 0)
        }
        let name = site.actor(actorID)!.name
        let title = "\(name) and the \(around.count) actor\(around.count == 1 ? "" : "s") most closely tied to it"
        let desc = "\(name) is in the middle; around it, actors it has a written relation with or shares events with. Thicker lines mean stronger ties; arrows show the direction of a relation. The same ties are listed in words after the picture."
        return draw(id: "neighbourhood-chart", nodes: nodes, local: local, edges: drawn, network: network, width: 640, height: 440,
                    title: title, desc: desc)
    }

    static func draw(id: String, nodes: [Node], local: [Int: Int], edges: [ActorNetwork.Edge], network: ActorNetwork,
                     width: Double, height: Double, title: String, desc: String) -> String {
        let marginX = 90.0, marginTop = 30.0, marginBottom = 62.0
        func px(_ p: NetworkLayout.Point) -> (Double, Double) {
            (marginX + p.x * (width - 2 * marginX), marginTop + p.y * (height - marginTop - marginBottom))
        }
        var out = SVG.open(id: id, width: width, height: height, title: title, desc: desc, cssClass: "network-chart")
        out += "<defs><marker id=\"\(id)-arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerUnits=\"userSpaceOnUse\" markerWidth=\"9\" markerHeight=\"9\" orient=\"auto-start-reverse\"><path class=\"arrow\" d=\"M0 0L10 5L0 10Z\"/></marker></defs>"
        out += "<g class=\"edges\">"
        let maxWeight = Double(edges.map(\.weight).max() ?? 1)
        for edge in edges {
            guard let a = local[edge.a], let b = local[edge.b] else { continue }
            var (x1, y1) = px(nodes[a].point)
            var (x2, y2) = px(nodes[b].point)
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
        out += "</g><g class=\"nodes\">"
        for node in nodes {
            let (x, y) = px(node.point)
            let r = node.focus ? 12.0 : 9.0
            out += shape(node.kind, x: x, y: y, r: r, cls: "node node-\(node.kind.rawValue)" + (node.focus ? " focus" : ""))
            let label = SVG.text(SVG.truncated(node.label, 24)), focus = node.focus ? " focus" : ""
            let at = "x=\"\(SVG.n(x))\" y=\"\(SVG.n(y + r + 13))\" text-anchor=\"middle\""
            // A halo under the label keeps it readable where lines cross it.
            out += "<text class=\"node-halo\(focus)\" \(at) aria-hidden=\"true\">\(label)</text><text class=\"node-label\(focus)\" \(at)>\(label)</text>"
        }
        out += "</g>"
        // Key to shapes.
        var kx = 8.0
        let ky = height - 12
        out += "<g class=\"legend\">"
        for kind in [Actor.Kind.person, .organization, .government, .group] {
            out += shape(kind, x: kx + 6, y: ky - 4, r: 5, cls: "node node-\(kind.rawValue)")
            out += "<text class=\"legend-label\" x=\"\(SVG.n(kx + 15))\" y=\"\(SVG.n(ky))\">\(kind.label)</text>"
            kx += 22 + Double(kind.label.count) * 7
        }
        out += "</g></svg>"
        return out
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
