import DossierContent
import DossierModel

/// The tracked content of a site at one edition: what editions compare, and what an edition's own page shows as
/// "what the briefing said". Every list is in the model's order, so the same content gives the same snapshot.
public struct EditionSnapshot: Sendable, Hashable, Codable {
    public var actors: [ItemName]
    public var events: [ItemName]
    public var sources: [ItemName]
    public var briefs: [BriefSnapshot]
    public var topics: [TopicSnapshot]
    /// Every quote an item cites, sorted by item, source and quote.
    public var quotes: [QuoteSnapshot]

    /// Makes a snapshot from its parts.
    public init(actors: [ItemName], events: [ItemName], sources: [ItemName], briefs: [BriefSnapshot],
                topics: [TopicSnapshot], quotes: [QuoteSnapshot]) {
        self.actors = actors
        self.events = events
        self.sources = sources
        self.briefs = briefs
        self.topics = topics
        self.quotes = quotes
    }

    /// The tracked content of `site`.
    public init(site: SiteModel) {
        actors = site.actors.map { ItemName(id: $0.id, title: $0.name) }
        events = site.events.map { ItemName(id: $0.id, title: $0.title) }
        sources = site.sources.map { ItemName(id: $0.id, title: $0.title) }
        briefs = site.briefs.map(BriefSnapshot.init)
        topics = site.topics.map(TopicSnapshot.init)
        quotes = QuoteSnapshot.all(in: site)
    }

    /// How many items of each kind the snapshot holds.
    var counts: [String: Int] {
        ["briefs": briefs.count, "events": events.count, "actors": actors.count, "topics": topics.count, "sources": sources.count]
    }

    /// The snapshot as JSON, keys in a fixed order.
    var json: JSONValue {
        .object([("actors", .array(actors.map(\.json))), ("briefs", .array(briefs.map(\.json))),
                 ("events", .array(events.map(\.json))), ("quotes", .array(quotes.map(\.json))),
                 ("sources", .array(sources.map(\.json))), ("topics", .array(topics.map(\.json)))])
    }
}

/// A brief as an edition records it: its judgments.
public struct BriefSnapshot: Sendable, Hashable, Codable {
    public var id: String
    public var title: String
    public var judgments: [JudgmentSnapshot]

    var name: ItemName { ItemName(id: id, title: title) }

    init(_ b: Brief) {
        id = b.id
        title = b.title
        judgments = b.judgments.map { JudgmentSnapshot(text: $0.text, likelihood: $0.likelihood, confidence: $0.confidence) }
    }

    var json: JSONValue {
        .object([("id", .string(id)), ("title", .string(title)), ("judgments", .array(judgments.map(\.json)))])
    }
}

/// A key judgment as an edition records it.
public struct JudgmentSnapshot: Sendable, Hashable, Codable {
    public var text: String
    public var likelihood: String?
    public var confidence: String?

    var json: JSONValue {
        .object([("text", .string(text)), ("likelihood", .optional(likelihood)), ("confidence", .optional(confidence))])
    }
}

/// A topic as an edition records it: its stances, oldest first.
public struct TopicSnapshot: Sendable, Hashable, Codable {
    public var id: String
    public var title: String
    public var stances: [StanceSnapshot]

    var name: ItemName { ItemName(id: id, title: title) }

    init(_ t: Topic) {
        id = t.id
        title = t.title
        stances = t.stances.map { s in
            StanceSnapshot(actor: s.actor.value, position: s.position.rawValue, asOf: s.asOf?.description, summary: s.summary,
                           sources: s.sources.map { CitationSnapshot(source: $0.source, quote: $0.quote) })
        }
    }

    /// Each actor's latest stance (the last one written), by actor id.
    var latest: [String: StanceSnapshot] {
        var result: [String: StanceSnapshot] = [:]
        for s in stances { result[s.actor] = s }
        return result
    }

    var json: JSONValue {
        .object([("id", .string(id)), ("title", .string(title)), ("stances", .array(stances.map(\.json)))])
    }
}

/// A stance as an edition records it.
public struct StanceSnapshot: Sendable, Hashable, Codable {
    public var actor: String
    public var position: String
    public var asOf: String?
    public var summary: String?
    public var sources: [CitationSnapshot]

    enum CodingKeys: String, CodingKey { case actor, position, asOf = "as_of", summary, sources }

    var json: JSONValue {
        .object([("actor", .string(actor)), ("position", .string(position)), ("as_of", .optional(asOf)),
                 ("summary", .optional(summary)), ("sources", .array(sources.map(\.json)))])
    }
}

/// One quote an item cites: which item, which source, and the words.
public struct QuoteSnapshot: Sendable, Hashable, Codable, Comparable {
    /// The citing item's kind (`brief`, `event`, …) and id.
    public var kind: ItemKind
    public var id: String
    /// The citing item's title when the edition was cut.
    public var title: String
    public var source: String
    public var quote: String

    /// Every quoted citation of `site`, each once, sorted.
    static func all(in site: SiteModel) -> [QuoteSnapshot] {
        var quotes = Set<QuoteSnapshot>()
        for (source, uses) in site.citations {
            for use in uses {
                guard let quote = use.citation.quote else { continue }
                quotes.insert(QuoteSnapshot(kind: use.item.kind, id: use.item.id, title: site.title(of: use.item) ?? use.item.id,
                                            source: source, quote: quote))
            }
        }
        return quotes.sorted()
    }

    /// The citing item.
    var item: ItemRef { ItemRef(kind, id) }

    /// Orders quotes by citing item, then source, then words.
    public static func < (a: QuoteSnapshot, b: QuoteSnapshot) -> Bool {
        (a.kind, a.id, a.source, a.quote, a.title) < (b.kind, b.id, b.source, b.quote, b.title)
    }

    var json: JSONValue {
        .object([("kind", .string(kind.rawValue)), ("id", .string(id)), ("title", .string(title)), ("source", .string(source)),
                 ("quote", .string(quote))])
    }
}
