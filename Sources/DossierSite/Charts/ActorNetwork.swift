import DossierContent
import DossierModel

/// Who is connected to whom: actors as nodes, relations and shared events as edges. Built once per build,
/// so the home page's network and every actor page's neighbourhood read the same precomputed adjacency.
public struct ActorNetwork: Sendable {
    /// A connection between two actors (`a < b` by node index).
    public struct Edge: Sendable, Hashable {
        public var a: Int
        public var b: Int
        /// The relations written between them, each with its direction (`from` → `to`, node indices) and type.
        public var relations: [Link]
        /// How many events both take part in.
        public var sharedEvents: Int
        /// Relations count double: they are stated, shared events are inferred.
        public var weight: Int { relations.count * 2 + sharedEvents }
    }

    /// One written relation.
    public struct Link: Sendable, Hashable {
        public var from: Int
        public var to: Int
        public var type: String
    }

    /// Actor ids, in the model's order.
    public let nodes: [String]
    /// Node index of each actor id.
    public let index: [String: Int]
    /// Every edge, ordered by (a, b).
    public let edges: [Edge]
    /// For each node, the indices into `edges` of the edges touching it.
    public let adjacency: [[Int]]
    /// For each node, the summed weight of its edges.
    public let strength: [Int]

    /// The network of `site`'s actors.
    public init(site: SiteModel) {
        nodes = site.actors.map(\.id)
        var index: [String: Int] = [:]
        for (i, id) in nodes.enumerated() { index[id] = i }
        self.index = index
        var byPair: [Int: Edge] = [:]
        let n = nodes.count
        func key(_ x: Int, _ y: Int) -> Int { min(x, y) * n + max(x, y) }
        for (i, actor) in site.actors.enumerated() {
            for r in actor.relations {
                guard let j = index[r.to.value], j != i else { continue }
                let k = key(i, j)
                byPair[k, default: Edge(a: min(i, j), b: max(i, j), relations: [], sharedEvents: 0)]
                    .relations.append(Link(from: i, to: j, type: r.typeInWords))
            }
        }
        for event in site.events {
            var members: [Int] = []
            for a in event.actors { if let i = index[a.value], !members.contains(i) { members.append(i) } }
            members.sort()
            guard members.count > 1 else { continue }
            for x in 0..<members.count {
                for y in (x + 1)..<members.count {
                    byPair[key(members[x], members[y]), default: Edge(a: members[x], b: members[y], relations: [], sharedEvents: 0)]
                        .sharedEvents += 1
                }
            }
        }
        let edges = byPair.keys.sorted().map { byPair[$0]! }
        var adjacency = Array(repeating: [Int](), count: n)
        var strength = Array(repeating: 0, count: n)
        for (e, edge) in edges.enumerated() {
            adjacency[edge.a].append(e)
            adjacency[edge.b].append(e)
            strength[edge.a] += edge.weight
            strength[edge.b] += edge.weight
        }
        self.edges = edges
        self.adjacency = adjacency
        self.strength = strength
    }

    /// The other end of `edge` from `node`.
    public func other(_ edge: Edge, than node: Int) -> Int { edge.a == node ? edge.b : edge.a }

    /// The `limit` best-connected actors (by edge weight, then id), as node indices.
    public func mostConnected(_ limit: Int) -> [Int] {
        Array((0..<nodes.count).filter { strength[$0] > 0 }
            .sorted { (strength[$0], nodes[$1]) > (strength[$1], nodes[$0]) }.prefix(limit))
    }

    /// The neighbours of `node`, strongest first (then by id), at most `limit`, with their edges.
    public func neighbours(of node: Int, limit: Int) -> [(node: Int, edge: Edge)] {
        let all = adjacency[node].map { (other(edges[$0], than: node), edges[$0]) }
        return Array(all.sorted { ($0.1.weight, nodes[$1.0]) > ($1.1.weight, nodes[$0.0]) }.prefix(limit))
            .map { (node: $0.0, edge: $0.1) }
    }
}
