import DossierContent
import DossierModel
import Foundation

/// The editions a build shows: the published ones, read from the site's `Editions/` folder (see `EditionHistory`),
/// and what the content changed since the latest — shown as unpublished changes by `serve` and `build --drafts`, or
/// cut as the next edition by `dossier publish`. A build never records an edition itself.
public struct ChangeLog: Sendable, Equatable {
    /// How many editions `/changes/` and its feed list; every edition keeps its own page.
    public static let listedEditions = 30

    /// Every published edition with its snapshot, newest first (the one being cut first, when a publish cuts one).
    public var records: [EditionRecord]
    /// What changed since the latest edition and is not published yet, numbered as the next edition; nil when
    /// nothing tracked changed or the build shows published editions only.
    public var draft: Edition?
    /// The edition this build cuts (also `records[0]`), for `dossier publish` to record once the site went out.
    public var cut: EditionRecord?

    /// The published editions, newest first.
    public var editions: [Edition] { records.map(\.edition) }
    /// The latest published edition; nil before the first.
    public var current: Edition? { records.first?.edition }
    /// The editions `/changes/` and its feed list: the newest `listedEditions`.
    public var listed: [Edition] { Array(editions.prefix(ChangeLog.listedEditions)) }

    /// The change log of `site` against `history`: with `.drafts`, the unpublished changes as `draft`; with `.cut`,
    /// those changes as a new edition.
    public init(site: SiteModel, history: EditionHistory, mode: EditionMode) {
        records = history.records.reversed()
        if case .published = mode { return }
        let now = EditionSnapshot(site: site)
        guard var pending = ChangeLog.pending(now, since: history.latest) else { return }
        switch mode {
        case .published:
            break
        case .drafts:
            draft = pending
        case .cut(let time, let note):
            pending.date = ChangeLog.day(time, timezone: site.config.timezone)
            pending.note = note
            let record = EditionRecord(edition: pending, snapshot: now)
            cut = record
            records.insert(record, at: 0)
        }
    }

    /// The day of `time` (`2026-03-05`) in `timezone` (an IANA name), else in UTC.
    static func day(_ time: Date, timezone: String?) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timezone.flatMap(TimeZone.init(identifier:)) ?? TimeZone(identifier: "UTC")!
        let c = calendar.dateComponents([.year, .month, .day], from: time)
        return String(format: "%04d-%02d-%02d", c.year ?? 0, c.month ?? 0, c.day ?? 0)
    }

    /// What changed from `latest` to `now`, numbered as the next edition; nil when nothing tracked changed.
    static func pending(_ now: EditionSnapshot, since latest: EditionRecord?) -> Edition? {
        guard let latest, let before = latest.snapshot else {
            let number = (latest?.edition.edition ?? 0) + 1
            return Edition(edition: number, date: nil, first: latest == nil, counts: now.counts)
        }
        var edition = compare(before, now)
        guard !edition.isEmpty else { return nil }
        edition.edition = latest.edition.edition + 1
        edition.counts = now.counts
        return edition
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
        e.stances = stanceChanges(old, new)
        e.judgments = judgmentChanges(old, new)
        e.corrections = Correction.all(old, new, removedSources: e.removed.sources, judgments: e.judgments)
        return e
    }

    /// Stances whose latest position changed, per topic in both snapshots (a new topic is listed as new).
    static func stanceChanges(_ old: EditionSnapshot, _ new: EditionSnapshot) -> [StanceChange] {
        let oldTopics = Dictionary(old.topics.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let actorNames = Dictionary(new.actors.map { ($0.id, $0.title) } + old.actors.map { ($0.id, $0.title) }, uniquingKeysWith: { a, _ in a })
        var changes: [StanceChange] = []
        for topic in new.topics {
            guard let oldTopic = oldTopics[topic.id] else { continue }
            let before = oldTopic.latest, after = topic.latest
            for actor in Set(before.keys).union(after.keys).sorted() {
                let from = before[actor], to = after[actor]
                guard from?.position != to?.position else { continue }
                changes.append(StanceChange(actor: actor, actorName: actorNames[actor] ?? actor, topic: topic.id,
                                            topicTitle: topic.title, from: from?.position, to: to?.position,
                                            asOf: to?.asOf, summary: to?.summary, sources: to?.sources ?? []))
            }
        }
        return changes
    }

    /// Judgments of briefs in both snapshots whose likelihood or confidence changed: matched by text, then by place.
    static func judgmentChanges(_ old: EditionSnapshot, _ new: EditionSnapshot) -> [JudgmentChange] {
        let oldBriefs = Dictionary(old.briefs.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        var changes: [JudgmentChange] = []
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
                changes.append(JudgmentChange(brief: brief.id, briefTitle: brief.title, text: b.text,
                                              likelihoodFrom: a.likelihood, likelihoodTo: b.likelihood,
                                              confidenceFrom: a.confidence, confidenceTo: b.confidence))
            }
        }
        return changes
    }

    /// Reads the history an older Dossier kept in `Output/data/site.json`; nil when there is none.
    /// Throws when the file is not one.
    static func readStored(at url: URL) throws -> StoredEdition? {
        guard let data = FileManager.default.contents(atPath: url.path) else { return nil }
        let stored = try JSONDecoder().decode(StoredEdition.self, from: data)
        guard stored.version == StoredEdition.version else {
            throw StoredEditionError(message: "\(url.lastPathComponent) has version \(stored.version), not \(StoredEdition.version)")
        }
        return stored
    }
}

/// Which editions a build shows.
public enum EditionMode: Sendable, Hashable {
    /// The published editions only: what `dossier build` writes for deployment.
    case published
    /// The published editions and the unpublished changes since the latest (`dossier serve`, `build --drafts`).
    case drafts
    /// The published editions and, when the content changed since the latest, a new one cut at this time (dated
    /// by its day in the site's `timezone`) with this note: what `dossier publish` builds before it records it.
    case cut(at: Date, note: String?)
}

/// Why a stored edition could not be used.
public struct StoredEditionError: Error, CustomStringConvertible {
    /// What was wrong.
    public var message: String
    /// The message.
    public var description: String { message }
}

/// One edition: its number, the date it was cut, the desk's note, and what changed since the one before.
public struct Edition: Sendable, Hashable, Codable {
    public var edition: Int
    /// The day the edition was cut (`2026-03-05`); nil for unpublished changes.
    public var date: String?
    /// Whether this is the first edition (nothing to compare with).
    public var first: Bool
    /// The desk's note on the edition (`dossier edition --note`), shown with it.
    public var note: String?
    /// How many items of each kind the edition had.
    public var counts: [String: Int]?
    public var added = ItemLists()
    public var removed = ItemLists()
    public var stances: [StanceChange] = []
    public var judgments: [JudgmentChange] = []
    /// What the edition corrected: changed or withdrawn quotes, removed sources, lowered likelihoods.
    public var corrections: [Correction] = []

    /// Makes an edition record.
    public init(edition: Int, date: String?, first: Bool, counts: [String: Int]? = nil, note: String? = nil) {
        self.edition = edition
        self.date = date
        self.first = first
        self.counts = counts
        self.note = note
    }

    /// Reads an edition; `note` and `corrections` may be absent (histories from before they existed).
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        edition = try c.decode(Int.self, forKey: .edition)
        date = try c.decodeIfPresent(String.self, forKey: .date)
        first = try c.decode(Bool.self, forKey: .first)
        note = try c.decodeIfPresent(String.self, forKey: .note)
        counts = try c.decodeIfPresent([String: Int].self, forKey: .counts)
        added = try c.decode(ItemLists.self, forKey: .added)
        removed = try c.decode(ItemLists.self, forKey: .removed)
        stances = try c.decode([StanceChange].self, forKey: .stances)
        judgments = try c.decode([JudgmentChange].self, forKey: .judgments)
        corrections = try c.decodeIfPresent([Correction].self, forKey: .corrections) ?? []
    }

    /// Whether nothing tracked changed.
    public var isEmpty: Bool {
        !first && added.isEmpty && removed.isEmpty && stances.isEmpty && judgments.isEmpty && corrections.isEmpty
    }

    /// The edition's date, parsed.
    public var partialDate: PartialDate? { date.flatMap(PartialDate.parse) }

    /// A one-line summary (`2 new events, 1 changed stance`).
    public var summary: String {
        if first { return "First edition" }
        var parts: [String] = []
        func count(_ n: Int, _ what: String) { if n > 0 { parts.append("\(n) \(what)\(n == 1 ? "" : "s")") } }
        count(corrections.count, "correction")
        count(added.briefs.count, "new brief"); count(added.events.count, "new event"); count(added.actors.count, "new actor")
        count(added.topics.count, "new topic"); count(added.sources.count, "new source")
        count(removed.briefs.count + removed.events.count + removed.actors.count + removed.topics.count + removed.sources.count, "removed item")
        count(stances.count, "changed stance"); count(judgments.count, "changed judgment")
        return parts.isEmpty ? "No tracked changes" : parts.joined(separator: ", ")
    }

    enum CodingKeys: String, CodingKey { case edition, date, first, note, counts, added, removed, stances, judgments, corrections }

    /// The record as JSON, in the shape `Codable` reads back.
    var json: JSONValue { .object(jsonFields) }

    /// The record's fields, in a fixed order.
    var jsonFields: [(String, JSONValue)] {
        var o: [(String, JSONValue)] = [("edition", .int(edition)), ("date", .optional(date)), ("note", .optional(note)),
                                        ("first", .bool(first))]
        if let counts { o.append(("counts", .object(counts.keys.sorted().map { ($0, .int(counts[$0]!)) }))) }
        o += [("added", added.json), ("removed", removed.json), ("stances", .array(stances.map(\.json))),
              ("judgments", .array(judgments.map(\.json))), ("corrections", .array(corrections.map(\.json)))]
        return o
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

/// The history an older Dossier kept in `Output/data/site.json` (format version 1): its editions and the model
/// of the latest, which `EditionHistory.migrate` carries over into `Editions/`.
struct StoredEdition: Sendable, Decodable {
    /// The only `site.json` format that held the edition history.
    static let version = 1

    var version: Int
    var actors: [ActorRecord]
    var events: [ItemName]
    var sources: [ItemName]
    var briefs: [BriefSnapshot]
    var topics: [TopicSnapshot]
    var editions: [Edition]

    /// An actor as stored (only the fields editions compare).
    struct ActorRecord: Sendable, Decodable {
        var id: String
        var name: String
    }

    /// The tracked content of the stored model (it cited no quotes that editions compared).
    var snapshot: EditionSnapshot {
        EditionSnapshot(actors: actors.map { ItemName(id: $0.id, title: $0.name) }, events: events, sources: sources,
                        briefs: briefs, topics: topics, quotes: [])
    }
}
