import DossierContent
import DossierModel

/// Schema.org JSON-LD for each page: `NewsArticle` for briefs, `Person` or `Organization` (with `sameAs`)
/// for actors, `Event` for events, and a `Quotation` with `isBasedOn` for every quote the page cites. Written
/// inside `<script type="application/ld+json">` with `<`, `>` and `&` escaped.
enum StructuredData {
    /// The references to actors and sources that many pages' JSON-LD holds, serialized once per build.
    struct Shared: Sendable {
        /// `actorRef` of each actor, by id.
        let actors: [String: JSONValue]
        /// `creativeWork` (not `full`) of each source, by id.
        let sources: [String: JSONValue]

        init(site: SiteModel, urls: SiteURLs) {
            func serialized(_ value: JSONValue) -> JSONValue { .serialized(value.bytes(escapingHTML: true)) }
            actors = Dictionary(site.actors.map { ($0.id, serialized(actorRef($0, urls))) }, uniquingKeysWith: { a, _ in a })
            sources = Dictionary(site.sources.map { ($0.id, serialized(creativeWork($0, urls))) }, uniquingKeysWith: { a, _ in a })
        }
    }

    /// The JSON-LD text of `page`, or nil for pages without structured data; with `shared`, the references to
    /// actors and sources are taken from there.
    static func jsonLD(page: SitePage, site: ModelReader, urls: SiteURLs, description: String?, shared: Shared? = nil) -> String? {
        // With `shared`, which holds every actor, an id is looked up there alone: no copy of the actor is made.
        func actorRef(_ id: String) -> JSONValue? {
            if let shared { return shared.actors[id] }
            return site.actor(id).map { StructuredData.actorRef($0, urls) }
        }
        // Likewise a source is looked up by id, and copied from the model only to be made here.
        func creativeWork(_ id: String) -> JSONValue? {
            if let shared { return shared.sources[id] }
            return site.source(id).map { StructuredData.creativeWork($0, urls) }
        }
        let pageURL = urls.url(page: page.path)
        var graph: [JSONValue] = []
        let publisher: JSONValue = .object([("@type", "Organization"), ("name", .string(site.config.author ?? site.config.title))])
        switch page.kind {
        case .home:
            graph.append(.object([("@type", "WebSite"), ("@id", .string(urls.url("") + "#website")), ("name", .string(site.config.title)),
                                  ("description", .optional(site.config.description)), ("url", .string(urls.url(""))),
                                  ("inLanguage", .string(site.config.language)), ("publisher", publisher),
                                  ("potentialAction", .object([("@type", "SearchAction"),
                                                               ("target", .string(urls.url("search/") + "?q={search_term_string}")),
                                                               ("query-input", "required name=search_term_string")]))]))
        case .item(let ref):
            switch ref.kind {
            case .brief:
                let b = site.brief(ref.id)!
                var o: [(String, JSONValue)] = [("@type", "NewsArticle"), ("@id", .string(pageURL + "#article")),
                                                ("headline", .string(String(b.title.prefix(110)))), ("datePublished", .string(b.date.description)),
                                                ("dateModified", .string(b.date.description)),
                                                ("description", .optional(b.summary)), ("url", .string(pageURL)),
                                                ("mainEntityOfPage", .string(pageURL)), ("inLanguage", .string(site.config.language)),
                                                ("author", publisher), ("publisher", publisher)]
                let about = b.actors.uniqueValues.compactMap(actorRef)
                if !about.isEmpty { o.append(("about", .array(about))) }
                let cited = citedSourceIDs(site, ref).compactMap(creativeWork)
                if !cited.isEmpty { o.append(("citation", .array(cited))) }
                graph.append(.object(o))
            case .actor:
                let a = site.actor(ref.id)!
                var o: [(String, JSONValue)] = [("@type", .string(actorType(a.kind))), ("@id", .string(pageURL + "#actor")),
                                                ("name", .string(a.name)), ("url", .string(pageURL))]
                if !a.otherNames.isEmpty { o.append(("alternateName", .array(a.otherNames.map { .string($0) }))) }
                if let role = a.role { o.append(("description", .string(role))) }
                if !a.sameAs.isEmpty { o.append(("sameAs", .array(a.sameAs.map { .string($0) }))) }
                let affiliations = a.affiliations.uniqueValues.compactMap(actorRef)
                if !affiliations.isEmpty { o.append((a.kind == .person ? "affiliation" : "memberOf", .array(affiliations))) }
                graph.append(.object(o))
            case .event:
                let e = site.event(ref.id)!
                var o: [(String, JSONValue)] = [("@type", "Event"), ("@id", .string(pageURL + "#event")), ("name", .string(e.title)),
                                                ("startDate", .string(e.date.description)), ("url", .string(pageURL))]
                if let end = e.end { o.append(("endDate", .string(end.description))) }
                if let description { o.append(("description", .string(description))) }
                let actors = e.actors.uniqueValues.compactMap(actorRef)
                if !actors.isEmpty { o.append(("attendee", .array(actors))) }
                graph.append(.object(o))
            case .topic:
                let t = site.topic(ref.id)!
                graph.append(.object([("@type", "WebPage"), ("@id", .string(pageURL)), ("name", .string(t.title)),
                                      ("description", .optional(t.question)), ("url", .string(pageURL))]))
            case .source:
                let s = site.source(ref.id)!
                graph.append(StructuredData.creativeWork(s, urls, full: true))
            }
        default:
            return nil
        }
        graph += quotations(page: page, site: site, urls: urls, actorRef: actorRef, creativeWork: creativeWork)
        let root: JSONValue = .object([("@context", "https://schema.org"), ("@graph", .array(graph))])
        return root.serialized(escapingHTML: true)
    }

    static func actorType(_ kind: Actor.Kind) -> String {
        switch kind {
        case .person: "Person"
        case .government: "GovernmentOrganization"
        case .organization, .group: "Organization"
        case .other: "Organization"
        }
    }

    static func actorRef(_ a: Actor, _ urls: SiteURLs) -> JSONValue {
        var o: [(String, JSONValue)] = [("@type", .string(actorType(a.kind))), ("@id", .string(urls.url(ItemRef(.actor, a.id)) + "#actor")),
                                        ("name", .string(a.name))]
        if !a.sameAs.isEmpty { o.append(("sameAs", .array(a.sameAs.map { .string($0) }))) }
        return .object(o)
    }

    static func creativeWork(_ s: Source, _ urls: SiteURLs, full: Bool = false) -> JSONValue {
        var o: [(String, JSONValue)] = [("@type", s.publisher == nil ? "CreativeWork" : "NewsArticle"),
                                        ("@id", .string(urls.url(ItemRef(.source, s.id)) + "#source")), ("name", .string(s.title))]
        if full { o.append(("headline", .string(String(s.title.prefix(110))))) }
        if let url = s.url { o.append(("url", .string(url))) } else { o.append(("url", .string(urls.url(ItemRef(.source, s.id))))) }
        if let p = s.publisher { o.append(("publisher", .object([("@type", "Organization"), ("name", .string(p))]))) }
        if let a = s.author { o.append(("author", .object([("@type", "Person"), ("name", .string(a))]))) }
        if let d = s.published { o.append(("datePublished", .string(d.description))) }
        if full, let archived = s.archivedURL { o.append(("archivedAt", .string(archived))) }
        return .object(o)
    }

    /// The ids of the sources an item cites, in first-cited order (unknown ones too).
    static func citedSourceIDs(_ site: ModelReader, _ ref: ItemRef) -> [String] {
        quotedCitations(site, ref).map(\.citation.source).uniqued()
    }

    /// Every citation an item's page shows, with the actor it is attributed to when it supports a stance or relation.
    static func quotedCitations(_ site: ModelReader, _ ref: ItemRef) -> [(citation: Citation, actor: String?)] {
        var out: [(Citation, String?)] = []
        switch ref.kind {
        case .brief:
            if let refs = site.document(ref)?.references {
                for r in refs { if case let .citation(source, quote) = r.reference { out.append((Citation(source: source, quote: quote, location: .init(path: "")), nil)) } }
            }
        case .event:
            if let e = site.event(ref.id) { out += e.sources.map { ($0, nil) } }
        case .actor:
            if let a = site.actor(ref.id) {
                for sr in site.stances(of: a.id) {
                    if let s = site.topic(sr.topic)?.stances[sr.index] { out += s.sources.map { ($0, a.id) } }
                }
            }
        case .topic:
            if let t = site.topic(ref.id) { for s in t.stances { out += s.sources.map { ($0, s.actor.value) } } }
        case .source:
            break
        }
        return out
    }

    /// A `Quotation` for each distinct quote the page cites, based on its source and, for stances, spoken by the actor.
    static func quotations(page: SitePage, site: ModelReader, urls: SiteURLs, actorRef: (String) -> JSONValue?,
                           creativeWork: (String) -> JSONValue?) -> [JSONValue] {
        guard case .item(let ref) = page.kind else { return [] }
        var seen = Set<String>()
        var out: [JSONValue] = []
        for (c, actor) in quotedCitations(site, ref) {
            guard let quote = c.quote, let work = creativeWork(c.source), seen.insert(c.source + "\u{0}" + quote).inserted else { continue }
            var o: [(String, JSONValue)] = [("@type", "Quotation"), ("text", .string(quote)), ("isBasedOn", work)]
            if let actor, let about = actorRef(actor) { o.append(("about", about)) }
            out.append(.object(o))
        }
        return out
    }
}
