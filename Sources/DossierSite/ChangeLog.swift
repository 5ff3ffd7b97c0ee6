import DossierContent
import DossierModel
import Foundation

/// What changed since the last edition: the build compares its model with the one the previous build stored
/// in `Output/data/site.json` and records an edition — new and removed items, changed stance positions and
/// changed judgments. Editions are kept (newest first) in `site.json`, so the changes page and its feed
/// can show the history, and a rebuild of unchanged content gives the same edition, byte for byte.
public struct ChangeLog: Sendable {
    /// How many editions `site.json` keeps.
    public static let keptEditions = 30

    /// The editions, newest first; never empty.
    public var editions: [Edition]

    /// The newest edition.
    public var current: Edition { editions[0] }

    /// The change log a build recorded, for a build of the same content.
    init(editions: [Edition]) {
        self.editions = editions
    }

    /// The change log of `site` against the stored previous edition, if any.
    public init(site: SiteModel, previous: StoredEdition?) {
        let now = EditionSnapshot(site: site)
        guard let previous else {
            editions = [Edition(edition: 1, date: now.date, first: true, counts: now.counts)]
            return
        }
        var edition = ChangeLog.compare(previous.snapshot, now)
        if edition.isEmpty {
            // Nothing tracked changed: the same edition again, so an unchanged rebuild writes the same bytes.
            editions = previous.editions.isEmpty
                ? [Edition(edition: max(previous.edition, 1), date: now.date, first: true, counts: now.counts)]
                : previous.editions
            return
        }
        edition.edition = previous.edition + 1
        edition.date = now.date
        edition.counts = now.counts
        editions = Array(([edition] + previous.editions).prefix(ChangeLog.keptEditions))
    }

    /// The differences between two snapshots, as an edition without number or date.
    static func compare(_ old: EditionSnapshot, _ new: EditionSnapshot) -> Edition {
        var e = Edition(edition: 0, date: nil, first: false)
        func diff(_ a: [ItemName], _ b: [ItemName]) -> (added: [ItemName], removed: [ItemName]) {
            let oldIDs = Set(a.map(\.id)), newIDs = Set(b.map(\.id))
            return (b.filter { !oldIDs.contains($0.id) }, a.filter { !newIDs.contains($0.id) })
        }
        (e.added.briefs, e.removed.briefs) = diff(old.briefs.map(\.name), new.briefs.map(\.name))
        (e.added.events, e.removed.events) = diff(old.events, new.events)
        (e.added.actors, e.removed.actors) = diff(old.actors, new.actors)
        (e.added.sources, e.removed.sources) = diff(old.sources, new.sources)
        (e.added.topics, e.removed.topics) = diff(old.topics.map(\.name), new.topics.map(\.name))

        // Stances: the latest position of each actor on each topic.
        let oldTopics = Dictionary(old.topics.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let actorNames = Dictionary(new.actors.map { ($0.id, $0.title) } + old.actors.map { ($0.id, $0.title) }, uniquingKeysWith: { a, _ in a })
        for topic in new.topics {
            // A new topic is listed as new, not stance by stance.
            guard let oldTopic = oldTopics[topic.id] else { continue }
            let before = latest(oldTopic), after = latest(topic)
            for actor in Set(before.keys).union(after.keys).sorted() {
                let from = before[actor], to = after[actor]
                guard from?.position != to?.position else { continue }
                e.stances.append(StanceChange(actor: actor, actorName: actorNames[actor] ?? actor, topic: topic.id,
                                              topicTitle: topic.title, from: from?.position, to: to?.position,
                                              asOf: to?.asOf, summary: to?.summary, sources: to?.sources ?? []))
            }
        }
        // Judgments of briefs in both editions: matched by text, then by place.
        let oldBriefs = Dictionary(old.briefs.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        for brief in new.briefs {
            guard let before = oldBriefs[brief.id] else { continue }
            var unmatchedOld = Array(before.judgments.indices)
            var pairs: [(JudgmentSnapshot, JudgmentSnapshot)] = []
            var unmatchedNew: [Int] = []
            for (i, j) in brief.judgments.enumerated() {
                if let k = unmatchedOld.firstIndex(where: { before.judgments[$0].text == j.text }) {
                    pairs.append((before.judgments[unmatchedOld[k]], j))
                    unmatchedOld.remove(at: k)
                } else {
                    unmatchedNew.append(i)
                }
            }
            for i in unmatchedNew where unmatchedOld.contains(i) {
                pairs.append((before.judgments[i], brief.judgments[i]))
            }
            for (a, b) in pairs where a.likelihood != b.likelihood || a.confidence != b.confidence {
                e.judgments.append(JudgmentChange(brief: brief.id, briefTitle: brief.title, text: b.text,
                                                  likelihoodFrom: a.likelihood, likelihoodTo: b.likelihood,
                                                  confidenceFrom: a.confidence, confidenceTo: b.confidence))
            }
        }
        return e
    }

    static func latest(_ topic: TopicSnapshot) -> [String: StanceSnapshot] {
        var result: [String: StanceSnapshot] = [:]
        for s in topic.stances { result[s.actor] = s }
        return result
    }

    /// Reads the edition a previous build stored; nil when there is none. Throws when the file is not one.
    public static func readStored(at url: URL) throws -> StoredEdition? {
        guard let data = FileManager.default.contents(atPath: url.path) else { return nil }
        let stored = try JSONDecoder().decode(StoredEdition.self, from: data)
        guard stored.version == SiteJSON.version else {
            throw StoredEditionError(message: "\(url.lastPathComponent) has version \(stored.version); this build writes version \(SiteJSON.version)")
        }
        return stored
    }
}

/// Why a stored edition could not be used.
public struct StoredEditionError: Error, CustomStringConvertible {
    /// What was wrong.
    public var message: String
    /// The message.
    public var description: String { message }
}

/// One edition: its number, its date (the newest date in its content) and what changed since the one before.
public struct Edition: Sendable, Hashable, Codable {
    public var edition: Int
    /// The newest content date when the edition was made (`2026-03-05`), never the build time.
    public var date: String?
    /// Whether this is the first edition (nothing to compare with).
    public var first: Bool
    /// How many items of each kind the edition had.
    public var counts: [String: Int]?
    public var added = ItemLists()
    public var removed = ItemLists()
    public var stances: [StanceChange] = []
    public var judgments: [JudgmentChange] = []

    /// Makes an edition record.
    public init(edition: Int, date: String?, first: Bool, counts: [String: Int]? = nil) {
        self.edition = edition
        self.date = date
        self.first = first
        self.counts = counts
    }

    /// Whether nothing tracked changed.
    public var isEmpty: Bool { !first && added.isEmpty && removed.isEmpty && stances.isEmpty && judgments.isEmpty }

    /// The edition's date, parsed.
    public var partialDate: PartialDate? { date.flatMap(PartialDate.parse) }

    /// A one-line summary (`2 new events, 1 changed stance`).
    public var summary: String {
        if first { return "First edition" }
        var parts: [String] = []
        func count(_ n: Int, _ what: String) { if n > 0 { parts.append("\(n) \(what)\(n == 1 ? "" : "s")") } }
        count(added.briefs.count, "new brief"); count(added.events.count, "new event"); count(added.actors.count, "new actor")
        count(added.topics.count, "new topic"); count(added.sources.count, "new source")
        count(removed.briefs.count + removed.events.count + removed.actors.count + removed.topics.count + removed.sources.count, "removed item")
        count(stances.count, "changed stance"); count(judgments.count, "changed judgment")
        return parts.isEmpty ? "No tracked changes" : parts.joined(separator: ", ")
    }

    enum CodingKeys: String, CodingKey { case edition, date, first, counts, added, removed, stances, judgments }

    /// The record as JSON, in the shape `Codable` reads back.
    var json: JSONValue {
        var o: [(String, JSONValue)] = [("edition", .int(edition)), ("date", .optional(date)), ("first", .bool(first))]
        if let counts { o.append(("counts", .object(counts.keys.sorted().map { ($0, .int(counts[$0]!)) }))) }
        o += [("added", added.json), ("removed", removed.json), ("stances", .array(stances.map(\.json))),
              ("judgments", .array(judgments.map(\.json)))]
        return .object(o)
    }
}

/// Items of each kind, by id and title.
public struct ItemLists: Sendable, Hashable, Codable {
    public var briefs: [ItemName] = []
    public var events: [ItemName] = []
    public var actors: [ItemName] = []
    public var topics: [ItemName] = []
    public var sources: [ItemName] = []

    /// Makes empty lists.
    public init() {}

    /// Whether every list is empty.
    public var isEmpty: Bool { briefs.isEmpty && events.isEmpty && actors.isEmpty && topics.isEmpty && sources.isEmpty }

    var json: JSONValue {
        .object([("briefs", .array(briefs.map(\.json))), ("events", .array(events.map(\.json))), ("actors", .array(actors.map(\.json))),
                 ("topics", .array(topics.map(\.json))), ("sources", .array(sources.map(\.json)))])
    }
}

/// An item's id and title (or name).
public struct ItemName: Sendable, Hashable, Codable {
    public var id: String
    public var title: String
    var json: JSONValue { ["id": .string(id), "title": .string(title)] }
}

/// A stance whose latest position changed: from → to, with the new stance's evidence.
public struct StanceChange: Sendable, Hashable, Codable {
    public var actor: String
    public var actorName: String
    public var topic: String
    public var topicTitle: String
    /// The position before; nil when the actor had none.
    public var from: String?
    /// The position now; nil when the stance was removed.
    public var to: String?
    public var asOf: String?
    public var summary: String?
    public var sources: [CitationSnapshot]

    enum CodingKeys: String, CodingKey {
        case actor, actorName = "actor_name", topic, topicTitle = "topic_title", from, to, asOf = "as_of", summary, sources
    }

    var json: JSONValue {
        .object([("actor", .string(actor)), ("actor_name", .string(actorName)), ("topic", .string(topic)),
                 ("topic_title", .string(topicTitle)), ("from", .optional(from)), ("to", .optional(to)), ("as_of", .optional(asOf)),
                 ("summary", .optional(summary)), ("sources", .array(sources.map(\.json)))])
    }
}

/// A key judgment whose likelihood or confidence changed.
public struct JudgmentChange: Sendable, Hashable, Codable {
    public var brief: String
    public var briefTitle: String
    public var text: String
    public var likelihoodFrom: String?
    public var likelihoodTo: String?
    public var confidenceFrom: String?
    public var confidenceTo: String?

    enum CodingKeys: String, CodingKey {
        case brief, briefTitle = "brief_title", text, likelihoodFrom = "likelihood_from", likelihoodTo = "likelihood_to",
             confidenceFrom = "confidence_from", confidenceTo = "confidence_to"
    }

    var json: JSONValue {
        .object([("brief", .string(brief)), ("brief_title", .string(briefTitle)), ("text", .string(text)),
                 ("likelihood_from", .optional(likelihoodFrom)), ("likelihood_to", .optional(likelihoodTo)),
                 ("confidence_from", .optional(confidenceFrom)), ("confidence_to", .optional(confidenceTo))])
    }
}

/// A citation as stored: source id and quote.
public struct CitationSnapshot: Sendable, Hashable, Codable {
    public var source: String
    public var quote: String?
    var json: JSONValue { ["source": .string(source), "quote": .optional(quote)] }
}

/// What a build reads back from the previous `site.json`: the parts of the model editions compare, and the editions.
public struct StoredEdition: Sendable, Decodable {
    public var version: Int
    public var edition: Int
    public var actors: [ActorRecord]
    public var events: [ItemName]
    public var sources: [ItemName]
    public var briefs: [BriefSnapshot]
    public var topics: [TopicSnapshot]
    public var editions: [Edition]

    /// An actor as stored (only the fields editions compare).
    public struct ActorRecord: Sendable, Decodable {
        public var id: String
        public var name: String
    }

    /// What reading back the `site.json` a build of `site` writes gives, without writing or reading it: an
    /// incremental build keeps this from the last build instead of decoding the whole model again.
    init(site: SiteModel, changes: ChangeLog) {
        let now = EditionSnapshot(site: site)
        version = SiteJSON.version
        edition = changes.current.edition
        actors = now.actors.map { ActorRecord(id: $0.id, name: $0.title) }
        events = now.events
        sources = now.sources
        briefs = now.briefs
        topics = now.topics
        editions = changes.editions
    }

    /// The comparable snapshot of the stored model.
    var snapshot: EditionSnapshot {
        EditionSnapshot(actors: actors.map { ItemName(id: $0.id, title: $0.name) }, events: events, sources: sources,
                        briefs: briefs, topics: topics, date: nil, counts: [:])
    }
}

/// The parts of a model that editions compare.
struct EditionSnapshot {
    var actors: [ItemName]
    var events: [ItemName]
    var sources: [ItemName]
    var briefs: [BriefSnapshot]
    var topics: [TopicSnapshot]
    var date: String?
    var counts: [String: Int]

    init(actors: [ItemName], events: [ItemName], sources: [ItemName], briefs: [BriefSnapshot], topics: [TopicSnapshot],
         date: String?, counts: [String: Int]) {
        self.actors = actors
        self.events = events
        self.sources = sources
        self.briefs = briefs
        self.topics = topics
        self.date = date
        self.counts = counts
    }

    init(site: SiteModel) {
        actors = site.actors.map { ItemName(id: $0.id, title: $0.name) }
        events = site.events.map { ItemName(id: $0.id, title: $0.title) }
        sources = site.sources.map { ItemName(id: $0.id, title: $0.title) }
        briefs = site.briefs.map { b in
            BriefSnapshot(id: b.id, title: b.title, judgments: b.judgments.map {
                JudgmentSnapshot(text: $0.text, likelihood: $0.likelihood, confidence: $0.confidence)
            })
        }
        topics = site.topics.map { t in
            TopicSnapshot(id: t.id, title: t.title, stances: t.stances.map { s in
                StanceSnapshot(actor: s.actor.value, position: s.position.rawValue, asOf: s.asOf?.description, summary: s.summary,
                               sources: s.sources.map { CitationSnapshot(source: $0.source, quote: $0.quote) })
            })
        }
        date = SiteJSON.contentDate(site)?.description
        counts = ["briefs": site.briefs.count, "events": site.events.count, "actors": site.actors.count,
                  "topics": site.topics.count, "sources": site.sources.count]
    }
}

/// A brief as stored for comparison.
public struct BriefSnapshot: Sendable, Decodable {
    public var id: String
    public var title: String
    public var judgments: [JudgmentSnapshot]
    var name: ItemName { ItemName(id: id, title: title) }
}

/// A judgment as stored for comparison.
public struct JudgmentSnapshot: Sendable, Decodable {
    public var text: String
    public var likelihood: String?
    public var confidence: String?
}

/// A topic as stored for comparison.
public struct TopicSnapshot: Sendable, Decodable {
    public var id: String
    public var title: String
    public var stances: [StanceSnapshot]
    var name: ItemName { ItemName(id: id, title: title) }
}

/// A stance as stored for comparison.
public struct StanceSnapshot: Sendable, Decodable {
    public var actor: String
    public var position: String
    public var asOf: String?
    public var summary: String?
    public var sources: [CitationSnapshot]

    enum CodingKeys: String, CodingKey { case actor, position, asOf = "as_of", summary, sources }
}
