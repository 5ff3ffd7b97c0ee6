import DossierMarkdown
import DossierModel

/// The whole site, loaded, validated and cross-referenced: what every page is made from.
///
/// Immutable once built. Items are in display order (briefs newest first, events oldest first, the
/// rest by id), and the reverse indexes answer the questions pages ask (what an actor did, who cites a source).
public struct SiteModel: Sendable {
    public let config: SiteConfig
    public let actors: [Actor]
    public let events: [Event]
    public let topics: [Topic]
    public let briefs: [Brief]
    public let sources: [Source]
    /// Parsed Markdown bodies by item (every item but `.txt` sources).
    public let documents: [ItemRef: MarkdownDocument]
    /// Where each `[[…]]` of a body points, by item and reference index (nil for citations).
    public let linkTargets: [ItemRef: [ItemRef?]]
    /// The cited passages of each source, in text order, each with its anchor.
    public let passages: [String: [CitedPassage]]
    /// Everything that cites each source, in a stable order.
    public let citations: [String: [CitingUse]]
    /// Events of each actor and of each topic, oldest first.
    public let eventsByActor: [String: [String]]
    public let eventsByTopic: [String: [String]]
    /// Stances of each actor as (topic id, index into that topic's stances).
    public let stancesByActor: [String: [StanceRef]]
    /// Actors that list each actor among their affiliations, by id.
    public let members: [String: [String]]
    /// Relations that point at each actor, as (actor id, index into that actor's relations).
    public let relationsTo: [String: [RelationRef]]
    /// Briefs that list or link each actor and each topic, newest first.
    public let briefsByActor: [String: [String]]
    public let briefsByTopic: [String: [String]]
    /// Sources whose text names each actor (by name or alias).
    public let sourcesMentioning: [String: [String]]
    /// The text of each source as readers see it, prepared for quote search.
    public let sourceTexts: [String: QuoteText]

    /// Each item's place in its list, by id.
    public let actorIndex: [String: Int]
    public let eventIndex: [String: Int]
    public let topicIndex: [String: Int]
    public let briefIndex: [String: Int]
    public let sourceIndex: [String: Int]
    let passageByQuote: [String: [String: Int]]
    /// The text fragment (`start,end`) of each elided quote, by source and quote.
    let quoteFragments: [String: [String: String]]
    /// Made with the model and shared by its copies only: tells the model a load made from another one.
    private let identity = Identity()

    /// What identifies one model: an object made with it.
    private final class Identity: Sendable {}

    /// Whether `other` is this very model (a copy of it), not another load's, however equal: every part of it is
    /// then the same without comparing any.
    public func isSameModel(as other: SiteModel) -> Bool { identity === other.identity }

    public func actor(_ id: String) -> Actor? { actorIndex[id].map { actors[$0] } }
    public func event(_ id: String) -> Event? { eventIndex[id].map { events[$0] } }
    public func topic(_ id: String) -> Topic? { topicIndex[id].map { topics[$0] } }
    public func brief(_ id: String) -> Brief? { briefIndex[id].map { briefs[$0] } }
    public func source(_ id: String) -> Source? { sourceIndex[id].map { sources[$0] } }

    /// Whether an item exists.
    public func contains(_ ref: ItemRef) -> Bool {
        switch ref.kind {
        case .actor: actorIndex[ref.id] != nil
        case .event: eventIndex[ref.id] != nil
        case .topic: topicIndex[ref.id] != nil
        case .brief: briefIndex[ref.id] != nil
        case .source: sourceIndex[ref.id] != nil
        }
    }

    /// The display title of any item.
    public func title(of ref: ItemRef) -> String? {
        switch ref.kind {
        case .actor: actorIndex[ref.id].map { actors[$0].name }
        case .event: eventIndex[ref.id].map { events[$0].title }
        case .topic: topicIndex[ref.id].map { topics[$0].title }
        case .brief: briefIndex[ref.id].map { briefs[$0].title }
        case .source: sourceIndex[ref.id].map { sources[$0].title }
        }
    }

    /// The marked passage a quoted citation points to, or nil for a citation without a quote.
    public func passage(for citation: Citation) -> CitedPassage? {
        passage(source: citation.source, quote: citation.quote)
    }

    /// The marked passage of `source` that `quote` was found at.
    public func passage(source: String, quote: String?) -> CitedPassage? {
        guard let quote, let i = passageByQuote[source]?[quote] else { return nil }
        return passages[source]?[i]
    }

    /// The text fragment (`#:~:text=` value, `start,end`) an elided quote of `source` links to; nil for a quote
    /// without elision, which links to its passage's words.
    public func elidedFragment(source: String, quote: String?) -> String? {
        guard let quote, !quoteFragments.isEmpty else { return nil }
        return quoteFragments[source]?[quote]
    }
}

/// A stretch of a source's text that at least one citation quotes; shown marked on the source page.
public struct CitedPassage: Sendable, Hashable {
    /// The fragment id of its `<mark>` (`q-1`, `q-2`, … in text order).
    public var anchor: String
    /// Its place in the source's text, in Unicode scalars of `SiteModel.sourceTexts`.
    public var range: Range<Int>
    /// The passage's words exactly as the source has them (for text fragments).
    public var text: String
    /// `text` percent-encoded for a URL text fragment (`#:~:text=…`), per the URL Fragment Text Directives spec.
    public var fragment: String
}

/// One citation of a source by some item: what cites it and how.
public struct CitingUse: Sendable, Hashable {
    /// The item whose page shows the citation.
    public var item: ItemRef
    /// The actor whose stance or relation it supports, when it does.
    public var actor: String?
    /// What the citation supports, in words (`stance of Anthropic`, `event`, `brief`).
    public var role: String
    public var citation: Citation
}

/// Names one stance: the topic it is under and its index there.
public struct StanceRef: Sendable, Hashable {
    public var topic: String
    public var index: Int

    /// Names stance `index` of `topic`.
    public init(topic: String, index: Int) {
        self.topic = topic
        self.index = index
    }
}

/// Names one relation: the actor it starts from and its index there.
public struct RelationRef: Sendable, Hashable {
    public var from: String
    public var index: Int

    /// Names relation `index` of actor `from`.
    public init(from: String, index: Int) {
        self.from = from
        self.index = index
    }
}
