import DossierModel
import DossierTemplates

/// What an actor's page shows: who it is, its ties, stances and quotes, and the events, briefs and sources naming it.
struct ActorPage: TemplateRepresentable, Sendable {
    let id: String
    let name: String
    let kind: Actor.Kind
    let role: String?
    let aliases: [String]
    let sameAs: [String]
    /// The actor's neighbourhood in the network, drawn; `ties` says the same in words.
    let neighbourhoodSVG: HTMLText?
    let ties: [TieView]
    /// The actor's own Atom feed.
    let feedURL: String
    let affiliations: [SharedView<ActorLink>?]
    /// The actors that name this one among their affiliations.
    let members: [SharedView<ActorLink>?]
    /// Its relations to others, and others' relations to it.
    let relations: [RelationView]
    let relatedFrom: [RelationView]
    /// Its stances, by topic in order of first stance.
    let stances: [TopicStances]
    let quotes: [QuoteView]
    /// The newest of its events and briefs, with links to all of them when there are more.
    let events: [EventSummary]
    let briefs: [SharedView<BriefSummary>]
    let eventsMore: MoreLink?
    let briefsMore: MoreLink?
    /// The sources that mention it.
    let sources: [ItemLink]
    let body: HTMLText?
    /// The actor's other fields from its table.
    let fields: TableFields<Actor>

    var templateValue: TemplateValue {
        .object(fields.merged(into: [
            "neighbourhood_svg": neighbourhoodSVG.templateValue, "ties": ties.templateValue, "feed_url": .string(feedURL),
            "id": .string(id), "name": .string(name), "kind": .string(kind.rawValue), "kind_label": .string(kind.label),
            "role": role.templateValue, "aliases": aliases.templateValue, "same_as": sameAs.templateValue,
            "affiliations": affiliations.templateValue, "members": members.templateValue,
            "relations": relations.templateValue, "related_from": relatedFrom.templateValue,
            "has_relations": .bool(!relations.isEmpty || !relatedFrom.isEmpty),
            "stances": stances.templateValue, "quotes": quotes.templateValue, "events": events.templateValue,
            "briefs": briefs.templateValue, "sources": sources.templateValue, "body": body.templateValue,
            "events_more": eventsMore.templateValue, "briefs_more": briefsMore.templateValue,
        ]).withListFlags())
    }
}

/// An actor's stances on one topic: the latest, the whole history, and whether its position changed.
struct TopicStances: TemplateRepresentable, Sendable {
    let topic: SharedView<TopicLink>?
    let latest: StanceView
    let history: [StanceView]
    /// Whether the history holds more than one position.
    let changed: Bool

    var templateValue: TemplateValue {
        ["topic": topic.templateValue, "latest": latest.templateValue, "history": history.templateValue, "changed": .bool(changed)]
    }
}
