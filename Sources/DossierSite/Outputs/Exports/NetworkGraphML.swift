import DossierContent
import DossierModel

/// `data/network.graphml`: the actor network in GraphML, which Gephi and yEd open as it is. Actors are nodes
/// (label, kind, role, page address); each written relation is a directed edge with its type and start, and each
/// pair of actors sharing events an undirected edge weighted by their number, as in the Kumu blueprint.
enum NetworkGraphML {
    /// The file's text.
    static func text(site: SiteModel, network: ActorNetwork, urls: SiteURLs) -> String {
        var out = """
            <?xml version="1.0" encoding="UTF-8"?>
            <graphml xmlns="http://graphml.graphdrawing.org/xmlns" \
            xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" \
            xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">

            """
        for (id, owner, name, type) in keys {
            out += "  <key id=\"\(id)\" for=\"\(owner)\" attr.name=\"\(name)\" attr.type=\"\(type)\"/>\n"
        }
        out += "  <graph id=\"actors\" edgedefault=\"undirected\">\n"
        for actor in site.actors {
            out += "    <node id=\"\(XML.escape(actor.id))\">"
            out += data("label", actor.name) + data("kind", actor.kind.label) + (actor.role.map { data("role", $0) } ?? "")
            out += data("url", urls.url(ItemRef(.actor, actor.id))) + "</node>\n"
        }
        var count = 0
        func edge(_ from: Int, _ to: Int, directed: Bool, _ values: String) {
            out += "    <edge id=\"e\(count)\" source=\"\(XML.escape(network.nodes[from]))\" "
                + "target=\"\(XML.escape(network.nodes[to]))\" directed=\"\(directed)\">\(values)</edge>\n"
            count += 1
        }
        for (i, actor) in site.actors.enumerated() {
            for r in actor.relations {
                guard let j = network.index[r.to.value] else { continue }
                edge(i, j, directed: true, data("type", r.typeInWords) + (r.since.map { data("since", $0.description) } ?? ""))
            }
        }
        for e in network.edges where e.sharedEvents > 0 {
            edge(e.a, e.b, directed: false, data("type", "shared events") + data("weight", String(e.sharedEvents)))
        }
        return out + "  </graph>\n</graphml>\n"
    }

    /// The attributes declared for nodes and edges: id, owner, name, type.
    private static let keys: [(String, String, String, String)] = [
        ("label", "node", "label", "string"), ("kind", "node", "kind", "string"), ("role", "node", "role", "string"),
        ("url", "node", "url", "string"), ("type", "edge", "type", "string"), ("since", "edge", "since", "string"),
        ("weight", "edge", "weight", "int"),
    ]

    private static func data(_ key: String, _ value: String) -> String {
        "<data key=\"\(key)\">\(XML.escape(value))</data>"
    }
}
