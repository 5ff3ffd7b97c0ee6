import DossierContent
import DossierMarkdown
import DossierModel

/// One piece of the model a page can read; the unit of dependency tracking for incremental builds.
public enum ModelKey: Hashable, Sendable {
    /// `site.yml` settings.
    case config
    /// Every item of a kind, in display order (what index and aggregate pages list).
    case collection(ItemKind)
    /// One item: its fields, its Markdown body and where its `[[links]]` point.
    case item(ItemRef)
    /// A source's text and its cited passages (anchors and words), which every page citing it links to.
    case passages(String)
    /// What cites a source: only pages that list the citations read this, so a new citation elsewhere does not
    /// re-render every page that cites the same source.
    case citations(String)
    /// One entry of a reverse index (`eventsByActor` of an actor, …).
    case index(ModelIndex, String)
    /// Which page of its month's timeline shows an event (by id): what an event page reads to link to its place there,
    /// so an event added to the month re-renders only the event pages it moves to another page.
    case timelinePage(String)
    /// What the whole build works out from everything (the edition and what changed since the last one): never
    /// taken as unchanged, so a page that reads it is always rendered again.
    case wholeBuild
}

/// The reverse indexes of `SiteModel` that pages read.
public enum ModelIndex: String, Hashable, Sendable {
    case eventsByActor, eventsByTopic, stancesByActor, members, relationsTo, briefsByActor, briefsByTopic, sourcesMentioning
}

/// The model as one page sees it: every read is recorded, so an incremental build knows exactly which
/// pages an edit can change. Page code reads the model only through this type.
final class ModelReader {
    private let site: SiteModel
    private let edits: BodyEdits?
    /// What the build works out from the model once (the network, the shared charts), read here as what it is made of.
    private let context: SiteContext
    /// What this page read of the model, as build keys (`BuildKey.model`).
    private(set) var keys: Set<BuildKey> = []

    /// Whether reads are noted in `keys`.
    private let recording: Bool

    /// A reader of `context`'s model, with its edits (body prose edited since) read over it; with `recording`
    /// false it notes nothing, for builds that keep no dependency records.
    init(_ context: SiteContext, recording: Bool = true) {
        site = context.site
        edits = context.edits
        self.context = context
        self.recording = recording
    }

    private func read(_ key: ModelKey) { if recording { keys.insert(.model(key)) } }

    var config: SiteConfig { _read { read(.config); yield site.config } }
    var actors: [Actor] { _read { read(.collection(.actor)); yield site.actors } }
    var events: [Event] { _read { read(.collection(.event)); yield site.events } }
    var topics: [Topic] { _read { read(.collection(.topic)); yield site.topics } }
    var briefs: [Brief] { _read { read(.collection(.brief)); yield site.briefs } }
    var sources: [Source] { _read { read(.collection(.source)); yield site.sources } }

    func actor(_ id: String) -> Actor? { read(.item(ItemRef(.actor, id))); return edits?.actors[id] ?? site.actor(id) }
    func event(_ id: String) -> Event? { read(.item(ItemRef(.event, id))); return edits?.events[id] ?? site.event(id) }
    func topic(_ id: String) -> Topic? { read(.item(ItemRef(.topic, id))); return edits?.topics[id] ?? site.topic(id) }
    func brief(_ id: String) -> Brief? { read(.item(ItemRef(.brief, id))); return edits?.briefs[id] ?? site.brief(id) }
    func source(_ id: String) -> Source? { read(.item(ItemRef(.source, id))); return site.source(id) }
    func title(of ref: ItemRef) -> String? { read(.item(ref)); return site.title(of: ref) }
    func document(_ ref: ItemRef) -> MarkdownDocument? { read(.item(ref)); return edits?.documents[ref] ?? site.documents[ref] }
    func linkTargets(_ ref: ItemRef) -> [ItemRef?] { read(.item(ref)); return site.linkTargets[ref] ?? [] }

    func passages(_ source: String) -> [CitedPassage] { read(.passages(source)); return site.passages[source] ?? [] }
    func citations(_ source: String) -> [CitingUse] { read(.citations(source)); return edits?.citations[source] ?? site.citations[source] ?? [] }
    func sourceText(_ source: String) -> QuoteText? { read(.passages(source)); return site.sourceTexts[source] }
    func passage(for citation: Citation) -> CitedPassage? { read(.passages(citation.source)); return site.passage(for: citation) }
    func passage(source: String, quote: String?) -> CitedPassage? { read(.passages(source)); return site.passage(source: source, quote: quote) }
    func elidedFragment(source: String, quote: String?) -> String? {
        read(.passages(source))
        return site.elidedFragment(source: source, quote: quote)
    }

    /// The events of one month of the timeline, oldest first.
    func events(year: Int, month: Int?) -> ArraySlice<Event> {
        read(.collection(.event))
        return site.events(year: year, month: month)
    }

    /// Every month of the timeline with its number of events, oldest first.
    func timelineMonths() -> [(year: Int, month: Int?, count: Int)] {
        read(.collection(.event))
        return site.timelineMonths()
    }

    /// The timeline chart of every event, drawn once per build: its lanes are the actors.
    var timelineChart: String? {
        read(.collection(.actor))
        read(.collection(.event))
        return context.timelineChart
    }

    /// The actor network, as far as the ties of actor `id` go: its own relations, the relations to it, and its
    /// events (which make its shared-event ties). The actors at the other ends are read when their names are shown.
    func network(around id: String) -> ActorNetwork {
        read(.item(ItemRef(.actor, id)))
        read(.index(.relationsTo, id))
        read(.index(.eventsByActor, id))
        for event in site.eventsByActor[id] ?? [] { read(.item(ItemRef(.event, event))) }
        return context.network
    }

    /// The page of its month's timeline that shows event `id`.
    func timelinePage(of id: String) -> Listing? {
        read(.timelinePage(id))
        return site.timelinePage(of: id)
    }

    func index(_ index: ModelIndex, _ id: String) -> [String] {
        read(.index(index, id))
        return switch index {
        case .eventsByActor: site.eventsByActor[id] ?? []
        case .eventsByTopic: site.eventsByTopic[id] ?? []
        case .members: site.members[id] ?? []
        case .briefsByActor: site.briefsByActor[id] ?? []
        case .briefsByTopic: site.briefsByTopic[id] ?? []
        case .sourcesMentioning: site.sourcesMentioning[id] ?? []
        case .stancesByActor, .relationsTo: preconditionFailure("read these through stances(of:) and relations(to:)")
        }
    }

    /// Whether an item exists.
    func contains(_ ref: ItemRef) -> Bool { read(.item(ref)); return site.contains(ref) }
    /// The editions and what changed in each: the whole build works it out from everything, so a page that shows
    /// it is made again on every build.
    var changes: ChangeLog { read(.wholeBuild); return context.changes }

    /// The actor network as a whole and the home page's pictures of it and of the stance matrix, which the whole
    /// build works out from everything (`changes` says what that means for the page).
    var wholeNetwork: ActorNetwork { read(.wholeBuild); return context.network }
    var homeNetwork: String? { read(.wholeBuild); return context.homeNetwork }
    var matrixChart: String? { read(.wholeBuild); return context.matrixChart }

    /// The search index's files: made from every item of every kind, so a page naming them reads them all.
    var searchShards: [String] {
        for kind in ItemKind.allCases { read(.collection(kind)) }
        return context.searchShards
    }

    func stances(of actor: String) -> [StanceRef] { read(.index(.stancesByActor, actor)); return site.stancesByActor[actor] ?? [] }
    func relations(to actor: String) -> [RelationRef] { read(.index(.relationsTo, actor)); return site.relationsTo[actor] ?? [] }
}

extension SiteModel {
    /// Whether every item has the same id and title in both models, in the same order: what `[[id]]` links show.
    func sameTitles(as other: SiteModel) -> Bool {
        actors.elementsEqual(other.actors) { $0.id == $1.id && $0.name == $1.name }
            && events.elementsEqual(other.events) { $0.id == $1.id && $0.title == $1.title }
            && topics.elementsEqual(other.topics) { $0.id == $1.id && $0.title == $1.title }
            && briefs.elementsEqual(other.briefs) { $0.id == $1.id && $0.title == $1.title }
            && sources.elementsEqual(other.sources) { $0.id == $1.id && $0.title == $1.title }
    }

    /// Whether `key` reads the same in both models: an unchanged key cannot change a page that read it.
    func same(_ key: ModelKey, as other: SiteModel) -> Bool {
        switch key {
        case .config:
            return config == other.config
        case .wholeBuild:
            return false
        case .collection(let kind):
            // A page that reads a whole collection may show any field of any item in it.
            switch kind {
            case .actor: return actors == other.actors
            case .event: return events == other.events
            case .topic: return topics == other.topics
            case .brief: return briefs == other.briefs
            case .source: return sources == other.sources
            }
        case .item(let ref):
            let sameItem: Bool = switch ref.kind {
            case .actor: actor(ref.id) == other.actor(ref.id)
            case .event: event(ref.id) == other.event(ref.id)
            case .topic: topic(ref.id) == other.topic(ref.id)
            case .brief: brief(ref.id) == other.brief(ref.id)
            case .source: source(ref.id) == other.source(ref.id)
            }
            return sameItem && documents[ref] == other.documents[ref] && linkTargets[ref] == other.linkTargets[ref]
        case .timelinePage(let id):
            return timelinePage(of: id) == other.timelinePage(of: id)
        case .passages(let id):
            return passages[id] == other.passages[id] && sourceTexts[id]?.text == other.sourceTexts[id]?.text
        case .citations(let id):
            return citations[id] == other.citations[id]
        case .index(let index, let id):
            switch index {
            case .eventsByActor: return eventsByActor[id] == other.eventsByActor[id]
            case .eventsByTopic: return eventsByTopic[id] == other.eventsByTopic[id]
            case .members: return members[id] == other.members[id]
            case .briefsByActor: return briefsByActor[id] == other.briefsByActor[id]
            case .briefsByTopic: return briefsByTopic[id] == other.briefsByTopic[id]
            case .sourcesMentioning: return sourcesMentioning[id] == other.sourcesMentioning[id]
            case .stancesByActor: return stancesByActor[id] == other.stancesByActor[id]
            case .relationsTo: return relationsTo[id] == other.relationsTo[id]
            }
        }
    }
}
