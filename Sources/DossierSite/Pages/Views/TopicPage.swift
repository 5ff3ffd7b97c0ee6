import DossierModel
import DossierTemplates

/// What a topic's page shows: its question, who stands where now, each actor's history, and its events and briefs.
struct TopicPage: TemplateRepresentable, Sendable {
    let id: String
    let title: String
    let question: String?
    /// The latest stances, grouped by position.
    let groups: [PositionGroup]
    /// Each actor's stances over time, with its strip chart.
    let histories: [StanceHistory]
    /// The newest of its events and briefs, with links to all of them when there are more.
    let events: [EventSummary]
    let briefs: [SharedView<BriefSummary>]
    let eventsMore: MoreLink?
    let briefsMore: MoreLink?
    let body: HTMLText?
    /// The topic's own Atom feed.
    let feedURL: String
    /// The topic's other fields from its table.
    let fields: TableFields<Topic>

    var templateValue: TemplateValue {
        .object(fields.merged(into: [
            "id": .string(id), "title": .string(title), "question": question.templateValue, "groups": groups.templateValue,
            "events_more": eventsMore.templateValue, "briefs_more": briefsMore.templateValue,
            "histories": histories.templateValue, "events": events.templateValue, "briefs": briefs.templateValue,
            "body": body.templateValue, "feed_url": .string(feedURL)]).withListFlags())
    }
}

/// The actors who hold one position on a topic now, with their stances.
struct PositionGroup: TemplateRepresentable, Sendable {
    let position: Stance.Position
    let stances: [ActorStanceView]

    var templateValue: TemplateValue {
        ["position": .string(position.rawValue), "label": .string(position.label), "stances": stances.templateValue]
    }
}

/// One actor's stances on a topic over time, drawn as a strip and listed with anchors the strip links to.
struct StanceHistory: TemplateRepresentable, Sendable {
    let actor: SharedView<ActorLink>?
    let stances: [AnchoredStanceView]
    /// Whether the history holds more than one position.
    let changed: Bool
    let strip: HTMLText?

    var templateValue: TemplateValue {
        ["actor": actor.templateValue, "stances": stances.templateValue, "changed": .bool(changed), "strip": strip.templateValue]
    }
}
