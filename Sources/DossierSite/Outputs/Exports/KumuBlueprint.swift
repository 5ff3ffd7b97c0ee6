import DossierContent
import DossierModel

/// `data/network.json` as a Kumu blueprint: actors as elements (label, type, description, tags) and
/// connections for relations (`directed`, typed) and shared events (`undirected`, with their count).
public enum KumuBlueprint {
    /// The file's text.
    public static func text(site: SiteModel, network: ActorNetwork, urls: SiteURLs) -> String {
        // Kumu joins connections to elements by label, so labels must be unique.
        var nameCount: [String: Int] = [:]
        for a in site.actors { nameCount[a.name, default: 0] += 1 }
        let labels = site.actors.map { nameCount[$0.name]! > 1 ? "\($0.name) (\($0.id))" : $0.name }
        let elements = site.actors.enumerated().map { i, a -> JSONValue in
            var o: [(String, JSONValue)] = [("label", .string(labels[i])), ("type", .string(a.kind.label))]
            if let role = a.role { o.append(("description", .string(role))) }
            o.append(("id", .string(a.id)))
            o.append(("url", .string(urls.url(ItemRef(.actor, a.id)))))
            if !a.aliases.isEmpty { o.append(("tags", .array(a.aliases.map { .string($0) }))) }
            return .object(o)
        }
        var connections: [JSONValue] = []
        for (i, a) in site.actors.enumerated() {
            for r in a.relations {
                guard let j = network.index[r.to.value] else { continue }
                var o: [(String, JSONValue)] = [("from", .string(labels[i])), ("to", .string(labels[j])),
                                                ("type", .string(r.typeInWords)), ("direction", "directed")]
                if let since = r.since { o.append(("since", .string(since.description))) }
                connections.append(.object(o))
            }
        }
        for edge in network.edges where edge.sharedEvents > 0 {
            connections.append(.object([("from", .string(labels[edge.a])), ("to", .string(labels[edge.b])),
                                        ("type", "shared events"), ("direction", "undirected"),
                                        ("strength", .int(edge.sharedEvents))]))
        }
        return JSONValue.object([("elements", .array(elements)), ("connections", .array(connections))]).serialized(pretty: true)
    }
}
